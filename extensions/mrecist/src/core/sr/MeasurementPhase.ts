/**
 * The series a target measurement was made on, its contrast phase and the reader's reason for keeping a viable
 * value measured off the arterial phase (case file `seriesInstanceUid`, `phase`, `phaseConfirmedReason`), as
 * rows of the lesion's Measurement Group beside its NUMs and their image references:
 *   HAS ACQ CONTEXT UIDREF Series Instance UID (112002, DCM)
 *   HAS ACQ CONTEXT CODE   Contrast Phase (109058, DCM) = 99MRECIST phase code
 *   CONTAINS        TEXT   99MRECIST PHASEOK = the reason (a CONTAINER may not have HAS PROPERTIES children
 *                          in a Comprehensive SR, PS3.3 Table A.35.3-2)
 * and, so that a viewer following one drawn line sees the phase of its image, the same Contrast Phase row as
 * HAS ACQ CONTEXT of each referenced IMAGE. The group's rows are the record; an image row that disagrees is an error.
 * Measurements without these fields write none of them, so older reports read and write unchanged.
 */
import { SrContentError } from '../errors';
import type { MeasuredValues } from '../criteria/types';
import { CONTRAST_PHASES, type ContrastPhase } from '../phase/ContrastPhase';
import { DCM, LOCAL, type Code } from './codes';
import { categoryFromCode } from './ResponseGroup';
import type { ContentItem } from './ContentItem';
import { findOptional } from './findContentItem';

export const PHASE_CODES: Readonly<Record<ContrastPhase, Code>> = {
  nonContrast: LOCAL.PhaseNonContrast,
  arterial: LOCAL.PhaseArterial,
  portalVenous: LOCAL.PhasePortalVenous,
  delayed: LOCAL.PhaseDelayed,
  hepatobiliary: LOCAL.PhaseHepatobiliary,
  unknown: LOCAL.PhaseUnknown,
};

export type MeasurementPhase = Pick<MeasuredValues, 'seriesInstanceUid' | 'phase' | 'phaseConfirmedReason'>;

const UID = /^[0-9]+(\.[0-9]+)*$/;

export function validateMeasurementPhase(m: MeasurementPhase, file: string, where: string): void {
  if (m.seriesInstanceUid !== undefined && (typeof m.seriesInstanceUid !== 'string' || !UID.test(m.seriesInstanceUid) || m.seriesInstanceUid.length > 64))
    throw new SrContentError(file, `${where} Series Instance UID (112002)`, `not a UID: "${String(m.seriesInstanceUid)}"`);
  if (m.phase !== undefined && !CONTRAST_PHASES.includes(m.phase))
    throw new SrContentError(file, `${where} Contrast Phase (109058)`, `unknown phase "${String(m.phase)}"`);
  if (m.phaseConfirmedReason !== undefined && typeof m.phaseConfirmedReason !== 'string')
    throw new SrContentError(file, `${where} phase confirmed reason (PHASEOK)`, 'must be text');
}

export function measurementPhaseItems(m: MeasurementPhase): ContentItem[] {
  const items: ContentItem[] = [];
  if (m.seriesInstanceUid !== undefined)
    items.push({ relationship: 'HAS ACQ CONTEXT', valueType: 'UIDREF', concept: DCM.SeriesInstanceUid, uid: m.seriesInstanceUid });
  if (m.phase !== undefined)
    items.push({ relationship: 'HAS ACQ CONTEXT', valueType: 'CODE', concept: DCM.ContrastPhase, code: PHASE_CODES[m.phase] });
  if (m.phaseConfirmedReason !== undefined)
    items.push({ relationship: 'CONTAINS', valueType: 'TEXT', concept: LOCAL.PhaseConfirmedReason, text: m.phaseConfirmedReason });
  return items;
}

/** The image-level row: the Contrast Phase alone, or nothing. */
export function imagePhaseItems(m: MeasurementPhase): ContentItem[] {
  return m.phase === undefined ? [] : [{ relationship: 'HAS ACQ CONTEXT', valueType: 'CODE', concept: DCM.ContrastPhase, code: PHASE_CODES[m.phase] }];
}

/** Checks an image's Contrast Phase row (when present) against the measurement's phase. */
export function checkImagePhase(image: ContentItem | undefined, phase: ContrastPhase | undefined, file: string, where: string): void {
  const row = findOptional(image?.children, DCM.ContrastPhase, 'CODE', file);
  if (!row) return;
  const at = `${where} image Contrast Phase (109058)`;
  const imagePhase = categoryFromCode(PHASE_CODES as Record<ContrastPhase, Code>, row.code, file, at);
  if (imagePhase !== phase) throw new SrContentError(file, at, `${imagePhase} disagrees with the measurement's phase ${phase ?? '(none)'}`);
}

/** Reads the rows back; only the fields present are set. */
export function measurementPhaseFromItems(items: readonly ContentItem[], file: string, where: string): MeasurementPhase {
  const out: MeasurementPhase = {};
  const series = findOptional(items, DCM.SeriesInstanceUid, 'UIDREF', file);
  if (series) out.seriesInstanceUid = series.uid;
  const phase = findOptional(items, DCM.ContrastPhase, 'CODE', file);
  if (phase) out.phase = categoryFromCode(PHASE_CODES as Record<ContrastPhase, Code>, phase.code, file, `${where} Contrast Phase (109058)`);
  const reason = findOptional(items, LOCAL.PhaseConfirmedReason, 'TEXT', file);
  if (reason) out.phaseConfirmedReason = reason.text;
  validateMeasurementPhase(out, file, where);
  return out;
}
