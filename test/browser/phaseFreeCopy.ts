/**
 * A copy of the demo patient whose texts name no contrast phase: every CT series description becomes the
 * scanner-style "Abd 2.0 B30f" (as some scanners write), study descriptions lose their phase words and Protocol
 * Name / Image Comments are removed. Contrast timing (ContrastBolusStartTime, AcquisitionTime) and pixels stay,
 * so only the classifier can tell the phases apart; with `withoutTimes` the times go too, and only the images
 * can. Returns which series was which phase in the original.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import dcmjs from 'dcmjs';

export const PHASE_FREE_DESCRIPTION = 'Abd 2.0 B30f';

/** Folder names of the demo writer's CT series (scripts/demo/writeCtSeries.ts) and the phase each holds. */
const PHASE_OF_FOLDER: Readonly<Record<string, string>> = {
  'ct-arterial-2mm': 'arterial',
  'ct-portal-venous-2mm': 'portalVenous',
  'ct-noncontrast-2mm': 'nonContrast',
};

export interface PhaseFreeCopy {
  /** Original phase by SeriesInstanceUID. */
  readonly phaseOfSeries: ReadonlyMap<string, string>;
  readonly studyOfSeries: ReadonlyMap<string, string>;
  readonly files: number;
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

const TAG = { seriesDescription: '0008103E', studyDescription: '00081030', protocolName: '00181030', imageComments: '00204000', seriesInstanceUid: '0020000E', studyInstanceUid: '0020000D' };

/** Times the classifier's timing and acquisition-order evidence come from (PS3.6 tags). */
const TIME_TAGS = {
  seriesTime: '00080031',
  acquisitionTime: '00080032',
  contentTime: '00080033',
  acquisitionDateTime: '0008002A',
  contrastBolusStartTime: '00181042',
};

/**
 * `withoutTimes`: the copy's CT series also lose every acquisition, content, series and contrast start time, so
 * their metadata cannot decide a phase at all and only their images can.
 */
export function writePhaseFreeCopy(fromDir: string, toDir: string, options: { withoutTimes?: boolean } = {}): PhaseFreeCopy {
  const phaseOfSeries = new Map<string, string>();
  const studyOfSeries = new Map<string, string>();
  let files = 0;
  for (const file of walk(fromDir)) {
    const target = path.join(toDir, path.relative(fromDir, file));
    mkdirSync(path.dirname(target), { recursive: true });
    const bytes = readFileSync(file);
    const phase = PHASE_OF_FOLDER[path.basename(path.dirname(file))];
    if (!phase) {
      writeFileSync(target, bytes);
      continue;
    }
    const dicom = dcmjs.data.DicomMessage.readFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const dict = dicom.dict as Record<string, { vr: string; Value?: unknown[] }>;
    dict[TAG.seriesDescription] = { vr: 'LO', Value: [PHASE_FREE_DESCRIPTION] };
    dict[TAG.studyDescription] = { vr: 'LO', Value: ['CT abdomen'] };
    delete dict[TAG.protocolName];
    delete dict[TAG.imageComments];
    if (options.withoutTimes) for (const tag of Object.values(TIME_TAGS)) delete dict[tag];
    phaseOfSeries.set(String(dict[TAG.seriesInstanceUid].Value?.[0]), phase);
    studyOfSeries.set(String(dict[TAG.seriesInstanceUid].Value?.[0]), String(dict[TAG.studyInstanceUid].Value?.[0]));
    writeFileSync(target, Buffer.from(dicom.write()));
    files += 1;
  }
  return { phaseOfSeries, studyOfSeries, files };
}
