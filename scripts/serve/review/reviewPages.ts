/**
 * The review's server-rendered pages: login, worklist, trial statistics. Every value from outside (user names,
 * patient ids, reasons, anything from DICOM) goes through `escapeHtml`; the pages carry no script.
 */
import type { ReviewStatistics } from '../../../extensions/mrecist/src/core/review/reviewStatistics';
import type { ReviewUser } from '../../../extensions/mrecist/src/core/review/reviewConfig';
import { reviewStatisticsText } from '../../../extensions/mrecist/src/cli/commands/reviewStats';
import type { CaseView } from './reviewService';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:56rem;padding:0 1rem;color:#1b1b1b}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #ccc}
.state{font-weight:600}form.inline{display:inline}input,button{font:inherit;padding:.3rem .5rem}pre{background:#f4f4f4;padding:1rem;overflow:auto}
.error{color:#a00000}header{display:flex;justify-content:space-between;align-items:baseline}`;

function page(title: string, trial: string, body: string, user?: ReviewUser): string {
  const who = user
    ? `<div>${escapeHtml(user.name)} (${escapeHtml(user.role)}) · <form class="inline" method="post" action="/review/logout"><button>Log out</button></form></div>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · ${escapeHtml(trial)}</title><style>${STYLE}</style></head>
<body><header><h1>${escapeHtml(title)}</h1>${who}</header><p>Trial ${escapeHtml(trial)} · blinded central review</p>${body}</body></html>`;
}

export function loginPage(trial: string, message?: string): string {
  return page(
    'Log in',
    trial,
    `${message ? `<p class="error" data-testid="review-login-error">${escapeHtml(message)}</p>` : ''}
<form method="post" action="/review/login">
<p><label>User id <input name="id" autocomplete="username" required></label></p>
<p><label>Password <input name="password" type="password" autocomplete="current-password" required></label></p>
<p><button>Log in</button></p></form>`,
  );
}

export function worklistPage(trial: string, user: ReviewUser, cases: readonly CaseView[]): string {
  const rows = cases
    .map(
      (c) => `<tr data-patient-id="${escapeHtml(c.patientId)}"><td>${escapeHtml(c.patientId)}</td><td class="state" data-testid="review-case-state">${escapeHtml(c.state)}</td>
<td>${c.reads.length}</td><td><a href="/review/open/${encodeURIComponent(c.patientId)}">Open in the viewer</a></td></tr>`,
    )
    .join('\n');
  const statistics = user.role === 'adjudicator' ? '<p><a href="/review/stats">Trial statistics</a></p>' : '';
  return page(
    'Worklist',
    trial,
    `<table><thead><tr><th>Patient</th><th>State</th><th>${user.role === 'reader' ? 'Your saved reports' : 'Reads shown'}</th><th></th></tr></thead>
<tbody>${rows || '<tr><td colspan="4">No cases are assigned to you.</td></tr>'}</tbody></table>${statistics}`,
    user,
  );
}

export function statisticsPage(trial: string, user: ReviewUser, stats: ReviewStatistics, chain: { lines: number; head: string }): string {
  return page(
    'Trial statistics',
    trial,
    `<p>Audit log: chain verified, ${chain.lines} line(s), head <code>${escapeHtml(chain.head)}</code></p>
<pre data-testid="review-statistics">${escapeHtml(reviewStatisticsText(stats).join('\n'))}</pre><p><a href="/review/">Worklist</a></p>`,
    user,
  );
}
