/**
 * RT Dose reading on hand-built objects: bit depths, pixel representation, Dose Grid Scaling, relative and absolute
 * Grid Frame Offset Vectors (also negative and decreasing), unaligned pixel data, errors; voxel-to-patient mapping
 * (the doc's worked example) and trilinear sampling.
 */
import { decodeDicom, encodeDicom, DicomDataset, type NaturalDataset } from '../../../extensions/mrecist/src/core/dicom/DicomDataset';
import { readRtDose } from '../../../extensions/mrecist/src/core/dose/readRtDose';
import { sampleDose, voxelToPatientMm } from '../../../extensions/mrecist/src/core/dose/sampleDose';

/** The worked example's geometry: IPP (−10, −20, −5), Pixel Spacing [2.5, 2.0], 3 frames, 4 columns × 3 rows. */
function doseObject(over: Partial<NaturalDataset> = {}, stored?: ArrayBufferView): NaturalDataset {
  const count = 4 * 3 * 3;
  const values = stored ?? Uint16Array.from({ length: count }, (_, i) => i * 10);
  return {
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.481.2',
    SOPInstanceUID: '1.2.3.4.5',
    Modality: 'RTDOSE',
    FrameOfReferenceUID: '1.2.3.9',
    DoseUnits: 'GY',
    DoseType: 'PHYSICAL',
    DoseSummationType: 'PLAN',
    Rows: 3,
    Columns: 4,
    NumberOfFrames: 3,
    BitsAllocated: 16,
    BitsStored: 16,
    HighBit: 15,
    PixelRepresentation: 0,
    DoseGridScaling: 0.01,
    ImagePositionPatient: [-10, -20, -5],
    ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
    PixelSpacing: [2.5, 2.0],
    GridFrameOffsetVector: [0, 5, 10],
    PixelData: [values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength)],
    ...over,
  };
}

const read = (nat: NaturalDataset) => readRtDose(new DicomDataset(nat, 'dose.dcm'));
const viaFile = (nat: NaturalDataset) => readRtDose(decodeDicom(encodeDicom({ ...nat, _vrMap: { PixelData: 'OW' } }), 'dose.dcm'));

describe('readRtDose geometry', () => {
  it('maps voxel (k=2, j=3, i=4) of the worked example to (−2, −12.5, 5) mm', () => {
    // The example's j = 3 needs 4 rows; geometry alone decides the mapping.
    const grid = read(doseObject({ Rows: 4, Columns: 5 }, new Uint16Array(5 * 4 * 3)));
    expect(voxelToPatientMm(grid, 4, 3, 2)).toEqual([-2, -12.5, 5]);
  });

  it.each([
    ['relative, starting at 0', [0, 5, 10], [-10, -20, -5]],
    ['absolute z positions (axial, g[0] = IPP z)', [-5, 0, 5], [-10, -20, -5]],
    ['relative, negative and decreasing', [0, -5, -10], [-10, -20, -5]],
    ['absolute, decreasing', [-5, -10, -15], [-10, -20, -5]],
    ['relative, not starting at 0 (origin moves along the normal)', [2, 7, 12], [-10, -20, -3]],
  ])('%s', (_name, offsets, origin) => {
    const grid = read(doseObject({ GridFrameOffsetVector: offsets }));
    expect(grid.originMm).toEqual(origin);
    expect(grid.frameOffsetsMm[0]).toBe(0);
    const step = offsets[1] - offsets[0];
    expect(voxelToPatientMm(grid, 0, 0, 2)[2]).toBeCloseTo(origin[2] + 2 * step, 12);
  });

  it('reads an oblique grid offset vector as relative even when g[0] happens to equal IPP·n', () => {
    const c = Math.SQRT1_2;
    const grid = read(doseObject({ ImageOrientationPatient: [c, c, 0, -c, c, 0], ImagePositionPatient: [0, 0, 3], GridFrameOffsetVector: [3, 8, 13] }));
    // Relative: the first plane is 3 mm along n = (0, 0, 1) from IPP.
    [0, 0, 6].forEach((v, a) => expect(grid.originMm[a]).toBeCloseTo(v, 12));
  });
});

describe('readRtDose pixel data', () => {
  it.each([
    ['16-bit unsigned', 16, 0, Uint16Array.from({ length: 36 }, (_, i) => i * 1000)],
    ['16-bit signed', 16, 1, Int16Array.from({ length: 36 }, (_, i) => i * 500 - 9000)],
    ['32-bit unsigned', 32, 0, Uint32Array.from({ length: 36 }, (_, i) => i * 100000000)],
    ['32-bit signed', 32, 1, Int32Array.from({ length: 36 }, (_, i) => i * 1000000 - 20000000)],
  ])('%s, scaled by Dose Grid Scaling, through a Part 10 file', (_name, bits, rep, values) => {
    const grid = viaFile(doseObject({ BitsAllocated: bits, BitsStored: bits, HighBit: bits - 1, PixelRepresentation: rep, DoseGridScaling: 0.0025 }, values));
    expect(grid.dose.length).toBe(36);
    grid.dose.forEach((v, i) => expect(v).toBeCloseTo(Number(values[i]) * 0.0025, 2));
    expect(grid.dose[35]).toBeCloseTo(Math.fround(Number(values[35]) * 0.0025), 3);
  });

  it('copies 32-bit pixel data that starts at an unaligned byte offset', () => {
    const values = Uint32Array.from({ length: 36 }, (_, i) => i * 7 + 1);
    const backing = new Uint8Array(36 * 4 + 3);
    backing.set(new Uint8Array(values.buffer), 3);
    const unaligned = new Uint8Array(backing.buffer, 3, 36 * 4);
    const grid = read(doseObject({ BitsAllocated: 32, BitsStored: 32, HighBit: 31, DoseGridScaling: 1, PixelData: [unaligned] }));
    expect(Array.from(grid.dose)).toEqual(Array.from(values));
  });
});

describe('readRtDose errors', () => {
  it.each([
    [{ GridFrameOffsetVector: [0, 5] }, 'dose.dcm: GridFrameOffsetVector (3004,000C): has 2 offsets for 3 frames (NumberOfFrames (0028,0008))'],
    [{ GridFrameOffsetVector: undefined }, 'dose.dcm: GridFrameOffsetVector (3004,000C): missing for 3 frames'],
    [{ GridFrameOffsetVector: [0, 5, 5] }, 'dose.dcm: GridFrameOffsetVector (3004,000C): offsets must be strictly increasing or strictly decreasing (value 3)'],
    [{ DoseGridScaling: undefined }, 'dose.dcm: DoseGridScaling (3004,000E): missing'],
    [{ BitsAllocated: 8 }, 'dose.dcm: BitsAllocated (0028,0100): must be 16 or 32, got 8'],
    [{ DoseUnits: 'CGY' }, 'dose.dcm: DoseUnits (3004,0002): must be GY or RELATIVE, got CGY'],
    [{ SOPClassUID: '1.2.840.10008.5.1.4.1.1.2' }, 'dose.dcm: SOPClassUID (0008,0016): not RT Dose Storage (1.2.840.10008.5.1.4.1.1.481.2), got 1.2.840.10008.5.1.4.1.1.2'],
    [{ PixelData: [new ArrayBuffer(10)] }, 'dose.dcm: PixelData (7FE0,0010): has 10 bytes, 3×4×3 voxels of 16 bits need 72'],
    [{ ImageOrientationPatient: [1, 0, 0, 1, 0, 0] }, 'dose.dcm: ImageOrientationPatient (0020,0037): must be two orthogonal unit vectors, got 1\\0\\0\\1\\0\\0'],
  ])('%o', (over, message) => {
    expect(() => read(doseObject(over))).toThrow(message);
  });
});

describe('sampleDose', () => {
  const grid = read(doseObject());
  // Stored i·10 at index k·12 + j·4 + i, scaling 0.01 → dose = index / 10.
  const at = (i: number, j: number, k: number) => (k * 12 + j * 4 + i) / 10;

  it('returns voxel values at voxel centres', () => {
    expect(sampleDose(grid, [-10 + 2 * 3, -20 + 2.5 * 2, -5 + 10])).toBeCloseTo(at(3, 2, 2), 6);
  });

  it('interpolates trilinearly between centres', () => {
    const p: [number, number, number] = [-10 + 2 * 1.25, -20 + 2.5 * 0.5, -5 + 5 * 1.5];
    const expected =
      (1 - 0.25) * (1 - 0.5) * (1 - 0.5) * at(1, 0, 1) + 0.25 * (1 - 0.5) * (1 - 0.5) * at(2, 0, 1) +
      (1 - 0.25) * 0.5 * (1 - 0.5) * at(1, 1, 1) + 0.25 * 0.5 * (1 - 0.5) * at(2, 1, 1) +
      (1 - 0.25) * (1 - 0.5) * 0.5 * at(1, 0, 2) + 0.25 * (1 - 0.5) * 0.5 * at(2, 0, 2) +
      (1 - 0.25) * 0.5 * 0.5 * at(1, 1, 2) + 0.25 * 0.5 * 0.5 * at(2, 1, 2);
    expect(sampleDose(grid, p)).toBeCloseTo(expected, 6);
  });

  it('samples by patient position with decreasing offsets', () => {
    const down = read(doseObject({ GridFrameOffsetVector: [0, -5, -10] }));
    // Frame 1 lies at z = −10, so z = −7.5 is halfway between frames 0 and 1.
    expect(sampleDose(down, [-10, -20, -7.5])).toBeCloseTo((at(0, 0, 0) + at(0, 0, 1)) / 2, 6);
  });

  it.each([
    [[-10.01, -20, -5]],
    [[-10, -20, 5.01]],
    [[-3.99, -15, 0]],
    [[0, 0, 100]],
  ])('is null outside the grid at %o', (p) => {
    expect(sampleDose(grid, p as [number, number, number])).toBeNull();
  });

  it('treats the outermost voxel centres as inside', () => {
    expect(sampleDose(grid, [-4, -15, 5])).toBeCloseTo(at(3, 2, 2), 6);
  });
});
