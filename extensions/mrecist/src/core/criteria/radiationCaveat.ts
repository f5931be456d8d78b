/**
 * Radiation caveat (response-criteria.md section 2.9): arterial enhancement often persists for months after
 * radiation-based treatment without meaning viable tumour (Mendiratta-Lala et al., Radiol Imaging Cancer 2020),
 * so enhancement-based criteria under-call early response after I-125 seeds. The trail says so for
 * seed-treated targets that still enhance at early timepoints; the call itself is unchanged.
 */
import type { TargetReading } from './targetResponse';
import type { TargetLesion } from './types';

/**
 * "Early" = within 6 months of baseline [project rule]: the persistence reported after SBRT/TARE is mostly
 * over 3 to 6 months, and the reference study's primary read is at 6 months.
 */
export const RADIATION_CAVEAT_MAX_DAYS = 183;

export function radiationCaveat(
  targets: readonly TargetLesion[],
  readings: readonly TargetReading[],
  dayFromBaseline: number,
): string | null {
  if (dayFromBaseline > RADIATION_CAVEAT_MAX_DAYS) return null;
  const enhancing = targets.filter((lesion, i) => lesion.treatment === 'seeds' && (readings[i].value ?? 0) > 0);
  if (enhancing.length === 0) return null;
  const ids = enhancing.map((l) => l.id).join(', ');
  return (
    `note: ${ids} treated with I-125 seeds, still enhancing at day ${dayFromBaseline}; enhancement can persist for months ` +
    'after radiation without viable tumour (Mendiratta-Lala 2020), so this may under-call response; ' +
    'see the LI-RADS radiation track'
  );
}
