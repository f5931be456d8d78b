/**
 * Best overall response (response-criteria.md section 2.7; RECIST 1.1 Table 3). Only timepoints dated before
 * the progression date count and NE timepoints are skipped.
 *   Without confirmation: any CR, else any PR; else SD if a CR/PR/SD timepoint is at least
 *   minStableDiseaseDays after baseline; else PD if the patient progressed; else NE.
 *   With confirmation [project rule for persistence]: a CR is confirmed when the first evaluable timepoint at
 *   least confirmationMinDays later is CR and every evaluable timepoint in between is CR; a PR (started by a PR
 *   or CR) likewise with "CR or PR". Then CR if any CR is confirmed, else PR if any PR is, else the SD/PD/NE steps.
 */
import type { ResolvedCharter } from './charter';
import type { IsoDate, ResponseCategory } from './types';

export interface DatedResponse {
  id: string;
  date: IsoDate;
  /** Days from the baseline scan. */
  day: number;
  overall: ResponseCategory;
}

export interface BestOverallResponse {
  category: ResponseCategory;
  line: string;
}

export function classifyBestOverallResponse(
  timepoints: readonly DatedResponse[],
  progressionDate: IsoDate | null,
  charter: ResolvedCharter,
): BestOverallResponse {
  const considered = timepoints.filter(
    (tp) => tp.overall !== 'NE' && tp.overall !== 'PD' && (progressionDate === null || tp.date < progressionDate),
  );
  const cut = progressionDate === null ? '' : ` before progression on ${progressionDate}`;

  const responseAmong = (wanted: ReadonlySet<ResponseCategory>, starts: ReadonlySet<ResponseCategory>) => {
    for (let i = 0; i < considered.length; i++) {
      if (!starts.has(considered[i].overall)) continue;
      if (!charter.requireConfirmation) return { at: considered[i], by: null as DatedResponse | null };
      for (let j = i + 1; j < considered.length; j++) {
        if (!wanted.has(considered[j].overall)) break;
        if (considered[j].day - considered[i].day >= charter.confirmationMinDays) return { at: considered[i], by: considered[j] };
      }
    }
    return null;
  };
  const describeHit = (hit: { at: DatedResponse; by: DatedResponse | null }) =>
    hit.by === null
      ? `${hit.at.overall} at ${hit.at.id}`
      : `${hit.at.overall} at ${hit.at.id} confirmed at ${hit.by.id} (${hit.by.day - hit.at.day} days later)`;

  const cr = responseAmong(new Set(['CR']), new Set(['CR']));
  if (cr) return { category: 'CR', line: `best overall response: ${describeHit(cr)}${cut}: CR` };
  const pr = responseAmong(new Set(['CR', 'PR']), new Set(['CR', 'PR']));
  if (pr) return { category: 'PR', line: `best overall response: ${describeHit(pr)}${cut}: PR` };

  const unconfirmed = charter.requireConfirmation && considered.some((tp) => tp.overall === 'CR' || tp.overall === 'PR')
    ? 'no response confirmed; '
    : '';
  const stable = considered.find((tp) => tp.day >= charter.minStableDiseaseDays);
  if (stable) {
    return {
      category: 'SD',
      line: `best overall response: ${unconfirmed}${stable.overall} at ${stable.id}, day ${stable.day} (stable disease needs day ${charter.minStableDiseaseDays} or later): SD`,
    };
  }
  const short = considered.length > 0 ? `no non-PD timepoint reached day ${charter.minStableDiseaseDays}; ` : '';
  if (progressionDate !== null) {
    return { category: 'PD', line: `best overall response: ${unconfirmed}${short}progression on ${progressionDate}: PD` };
  }
  return { category: 'NE', line: `best overall response: ${unconfirmed}${short}no evaluable response: NE` };
}
