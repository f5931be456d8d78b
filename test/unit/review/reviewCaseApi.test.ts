/**
 * The adjudicator view's client of the review server: case views are checked at the boundary, an endorsement's
 * refusal is the server's one line, a success names the re-issued report.
 */
import { parseCaseView, postEndorsement } from '../../../extensions/mrecist/src/ohif/review/reviewCaseApi';

const read = (label: string) => ({ label, reader: `Reader ${label}`, studyInstanceUid: '1.2', seriesInstanceUid: '1.2.3', sopInstanceUid: `1.2.3.${label.length}`, signedOff: true, at: '2026-12-04T12:00:00Z' });

describe('parseCaseView', () => {
  it('takes the server case view', () => {
    const view = { patientId: 'P12', role: 'adjudicator', state: 'awaiting adjudication', reads: [read('A'), read('B')], comparison: { criteria: 'mrecist', adjudicationNeeded: true, differing: ['bestOverallResponse'] } };
    expect(parseCaseView(view, 'case')).toEqual(view);
  });

  it.each([
    ['x', 'case: body: expected a JSON object'],
    [{ patientId: 'P12', role: 'reader', state: 's' }, 'case: reads: expected a list'],
    [{ patientId: 'P12', role: 'root', state: 's', reads: [] }, 'case: role: expected reader or adjudicator'],
    [{ patientId: 'P12', role: 'reader', state: 's', reads: [{ ...read('A'), sopInstanceUid: 7 }] }, 'case reads[0]: sopInstanceUid: expected text'],
    [{ patientId: 'P12', role: 'reader', state: 's', reads: [read('C')] }, 'case reads[0]: label: unknown read label "C"'],
  ])('refuses %j', (value, message) => {
    expect(() => parseCaseView(value, 'case')).toThrow(message);
  });
});

describe('postEndorsement', () => {
  it('posts the choice as JSON and names the re-issued SR', async () => {
    const sent: Array<[string, { method?: string; body?: string }]> = [];
    const fetch = async (url: string, init?: { method?: string; body?: string }) => {
      sent.push([url, init ?? {}]);
      return new Response(JSON.stringify({ endorsement: {}, reissued: { sopInstanceUid: '2.25.9' }, release: { to: 'http://pacs', status: 200 } }), { status: 200 });
    };
    await expect(postEndorsement(fetch, 'P 12', { read: 'B', reason: 'better' })).resolves.toEqual({ ok: true, reissuedSopInstanceUid: '2.25.9', release: { to: 'http://pacs', status: 200 } });
    expect(sent[0][0]).toBe('/review/api/cases/P%2012/endorse');
    expect(sent[0][1].method).toBe('POST');
    expect(JSON.parse(sent[0][1].body!)).toEqual({ read: 'B', reason: 'better' });
  });

  it("a refusal is the server's first line", async () => {
    const fetch = async () => new Response('patient P12: endorsed already: give the reason of the amendment\nmore', { status: 409 });
    await expect(postEndorsement(fetch, 'P12', { read: 'A', reason: 'r' })).resolves.toEqual({ ok: false, message: 'The endorsement was refused (HTTP 409: patient P12: endorsed already: give the reason of the amendment)' });
  });
});
