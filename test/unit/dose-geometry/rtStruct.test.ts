import fc from 'fast-check';
import { decodeDicom, encodeDicom } from '../../../extensions/mrecist/src/core/dicom/DicomDataset';
import { findRoiByName, readRtStruct } from '../../../extensions/mrecist/src/core/dose/rtStruct';
import { writeRtStruct } from '../../../extensions/mrecist/src/core/dose/rtStructWriter';
import { ellipsoidAxialContours } from '../../../extensions/mrecist/src/core/dose/rtStructEllipsoid';
import {
  planarRoiContains,
  planarRoiFromContours,
  planarRoiVolumeCc,
} from '../../../extensions/mrecist/src/core/dose/rtStructPlanarRoi';
import type { Vec3 } from '../../../extensions/mrecist/src/core/geometry/vec3';
import { dciodvfyErrors } from './dciodvfy';
import { structContext as context } from './structContext';


function square(cx: number, cy: number, half: number, z: number): Vec3[] {
  return [
    [cx - half, cy - half, z],
    [cx + half, cy - half, z],
    [cx + half, cy + half, z],
    [cx - half, cy + half, z],
  ];
}

const zs = [-10, -5, 0, 5, 10];
const rois = [
  {
    name: 'GTV',
    interpretedType: 'GTV' as const,
    displayColor: [255, 0, 0] as [number, number, number],
    generationAlgorithm: 'MANUAL' as const,
    contours: ellipsoidAxialContours({ centerMm: [10, 20, 0], semiAxesMm: [20, 15, 12], slicePositionsMm: zs }),
  },
  {
    name: 'Ring',
    interpretedType: 'ORGAN' as const,
    generationAlgorithm: 'MANUAL' as const,
    // Outer 40 mm square with a 20 mm square hole and a 6 mm island inside the hole, on three slices.
    contours: [-2, 0, 2].flatMap((z) => [
      { geometricType: 'CLOSED_PLANAR' as const, points: square(0, 0, 20, z) },
      { geometricType: 'CLOSED_PLANAR' as const, points: square(0, 0, 10, z) },
      { geometricType: 'CLOSED_PLANAR' as const, points: square(0, 0, 3, z) },
    ]),
  },
  {
    name: 'Seeds',
    interpretedType: 'MARKER' as const,
    generationAlgorithm: 'AUTOMATIC' as const,
    contours: [
      { geometricType: 'POINT' as const, points: [[1.5, 2.25, -3] as Vec3] },
      { geometricType: 'POINT' as const, points: [[-4, 5, 6.125] as Vec3] },
    ],
  },
];

describe('RT Structure Set', () => {
  const bytes = encodeDicom(writeRtStruct(rois, context));

  it('passes dciodvfy without errors', () => {
    const { errors } = dciodvfyErrors(bytes);
    expect(errors).toEqual([]);
  });

  it('round-trips ROIs, contours, colours and POINT markers', () => {
    const set = readRtStruct(decodeDicom(bytes, 'rs.dcm'));
    expect(set.frameOfReferenceUid).toBe(context.frameOfReferenceUid);
    expect(set.rois.map((r) => [r.name, r.interpretedType])).toEqual([
      ['GTV', 'GTV'],
      ['Ring', 'ORGAN'],
      ['Seeds', 'MARKER'],
    ]);
    expect(set.rois[0].displayColor).toEqual([255, 0, 0]);
    const written = rois[0].contours;
    const read = set.rois[0].contours;
    expect(read).toHaveLength(written.length);
    read.forEach((c, i) =>
      c.points.forEach((p, k) => p.forEach((x, d) => expect(x).toBeCloseTo(written[i].points[k][d], 3))),
    );
    expect(set.pointMarkers.map((m) => m.positionMm)).toEqual([
      [1.5, 2.25, -3],
      [-4, 5, 6.125],
    ]);
    expect(findRoiByName(set, 'gtv', 'rs.dcm').name).toBe('GTV');
    expect(() => findRoiByName(set, 'Liver', 'rs.dcm')).toThrow(
      'rs.dcm: ROIName (3006,0026): no ROI named "Liver" (ROIs: "GTV", "Ring", "Seeds")',
    );
  });

  it('combines polygons on a slice by the even-odd rule (hole and island)', () => {
    const set = readRtStruct(decodeDicom(bytes, 'rs.dcm'));
    const ring = planarRoiFromContours(findRoiByName(set, 'Ring', 'rs.dcm'), 'rs.dcm');
    expect(ring.sliceThicknessMm).toBe(2);
    // Area per slice 40² − 20² + 6² = 1236 mm², three 2 mm slabs.
    expect(planarRoiVolumeCc(ring)).toBeCloseTo((1236 * 3 * 2) / 1000, 9);
    expect(planarRoiContains(ring, [15, 0, 0])).toBe(true); // in the frame
    expect(planarRoiContains(ring, [6, 0, 0])).toBe(false); // in the hole
    expect(planarRoiContains(ring, [0, 1, 0])).toBe(true); // on the island
    expect(planarRoiContains(ring, [15, 0, 2.9])).toBe(true); // top slab reaches z = 3
    expect(planarRoiContains(ring, [15, 0, 3.1])).toBe(false);
  });

  it('rejects malformed contours naming the attribute', () => {
    const bad = writeRtStruct(rois, context);
    bad.ROIContourSequence[2].ContourSequence[0].ContourData = ['1', '2'];
    bad.ROIContourSequence[2].ContourSequence[0].NumberOfContourPoints = '1';
    expect(() => readRtStruct(decodeDicom(encodeDicom(bad), 'rs.dcm'))).toThrow(
      'rs.dcm › ROIContourSequence[3] › ContourSequence[1]: ContourData (3006,0050): expected x\\y\\z triplets, got 2 values',
    );
    const wrong = writeRtStruct(rois, context);
    wrong.ROIContourSequence[0].ContourSequence[0].NumberOfContourPoints = '7';
    expect(() => readRtStruct(decodeDicom(encodeDicom(wrong), 'rs.dcm'))).toThrow(
      'rs.dcm › ROIContourSequence[1] › ContourSequence[1]: NumberOfContourPoints (3006,0046): says 7 but Contour Data holds 64 points',
    );
    expect(() => writeRtStruct([{ ...rois[0], name: 'a\\b' }], context)).toThrow('ROI 1 name "a\\b": a backslash separates DICOM values');
    const noModality = writeRtStruct(rois, context);
    noModality.Modality = 'CT';
    expect(() => readRtStruct(decodeDicom(encodeDicom(noModality), 'rs.dcm'))).toThrow(
      'rs.dcm: Modality (0008,0060): expected RTSTRUCT, got CT',
    );
  });
});

describe('RT Structure Set round trip (property)', () => {
  it('read(write(rois)) keeps every ROI, contour type and point to the micrometre', () => {
    const coordinate = fc.double({ min: -500, max: 500, noNaN: true });
    const point = fc.tuple(coordinate, coordinate, coordinate);
    const contour = fc.oneof(
      fc.record({ geometricType: fc.constant('POINT' as const), points: fc.tuple(point) }),
      fc.record({ geometricType: fc.constant('CLOSED_PLANAR' as const), points: fc.array(point, { minLength: 3, maxLength: 8 }) }),
    );
    const roi = fc.record({
      name: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== '' && !s.includes('\\') && s === s.trim()),
      interpretedType: fc.constantFrom('GTV' as const, 'ORGAN' as const, 'MARKER' as const, 'DOSE_REGION' as const),
      generationAlgorithm: fc.constantFrom('AUTOMATIC' as const, 'MANUAL' as const),
      contours: fc.array(contour, { minLength: 0, maxLength: 4 }),
    });
    fc.assert(
      fc.property(fc.array(roi, { minLength: 1, maxLength: 4 }), (written) => {
        const set = readRtStruct(decodeDicom(encodeDicom(writeRtStruct(written, context)), 'rs.dcm'));
        expect(set.rois.map((r) => [r.name, r.interpretedType, r.contours.length])).toEqual(
          written.map((r) => [r.name, r.interpretedType, r.contours.length]),
        );
        set.rois.forEach((r, i) =>
          r.contours.forEach((c, k) => {
            expect(c.geometricType).toBe(written[i].contours[k].geometricType);
            c.points.forEach((p, n) => p.forEach((x, d) => expect(Math.abs(x - written[i].contours[k].points[n][d])).toBeLessThanOrEqual(0.0005 + 1e-9)));
          }),
        );
      }),
      { numRuns: 60 },
    );
  });
});
