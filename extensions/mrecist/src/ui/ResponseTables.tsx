/**
 * Live responses: for each criterion (the read's own first, the others alongside) the target, non-target,
 * new-lesion and overall response per timepoint, the sums with their change against the baseline and the
 * nadir, the best overall response and the progression date, and the decision trail under each row.
 */
import type { CriteriaName } from '../core/criteria/types';
import type { CriterionResult } from '../core/read/liveResponses';
import { readStyles as s } from './readStyles';

export const CRITERIA_TITLE: Record<CriteriaName, string> = { mrecist: 'mRECIST', 'recist1.1': 'RECIST 1.1', easl: 'EASL' };

export function sumText(criteria: CriteriaName, sum: number | null): string {
  if (sum === null) return 'NE';
  return criteria === 'easl' ? `${sum.toFixed(2)} mm²` : `${sum.toFixed(1)} mm`;
}

export function pctText(pct: number | null): string {
  if (pct === null) return '–';
  return `${pct > 0 ? '+' : ''}${pct.toFixed(1)}%`;
}

function OneCriterion({ result, primary, baselineId }: { result: CriterionResult; primary: boolean; baselineId: string }) {
  const title = CRITERIA_TITLE[result.criteria];
  if (!result.assessment) {
    return (
      <div data-testid={`mrecist-response-${result.criteria}`} data-error={result.error} style={s.section}>
        <div style={s.heading}>{title}</div>
        <div style={s.muted} title={result.error} data-testid="mrecist-response-hint">
          Not assessable yet: {result.hint ?? result.error}
        </div>
      </div>
    );
  }
  const a = result.assessment;
  return (
    <div data-testid={`mrecist-response-${result.criteria}`} data-bor={a.bestOverallResponse} data-progression-date={a.progressionDate ?? ''} style={s.section}>
      <div style={s.heading}>
        {title}
        {primary ? ' (primary)' : ''}: best overall response <span data-testid="mrecist-bor">{a.bestOverallResponse}</span>
        {a.progressionDate ? `, progression ${a.progressionDate}` : ', no progression'}
      </div>
      <table style={s.table}>
        <thead>
          <tr>
            {['TP', 'Sum', 'vs BL', 'vs nadir', 'Target', 'Non-target', 'New', 'Overall'].map((h) => (
              <th key={h} style={s.th}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr data-testid="mrecist-response-baseline-row" data-sum={sumText(result.criteria, a.baselineTargetSum)}>
            <td style={s.td}>{baselineId}</td>
            <td style={s.td}>{sumText(result.criteria, a.baselineTargetSum)}</td>
            <td style={{ ...s.td, ...s.muted }} colSpan={6}>
              baseline: every change is taken against this sum
            </td>
          </tr>
          {a.timepoints.map((t) => (
            <tr
              key={t.id}
              data-testid="mrecist-response-row"
              data-timepoint-id={t.id}
              data-target={t.target}
              data-nontarget={t.nonTarget}
              data-new={t.newLesions ? 'yes' : 'no'}
              data-overall={t.overall}
              data-sum={sumText(result.criteria, t.targetSum)}
              data-pct-baseline={pctText(t.changeFromBaselinePct)}
              data-pct-nadir={pctText(t.changeFromNadirPct)}
              title={t.trace.join('\n')}
            >
              <td style={s.td}>{t.id}</td>
              <td style={s.td}>{sumText(result.criteria, t.targetSum)}</td>
              <td style={s.td}>{pctText(t.changeFromBaselinePct)}</td>
              <td style={s.td}>{pctText(t.changeFromNadirPct)}</td>
              <td style={s.td}>{t.target}</td>
              <td style={s.td}>{t.nonTarget}</td>
              <td style={s.td}>{t.newLesions ? 'yes' : 'no'}</td>
              <td style={s.td}>
                <strong>{t.overall}</strong>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <details>
        <summary style={s.muted}>Decision trail</summary>
        {(a.bestOverallResponseTrace ?? []).map((line, i) => (
          <div key={`bor-${i}`} style={s.trail}>
            {line}
          </div>
        ))}
        {a.timepoints.map((t) => (
          <div key={t.id} style={s.trail}>
            <strong>{t.id}</strong>: {t.trace.join(' · ')}
          </div>
        ))}
      </details>
    </div>
  );
}

export function ResponseTables({ results, baselineId }: { results: readonly CriterionResult[]; baselineId: string }) {
  return (
    <div data-testid="mrecist-responses">
      {results.map((r, i) => (
        <OneCriterion key={r.criteria} result={r} primary={i === 0} baselineId={baselineId} />
      ))}
    </div>
  );
}
