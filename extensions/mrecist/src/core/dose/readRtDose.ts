/**
 * Reads an RT Dose object into a DoseGrid (brachytherapy-dosimetry.md section 3): 16- or 32-bit pixels, signed or
 * unsigned, scaled by Dose Grid Scaling; Grid Frame Offset Vector in relative or absolute form.
 *
 * Relative vs absolute offsets: DICOM (PS3.3 C.8.8.3.2) allows absolute offsets (patient z) only for axial grids
 * (IOP 1\0\0\0\1\0). We take the vector as absolute when the grid is axial and g[0] equals IPP·n within
 * ABSOLUTE_OFFSET_TOLERANCE_MM; otherwise as relative to IPP. Either way the DoseGrid stores offsets relative to
 * its first frame (o_k − o_0), moving the origin by o_0 along the normal when a relative vector does not start at 0.
 * Offsets may be negative or decreasing but must be strictly monotonic (else frames overlap).
 */
import type { DicomDataset } from '../dicom/DicomDataset';
import { cross, dot, type Vec3 } from '../geometry/vec3';
import type { DoseGrid, DoseUnits } from './DoseGrid';

export const RT_DOSE_SOP_CLASS_UID = '1.2.840.10008.5.1.4.1.1.481.2';
/** How close g[0] must be to IPP·n (mm) to read the vector as absolute z positions. */
export const ABSOLUTE_OFFSET_TOLERANCE_MM = 0.01;
/** Image Orientation (Patient) must be orthonormal to this tolerance. */
const ORIENTATION_TOLERANCE = 1e-4;

function isAxial(rowDir: Vec3, colDir: Vec3): boolean {
  const axial = [1, 0, 0, 0, 1, 0];
  return [...rowDir, ...colDir].every((v, i) => Math.abs(v - axial[i]) < ORIENTATION_TOLERANCE);
}

/** Pixel Data as a fresh, aligned byte array (frames concatenated), whatever shape dcmjs delivered it in. */
function pixelBytes(ds: DicomDataset): Uint8Array {
  const v = ds.raw.PixelData;
  if (v === undefined || v === null) ds.fail('PixelData', 'missing');
  const parts: unknown[] = Array.isArray(v) ? v : [v];
  const views = parts.map((p) => {
    // Tag check rather than instanceof: buffers may come from another realm (Node internals, test sandboxes).
    if (Object.prototype.toString.call(p) === '[object ArrayBuffer]') return new Uint8Array(p as ArrayBuffer);
    if (ArrayBuffer.isView(p)) return new Uint8Array(p.buffer, p.byteOffset, p.byteLength);
    return ds.fail('PixelData', 'is not binary data');
  });
  const total = views.reduce((n, b) => n + b.byteLength, 0);
  // Copying also realigns: a 32-bit view needs a byte offset that is a multiple of 4.
  const out = new Uint8Array(total);
  let at = 0;
  for (const b of views) {
    out.set(b, at);
    at += b.byteLength;
  }
  return out;
}

export function readRtDose(ds: DicomDataset): DoseGrid {
  const sopClassUid = ds.string('SOPClassUID');
  if (sopClassUid !== RT_DOSE_SOP_CLASS_UID) ds.fail('SOPClassUID', `not RT Dose Storage (${RT_DOSE_SOP_CLASS_UID}), got ${sopClassUid}`);

  const units = ds.string('DoseUnits').toUpperCase();
  if (units !== 'GY' && units !== 'RELATIVE') ds.fail('DoseUnits', `must be GY or RELATIVE, got ${units}`);
  const rows = ds.number('Rows');
  const columns = ds.number('Columns');
  if (!(Number.isInteger(rows) && rows > 0)) ds.fail('Rows', `must be a positive integer, got ${rows}`);
  if (!(Number.isInteger(columns) && columns > 0)) ds.fail('Columns', `must be a positive integer, got ${columns}`);
  const frames = ds.optionalNumber('NumberOfFrames') ?? 1;
  if (!(Number.isInteger(frames) && frames > 0)) ds.fail('NumberOfFrames', `must be a positive integer, got ${frames}`);
  const bitsAllocated = ds.number('BitsAllocated');
  if (bitsAllocated !== 16 && bitsAllocated !== 32) ds.fail('BitsAllocated', `must be 16 or 32, got ${bitsAllocated}`);
  const pixelRepresentation = ds.number('PixelRepresentation');
  if (pixelRepresentation !== 0 && pixelRepresentation !== 1)
    ds.fail('PixelRepresentation', `must be 0 (unsigned) or 1 (signed), got ${pixelRepresentation}`);
  const scaling = ds.number('DoseGridScaling');
  if (!(scaling > 0)) ds.fail('DoseGridScaling', `must be > 0, got ${scaling}`);

  const ipp = ds.numbers('ImagePositionPatient', 3) as Vec3;
  const iop = ds.numbers('ImageOrientationPatient', 6);
  const rowDirection = iop.slice(0, 3) as Vec3;
  const columnDirection = iop.slice(3, 6) as Vec3;
  const unit = (v: Vec3) => Math.abs(dot(v, v) - 1) < ORIENTATION_TOLERANCE * 2;
  if (!unit(rowDirection) || !unit(columnDirection) || Math.abs(dot(rowDirection, columnDirection)) > ORIENTATION_TOLERANCE)
    ds.fail('ImageOrientationPatient', `must be two orthogonal unit vectors, got ${iop.join('\\')}`);
  const [rowSpacingMm, columnSpacingMm] = ds.numbers('PixelSpacing', 2);
  if (!(rowSpacingMm > 0 && columnSpacingMm > 0)) ds.fail('PixelSpacing', `must be positive, got ${rowSpacingMm}\\${columnSpacingMm}`);
  const normal = cross(rowDirection, columnDirection);

  let g = ds.optionalNumbers('GridFrameOffsetVector');
  if (g === undefined) {
    if (frames > 1) ds.fail('GridFrameOffsetVector', `missing for ${frames} frames`);
    g = [0];
  }
  if (g.length !== frames)
    ds.fail('GridFrameOffsetVector', `has ${g.length} offsets for ${frames} frames (NumberOfFrames (0028,0008))`);
  const absolute = isAxial(rowDirection, columnDirection) && Math.abs(g[0] - dot(ipp, normal)) <= ABSOLUTE_OFFSET_TOLERANCE_MM;
  // Absolute: o_k = g[k] − g[0]. Relative: o_k = g[k], re-based on the first frame below.
  const firstOffset = absolute ? 0 : g[0];
  const frameOffsetsMm = g.map((v) => v - g![0]);
  if (frames > 1) {
    const sign = Math.sign(frameOffsetsMm[1]);
    for (let k = 1; k < frames; k++) {
      if (sign === 0 || Math.sign(frameOffsetsMm[k] - frameOffsetsMm[k - 1]) !== sign)
        ds.fail('GridFrameOffsetVector', `offsets must be strictly increasing or strictly decreasing (value ${k + 1})`);
    }
  }
  const originMm: Vec3 = [ipp[0] + firstOffset * normal[0], ipp[1] + firstOffset * normal[1], ipp[2] + firstOffset * normal[2]];

  const count = rows * columns * frames;
  const bytes = pixelBytes(ds);
  const needed = count * (bitsAllocated / 8);
  if (bytes.byteLength < needed)
    ds.fail('PixelData', `has ${bytes.byteLength} bytes, ${rows}×${columns}×${frames} voxels of ${bitsAllocated} bits need ${needed}`);
  const buffer = bytes.buffer;
  const stored =
    bitsAllocated === 16
      ? pixelRepresentation === 1
        ? new Int16Array(buffer, 0, count)
        : new Uint16Array(buffer, 0, count)
      : pixelRepresentation === 1
        ? new Int32Array(buffer, 0, count)
        : new Uint32Array(buffer, 0, count);
  const dose = new Float32Array(count);
  for (let i = 0; i < count; i++) dose[i] = stored[i] * scaling;

  return {
    originMm,
    rowDirection,
    columnDirection,
    columns,
    rows,
    rowSpacingMm,
    columnSpacingMm,
    frameOffsetsMm,
    dose,
    units: units as DoseUnits,
    frameOfReferenceUid: ds.string('FrameOfReferenceUID'),
  };
}
