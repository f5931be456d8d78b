/**
 * SDTM values against CDISC SDTMIG 3.3/3.4 oncology conventions (TU/TR/RS) and CDISC Controlled Terminology:
 * node targets LPERP under RECIST 1.1, node non-targets LNSTATE, NEWLPROG EQUIVOCAL/UNEQUIVOCAL, EASL's product
 * sum under its own test code, PCBSD/PCNSD, controlled TULOC and TUMETHOD, VISIT/VISITNUM/EPOCH from a visit
 * schedule, --DY from the reference date, RSLNKGRP only where it links, SUPPTU/SUPPTR.
 */
import { readFileSync } from 'node:fs';
import { parseCaseFile } from '../../../extensions/mrecist/src/core/criteria/parseCaseFile';
import { responsesFor, type ExportInput } from '../../../extensions/mrecist/src/core/export/exportInput';
import { rsRows } from '../../../extensions/mrecist/src/core/export/sdtm/rs';
import { sdtmContext } from '../../../extensions/mrecist/src/core/export/sdtm/sdtmContext';
import { suppTrRows, suppTuRows } from '../../../extensions/mrecist/src/core/export/sdtm/supp';
import { trRows } from '../../../extensions/mrecist/src/core/export/sdtm/tr';
import { tuRows } from '../../../extensions/mrecist/src/core/export/sdtm/tu';
import { parseVisitSchedule, scheduleFor, studyDay } from '../../../extensions/mrecist/src/core/export/sdtm/visitSchedule';
import { GOLDEN_CASE } from '../../../scripts/sr/goldenSr';

const p12 = parseCaseFile(JSON.parse(readFileSync(GOLDEN_CASE, 'utf8')), 'P12.case.json');

/** A RECIST 1.1 read with a liver target, a nodal target (short axis 18 -> 12 mm) and a nodal non-target. */
const nodal = parseCaseFile(
  {
    patientId: 'P90',
    criteria: 'recist1.1',
    timepoints: [
      { id: 'BL', date: '2020-01-10', baseline: true },
      { id: 'W8', date: '2020-03-06' },
    ],
    lesions: [
      { id: 'T1', role: 'target', site: 'liver S6', measurements: { BL: { longAxisMm: 40, phase: 'arterial' }, W8: { longAxisMm: 30, phase: 'portalVenous' } } },
      { id: 'T2', role: 'target', site: 'porta hepatis node', node: true, measurements: { BL: { longAxisMm: 25, shortAxisMm: 18 }, W8: { longAxisMm: 20, shortAxisMm: 12 } } },
      { id: 'NT1', role: 'nonTarget', site: 'lymph node', node: true, status: { BL: 'present', W8: 'absent' } },
    ],
  },
  'P90.json',
);

function build(caseFile: typeof p12, criteria: Parameters<typeof responsesFor>[1], method = 'MRI', options = {}) {
  const input: ExportInput = { caseFile, responses: responsesFor(caseFile, criteria), method };
  const ctx = sdtmContext(input, 'HCC-I125', options);
  const tr = trRows(input, ctx);
  const tu = tuRows(input, ctx);
  return { input, ctx, tu, tr, rs: rsRows(input, ctx), supptu: suppTuRows(input, ctx), supptr: suppTrRows(input, ctx) };
}

describe('SDTM conformance: TR test codes', () => {
  const { tr } = build(nodal, ['recist1.1'], 'CT');
  const at = (visit: string, link: string) => tr.filter((r) => r.VISITNUM === (visit === 'BL' ? 1 : 2) && r.TRLNKID === link).map((r) => [r.TRTESTCD, r.TRTEST, r.TRSTRESN ?? r.TRSTRESC]);

  it('RECIST 1.1 nodal target: short axis as LPERP (Longest Perpendicular), never LDIAM', () => {
    expect(at('W8', 'T02')).toEqual([['LPERP', 'Longest Perpendicular', 12]]);
    expect(at('W8', 'T01')).toEqual([['LDIAM', 'Longest Diameter', 30]]);
  });

  it('nodal non-target: LNSTATE (Lymph Node State), not TUMSTATE', () => {
    expect(at('BL', 'NT01')).toEqual([['LNSTATE', 'Lymph Node State', 'PATHOLOGICAL']]);
    expect(at('W8', 'NT01')).toEqual([['LNSTATE', 'Lymph Node State', 'NON-PATHOLOGICAL']]);
  });

  it('percent change from baseline and from nadir at follow-ups (PCBSD, PCNSD), in %', () => {
    const w8 = tr.filter((r) => r.VISITNUM === 2 && r.TRLNKID === undefined).map((r) => [r.TRTESTCD, r.TRTEST, r.TRSTRESN, r.TRSTRESU]);
    // Sum 40 + 18 = 58 -> 30 + 12 = 42: -27.6% from baseline, which is also the nadir.
    expect(w8).toEqual([
      ['SUMDIAM', 'Sum of Diameters', 42, 'mm'],
      ['PCBSD', 'Percent Change From Baseline in Sum of Diameters', -27.6, '%'],
      ['PCNSD', 'Percent Change From Nadir in Sum of Diameters', -27.6, '%'],
    ]);
    expect(tr.filter((r) => r.VISITNUM === 1 && /^PC/.test(String(r.TRTESTCD)))).toEqual([]);
  });

  it("EASL: the bidimensional product sum has its own test code and label, never SUMDIAM's", () => {
    const easl = build(p12, ['easl']).tr;
    expect(easl.filter((r) => r.TRTESTCD === 'SUMDIAM')).toEqual([]);
    const m1 = easl.filter((r) => r.TRDTC === '2019-06-03' && r.TRLNKID === undefined).map((r) => [r.TRTESTCD, r.TRTEST, r.TRSTRESN, r.TRSTRESU]);
    expect(m1[0]).toEqual(['SUMPDIAM', 'Sum of Products of Diameters', 500, 'mm2']);
    expect(m1.map((r) => r[0])).toEqual(['SUMPDIAM', 'PCBSPD', 'PCNSPD']);
  });
});

describe('SDTM conformance: TU', () => {
  it('TUMETHOD from CDISC METHOD terms: CT -> "CT SCAN", MRI -> "MRI"; anything else is a one-line usage error', () => {
    expect(new Set(build(p12, ['mrecist'], 'CT').tu.map((r) => r.TUMETHOD))).toEqual(new Set(['CT SCAN']));
    expect(new Set(build(p12, ['mrecist'], 'mri').tu.map((r) => r.TUMETHOD))).toEqual(new Set(['MRI']));
    expect(() => build(p12, ['mrecist'], 'PET')).toThrow('--method: value: expected CT or MRI (CDISC METHOD "CT SCAN", "MRI"), got "PET"');
  });

  it('TULOC holds a controlled LOC term; the Couinaud segment goes to SUPPTU, free text only there', () => {
    const { tu, supptu } = build(p12, ['mrecist']);
    expect(tu.map((r) => r.TULOC)).toEqual(['LIVER', 'PORTAL VEIN', 'LIVER']);
    const seg = supptu.filter((r) => r.QNAM === 'LIVSEG').map((r) => [r.IDVAR, r.IDVARVAL, r.QVAL]);
    expect(seg).toEqual([['TUSEQ', 1, 'VIII'], ['TUSEQ', 3, 'III']]);
    const odd = build(parseCaseFile({ ...JSON.parse(readFileSync(GOLDEN_CASE, 'utf8')), lesions: [{ id: 'NT9', role: 'nonTarget', site: 'omental cake', status: { BL: 'present' } }] }, 'x.json'), ['mrecist']);
    expect(odd.tu.map((r) => r.TULOC)).toEqual([undefined]);
    expect(odd.supptu.filter((r) => r.QNAM === 'TULOCTXT').map((r) => r.QVAL)).toEqual(['omental cake']);
  });
});

describe('SDTM conformance: RS', () => {
  const { rs, tr } = build(p12, ['mrecist']);
  const at = (date: string, code: string) => rs.filter((r) => r.RSDTC === date && r.RSTESTCD === code).map((r) => r.RSORRES);

  it('NEWLIND is Y/N; NEWLPROG, only where a new lesion is recorded, is EQUIVOCAL or UNEQUIVOCAL', () => {
    expect(at('2019-06-03', 'NEWLIND')).toEqual(['N']);
    expect(at('2019-06-03', 'NEWLPROG')).toEqual([]);
    // M4: an 8 mm new lesion, not typical HCC: equivocal under mRECIST; M6: 9 mm but still not unequivocal.
    expect(at('2019-09-02', 'NEWLIND')).toEqual(['Y']);
    expect(at('2019-09-02', 'NEWLPROG')).toEqual(['EQUIVOCAL']);
    expect(new Set(rs.filter((r) => r.RSTESTCD === 'NEWLPROG').map((r) => r.RSORRES))).not.toContain('N');
  });

  it('RSLNKGRP only on results derived from TR records, and every one names a TR group', () => {
    const trGroups = new Set(tr.map((r) => r.TRLNKGRP));
    for (const r of rs) {
      if (r.RSTESTCD === 'OVRLRESP' || r.RSTESTCD === 'BESTRESP' || r.RSORRES === 'N' || r.RSSTAT === 'NOT DONE') expect([r.RSTESTCD, r.RSLNKGRP]).toEqual([r.RSTESTCD, undefined]);
      else expect(trGroups).toContain(r.RSLNKGRP);
    }
    expect(at('2019-06-03', 'TRGRESP')).toEqual(['PR']);
    expect(rs.find((r) => r.RSDTC === '2019-06-03' && r.RSTESTCD === 'TRGRESP')?.RSLNKGRP).toBe('MRECIST-T-2');
  });
});

describe('SDTM conformance: visit schedule, EPOCH and study day', () => {
  const schedule = 'timepoint,VISITNUM,VISIT,EPOCH\r\nBL,10,BASELINE,SCREENING\nM1,20,WEEK 4,TREATMENT\nM2,30,WEEK 8,TREATMENT\nM4,40,WEEK 17,FOLLOW-UP\nM6,50,WEEK 26,FOLLOW-UP\n';
  const visits = scheduleFor(p12, parseVisitSchedule(schedule, 'visits.csv'), 'visits.csv');

  it('maps each timepoint to VISITNUM, VISIT and EPOCH; --DY counts from the reference date with no day 0', () => {
    const { tr, rs, tu } = build(p12, ['mrecist'], 'MRI', { visits, referenceDate: '2019-05-10' });
    expect(tu.map((r) => [r.VISITNUM, r.VISIT, r.EPOCH, r.TUDY])).toEqual([
      [10, 'BASELINE', 'SCREENING', -8],
      [10, 'BASELINE', 'SCREENING', -8],
      [40, 'WEEK 17', 'FOLLOW-UP', 116],
    ]);
    expect(new Set(tr.filter((r) => r.TRDTC === '2019-06-03').map((r) => `${r.VISITNUM}|${r.VISIT}|${r.EPOCH}|${r.TRDY}`))).toEqual(new Set(['20|WEEK 4|TREATMENT|25']));
    expect(rs.find((r) => r.RSDTC === '2019-05-02')).toBeUndefined();
    expect(studyDay('2019-05-10', '2019-05-10')).toBe(1);
    expect(studyDay('2019-05-09', '2019-05-10')).toBe(-1);
  });

  it('without a schedule: VISITNUM in timepoint order, VISIT and EPOCH empty (no case-file id as VISIT)', () => {
    const { tu } = build(p12, ['mrecist']);
    expect(tu.map((r) => [r.VISITNUM, r.VISIT, r.EPOCH, r.TUDY])).toEqual([[1, undefined, undefined, undefined], [1, undefined, undefined, undefined], [4, undefined, undefined, undefined]]);
  });

  it.each([
    ['timepoint,VISITNUM,VISIT\nBL,1,BASELINE\n', 'visits.csv: header: expected "timepoint,VISITNUM,VISIT,EPOCH"'],
    ['timepoint,VISITNUM,VISIT,EPOCH\nBL,x,BASELINE,SCREENING\n', 'visits.csv: line 2 VISITNUM: must be a positive number, got "x"'],
    ['timepoint,VISITNUM,VISIT,EPOCH\nBL,1,BASELINE,LATER\n', 'visits.csv: line 2 EPOCH: "LATER" is not a CDISC EPOCH term'],
    ['timepoint,VISITNUM,VISIT,EPOCH\nBL,1,BASELINE,SCREENING\nBL,2,WEEK 4,TREATMENT\n', 'visits.csv: line 3 timepoint: "BL" listed twice'],
  ])('a bad schedule is a one-line error naming file and field (%#)', (text, message) => {
    expect(() => parseVisitSchedule(text, 'visits.csv')).toThrow(message);
  });

  it('a timepoint missing from the schedule is named', () => {
    expect(() => scheduleFor(p12, parseVisitSchedule('timepoint,VISITNUM,VISIT,EPOCH\nBL,1,BASELINE,SCREENING\n', 'v.csv'), 'v.csv')).toThrow('v.csv: timepoint: no row for timepoint "M1"');
  });
});

describe('SDTM conformance: SUPPTU / SUPPTR', () => {
  it('arterial enhancement on the target (SUPPTU), typical HCC pattern on the new lesion (SUPPTR), phase on measurements', () => {
    const { supptu, supptr, tr } = build(p12, ['mrecist']);
    expect(supptu.filter((r) => r.QNAM === 'ARTENH').map((r) => [r.RDOMAIN, r.IDVAR, r.IDVARVAL, r.QLABEL, r.QVAL])).toEqual([['TU', 'TUSEQ', 1, 'Arterial Phase Enhancement', 'Y']]);
    const typical = supptr.filter((r) => r.QNAM === 'TYPHCC');
    expect(typical.map((r) => r.QVAL)).toEqual(['N', 'Y']);
    for (const s of typical) {
      const row = tr.find((r) => r.TRSEQ === s.IDVARVAL);
      expect([row?.TRTESTCD, row?.TRLNKID]).toEqual(['LDIAM', 'NEW01']);
    }
    const ph = build(nodal, ['recist1.1'], 'CT');
    const phases = ph.supptr.filter((r) => r.QNAM === 'PHASE').map((r) => [ph.tr.find((t) => t.TRSEQ === r.IDVARVAL)?.TRDTC, r.QVAL]);
    expect(phases).toEqual([['2020-01-10', 'ARTERIAL'], ['2020-03-06', 'PORTAL VENOUS']]);
  });
});
