/**
 * A third reader: Debian's python3-pydicom walks our golden SR as a foreign system would (walkSr.py knows only
 * PS3.16 concepts and our documented LESUID row) and what it finds is compared with the case file: every lesion
 * at every timepoint, its label, lesion UID and per-timepoint tracking UID, values with units, the images of its
 * drawn lines, and the Image Library listing exactly those images.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Lesion } from '../../../extensions/mrecist/src/core/criteria/types';
import { observationTrackingUid } from '../../../extensions/mrecist/src/core/sr/LesionMeasurementGroup';
import { GOLDEN_SR, goldenRequest } from '../../../scripts/sr/goldenSr';

interface Walked {
  studyId: string;
  studyTime: string;
  studyDate: string;
  groups: { container: string; trackingId: string; trackingUid: string; lesionUid: string | null; timePoint: string | null; values: { concept: string; value: number | null; unit: string | null }[]; images: string[] }[];
  imageLibrary: string[];
}

const PYTHON = '/usr/bin/python3';

function walk(file: string): Walked {
  const r = spawnSync(PYTHON, [path.join(__dirname, 'python', 'walkSr.py'), file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`walkSr.py failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const CONCEPTS: Record<string, string> = { longAxisMm: '103339001', shortAxisMm: '103340004', viableLongAxisMm: 'VIABLELA', viablePerpendicularMm: 'VIABLEPD' };

describe('pydicom walks our SR', () => {
  const caseFile = goldenRequest().caseFile;
  const walked = walk(GOLDEN_SR);
  const lesionGroups = walked.groups.filter((g) => g.lesionUid !== null);

  it('finds the study identification the SR carries', () => {
    expect(walked).toMatchObject({ studyId: 'M6', studyTime: '090000', studyDate: '20191104' });
  });

  it.each(caseFile.lesions.map((l) => [l.id, l] as [string, Lesion]))('finds lesion %s at each of its timepoints with its UIDs', (_id, lesion) => {
    const records = lesion.role === 'target' ? lesion.measurements : lesion.role === 'nonTarget' ? lesion.status : lesion.assessments;
    const mine = lesionGroups.filter((g) => g.lesionUid === lesion.trackingUid);
    expect(mine.every((g) => g.trackingId === lesion.id)).toBe(true);
    expect(mine.filter((g) => g.timePoint !== null).map((g) => g.timePoint).sort()).toEqual(Object.keys(records).sort());
    for (const g of mine) expect(g.trackingUid).toBe(g.timePoint === null ? lesion.trackingUid : observationTrackingUid(lesion.trackingUid!, g.timePoint));
  });

  it('reads every target value with its unit, and the images of its drawn lines', () => {
    const library = new Set<string>();
    for (const lesion of caseFile.lesions) {
      if (lesion.role !== 'target') continue;
      for (const [tp, m] of Object.entries(lesion.measurements)) {
        const g = lesionGroups.find((x) => x.lesionUid === lesion.trackingUid && x.timePoint === tp)!;
        if ('notEvaluable' in m) {
          expect(g.values).toEqual([{ concept: '103339001', value: null, unit: null }]);
          continue;
        }
        const expected = Object.entries(CONCEPTS)
          .filter(([field]) => m[field as keyof typeof m] !== undefined)
          .map(([field, concept]) => ({ concept, value: m[field as keyof typeof m] as number, unit: 'mm' }));
        expect(g.values).toEqual(expected);
        const images = Object.values(m.graphics ?? {}).map((gr) => gr!.referencedSopInstanceUid);
        expect(g.images).toEqual(images);
        images.forEach((i) => library.add(i));
        // Groups with drawn lines are the ones under Imaging Measurements.
        expect(g.container).toBe(images.length > 0 ? '126010' : 'C0034375');
      }
    }
    for (const lesion of caseFile.lesions)
      if (lesion.role === 'new') for (const a of Object.values(lesion.assessments)) for (const gr of Object.values(a.graphics ?? {})) library.add(gr!.referencedSopInstanceUid);
    expect(new Set(walked.imageLibrary)).toEqual(library);
  });
});
