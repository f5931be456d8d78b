/**
 * What issue 10 adds to the SR: each measurement's series and contrast phase (with the reader's reason for a
 * viable value kept off the arterial phase), and LI-RADS TR features and category per lesion and timepoint.
 * case file -> SR -> case file gives these fields back; dciodvfy finds no error; broken items are refused.
 */
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assess } from '../../../extensions/mrecist/src/core/criteria/assess';
import { parseCaseFile } from '../../../extensions/mrecist/src/core/criteria/parseCaseFile';
import type { CaseFile, Lesion } from '../../../extensions/mrecist/src/core/criteria/types';
import { uidFromName } from '../../../extensions/mrecist/src/core/dicom/uid';
import { encodeDicom } from '../../../extensions/mrecist/src/core/dicom/DicomDataset';
import { CONTRAST_PHASES } from '../../../extensions/mrecist/src/core/phase/ContrastPhase';
import { readSr, recordedResponse, writeSr } from '../../../extensions/mrecist/src/core/sr/srFromCaseFile';
import { GOLDEN_CASE } from '../../../scripts/sr/goldenSr';
import { caseFileArb } from './caseFileArbitrary';
import { dciodvfy, dsrdump, writeTemp } from './dicomTools';

const document = { contentDate: '20200101', contentTime: '120000' };
const newUid = (purpose: string) => uidFromName(`test ${purpose}`);
const write = (caseFile: CaseFile) => writeSr({ caseFile, criteria: [caseFile.criteria], document, newUid, file: 'case.json' });

function expected(caseFile: CaseFile): CaseFile {
  return {
    ...caseFile,
    lesions: caseFile.lesions.map((l) => ({ ...l, trackingUid: l.trackingUid ?? newUid(`lesion ${l.id}`) }) as Lesion),
    recordedResponses: { [caseFile.criteria]: recordedResponse(assess(caseFile, caseFile.criteria)) },
  };
}

/** The golden patient P12 with phases on T1's measurements and LI-RADS TR features on T1 and NT1. */
function phasedCase(): CaseFile {
  const raw = JSON.parse(readFileSync(GOLDEN_CASE, 'utf8'));
  const t1 = raw.lesions.find((l: { id: string }) => l.id === 'T1');
  Object.assign(t1.measurements.BL, { seriesInstanceUid: '2.25.41', phase: 'arterial' });
  Object.assign(t1.measurements.M1, {
    seriesInstanceUid: '2.25.42',
    phase: 'portalVenous',
    phaseConfirmedReason: 'arterial series degraded by motion; margin clear on "PV 70s"',
  });
  Object.assign(t1.measurements.M4, { phase: 'unknown' });
  t1.liradsTr = {
    M1: { massLike: true, arterialPhaseHyperenhancement: true, newOrGrowing: false, priorPostTreatmentStudy: false, nodularThicknessMm: 4.5, note: 'rim along the seeds' },
    M2: { evaluable: false, note: 'lipiodol hides enhancement' },
    M4: { track: 'nonRadiation', massLike: true, washout: true, diffusionRestriction: true, t2Hyperintensity: false },
    M6: { massLike: false, enhancementAnyPhase: false, atypicalEnhancement: false, enhancementLikePretreatment: false, priorPostTreatmentStudy: true },
  };
  const nt1 = raw.lesions.find((l: { id: string }) => l.id === 'NT1');
  nt1.liradsTr = { M1: { massLike: true, arterialPhaseHyperenhancement: true } };
  return parseCaseFile(raw, 'phased.case.json');
}

describe('SR: contrast phase of measurements and LI-RADS TR', () => {
  const phased = phasedCase();

  it('round trip restores series, phase, reason and LI-RADS TR features exactly, and gives the categories', () => {
    const read = readSr(write(phased).bytes, 'sr.dcm');
    expect(read.ours).toBe(true);
    expect(read.caseFile).toEqual(expected(phased));
    const t1 = read.caseFile.lesions.find((l) => l.id === 'T1');
    expect(t1?.role === 'target' && t1.measurements.M1).toMatchObject({
      seriesInstanceUid: '2.25.42',
      phase: 'portalVenous',
      phaseConfirmedReason: 'arterial series degraded by motion; margin clear on "PV 70s"',
    });
    expect(t1?.role === 'target' && t1.measurements.M6).not.toHaveProperty('phase');
    // Hand-derived from the rules: seeds are the radiation track; M1 has no prior post-treatment study.
    expect(read.liradsTr).toEqual([
      { lesionId: 'T1', timepointId: 'M1', category: 'LR-TR Equivocal' },
      { lesionId: 'T1', timepointId: 'M2', category: 'LR-TR Nonevaluable' },
      { lesionId: 'T1', timepointId: 'M4', category: 'LR-TR Viable' },
      { lesionId: 'T1', timepointId: 'M6', category: 'LR-TR Nonviable' },
      { lesionId: 'NT1', timepointId: 'M1', category: 'LR-TR Viable' },
    ]);
  });

  it('a report without phases or LI-RADS TR has none of the new items and no liradsTr on reading', () => {
    const plain = parseCaseFile(JSON.parse(readFileSync(GOLDEN_CASE, 'utf8')), 'P12.case.json');
    const { dataset, bytes } = write(plain);
    const text = JSON.stringify(dataset);
    for (const value of ['109058', '112002', 'PHASEOK', 'LRTR']) expect(text).not.toContain(`"${value}"`);
    expect(readSr(bytes, 'sr.dcm').liradsTr).toBeUndefined();
  });

  it('dciodvfy finds no error; dsrdump shows the phase beside the measurement and the LR-TR evaluation', () => {
    const file = writeTemp(write(phased).bytes);
    const lines = dciodvfy(file);
    expect(lines).toContain('ComprehensiveSR');
    expect(lines.filter((l) => /error/i.test(l))).toEqual([]);
    const out = dsrdump(file);
    expect(out).toContain('<has acq context CODE:(,,"Contrast Phase")=(PHPORTAL,99MRECIST,"Portal venous phase")>');
    expect(out).toContain('<has acq context UIDREF:(,,"Series Instance UID")="2.25.42">');
    // The same phase as acquisition context of the image T1's viable diameter was drawn on (deeper indent).
    expect(out).toMatch(/<selected from IMAGE:[^\n]*\n\s+<has acq context CODE:\(,,"Contrast Phase"\)=\(PHART,99MRECIST,"Arterial phase"\)>/);
    expect(out).toContain('<contains CONTAINER:(,,"LI-RADS CT/MRI Treatment Response")=SEPARATE>');
    expect(out).toContain('<contains CODE:(,,"LI-RADS Treatment Response category")=(LRTREQ,99MRECIST,"LR-TR Equivocal")>');
  });

  it('keeps generated cases with phases on every measured value (property)', () => {
    fc.assert(
      fc.property(caseFileArb, fc.nat(1000), (generated, seed) => {
        let k = seed;
        for (const l of generated.lesions as Record<string, any>[]) {
          if (l.role !== 'target') continue;
          for (const m of Object.values(l.measurements) as Record<string, unknown>[]) {
            if (m.notEvaluable) continue;
            k += 1;
            if (k % 4 === 0) continue;
            m.phase = CONTRAST_PHASES[k % CONTRAST_PHASES.length];
            if (k % 2 === 0) m.seriesInstanceUid = `2.25.5${k}`;
            if (k % 3 === 0) m.phaseConfirmedReason = `reason ${k}, Zürich`;
          }
        }
        const caseFile = parseCaseFile(generated, 'generated.json');
        expect(readSr(write(caseFile).bytes, 'sr.dcm').caseFile).toEqual(expected(caseFile));
      }),
      { numRuns: 15 },
    );
  });

  describe('refuses a broken report in one line naming the item', () => {
    const edit = (mutate: (json: string) => string) => {
      const { dataset } = write(phased);
      return () => readSr(encodeDicom(JSON.parse(mutate(JSON.stringify(dataset)))), 'edited.dcm');
    };

    it('an LR-TR category that its features do not give', () => {
      const read = edit((j) => j.replace('"CodeValue":"LRTREQ","CodingSchemeDesignator":"99MRECIST","CodeMeaning":"LR-TR Equivocal"', '"CodeValue":"LRTRV","CodingSchemeDesignator":"99MRECIST","CodeMeaning":"LR-TR Viable"'));
      expect(read).toThrow(/edited\.dcm: .*"T1" at "M1".*LR-TR Viable disagrees with its features, which give LR-TR Equivocal/);
    });

    it('an unknown contrast phase code', () => {
      const read = edit((j) => j.replace('"CodeValue":"PHART"', '"CodeValue":"PHLATE"'));
      expect(read).toThrow(/edited\.dcm: .*Contrast Phase \(109058\).*unexpected value/);
    });

    it('an image whose phase disagrees with its measurement', () => {
      // T1's baseline viable diameter comes first in the tree, its image row before the group's row.
      const read = edit((j) => j.replace('"CodeValue":"PHART","CodingSchemeDesignator":"99MRECIST","CodeMeaning":"Arterial phase"', '"CodeValue":"PHDELAY","CodingSchemeDesignator":"99MRECIST","CodeMeaning":"Delayed phase"'));
      expect(read).toThrow(/edited\.dcm: .*"T1" Viable tumour long axis \(VIABLELA\) image Contrast Phase \(109058\).*delayed disagrees with the measurement's phase arterial/);
    });

    it('an LR-TR evaluation of a lesion the report does not hold', () => {
      // The last "NT1" in the dataset is the Tracking Identifier of NT1's LR-TR evaluation, written last.
      const read = edit((j) => {
        const at = j.lastIndexOf('"TextValue":"NT1"');
        return `${j.slice(0, at)}"TextValue":"NT9"${j.slice(at + '"TextValue":"NT1"'.length)}`;
      });
      expect(read).toThrow(/edited\.dcm: .*"NT9" at "M1".*no lesion "NT9" with Tracking Unique Identifier/);
    });

    it('a series UID that is not a UID', () => {
      const read = edit((j) => j.replace('"UID":"2.25.42"', '"UID":"2.25.x"'));
      expect(read).toThrow(/edited\.dcm: .*Series Instance UID \(112002\).*not a UID/);
    });
  });

  it('CLI: sr-write then sr-read --json gives the phases and LI-RADS TR back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mrecist-phase-'));
    const root = join(__dirname, '../../..');
    const run = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/mrecist.js'), ...args], { cwd: root, encoding: 'utf8' });
    const casePath = join(dir, 'phased.json');
    writeFileSync(casePath, JSON.stringify(phased));
    const sr = join(dir, 'phased.dcm');
    const w = run('sr-write', casePath, '--out', sr);
    expect(w.stderr).toBe('');
    expect(w.status).toBe(0);
    const r = run('sr-read', sr, '--json');
    expect(r.status).toBe(0);
    const read = JSON.parse(r.stdout);
    const byId = (c: { lesions: { id: string }[] }, id: string) => c.lesions.find((l) => l.id === id) as any;
    expect(byId(read, 'T1').measurements).toEqual(byId(phased, 'T1').measurements);
    expect(byId(read, 'T1').liradsTr).toEqual(byId(phased, 'T1').liradsTr);
    expect(byId(read, 'NT1').liradsTr).toEqual(byId(phased, 'NT1').liradsTr);
    // The read is a case file assess accepts: the same LI-RADS TR categories as from the original.
    const readPath = join(dir, 'read.json');
    writeFileSync(readPath, r.stdout);
    const fromRead = run('assess', readPath, '--criteria', 'lirads-tr', '--json');
    expect(fromRead.status).toBe(0);
    expect(fromRead.stdout).toContain('LR-TR Equivocal');
    expect(fromRead.stdout).toBe(run('assess', casePath, '--criteria', 'lirads-tr', '--json').stdout);
  }, 60_000);
});
