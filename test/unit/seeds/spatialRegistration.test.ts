import { decodeDicom, encodeDicom, type NaturalDataset } from '../../../extensions/mrecist/src/core/dicom/DicomDataset';
import {
  mapPointsBetweenFrames,
  readSpatialRegistration,
  SPATIAL_REGISTRATION_STORAGE,
} from '../../../extensions/mrecist/src/core/dicom/spatialRegistration';
import { writeSpatialRegistration } from '../../../extensions/mrecist/src/core/dicom/spatialRegistrationWriter';
import { dciodvfyErrors } from '../dose-geometry/dciodvfy';

const REF = '1.2.826.0.1.1';
const FOLLOW = '1.2.826.0.1.2';
const OTHER = '1.2.826.0.1.3';

/** Rotation of 90° about z then translation (10, 20, 30): (x, y, z) → (−y + 10, x + 20, z + 30). */
const RIGID = [0, -1, 0, 10, 1, 0, 0, 20, 0, 0, 1, 30, 0, 0, 0, 1];
/** Scaling by 2 plus translation. */
const SCALE = [2, 0, 0, 1, 0, 2, 0, 2, 0, 0, 2, 3, 0, 0, 0, 1];

function registration(matrices: { uid: string; m: number[]; type: string }[]): NaturalDataset {
  return {
    SOPClassUID: SPATIAL_REGISTRATION_STORAGE,
    SOPInstanceUID: '1.2.826.0.1.9',
    Modality: 'REG',
    FrameOfReferenceUID: REF,
    RegistrationSequence: matrices.map(({ uid, m, type }) => ({
      FrameOfReferenceUID: uid,
      MatrixRegistrationSequence: [
        { MatrixSequence: [{ FrameOfReferenceTransformationMatrix: m.map(String), FrameOfReferenceTransformationMatrixType: type }] },
      ],
    })),
  };
}

const read = (ds: NaturalDataset) => readSpatialRegistration(decodeDicom(encodeDicom(ds), 'reg.dcm'));

describe('Spatial Registration reader', () => {
  const reg = read(
    registration([
      { uid: REF, m: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1], type: 'RIGID' },
      { uid: FOLLOW, m: RIGID, type: 'RIGID' },
      { uid: OTHER, m: SCALE, type: 'RIGID_SCALE' },
    ]),
  );

  it('reads one matrix per frame with its type', () => {
    expect(reg.frameOfReferenceUid).toBe(REF);
    expect(reg.registrations.map((r) => [r.frameOfReferenceUid, r.type])).toEqual([
      [REF, 'RIGID'],
      [FOLLOW, 'RIGID'],
      [OTHER, 'RIGID_SCALE'],
    ]);
  });

  it('maps points: frame → reference by M, reference → frame by M⁻¹, frame → frame through the reference', () => {
    expect(mapPointsBetweenFrames(reg, FOLLOW, REF, [[1, 2, 3]], 'reg.dcm')).toEqual([[8, 21, 33]]);
    const back = mapPointsBetweenFrames(reg, REF, FOLLOW, [[8, 21, 33]], 'reg.dcm')[0];
    back.forEach((v, i) => expect(v).toBeCloseTo([1, 2, 3][i], 12));
    // FOLLOW (1,2,3) → REF (8,21,33) → OTHER: (P − t)/2 = (3.5, 9.5, 15).
    const other = mapPointsBetweenFrames(reg, FOLLOW, OTHER, [[1, 2, 3]], 'reg.dcm')[0];
    other.forEach((v, i) => expect(v).toBeCloseTo([3.5, 9.5, 15][i], 12));
    expect(() => mapPointsBetweenFrames(reg, '9.9', REF, [[0, 0, 0]], 'reg.dcm')).toThrow(
      'reg.dcm: RegistrationSequence (0070,0308): no registration for Frame of Reference 9.9',
    );
  });

  it.each([
    [
      'a RIGID matrix that scales',
      registration([{ uid: FOLLOW, m: SCALE, type: 'RIGID' }]),
      'reg.dcm › RegistrationSequence[1] › MatrixRegistrationSequence[1] › MatrixSequence[1]: FrameOfReferenceTransformationMatrix (3006,00C6): type RIGID but the 3×3 part is not a rotation',
    ],
    [
      'an unknown matrix type',
      registration([{ uid: FOLLOW, m: RIGID, type: 'PROJECTIVE' }]),
      'reg.dcm › RegistrationSequence[1] › MatrixRegistrationSequence[1] › MatrixSequence[1]: FrameOfReferenceTransformationMatrixType (0070,030C): unknown type "PROJECTIVE"',
    ],
    [
      'a matrix with 12 values',
      registration([{ uid: FOLLOW, m: RIGID.slice(0, 12), type: 'RIGID' }]),
      'reg.dcm › RegistrationSequence[1] › MatrixRegistrationSequence[1] › MatrixSequence[1]: FrameOfReferenceTransformationMatrix (3006,00C6): expected 16 values, got 12',
    ],
    [
      'a deformable registration',
      { ...registration([]), SOPClassUID: '1.2.840.10008.5.1.4.1.1.66.3' },
      'reg.dcm: SOPClassUID (0008,0016): deformable spatial registration is not supported',
    ],
  ])('rejects %s naming the attribute', (_, ds, message) => {
    expect(() => read(ds as NaturalDataset)).toThrow(message);
  });
});

describe('Spatial Registration writer', () => {
  it('writes a rigid plan → CT registration that passes dciodvfy and reads back', () => {
    const bytes = encodeDicom(
      writeSpatialRegistration(
        { referenceFrameOfReferenceUid: REF, movingFrameOfReferenceUid: FOLLOW, matrix: RIGID },
        { patientName: 'Demo^Patient', patientId: 'P12', studyInstanceUid: '1.2.826.0.1.7', softwareVersion: '0.1.0', contentDate: '20260101', contentTime: '120000' },
      ),
    );
    expect(dciodvfyErrors(bytes).errors).toEqual([]);
    const reg = readSpatialRegistration(decodeDicom(bytes, 'reg.dcm'));
    expect(reg.frameOfReferenceUid).toBe(REF);
    expect(mapPointsBetweenFrames(reg, FOLLOW, REF, [[1, 2, 3]], 'reg.dcm')).toEqual([[8, 21, 33]]);
  });
});
