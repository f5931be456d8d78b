/**
 * The Report section as the reader sees it (server-rendered markup): save disabled with the reason when there
 * is no PACS, the one status line with its tone, waiting saves, the offer to load a newer report, the versions
 * (date/time, reader, role) and a version shown read-only with its overall responses.
 */
import { readFileSync } from 'node:fs';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { parseCaseFile } from '../../../extensions/mrecist/src/core/criteria/parseCaseFile';
import { assess } from '../../../extensions/mrecist/src/core/criteria/assess';
import type { ReportController, ReportState } from '../../../extensions/mrecist/src/ohif/report/ReportController';
import type { ReportVersion } from '../../../extensions/mrecist/src/ohif/report/ReportVersion';
import { ReportSectionView } from '../../../extensions/mrecist/src/ui/ReportPanelSection';
import { GOLDEN_CASE } from '../../../scripts/sr/goldenSr';

const golden = parseCaseFile(JSON.parse(readFileSync(GOLDEN_CASE, 'utf8')), 'P12.case.json');
const version = (uid: string, time: string): ReportVersion => ({
  instance: { studyInstanceUid: '1', seriesInstanceUid: '2', sopClassUid: '1.2.840.10008.5.1.4.1.1.88.33', sopInstanceUid: uid },
  contentDate: '20261126',
  contentTime: time,
  readerName: 'Reader^One',
  readerRole: 'Reader 1',
  instanceNumber: 1,
  predecessorUids: [],
  caseFile: golden,
  byteLength: 1000,
});

function render(patch: Partial<ReportState>): string {
  const state: ReportState = { pacs: { kind: 'dicomweb', wadoRoot: '/w', qidoRoot: '/q' }, line: '', tone: 'info', busy: null, versions: [], pending: [], drawProblems: [], ...patch };
  const controller = { getState: () => state, subscribe: () => () => undefined } as unknown as ReportController;
  return renderToStaticMarkup(createElement(ReportSectionView, { controller }));
}

it('without a PACS: save disabled, the reason as its title and as the status line; download offered', () => {
  const html = render({ pacs: { kind: 'none', reason: 'No PACS here.' }, line: 'No PACS here.' });
  expect(html).toMatch(/<button type="button" data-testid="mrecist-report-save"[^>]*disabled=""[^>]*title="No PACS here\."/);
  expect(html).toContain('data-testid="mrecist-report-download"');
  expect(html).toContain('data-tone="info" role="status"');
  expect(html).not.toContain('Saved reports');
});

it('a failed save: the error line, the waiting count and Retry now', () => {
  const pending = [{ sopInstanceUid: '9' }] as unknown as ReportState['pending'];
  const html = render({ line: 'Not saved to the PACS: HTTP 409 Conflict.', tone: 'error', pending });
  expect(html).toContain('data-tone="error"');
  expect(html).toContain('Not saved to the PACS: HTTP 409 Conflict.');
  expect(html).toContain('1 save waiting for the PACS (kept in this browser)');
  expect(html).toContain('data-testid="mrecist-report-retry"');
});

it('lists versions newest first with date/time, reader and role, offers a newer report, and shows one read-only', () => {
  const html = render({ versions: [version('1.2', '120500'), version('1.1', '093000')], offer: version('1.2', '120500'), viewing: version('1.1', '093000') });
  const rows = [...html.matchAll(/data-testid="mrecist-report-version" data-sop-instance-uid="([^"]+)"/g)].map((m) => m[1]);
  expect(rows).toEqual(['1.2', '1.1']);
  expect(html).toContain('2026-11-26 12:05:00');
  expect(html).toContain('Reader^One');
  expect(html).toContain('Reader 1');
  expect(html).toContain('Saved report of 2026-11-26 12:05:00 on the PACS.');
  const overall = [...html.matchAll(/data-testid="mrecist-report-readonly-overall">([^<]*)</g)].map((m) => m[1]);
  const expected = new Map(assess(golden).timepoints.map((t) => [t.id, t.overall]));
  expect(overall).toEqual(golden.timepoints.map((t) => expected.get(t.id) ?? ''));
  expect(overall).toEqual(['', 'PR', 'NE', 'PR', 'CR']);
});
