/**
 * Baseline target-selection rules (response-criteria.md sections 2.1 and 3), shown to the reader as
 * warnings, never errors: the reader may have reasons, and a central review records them.
 */
import { caseFileSource } from './caseFileSource';
import { formatTenthsMm, toTenthsMm } from './fixedPoint';
import { isPortaHepatis, isPortalVeinThrombus, organOf } from './organ';
import type { BaselineWarning, CaseFile, CriteriaName, MeasuredValues, MeasurementField, TargetLesion } from './types';

export const MAX_TARGETS = 5;
export const MAX_TARGETS_PER_ORGAN = 2;
/** Smallest measurable long axis (10 mm), or twice the slice thickness when that is larger; in tenths. */
export const MIN_TARGET_LONG_AXIS_TENTHS = 100;
/** RECIST 1.1 node target: short axis >= 15 mm (Schwartz 2009). */
export const MIN_NODE_TARGET_SHORT_AXIS_TENTHS = 150;
/** mRECIST: a porta hepatis node is malignant from 20 mm short axis (Lencioni & Llovet 2010). */
export const MIN_PORTA_HEPATIS_NODE_SHORT_AXIS_TENTHS = 200;

export function baselineWarnings(caseFile: CaseFile, criteria: CriteriaName = caseFile.criteria): BaselineWarning[] {
  const warnings: BaselineWarning[] = [];
  const targets = caseFile.lesions.filter((l): l is TargetLesion => l.role === 'target');
  const baseline = caseFile.timepoints.find((tp) => tp.baseline === true);
  if (!baseline) throw new Error(`baselineWarnings: ${caseFileSource(caseFile)} has no baseline (parse it first)`);

  if (targets.length > MAX_TARGETS) {
    warnings.push({
      code: 'too-many-targets',
      message: `${targets.length} target lesions at baseline; at most ${MAX_TARGETS} are allowed`,
    });
  }
  const byOrgan = new Map<string, string[]>();
  for (const t of targets) {
    const organ = organOf(t.site, t.node);
    byOrgan.set(organ, [...(byOrgan.get(organ) ?? []), t.id]);
  }
  for (const [organ, ids] of byOrgan) {
    if (ids.length > MAX_TARGETS_PER_ORGAN) {
      warnings.push({
        code: 'too-many-targets-in-organ',
        message: `${ids.length} targets in ${organ} (${ids.join(', ')}); at most ${MAX_TARGETS_PER_ORGAN} per organ are allowed`,
      });
    }
  }

  const sliceTenths = caseFile.sliceThicknessMm === undefined ? 0 : 2 * toTenthsMm(caseFile.sliceThicknessMm);
  const minLong = Math.max(MIN_TARGET_LONG_AXIS_TENTHS, sliceTenths);
  const minLongWhy = sliceTenths > MIN_TARGET_LONG_AXIS_TENTHS
    ? `${formatTenthsMm(minLong)} (twice the ${formatTenthsMm(toTenthsMm(caseFile.sliceThicknessMm as number))} slice thickness)`
    : formatTenthsMm(minLong);

  for (const t of targets) {
    const m = t.measurements[baseline.id] as MeasuredValues;
    const add = (code: BaselineWarning['code'], message: string) => warnings.push({ lesionId: t.id, code, message: `${t.id}: ${message}` });
    if (t.node === true) {
      if (m.shortAxisMm !== undefined) {
        const shortAxis = toTenthsMm(m.shortAxisMm);
        if (criteria === 'mrecist' && isPortaHepatis(t.site) && shortAxis < MIN_PORTA_HEPATIS_NODE_SHORT_AXIS_TENTHS) {
          add('porta-hepatis-node-too-small', `porta hepatis node ${formatTenthsMm(shortAxis)} short axis at baseline; counted as malignant only from ${formatTenthsMm(MIN_PORTA_HEPATIS_NODE_SHORT_AXIS_TENTHS)}`);
        } else if (shortAxis < MIN_NODE_TARGET_SHORT_AXIS_TENTHS) {
          add('node-target-too-small', `node ${formatTenthsMm(shortAxis)} short axis at baseline; a node target needs ${formatTenthsMm(MIN_NODE_TARGET_SHORT_AXIS_TENTHS)}`);
        }
      }
    } else {
      const field: MeasurementField = criteria === 'recist1.1' ? 'longAxisMm' : 'viableLongAxisMm';
      const value = m[field];
      if (value !== undefined && toTenthsMm(value) < minLong) {
        const what = criteria === 'recist1.1' ? 'long axis' : 'viable long axis';
        add('target-too-small', `${what} ${formatTenthsMm(toTenthsMm(value))} at baseline is under ${minLongWhy}`);
      }
    }
    if (criteria === 'mrecist' && t.arteriallyEnhancing === false) {
      add('target-not-arterially-enhancing', 'no arterial enhancement at baseline; under mRECIST it can only be a non-target');
    }
    if (isPortalVeinThrombus(t.site)) {
      add('portal-vein-thrombosis-target', 'portal vein thrombosis is non-measurable and belongs with the non-targets');
    }
    if (criteria === 'recist1.1' && t.treatment !== undefined) {
      add('treated-lesion-target', `locally treated (${t.treatment}); RECIST 1.1 normally treats it as non-measurable unless the charter allows it`);
    }
  }
  return warnings;
}
