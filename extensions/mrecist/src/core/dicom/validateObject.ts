/**
 * One file checked with the reader its content calls for: a case file (JSON) with the case-file reader, a DICOM
 * object with the reader of its SOP class (RT Plan, RT Dose, RT Structure Set, SR, CT or MR image, Spatial
 * Registration). The answer is a verdict, never an exception: what `mrecist validate` prints per file.
 */
import { parseCaseFile } from '../criteria/parseCaseFile';
import { readBrachyPlan, RT_PLAN_SOP_CLASS_UID } from '../dose/readBrachyPlan';
import { readRtDose, RT_DOSE_SOP_CLASS_UID } from '../dose/readRtDose';
import { readRtStruct, RT_STRUCTURE_SET_STORAGE } from '../dose/rtStruct';
import { CriteriaInputError, isInputError } from '../errors';
import { decodeMeasurementReport } from '../sr/decodeMeasurementReport';
import { decodeDicom, type DicomDataset } from './DicomDataset';
import { readImageGeometry } from './imageGeometry';
import { readSpatialRegistration, SPATIAL_REGISTRATION_STORAGE } from './spatialRegistration';

export type ObjectKind =
  | 'case file'
  | 'RT Plan'
  | 'RT Dose'
  | 'RT Structure Set'
  | 'SR'
  | 'CT image'
  | 'MR image'
  | 'Spatial Registration'
  | 'DICOM'
  | 'unknown';

export type Verdict = { kind: ObjectKind; ok: true } | { kind: ObjectKind; ok: false; error: string };

const READERS: Readonly<Record<string, { kind: ObjectKind; read: (ds: DicomDataset, file: string) => unknown }>> = {
  [RT_PLAN_SOP_CLASS_UID]: { kind: 'RT Plan', read: (ds) => readBrachyPlan(ds) },
  [RT_DOSE_SOP_CLASS_UID]: { kind: 'RT Dose', read: (ds) => readRtDose(ds) },
  [RT_STRUCTURE_SET_STORAGE]: { kind: 'RT Structure Set', read: (ds) => readRtStruct(ds) },
  [SPATIAL_REGISTRATION_STORAGE]: { kind: 'Spatial Registration', read: (ds) => readSpatialRegistration(ds) },
  '1.2.840.10008.5.1.4.1.1.88.11': { kind: 'SR', read: (ds, file) => decodeMeasurementReport(ds.raw, file) },
  '1.2.840.10008.5.1.4.1.1.88.22': { kind: 'SR', read: (ds, file) => decodeMeasurementReport(ds.raw, file) },
  '1.2.840.10008.5.1.4.1.1.88.33': { kind: 'SR', read: (ds, file) => decodeMeasurementReport(ds.raw, file) },
  '1.2.840.10008.5.1.4.1.1.88.34': { kind: 'SR', read: (ds, file) => decodeMeasurementReport(ds.raw, file) },
  '1.2.840.10008.5.1.4.1.1.2': { kind: 'CT image', read: (ds) => readImageGeometry(ds) },
  '1.2.840.10008.5.1.4.1.1.4': { kind: 'MR image', read: (ds) => readImageGeometry(ds) },
};

/** A case file starts with "{" (after an optional byte order mark and white space); anything else is DICOM. */
function looksLikeJson(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return bytes[i] === 0x7b;
}

/** One line, whatever the failure: an input error's own message, anything else labelled internal. */
function problem(e: unknown): string {
  const message = isInputError(e) ? e.message : `internal error: ${e instanceof Error ? e.message : String(e)}`;
  return message.split(/\r?\n/)[0];
}

export function validateObject(bytes: Uint8Array, file: string): Verdict {
  let kind: ObjectKind = 'unknown';
  try {
    if (looksLikeJson(bytes)) {
      kind = 'case file';
      const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (e) {
        throw new CriteriaInputError(file, 'document', `invalid JSON (${(e as Error).message})`);
      }
      parseCaseFile(json, file);
      return { kind, ok: true };
    }
    const ds = decodeDicom(bytes, file);
    kind = 'DICOM';
    const sopClass = ds.string('SOPClassUID');
    const reader = READERS[sopClass];
    if (!reader) ds.fail('SOPClassUID', `${sopClass} is not an object mrecist reads`);
    kind = reader.kind;
    reader.read(ds, file);
    return { kind, ok: true };
  } catch (e) {
    return { kind, ok: false, error: problem(e) };
  }
}
