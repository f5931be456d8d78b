/** SDTM TU/TR/RS of the P12 fixture: the variables of response-criteria.md section 9, one row per record. */
import { readFileSync } from 'node:fs';
import { parseCaseFile } from '../../../extensions/mrecist/src/core/criteria/parseCaseFile';
import { responsesFor, type ExportInput } from '../../../extensions/mrecist/src/core/export/exportInput';
import { exportRs } from '../../../extensions/mrecist/src/core/export/sdtm/rs';
import { sdtmContext } from '../../../extensions/mrecist/src/core/export/sdtm/sdtmContext';
import { exportTr } from '../../../extensions/mrecist/src/core/export/sdtm/tr';
import { exportTu } from '../../../extensions/mrecist/src/core/export/sdtm/tu';
import { exportCsv } from '../../../extensions/mrecist/src/core/export/csv';
import { GOLDEN_CASE } from '../../../scripts/sr/goldenSr';
import { parseCsv, parseCsvObjects } from './rfc4180';

const caseFile = parseCaseFile(JSON.parse(readFileSync(GOLDEN_CASE, 'utf8')), 'P12.case.json');
const input: ExportInput = { caseFile, responses: responsesFor(caseFile, ['mrecist', 'recist1.1', 'easl']), accepted: true, method: 'MRI' };
const ctx = sdtmContext(input, 'HCC-I125');
const tu = exportTu(input, ctx);
const tr = exportTr(input, ctx);
const rs = exportRs(input, ctx);

/** Variables named in response-criteria.md section 9 (plus the SDTM identifiers every domain has). */
const SECTION_9 = {
  tu: ['STUDYID', 'DOMAIN', 'USUBJID', 'TUSEQ', 'TULNKID', 'TUTESTCD', 'TUORRES', 'TUSTRESC', 'TULOC', 'TUMETHOD', 'TUEVAL', 'TUEVALID', 'TUACPTFL', 'VISITNUM', 'TUDTC'],
  tr: ['STUDYID', 'DOMAIN', 'USUBJID', 'TRSEQ', 'TRLNKID', 'TRLNKGRP', 'TRGRPID', 'TRTESTCD', 'TRORRES', 'TRORRESU', 'TRSTRESN', 'TRSTAT', 'TRREASND', 'TRMETHOD', 'TREVAL', 'TREVALID', 'TRACPTFL', 'TRDTC'],
  rs: ['STUDYID', 'DOMAIN', 'USUBJID', 'RSSEQ', 'RSLNKGRP', 'RSTESTCD', 'RSCAT', 'RSORRES', 'RSSTRESC', 'RSSTAT', 'RSREASND', 'RSEVAL', 'RSEVALID', 'RSACPTFL', 'RSDTC'],
};

describe('SDTM export', () => {
  it.each([
    ['tu', tu],
    ['tr', tr],
    ['rs', rs],
  ] as const)('%s has the section 9 variables as headers and rectangular rows', (domain, text) => {
    const [header, ...rows] = parseCsv(text);
    for (const v of SECTION_9[domain]) expect(header).toContain(v);
    for (const r of rows) expect(r).toHaveLength(header.length);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('TU: one row per lesion, linked T01 / NT01 / NEW01, identified at baseline or first appearance', () => {
    const rows = parseCsvObjects(tu);
    expect(rows.map((r) => [r.TULNKID, r.TUSPID, r.TUORRES, r.VISITNUM, r.TUDTC, r.TUSEQ])).toEqual([
      ['T01', 'T1', 'TARGET', '1', '2019-05-02', '1'],
      ['NT01', 'NT1', 'NON-TARGET', '1', '2019-05-02', '2'],
      ['NEW01', 'N1', 'NEW', '4', '2019-09-02', '3'],
    ]);
    expect(new Set(rows.map((r) => `${r.USUBJID}|${r.TUEVALID}|${r.TUACPTFL}|${r.TUMETHOD}`))).toEqual(new Set(['HCC-I125-P12|READER 1|Y|MRI']));
  });

  it('TR: one row per measurement record; counts by hand per criterion', () => {
    const rows = parseCsvObjects(tr);
    // Per criterion: BL 3 (T1, NT1, SUMDIAM), M1 3, M2 3, M4 5 (+N1 state and diameter), M6 5 = 19, plus the
    // two percent changes (from baseline, from nadir) at each of the 4 follow-ups = 27; EASL adds LPERP for T1 at
    // each of the 5 visits.
    const count = (g: string) => rows.filter((r) => r.TRGRPID === g).length;
    expect([count('MRECIST'), count('RECIST11'), count('EASL')]).toEqual([27, 27, 32]);
    expect(rows.map((r) => r.TRSEQ)).toEqual(rows.map((_, i) => String(i + 1)));
    const visitNum: Record<string, string> = { BL: '1', M1: '2', M2: '3', M4: '4', M6: '5' };
    const find = (g: string, visit: string, code: string, link = '') =>
      rows.filter((r) => r.TRGRPID === g && r.VISITNUM === visitNum[visit] && r.TRTESTCD === code && r.TRLNKID === link);
    expect(find('MRECIST', 'M1', 'LDIAM', 'T01').map((r) => [r.TRORRES, r.TRORRESU, r.TRSTRESN])).toEqual([['25', 'mm', '25']]);
    expect(find('RECIST11', 'M1', 'LDIAM', 'T01').map((r) => r.TRSTRESN)).toEqual(['39']);
    // The baseline sum, the reference of every percent change: viable 38 mm under mRECIST.
    expect(find('MRECIST', 'BL', 'SUMDIAM').map((r) => [r.TRSTRESN, r.TRORRESU])).toEqual([['38', 'mm']]);
    // EASL sum of products at M1: 25 mm x 20 mm = 500 mm2.
    expect(find('EASL', 'M1', 'SUMPDIAM').map((r) => [r.TRSTRESN, r.TRORRESU])).toEqual([['500', 'mm2']]);
    expect(find('MRECIST', 'M2', 'LDIAM', 'T01').map((r) => [r.TRORRES, r.TRSTAT, r.TRREASND])).toEqual([['', 'NOT DONE', 'NO ARTERIAL PHASE']]);
    expect(find('MRECIST', 'M2', 'TUMSTATE', 'NT01').map((r) => [r.TRSTAT, r.TRREASND])).toEqual([['NOT DONE', 'NOT EVALUATED']]);
    expect(find('MRECIST', 'M6', 'TUMSTATE', 'NT01').map((r) => r.TRORRES)).toEqual(['ABSENT']);
    expect(find('MRECIST', 'M4', 'LDIAM', 'NEW01').map((r) => r.TRSTRESN)).toEqual(['8']);
  });

  it('RS: four or five results per criterion and visit, BESTRESP per criterion, each criterion its own RSCAT; links match TR', () => {
    const rows = parseCsvObjects(rs);
    // Per criterion: 4 visits x (TRGRESP, NTRGRESP, NEWLIND, OVRLRESP), NEWLPROG at M4 and M6 (new lesion), BESTRESP.
    expect(rows).toHaveLength(3 * (4 * 4 + 2 + 1));
    expect(new Set(rows.map((r) => r.RSCAT))).toEqual(new Set(['MRECIST', 'RECIST 1.1', 'EASL']));
    const m1 = rows.filter((r) => r.RSCAT === 'MRECIST' && r.VISITNUM === '2').map((r) => [r.RSTESTCD, r.RSORRES, r.RSSTRESC]);
    // Hand check: viable 38 -> 25 mm (-34.2%, PR), portal vein present (IR/SD), no new lesion: PR.
    expect(m1).toEqual([
      ['TRGRESP', 'PR', 'PR'],
      ['NTRGRESP', 'IR/SD', 'NON-CR/NON-PD'],
      ['NEWLIND', 'N', 'N'],
      ['OVRLRESP', 'PR', 'PR'],
    ]);
    expect(rows.filter((r) => r.RSCAT === 'RECIST 1.1' && r.RSTESTCD === 'NTRGRESP' && r.VISITNUM === '2').map((r) => r.RSORRES)).toEqual(['NonCR/NonPD']);
    expect(rows.filter((r) => r.RSCAT === 'MRECIST' && r.VISITNUM === '4' && r.RSTESTCD === 'NEWLIND').map((r) => r.RSORRES)).toEqual(['Y']);
    expect(rows.filter((r) => r.RSCAT === 'MRECIST' && r.RSTESTCD === 'BESTRESP').map((r) => r.RSORRES)).toEqual(['CR']);
    const trGroups = new Set(parseCsvObjects(tr).map((r) => r.TRLNKGRP));
    for (const g of new Set(rows.map((r) => r.RSLNKGRP).filter(Boolean))) expect(trGroups).toContain(g);
  });

  it('rejects a STUDYID that is not a plain code', () => {
    expect(() => sdtmContext(input, 'HCC I125')).toThrow('--study-id: value: STUDYID must be 1-40 letters, digits, "_" or "-", got "HCC I125"');
  });

  it('CSV: one row per lesion per timepoint, plus response and best-response rows', () => {
    const rows = parseCsvObjects(exportCsv(input));
    // Lesion rows: T1 5 + NT1 5 + N1 2 = 12; responses 3 criteria x 4 visits = 12; best 3.
    expect(rows.filter((r) => r.recordType === 'lesion')).toHaveLength(12);
    expect(rows.filter((r) => r.recordType === 'response')).toHaveLength(12);
    expect(rows.filter((r) => r.recordType === 'best').map((r) => `${r.criteria}:${r.bestOverallResponse}`)).toContain('mrecist:CR');
    const m2 = rows.find((r) => r.lesionId === 'T1' && r.timepoint === 'M2');
    expect([m2?.notEvaluable, m2?.reason]).toEqual(['true', 'no arterial phase']);
  });
});
