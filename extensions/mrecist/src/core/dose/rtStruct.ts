/**
 * RT Structure Set reader (DICOM PS3.3 C.8.8.5 Structure Set, C.8.8.6 ROI Contour, C.8.8.8 RT ROI Observations;
 * brachytherapy-dosimetry.md section 4).
 *
 * ROIs keep their contours as read. CLOSED_PLANAR polygons of one ROI are combined per slice by the even-odd rule
 * (a polygon inside another is a hole) in `rtStructPlanarRoi.ts`. POINT contours are seeds or markers: every
 * single-point contour of any ROI is also listed in `pointMarkers` so a plan exported as POINT ROIs still yields
 * seed positions (section 2, encoding 3).
 */
import type { DicomDataset } from '../dicom/DicomDataset';
import type { Vec3 } from '../geometry/vec3';
import { DicomInputError } from '../errors';

export const RT_STRUCTURE_SET_STORAGE = '1.2.840.10008.5.1.4.1.1.481.3';

export type ContourGeometricType = 'POINT' | 'OPEN_PLANAR' | 'OPEN_NONPLANAR' | 'CLOSED_PLANAR';
const GEOMETRIC_TYPES: readonly ContourGeometricType[] = ['POINT', 'OPEN_PLANAR', 'OPEN_NONPLANAR', 'CLOSED_PLANAR'];

export interface RoiContour {
  geometricType: ContourGeometricType;
  /** Patient (LPS) millimetres, in the order stored. */
  points: Vec3[];
}

export interface StructureRoi {
  roiNumber: number;
  name: string;
  frameOfReferenceUid: string;
  /** RT ROI Interpreted Type (3006,00A4), e.g. GTV, ORGAN, MARKER; undefined when no observation names it. */
  interpretedType?: string;
  /** ROI Display Color (3006,002A), RGB 0–255. */
  displayColor?: [number, number, number];
  contours: RoiContour[];
}

export interface PointMarker {
  roiNumber: number;
  roiName: string;
  interpretedType?: string;
  positionMm: Vec3;
}

export interface StructureSet {
  sopInstanceUid: string;
  label: string;
  frameOfReferenceUid: string;
  rois: StructureRoi[];
  /** Every single-point contour (POINT type) of every ROI, in ROI then contour order. */
  pointMarkers: PointMarker[];
}

/** Reads an RT Structure Set; malformed input throws a DicomInputError naming the attribute. */
export function readRtStruct(ds: DicomDataset): StructureSet {
  const modality = ds.string('Modality');
  if (modality !== 'RTSTRUCT') ds.fail('Modality', `expected RTSTRUCT, got ${modality}`);
  const roiItems = ds.requiredSequence('StructureSetROISequence');
  const contourItems = ds.sequence('ROIContourSequence');
  const observationItems = ds.sequence('RTROIObservationsSequence');

  const contoursByRoi = new Map<number, DicomDataset>();
  for (const item of contourItems) contoursByRoi.set(item.number('ReferencedROINumber'), item);
  const typeByRoi = new Map<number, string>();
  for (const item of observationItems) {
    const interpreted = item.optionalString('RTROIInterpretedType');
    if (interpreted) typeByRoi.set(item.number('ReferencedROINumber'), interpreted);
  }

  const seen = new Set<number>();
  const rois: StructureRoi[] = roiItems.map((item) => {
    const roiNumber = item.number('ROINumber');
    if (seen.has(roiNumber)) item.fail('ROINumber', `duplicate ROI number ${roiNumber}`);
    seen.add(roiNumber);
    const contourItem = contoursByRoi.get(roiNumber);
    const color = contourItem?.optionalNumbers('ROIDisplayColor');
    if (color && color.length !== 3) contourItem!.fail('ROIDisplayColor', `expected 3 values, got ${color.length}`);
    return {
      roiNumber,
      name: item.optionalString('ROIName') ?? `ROI ${roiNumber}`,
      frameOfReferenceUid: item.string('ReferencedFrameOfReferenceUID'),
      interpretedType: typeByRoi.get(roiNumber),
      displayColor: color as [number, number, number] | undefined,
      contours: contourItem ? contourItem.sequence('ContourSequence').map(readContour) : [],
    };
  });

  const pointMarkers: PointMarker[] = [];
  for (const roi of rois) {
    for (const c of roi.contours) {
      if (c.geometricType !== 'POINT') continue;
      for (const p of c.points) {
        pointMarkers.push({ roiNumber: roi.roiNumber, roiName: roi.name, interpretedType: roi.interpretedType, positionMm: p });
      }
    }
  }
  const frameOfReferenceUid =
    ds.sequence('ReferencedFrameOfReferenceSequence')[0]?.optionalString('FrameOfReferenceUID') ??
    rois[0]?.frameOfReferenceUid ??
    ds.string('FrameOfReferenceUID');
  return {
    sopInstanceUid: ds.string('SOPInstanceUID'),
    label: ds.optionalString('StructureSetLabel') ?? '',
    frameOfReferenceUid,
    rois,
    pointMarkers,
  };
}

function readContour(item: DicomDataset): RoiContour {
  const type = item.string('ContourGeometricType') as ContourGeometricType;
  if (!GEOMETRIC_TYPES.includes(type)) item.fail('ContourGeometricType', `unknown type "${type}"`);
  const data = item.numbers('ContourData');
  if (data.length === 0 || data.length % 3 !== 0)
    item.fail('ContourData', `expected x\\y\\z triplets, got ${data.length} values`);
  const count = data.length / 3;
  const declared = item.optionalNumber('NumberOfContourPoints');
  if (declared !== undefined && declared !== count)
    item.fail('NumberOfContourPoints', `says ${declared} but Contour Data holds ${count} points`);
  if (type === 'POINT' && count !== 1) item.fail('ContourData', `a POINT contour must hold 1 point, got ${count}`);
  if (type === 'CLOSED_PLANAR' && count < 3)
    item.fail('ContourData', `a CLOSED_PLANAR contour needs at least 3 points, got ${count}`);
  const points: Vec3[] = [];
  for (let i = 0; i < count; i++) points.push([data[3 * i], data[3 * i + 1], data[3 * i + 2]]);
  return { geometricType: type, points };
}

/** Finds an ROI by name (exact, then case-insensitive); the error lists what the file holds. */
export function findRoiByName(set: StructureSet, name: string, source: string): StructureRoi {
  const exact = set.rois.find((r) => r.name === name);
  if (exact) return exact;
  const loose = set.rois.filter((r) => r.name.toLowerCase() === name.toLowerCase());
  if (loose.length === 1) return loose[0];
  const names = set.rois.map((r) => `"${r.name}"`).join(', ');
  throw new DicomInputError(source, 'ROIName (3006,0026)', `no ROI named "${name}" (ROIs: ${names || 'none'})`);
}
