/**
 * What a line on the image says. A new reader saw only "23.4 mm" beside each line and could not tell which
 * lesion or which diameter it was; the label names both ("T1 viable"), and the tools print it with the value.
 */
import type { MeasurementField } from '../core/criteria/types';

const FIELD_LABEL: Readonly<Record<MeasurementField, string>> = {
  longAxisMm: 'long axis',
  shortAxisMm: 'short axis',
  viableLongAxisMm: 'viable',
  viablePerpendicularMm: 'viable perpendicular',
};

/** "T1 viable", "N1 long axis". */
export function measurementLabel(lesionId: string, field: MeasurementField): string {
  return `${lesionId} ${FIELD_LABEL[field]}`;
}

/** Cornerstone's Length text box: the label and the value on one line ("T1 viable: 23.4 mm"); the value alone before the line belongs to a lesion. */
export function lengthTextLines(label: string | undefined, length: number | undefined, unit: string | undefined): string[] | undefined {
  if (length === undefined || length === null || !Number.isFinite(length)) return label ? [label] : undefined;
  const value = `${length.toFixed(1)} ${unit ?? 'mm'}`;
  return [label ? `${label}: ${value}` : value];
}

/** Cornerstone's getTextLines(data, targetId) for the Length tool (tools 5.x: cachedStats[targetId].length, .unit). */
export function lengthToolTextLines(data: { label?: string; cachedStats?: Record<string, { length?: number; unit?: string } | undefined> }, targetId: string): string[] | undefined {
  const stats = data.cachedStats?.[targetId];
  return lengthTextLines(data.label, stats?.length, stats?.unit);
}
