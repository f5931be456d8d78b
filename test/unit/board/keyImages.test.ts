/**
 * Key images: the measured slice cropped around the line (pure crop), and `board --images DIR` rendering them
 * from DICOM files into the PDF (one spawn; pdfimages counts the embedded pictures).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cropAroundLine, LIVER_CT_WINDOW } from '../../../extensions/mrecist/src/core/board/keyImageCrop';
import { encodeDicom } from '../../../extensions/mrecist/src/core/dicom/DicomDataset';
import { pdfToText, runMrecist } from './cli';

const CT = '1.2.840.10008.5.1.4.1.1.2';
const SIZE = 128;

/** A 128 × 128 slice at -100 HU (liver-ish background) with a +200 HU square lesion at columns/rows 40..59. */
function sliceHu(): Int16Array {
  const hu = new Int16Array(SIZE * SIZE).fill(-100);
  for (let y = 40; y < 60; y++) for (let x = 40; x < 60; x++) hu[y * SIZE + x] = 200;
  return hu;
}

describe('cropAroundLine', () => {
  it('centres the crop on the line, moves the line into it, windows to 8 bits', () => {
    const crop = cropAroundLine({ columns: SIZE, rows: SIZE, values: sliceHu() }, [[40, 50], [60, 50]], LIVER_CT_WINDOW);
    // 20 px line + 0.75 × 20 each side = 50, raised to the 64 px minimum.
    expect([crop.columns, crop.rows]).toEqual([64, 64]);
    expect(crop.line).toEqual([[22, 32], [42, 32]]);
    // Window −150..250 HU: 200 HU → 350 / 400 · 255 ≈ 223; −100 HU → 50 / 400 · 255 ≈ 32.
    expect(crop.grey[32 * 64 + 30]).toBe(223);
    expect(crop.grey[0]).toBe(32);
  });

  it('keeps the crop inside the image at an edge', () => {
    const crop = cropAroundLine({ columns: SIZE, rows: SIZE, values: sliceHu() }, [[0, 0], [10, 0]], LIVER_CT_WINDOW);
    expect(crop.line[0]).toEqual([0, 0]);
    expect(crop.columns).toBe(64);
  });
});

describe('mrecist board --images (CLI)', () => {
  jest.setTimeout(120_000);
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mrecist-keyimages-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('renders each measured slice into the PDF and lists an image it cannot find', () => {
    const images = join(dir, 'images', 'study1', 'ct');
    mkdirSync(images, { recursive: true });
    const hu = sliceHu();
    for (let k = 0; k < 3; k++) {
      const stored = new Uint16Array(SIZE * SIZE);
      for (let n = 0; n < stored.length; n++) stored[n] = hu[n] + 1024;
      writeFileSync(
        join(images, `${k + 1}.dcm`),
        encodeDicom({
          SOPClassUID: CT,
          SOPInstanceUID: `2.25.77${k}`,
          StudyInstanceUID: '2.25.70',
          SeriesInstanceUID: '2.25.71',
          Modality: 'CT',
          PatientID: 'K1',
          ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
          ImagePositionPatient: [0, 0, 5 * k],
          PixelSpacing: [0.8, 0.8],
          SliceThickness: 5,
          Rows: SIZE,
          Columns: SIZE,
          SamplesPerPixel: 1,
          PhotometricInterpretation: 'MONOCHROME2',
          BitsAllocated: 16,
          BitsStored: 16,
          HighBit: 15,
          PixelRepresentation: 0,
          RescaleSlope: 1,
          RescaleIntercept: -1024,
          PixelData: stored.buffer,
        }),
      );
    }
    const line = (sop: string) => ({ referencedSopClassUid: CT, referencedSopInstanceUid: sop, referencedSeriesInstanceUid: '2.25.71', graphicType: 'POLYLINE', points: [[40, 50], [60, 50]] });
    const caseFile = {
      patientId: 'K1',
      criteria: 'mrecist',
      timepoints: [
        { id: 'BL', date: '2021-01-04', baseline: true, studyInstanceUid: '2.25.70' },
        { id: 'M1', date: '2021-02-03', studyInstanceUid: '2.25.70' },
      ],
      lesions: [
        {
          id: 'T1',
          role: 'target',
          site: 'liver S6',
          measurements: {
            BL: { viableLongAxisMm: 16.0, graphics: { viableLongAxisMm: line('2.25.771') } },
            M1: { viableLongAxisMm: 9.5, graphics: { viableLongAxisMm: line('2.25.999') } },
          },
        },
      ],
    };
    const casePath = join(dir, 'k1.json');
    writeFileSync(casePath, JSON.stringify(caseFile));
    const out = join(dir, 'k1.pdf');
    const r = runMrecist('board', casePath, '--out', out, '--images', join(dir, 'images'), '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const written = JSON.parse(r.stdout);
    expect(written.keyImages).toBe(1);
    expect(written.keyImagesNotFound).toEqual([`T1 at M1: image 2.25.999 not under ${join(dir, 'images')}`]);
    const list = spawnSync('pdfimages', ['-list', out], { encoding: 'utf8' });
    const rows = list.stdout.trim().split('\n').slice(2);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/\s64\s+64\s+gray/);
    const text = pdfToText(out, false);
    expect(text).toContain('viable 16.0 mm');
    expect(text).toContain('T1 BL 2021-01-04');
  });
});
