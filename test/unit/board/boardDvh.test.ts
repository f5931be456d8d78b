/**
 * The GTV's DVH on the board: metrics from the dose engine and a display histogram (in-process), and `board
 * --struct --dose --planned-dose` drawing planned against post-implant into the PDF (one spawn).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gtvDvh } from '../../../extensions/mrecist/src/core/board/gtvDvh';
import { decodeDicom, encodeDicom } from '../../../extensions/mrecist/src/core/dicom/DicomDataset';
import { uidFromName } from '../../../extensions/mrecist/src/core/dicom/uid';
import type { DoseGrid } from '../../../extensions/mrecist/src/core/dose/DoseGrid';
import { readRtStruct } from '../../../extensions/mrecist/src/core/dose/rtStruct';
import { planarRoiFromContours } from '../../../extensions/mrecist/src/core/dose/rtStructPlanarRoi';
import { writeRtStruct } from '../../../extensions/mrecist/src/core/dose/rtStructWriter';
import { writeRtDose } from '../../../extensions/mrecist/src/core/dose/writeRtDose';
import type { Vec3 } from '../../../extensions/mrecist/src/core/geometry/vec3';
import { structContext } from '../dose-geometry/structContext';
import { cubeDoseGrid } from '../dose-geometry/cubeDoseGrid';
import { pdfToText, runMrecist } from './cli';
import { REFERENCE_STUDY_DIR } from './referenceStudy';

const FOR = structContext.frameOfReferenceUid;

/** A 20 mm cube GTV at [0, 20]³ as ten closed planar contours. */
function cubeStruct(): Uint8Array {
  const contours = Array.from({ length: 10 }, (_, k) => ({
    geometricType: 'CLOSED_PLANAR' as const,
    points: [[0, 0, 1 + 2 * k], [20, 0, 1 + 2 * k], [20, 20, 1 + 2 * k], [0, 20, 1 + 2 * k]] as Vec3[],
  }));
  return encodeDicom(writeRtStruct([{ name: 'GTV', interpretedType: 'GTV', generationAlgorithm: 'MANUAL', contours }], structContext));
}

const gradient = cubeDoseGrid((p) => 100 + 5 * p[0]);
const uniform = cubeDoseGrid(() => 160);

describe('GTV DVH', () => {
  const roi = planarRoiFromContours(readRtStruct(decodeDicom(cubeStruct(), 'struct.dcm')).rois[0], 'struct.dcm');

  it('gradient 100 + 5·x Gy over the cube: D90 110 Gy, V100 55 %, V150 0 % (hand-computed), curve from 100 % down', () => {
    const { curve, markers } = gtvDvh(roi, gradient, 145, 'post-implant', 'gradient.dcm');
    expect(markers.D90Gy).toBeCloseTo(110, 2);
    expect(markers.V100Pct).toBeCloseTo(55, 1);
    expect(markers.V150Pct).toBe(0);
    expect(curve.volumePct[0]).toBeCloseTo(100, 6);
    // 1 % bins up to 300 % of the prescription.
    expect(curve.doseGy.length).toBe(301);
    for (let i = 1; i < curve.volumePct.length; i++) expect(curve.volumePct[i]).toBeLessThanOrEqual(curve.volumePct[i - 1]);
  });

  it('uniform 160 Gy: everything above the prescription, nothing at 150 %', () => {
    const { markers } = gtvDvh(roi, uniform, 145, 'planned', 'uniform.dcm');
    expect(markers).toMatchObject({ label: 'planned', V100Pct: 100, V150Pct: 0 });
    expect(markers.D90Gy).toBeCloseTo(160, 3);
  });

  it('board --struct --dose --planned-dose: the PDF lists both DVHs with D90, V100 and V150', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mrecist-board-dvh-'));
    try {
      const write = (name: string, g: DoseGrid) => {
        const file = join(dir, name);
        writeFileSync(file, encodeDicom(writeRtDose(g, {
          patientName: 'Demo^Patient', patientId: 'DEMO-001', studyInstanceUid: structContext.studyInstanceUid,
          seriesInstanceUid: uidFromName(`${name} series`), sopInstanceUid: uidFromName(name), contentDate: '20260101', contentTime: '120000',
          frameOfReferenceUid: FOR, referencedRtPlanSopInstanceUid: uidFromName('plan'),
        })));
        return file;
      };
      const struct = join(dir, 'struct.dcm');
      writeFileSync(struct, cubeStruct());
      const out = join(dir, 'board.pdf');
      const r = runMrecist('board', join(REFERENCE_STUDY_DIR, 'P05.json'), '--out', out, '--struct', struct, '--prescription', '145',
        '--dose', write('post.dcm', gradient), '--planned-dose', write('plan.dcm', uniform));
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const text = pdfToText(out);
      expect(text).toMatch(/planned\s+160\.0\s+100\.0\s+0\.0/);
      expect(text).toMatch(/post-implant\s+110\.0\s+55\.0\s+0\.0/);
      expect(text).toContain('GTV dose-volume histogram (prescription 145 Gy)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
