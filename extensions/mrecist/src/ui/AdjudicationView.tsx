/**
 * The adjudicator's panel (blinded central review, response-criteria.md section 10.4): both signed-off reads of
 * the case, responses per timepoint under each criterion side by side, the charter's variables with those that
 * disagree marked (the comparison `mrecist adjudicate` makes), and the endorsement of read A or B with a
 * reason. Presentational: ohif/review/AdjudicationContainer fetches, draws and posts. Every text from a read or
 * the server is rendered as text.
 */
import { useState } from 'react';
import type { AdjudicationCheck, ReviewVariable } from '../core/review/adjudication';
import type { CriterionResult } from '../core/read/liveResponses';
import type { CriteriaName } from '../core/criteria/types';
import type { Endorsement } from '../core/review/auditLog';
import { CRITERIA_TITLE, sumText } from './ResponseTables';
import { readStyles as s } from './readStyles';

type ReadLabel = Endorsement['read'];

export interface AdjudicatedRead {
  readonly label: ReadLabel;
  readonly reader: string;
  readonly signedOffAt: string;
  readonly sopInstanceUid: string;
  readonly colour: string;
  readonly responses: readonly CriterionResult[];
}

export interface AdjudicationViewProps {
  readonly patientId: string;
  readonly caseState: string;
  /** Both reads once both are signed off (and fetched); null before. */
  readonly reads: readonly [AdjudicatedRead, AdjudicatedRead] | null;
  readonly check: AdjudicationCheck | null;
  readonly endorsement?: { readonly read: ReadLabel; readonly reason: string; readonly adjudicator: string; readonly at: string; readonly amendment?: { readonly reason: string } };
  readonly problem: string | null;
  readonly drawProblems: readonly string[];
  /** The last endorsement attempt's outcome, in one line. */
  readonly outcome: { readonly ok: boolean; readonly text: string } | null;
  readonly busy: boolean;
  readonly onEndorse: (request: { read: ReadLabel; reason: string; amendment?: string }) => void;
}

const VARIABLE_LABEL: Record<ReviewVariable, string> = { bestOverallResponse: 'Best overall response', progressionDate: 'Progression date', responseDate: 'Response date' };

function TableHead({ columns }: { columns: readonly string[] }) {
  return (
    <thead>
      <tr>
        {columns.map((h) => <th key={h} style={s.th}>{h}</th>)}
      </tr>
    </thead>
  );
}

function ReadBadge({ read }: { read: AdjudicatedRead }) {
  return (
    <span data-testid={`mrecist-adjudication-read-${read.label}`} data-reader={read.reader} data-sop-instance-uid={read.sopInstanceUid}>
      <span style={{ ...s.badge, background: read.colour, color: '#000' }}>{read.label}</span> {read.reader}{' '}
      <span style={s.muted}>signed off {read.signedOffAt.slice(0, 16).replace('T', ' ')} UTC</span>
    </span>
  );
}

/** One criterion: per timepoint (matched by date), the overall response and sum of A and of B. */
function CriterionSideBySide({ criteria, a, b }: { criteria: CriteriaName; a?: CriterionResult; b?: CriterionResult }) {
  const dates = [...new Set([...(a?.assessment?.timepoints ?? []), ...(b?.assessment?.timepoints ?? [])].map((t) => t.date))].sort();
  const at = (r: CriterionResult | undefined, date: string) => r?.assessment?.timepoints.find((t) => t.date === date);
  const bor = (r?: CriterionResult) => r?.assessment?.bestOverallResponse ?? 'not assessable';
  return (
    <div style={s.section} data-testid={`mrecist-adjudication-criterion-${criteria}`}>
      <div style={s.heading}>
        {CRITERIA_TITLE[criteria]}: best overall response A {bor(a)} · B {bor(b)}
      </div>
      {!a?.assessment || !b?.assessment ? <div style={s.muted}>{[a?.error && `A: ${a.error}`, b?.error && `B: ${b.error}`].filter(Boolean).join(' · ')}</div> : null}
      <table style={s.table}>
        <TableHead columns={['Date', 'A sum', 'A overall', 'B sum', 'B overall']} />
        <tbody>
          {dates.map((date) => {
            const x = at(a, date), y = at(b, date);
            const differs = x?.overall !== y?.overall;
            return (
              <tr key={date} data-testid="mrecist-adjudication-row" data-date={date} data-a={x?.overall ?? ''} data-b={y?.overall ?? ''} style={differs ? { fontWeight: 600 } : undefined}>
                <td style={s.td}>{date}</td>
                <td style={s.td}>{x ? sumText(criteria, x.targetSum) : '–'}</td>
                <td style={s.td}>{x?.overall ?? '–'}</td>
                <td style={s.td}>{y ? sumText(criteria, y.targetSum) : '–'}</td>
                <td style={s.td}>
                  {y?.overall ?? '–'}
                  {differs ? ' ≠' : ''}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function EndorseForm({ endorsed, busy, onEndorse }: { endorsed: boolean; busy: boolean; onEndorse: AdjudicationViewProps['onEndorse'] }) {
  const [read, setRead] = useState<ReadLabel | ''>('');
  const [reason, setReason] = useState('');
  const [amendment, setAmendment] = useState('');
  const ready = read !== '' && reason.trim() !== '' && (!endorsed || amendment.trim() !== '') && !busy;
  return (
    <form
      data-testid="mrecist-endorse-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) onEndorse({ read: read as ReadLabel, reason: reason.trim(), ...(endorsed ? { amendment: amendment.trim() } : {}) });
      }}
    >
      <div style={s.row}>
        {(['A', 'B'] as const).map((label) => (
          <label key={label}>
            <input type="radio" name="mrecist-endorse-read" value={label} data-testid={`mrecist-endorse-${label}`} checked={read === label} onChange={() => setRead(label)} /> Endorse read {label}
          </label>
        ))}
      </div>
      <label style={{ display: 'block', marginTop: 4 }}>
        Reason{' '}
        <input style={{ ...s.input, width: '70%' }} data-testid="mrecist-endorse-reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
      </label>
      {endorsed ? (
        <label style={{ display: 'block', marginTop: 4 }}>
          Why the endorsement is amended{' '}
          <input style={{ ...s.input, width: '60%' }} data-testid="mrecist-endorse-amendment" value={amendment} maxLength={500} onChange={(e) => setAmendment(e.target.value)} />
        </label>
      ) : null}
      <button type="submit" style={{ ...s.primaryButton, marginTop: 6 }} disabled={!ready} data-testid="mrecist-endorse-submit">
        {busy ? 'Recording…' : endorsed ? 'Amend the endorsement' : 'Endorse'}
      </button>
    </form>
  );
}

export function AdjudicationView(p: AdjudicationViewProps) {
  const criteria = p.reads ? [...new Set(p.reads.flatMap((r) => r.responses.map((x) => x.criteria)))] : [];
  return (
    <div style={s.panel} data-testid="mrecist-adjudication" data-case-state={p.caseState}>
      <div style={s.row}>
        <strong style={{ fontSize: 14 }}>Adjudication · patient {p.patientId}</strong>
        <span style={s.badge} data-testid="mrecist-adjudication-state">
          {p.caseState}
        </span>
      </div>
      {p.problem ? (
        <div style={s.error} role="alert" data-testid="mrecist-adjudication-problem">
          {p.problem}
        </div>
      ) : null}
      {!p.reads ? (
        <p style={s.muted} data-testid="mrecist-adjudication-waiting">
          Both reads are shown once both readers have signed off.
        </p>
      ) : (
        <>
          <div style={{ ...s.section, display: 'grid', gap: 2 }}>
            <ReadBadge read={p.reads[0]} />
            <ReadBadge read={p.reads[1]} />
            <span style={s.muted}>Both reads' lines are on the images, in their colours, locked.</span>
            {p.drawProblems.length ? (
              <span style={s.warning} data-testid="mrecist-adjudication-draw-problems">
                {p.drawProblems.length} line(s) not drawn yet: {p.drawProblems[0]}
              </span>
            ) : null}
          </div>
          {p.check ? (
            <section style={s.section}>
              <h3 style={s.heading}>
                Charter variables ({CRITERIA_TITLE[p.check.criteria]}): {p.check.adjudicationNeeded ? 'the reads disagree' : 'the reads agree'}
              </h3>
              <table style={s.table} data-testid="mrecist-adjudication-variables">
                <TableHead columns={['Variable', 'A', 'B', '']} />
                <tbody>
                  {p.check.comparisons.map((c) => (
                    <tr key={c.variable} data-testid="mrecist-adjudication-variable" data-variable={c.variable} data-agree={String(c.agree)} style={c.agree ? undefined : { fontWeight: 600 }}>
                      <td style={s.td}>{VARIABLE_LABEL[c.variable]}</td>
                      <td style={s.td}>{c.a ?? 'none'}</td>
                      <td style={s.td}>{c.b ?? 'none'}</td>
                      <td style={{ ...s.td, ...(c.agree ? s.muted : s.warning) }}>{c.agree ? 'agree' : 'DISAGREE'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ) : null}
          <section style={s.section}>
            <h3 style={s.heading}>Responses per timepoint</h3>
            {criteria.map((c) => (
              <CriterionSideBySide key={c} criteria={c} a={p.reads![0].responses.find((r) => r.criteria === c)} b={p.reads![1].responses.find((r) => r.criteria === c)} />
            ))}
          </section>
          <section style={s.section}>
            <h3 style={s.heading}>Endorsement</h3>
            {p.endorsement ? (
              <p data-testid="mrecist-endorsement" data-read={p.endorsement.read}>
                Read {p.endorsement.read} endorsed by {p.endorsement.adjudicator} on {p.endorsement.at.slice(0, 16).replace('T', ' ')} UTC: “{p.endorsement.reason}”
                {p.endorsement.amendment ? ` (amended: ${p.endorsement.amendment.reason})` : ''}
              </p>
            ) : null}
            <EndorseForm endorsed={!!p.endorsement} busy={p.busy} onEndorse={p.onEndorse} />
            {p.outcome ? (
              <div style={p.outcome.ok ? { ...s.section } : s.error} role="status" data-testid="mrecist-endorse-outcome" data-ok={String(p.outcome.ok)}>
                {p.outcome.text}
              </div>
            ) : null}
          </section>
        </>
      )}
    </div>
  );
}
