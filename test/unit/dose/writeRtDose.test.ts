/** RT Dose writer: dciodvfy validity, round trip exact to the grid scaling, scaling choice. */
import fc from 'fast-check';
import { decodeDicom, encodeDicom } from '../../../extensions/mrecist/src/core/dicom/DicomDataset';
import type { DoseGrid } from '../../../extensions/mrecist/src/core/dose/DoseGrid';
import { readRtDose } from '../../../extensions/mrecist/src/core/dose/readRtDose';
import { chooseDoseGridScaling, writeRtDose, type RtDoseWriteContext } from '../../../extensions/mrecist/src/core/dose/writeRtDose';
import { dciodvfyErrors } from './dciodvfy';

const CONTEXT: RtDoseWriteContext = {
  patientName: 'Demo^Liver',
  patientId: 'MRECIST-DEMO-1',
  patientBirthDate: '19600101',
  patientSex: 'M',
  studyInstanceUid: '2.25.1001',
  studyDate: '20260105',
  studyTime: '101500',
  studyId: 'S1',
  accessionNumber: 'A1',
  seriesInstanceUid: '2.25.1002',
  seriesNumber: 90,
  sopInstanceUid: '2.25.1003',
  contentDate: '20260106',
  contentTime: '120000',
  frameOfReferenceUid: '2.25.1004',
  referencedRtPlanSopInstanceUid: '2.25.1005',
  doseComment: 'TG-43U1 line2d model 6711, full decay',
};

function grid(dose: Float32Array, columns = 5, rows = 4, frames = 3): DoseGrid {
  return {
    originMm: [-12.5, 30.25, -7],
    rowDirection: [1, 0, 0],
    columnDirection: [0, 1, 0],
    columns,
    rows,
    rowSpacingMm: 2.5,
    columnSpacingMm: 2,
    frameOffsetsMm: Array.from({ length: frames }, (_, k) => k * 3),
    dose,
    units: 'GY',
    frameOfReferenceUid: '2.25.1004',
  };
}

const sample = () => Float32Array.from({ length: 60 }, (_, i) => (i % 7) * 31.7 + i * 0.013);

describe('writeRtDose', () => {
  it('16-bit form passes dciodvfy with no Error lines', () => {
    expect(dciodvfyErrors(encodeDicom(writeRtDose(grid(sample()), { ...CONTEXT, bitsAllocated: 16 })))).toEqual([]);
  });

  it('32-bit form: every dciodvfy Error comes from leaving out Pixel Data (dciodvfy aborts on 32-bit pixels)', () => {
    const nat = writeRtDose(grid(sample()), CONTEXT);
    expect(nat.BitsAllocated).toBe(32);
    delete nat.PixelData;
    const errors = dciodvfyErrors(encodeDicom(nat));
    // Attributes whose condition is "Pixel Data present" (Image Pixel module, and Dose Grid Scaling in RT Dose).
    const pixelModule = ['SamplesPerPixel', 'PhotometricInterpretation', 'BitsAllocated', 'BitsStored', 'HighBit', 'PixelRepresentation', 'DoseGridScaling'];
    const allowed = new RegExp(`Element=<(PixelData|${pixelModule.join('|')})>`);
    expect(errors.filter((e) => !allowed.test(e))).toEqual([]);
    expect(errors.some((e) => /Missing attribute .*<PixelData>/.test(e))).toBe(true);
  });

  it('writes BRACHY / PHYSICAL / GY / WATER and references the plan', () => {
    const ds = decodeDicom(encodeDicom(writeRtDose(grid(sample()), CONTEXT)), 'out.dcm');
    expect(ds.string('DoseSummationType')).toBe('BRACHY');
    expect(ds.string('DoseType')).toBe('PHYSICAL');
    expect(ds.string('DoseUnits')).toBe('GY');
    expect(ds.string('TissueHeterogeneityCorrection')).toBe('WATER');
    expect(ds.sequence('ReferencedRTPlanSequence')[0].string('ReferencedSOPInstanceUID')).toBe('2.25.1005');
    expect(ds.string('PatientID')).toBe('MRECIST-DEMO-1');
    expect(ds.string('StudyInstanceUID')).toBe('2.25.1001');
  });

  it('round trip is exact to half the grid scaling (32-bit)', () => {
    fc.assert(
      fc.property(fc.array(fc.float({ min: 0, max: 5000, noNaN: true, noDefaultInfinity: true }), { minLength: 60, maxLength: 60 }), (values) => {
        const dose = Float32Array.from(values);
        const nat = writeRtDose(grid(dose), CONTEXT);
        const back = readRtDose(decodeDicom(encodeDicom(nat), 'rt.dcm'));
        const scaling = nat.DoseGridScaling as number;
        const max = Math.max(...dose);
        back.dose.forEach((v, i) => expect(Math.abs(v - dose[i])).toBeLessThanOrEqual(scaling / 2 + 1e-7 * max));
        expect(back.originMm).toEqual([-12.5, 30.25, -7]);
        expect(back.frameOffsetsMm).toEqual([0, 3, 6]);
      }),
      { numRuns: 30 },
    );
  });

  it('chooses a scaling with at most 6 significant digits that keeps the maximum within 32 bits', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e6, noNaN: true }), (max) => {
        const s = chooseDoseGridScaling(max);
        expect(Number(s.toPrecision(6))).toBe(s);
        expect(Math.round(max / s)).toBeLessThanOrEqual(2 ** 32 - 1);
        expect(max / s).toBeGreaterThan(3.9e9);
      }),
    );
    expect(chooseDoseGridScaling(0)).toBe(1);
  });

  it('refuses negative or NaN dose', () => {
    expect(() => writeRtDose(grid(Float32Array.from({ length: 60 }, (_, i) => (i === 7 ? -1 : 1))), CONTEXT)).toThrow(
      'dose grid holds -1 at voxel 7: physical dose must be a non-negative number',
    );
  });
});
