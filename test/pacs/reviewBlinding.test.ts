/**
 * Issue 11 acceptance, over HTTP against a real Orthanc holding the demo patient: the server in review mode with
 * two readers and an adjudicator on one case (and a third reader with no case). Every route needs credentials;
 * reader B's QIDO-RS never lists reader A's read and B's WADO-RS of it is 404; the adjudicator lists both reads
 * only once both are signed off; the endorsement is recorded, re-issued as an SR and released to a second
 * (clinical) Orthanc; `mrecist review-stats` verifies the audit log, and one changed byte fails naming the line.
 *
 * Reads are written here with the core SR codec, as the viewer writes them, and stored through the server's
 * STOW-RS as the viewer stores them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { startOrthanc, uploadDicomFiles, type OrthancServer } from '../../scripts/pacs/orthanc';
import { freePort } from '../../scripts/pacs/freePort';
import { parseMultipartRelated } from '../../scripts/pacs/multipartRelated';
import { startServer, type RunningServer } from '../../scripts/serve/startServer';
import { hashPassword } from '../../extensions/mrecist/src/cli/commands/reviewUser';
import type { CaseFile } from '../../extensions/mrecist/src/core/criteria/types';
import { decodeDicom } from '../../extensions/mrecist/src/core/dicom/DicomDataset';
import { writeSr } from '../../extensions/mrecist/src/core/sr/srFromCaseFile';
import { groupBy, readDemoCase, REPO_ROOT, DEMO_PATIENT_ID } from './demoCase';

type DicomJson = Record<string, { vr: string; Value?: any[] }>;

const USERS = [
  { id: 'r1', name: 'Reader One', role: 'reader', password: 'alpha-reader-pw' },
  { id: 'r2', name: 'Reader Two', role: 'reader', password: 'bravo-reader-pw' },
  { id: 'r3', name: 'Reader Three', role: 'reader', password: 'charlie-reader-pw' },
  { id: 'r4', name: 'Reader Four', role: 'reader', password: 'echo-reader-pw' },
  { id: 'adj', name: 'Adjudicator', role: 'adjudicator', password: 'delta-adjudicator-pw' },
] as const;
type UserId = (typeof USERS)[number]['id'];

let orthanc: OrthancServer | undefined;
let clinical: OrthancServer | undefined;
let server: RunningServer | undefined;
let dir = '';
let studies: { uid: string; date: string }[] = [];
let anyImage: { study: string; series: string; sop: string };

function basic(id: UserId): string {
  const user = USERS.find((u) => u.id === id)!;
  return `Basic ${Buffer.from(`${user.id}:${user.password}`).toString('base64')}`;
}

async function get(p: string, as?: UserId | { cookie: string }, accept = 'application/dicom+json'): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept };
  if (typeof as === 'string') headers.Authorization = basic(as);
  else if (as) headers.Cookie = as.cookie;
  return fetch(`${server!.url}${p}`, { headers, redirect: 'manual' });
}

async function qido(p: string, as: UserId): Promise<DicomJson[]> {
  const r = await get(`/dicom-web${p}`, as);
  if (r.status === 204) return [];
  expect(r.status).toBe(200);
  return (await r.json()) as DicomJson[];
}

const sops = (items: DicomJson[]) => items.map((i) => i['00080018']?.Value?.[0] as string);
const tag = (item: DicomJson, t: string) => item[t]?.Value?.[0];

/** A read of the demo patient: one target, its viable diameter at the baseline and at the last follow-up. */
function readOf(reader: string, baselineMm: number, lastMm: number): CaseFile {
  const first = studies[0], last = studies[studies.length - 1];
  const iso = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
  return {
    patientId: DEMO_PATIENT_ID,
    criteria: 'mrecist',
    reader: { name: reader },
    timepoints: [
      { id: 'BL', date: iso(first.date), baseline: true, studyInstanceUid: first.uid },
      { id: 'FU', date: iso(last.date), studyInstanceUid: last.uid },
    ],
    lesions: [{ id: 'T1', role: 'target', site: 'liver S8', arteriallyEnhancing: true, measurements: { BL: { viableLongAxisMm: baselineMm }, FU: { viableLongAxisMm: lastMm } } }],
  } as unknown as CaseFile;
}

function srOf(read: CaseFile, signOffBy?: string, series?: string): { bytes: Uint8Array; sop: string; series: string } {
  const written = writeSr({
    caseFile: read,
    file: 'test read',
    document: {
      contentDate: '20261204',
      contentTime: '120000',
      study: { StudyInstanceUID: studies[studies.length - 1].uid },
      patient: { PatientID: DEMO_PATIENT_ID },
      ...(series ? { seriesInstanceUid: series } : {}),
      ...(signOffBy ? { signOff: { by: signOffBy, at: new Date().toISOString() } } : {}),
    },
  });
  return { bytes: written.bytes, sop: String(written.dataset.SOPInstanceUID), series: String(written.dataset.SeriesInstanceUID) };
}

async function stow(objects: Uint8Array[], as: UserId): Promise<Response> {
  const boundary = `b-${randomUUID()}`;
  const parts: Buffer[] = [];
  for (const o of objects) parts.push(Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`), Buffer.from(o), Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return fetch(`${server!.url}/dicom-web/studies`, {
    method: 'POST',
    headers: { Authorization: basic(as), 'Content-Type': `multipart/related; type="application/dicom"; boundary=${boundary}`, Accept: 'application/dicom+json' },
    body: new Uint8Array(Buffer.concat(parts)),
  });
}

async function endorse(as: UserId, body: object): Promise<Response> {
  return fetch(`${server!.url}/review/api/cases/${DEMO_PATIENT_ID}/endorse`, {
    method: 'POST',
    headers: { Authorization: basic(as), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const mrecist = (...args: string[]) => spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'mrecist.js'), ...args], { encoding: 'utf8' });

beforeAll(async () => {
  const demo = readDemoCase().filter((d) => d.patientId === DEMO_PATIENT_ID);
  studies = [...groupBy(demo, (d) => d.studyUid)].map(([uid, files]) => ({ uid, date: files[0].studyDate })).sort((a, b) => a.date.localeCompare(b.date));
  const image = demo.find((d) => d.modality === 'CT')!;
  anyImage = { study: image.studyUid, series: image.seriesUid, sop: image.sopUid };
  dir = mkdtempSync(path.join(os.tmpdir(), 'mrecist-review-'));
  // The HTTP routes need no built viewer: a stand-in index.html for the files the server hands on.
  const viewerDir = path.join(dir, 'viewer');
  mkdirSync(viewerDir);
  writeFileSync(path.join(viewerDir, 'index.html'), '<!doctype html><title>viewer</title>');
  writeFileSync(path.join(viewerDir, 'app-config.js'), 'window.config = {};');
  const port = await freePort();
  [orthanc, clinical] = await Promise.all([startOrthanc({ publicOrigin: `http://127.0.0.1:${port}` }), startOrthanc({})]);
  await uploadDicomFiles(orthanc.url, demo.map((d) => d.file));
  const review = {
    trial: 'DEMO-01',
    users: USERS.map((u) => ({ id: u.id, name: u.name, role: u.role, password: hashPassword(u.password) })),
    cases: [{ patientId: DEMO_PATIENT_ID, readers: ['r1', 'r2'], adjudicator: 'adj' }],
    release: { to: clinical.dicomWebUrl, reads: 'endorsed' },
  };
  writeFileSync(path.join(dir, 'REVIEW.json'), JSON.stringify(review));
  server = await startServer({ viewerDir, pacsUrl: orthanc.dicomWebUrl, port, reviewConfigFile: path.join(dir, 'REVIEW.json') });
}, 300_000);

afterAll(async () => {
  await server?.close().catch(() => undefined);
  await Promise.all([orthanc?.stop(), clinical?.stop()]);
  rmSync(dir, { recursive: true, force: true });
}, 90_000);

describe('review mode: authentication', () => {
  it.each(['/', '/review/', '/review/api/me', '/dicom-web/studies', `/dicom-web/studies/${studies[0]?.uid ?? '1.2'}/series`, '/wado?requestType=WADO&objectUID=1.2', '/app-config.js', '/mrecist/dicomweb'])(
    'no credentials: 401 on %s',
    async (p) => {
      const r = await get(p);
      expect(r.status).toBe(401);
    },
  );

  it('no credentials on STOW-RS: 401, nothing stored; tools get a Basic challenge, browsers the login page', async () => {
    const r = await fetch(`${server!.url}/dicom-web/studies`, { method: 'POST', headers: { 'Content-Type': 'multipart/related; boundary=x' }, body: '--x--' });
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toMatch(/^Basic realm="mrecist review DEMO-01"/);
    const page = await get('/review/', undefined, 'text/html');
    expect(page.status).toBe(401);
    expect(await page.text()).toContain('<form method="post" action="/review/login">');
  });

  it('a wrong password is 401; repeated failures are 429, even with the right password; other users are not locked out', async () => {
    const wrong = { Authorization: `Basic ${Buffer.from('r4:not-the-password').toString('base64')}` };
    for (let i = 0; i < 4; i++) expect((await fetch(`${server!.url}/review/api/me`, { headers: wrong })).status).toBe(401);
    expect((await fetch(`${server!.url}/review/api/me`, { headers: wrong })).status).toBe(401);
    const locked = await fetch(`${server!.url}/review/api/me`, { headers: wrong });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await get('/review/api/me', 'r4')).status).toBe(429);
    expect((await get('/review/api/me', 'r1')).status).toBe(200);
  });

  it('the login page gives an HttpOnly, SameSite=Strict, expiring session cookie that opens the worklist', async () => {
    const bad = await fetch(`${server!.url}/review/login`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'id=r2&password=nope', redirect: 'manual' });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('set-cookie')).toBeNull();
    const r = await fetch(`${server!.url}/review/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ id: 'r2', password: 'bravo-reader-pw' }).toString(),
      redirect: 'manual',
    });
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/review/');
    const setCookie = r.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^mrecist_review=[A-Za-z0-9_-]{40,}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=28800$/);
    const cookie = { cookie: setCookie.split(';')[0] };
    expect(await (await get('/review/api/me', cookie)).json()).toEqual({ id: 'r2', name: 'Reader Two', role: 'reader', trial: 'DEMO-01' });
    const worklist = await (await get('/review/', cookie, 'text/html')).text();
    expect(worklist).toMatch(new RegExp(`<tr data-patient-id="${DEMO_PATIENT_ID}"><td>${DEMO_PATIENT_ID}</td><td class="state" data-testid="review-case-state">not started</td>`));
    expect(worklist).toContain(`<a href="/review/open/${DEMO_PATIENT_ID}">`);
    const open = await get(`/review/open/${DEMO_PATIENT_ID}`, cookie, 'text/html');
    expect(open.status).toBe(302);
    expect(open.headers.get('location')).toBe(`/mrecist/dicomweb?${new URLSearchParams({ StudyInstanceUIDs: studies.map((s) => s.uid).join(',') })}`);
  });
});

describe('review mode: blinding by the server', () => {
  const a: { sops: string[]; series: string } = { sops: [], series: '' };
  const b: { sops: string[]; series: string } = { sops: [], series: '' };
  let lastStudy = '';

  beforeAll(() => {
    lastStudy = studies[studies.length - 1].uid;
  });

  it('a read naming another observer is refused; reader A stores their own read', async () => {
    const forged = srOf(readOf('Reader Two', 40, 20));
    const refused = await stow([forged.bytes], 'r1');
    expect(refused.status).toBe(403);
    expect(await refused.text()).toBe('STOW part 1: the read names "Reader Two" as its observer, not you ("Reader One")\n');
    expect((await stow([forged.bytes], 'adj')).status).toBe(403);
    const own = srOf(readOf('Reader One', 40, 20));
    const stored = await stow([own.bytes], 'r1');
    expect(stored.status).toBe(200);
    a.sops.push(own.sop);
    a.series = own.series;
    // Stored for real: Orthanc has it.
    expect((await fetch(`${orthanc!.dicomWebUrl}/instances?SOPInstanceUID=${own.sop}`).then((r) => r.json())) as unknown[]).toHaveLength(1);
    // The same SOP Instance UID again (an overwrite of a read) is refused.
    expect((await stow([own.bytes], 'r1')).status).toBe(409);
  });

  it("reader B's QIDO-RS never lists an instance of A's read, by any query", async () => {
    const seen = [
      ...(await qido(`/studies/${lastStudy}/instances`, 'r2')),
      ...(await qido(`/instances?PatientID=${DEMO_PATIENT_ID}`, 'r2')),
      ...(await qido(`/instances?SOPInstanceUID=${a.sops[0]}`, 'r2')),
      ...(await qido(`/studies/${lastStudy}/metadata`, 'r2')),
    ];
    expect(seen.length).toBeGreaterThan(0);
    expect(sops(seen)).not.toContain(a.sops[0]);
    // A's series, named outright: it does not exist for B.
    expect((await get(`/dicom-web/studies/${lastStudy}/series/${a.series}/instances`, 'r2')).status).toBe(404);
    const series = await qido(`/studies/${lastStudy}/series`, 'r2');
    expect(series.map((s) => tag(s, '0020000E'))).not.toContain(a.series);
    expect(series.length).toBeGreaterThan(0);
    expect(await qido(`/series?Modality=SR`, 'r2')).toEqual([]);
    // Reader A sees their own read, as outside review mode.
    expect(sops(await qido(`/studies/${lastStudy}/instances`, 'r1'))).toContain(a.sops[0]);
    expect((await qido(`/studies/${lastStudy}/series`, 'r1')).map((s) => tag(s, '0020000E'))).toContain(a.series);
  });

  it("B's WADO-RS of A's SR instance, its metadata, its bulk data or WADO-URI: 404; a whole-study retrieve: 403", async () => {
    const instance = `/dicom-web/studies/${lastStudy}/series/${a.series}/instances/${a.sops[0]}`;
    for (const p of [instance, `${instance}/metadata`, `${instance}/bulk/00420011`, `${instance}/frames/1`, `/dicom-web/studies/${lastStudy}/series/${a.series}/metadata`])
      expect([p, (await get(p, 'r2', '*/*')).status]).toEqual([p, 404]);
    expect((await get(`/wado?requestType=WADO&studyUID=${lastStudy}&seriesUID=${a.series}&objectUID=${a.sops[0]}&contentType=application%2Fdicom`, 'r2', '*/*')).status).toBe(404);
    expect((await get(`/dicom-web/studies/${lastStudy}`, 'r2', 'multipart/related; type="application/dicom"')).status).toBe(403);
    expect((await get(`/dicom-web/studies/${lastStudy}/series/${a.series}`, 'r2', 'multipart/related; type="application/dicom"')).status).toBe(404);
    // A's own retrieve works, and is the read A stored.
    const own = await get(instance, 'r1', 'multipart/related; type="application/dicom"');
    expect(own.status).toBe(200);
    const [part] = parseMultipartRelated(new Uint8Array(await own.arrayBuffer()), own.headers.get('content-type') ?? '');
    expect(decodeDicom(part.body, 'A').string('SOPInstanceUID')).toBe(a.sops[0]);
    // Images of the case are served to B; routes outside DICOMweb's are not there.
    expect((await get(`/dicom-web/studies/${anyImage.study}/series/${anyImage.series}/instances/${anyImage.sop}/frames/1`, 'r2', 'multipart/related; type="application/octet-stream"')).status).toBe(200);
    expect((await get('/dicom-web/servers', 'r2')).status).toBe(404);
    expect((await get(`/dicom-web/studies/${lastStudy}/series/..%2F..%2Fservers`, 'r2')).status).toBe(404);
  });

  it('a reader with no case sees nothing of the patient, by any route', async () => {
    expect(await qido('/studies', 'r3')).toEqual([]);
    expect(await qido(`/instances?PatientID=${DEMO_PATIENT_ID}`, 'r3')).toEqual([]);
    expect((await get(`/dicom-web/studies/${anyImage.study}/series`, 'r3')).status).toBe(404);
    expect((await get(`/dicom-web/studies/${anyImage.study}/series/${anyImage.series}/instances/${anyImage.sop}/frames/1`, 'r3', '*/*')).status).toBe(404);
    expect((await get(`/wado?requestType=WADO&objectUID=${anyImage.sop}`, 'r3', '*/*')).status).toBe(404);
    expect((await get(`/review/open/${DEMO_PATIENT_ID}`, 'r3')).status).toBe(404);
    expect(await (await get('/review/api/cases', 'r3')).json()).toEqual([]);
    // Reader B sees the patient's studies.
    expect((await qido('/studies', 'r2')).map((s) => tag(s, '0020000D')).sort()).toEqual(studies.map((s) => s.uid).sort());
  });

  it('the adjudicator lists both reads only once both are signed off', async () => {
    const listedByAdjudicator = async () => sops(await qido(`/studies/${lastStudy}/instances`, 'adj'));
    expect(await listedByAdjudicator()).not.toContain(a.sops[0]);
    const signedA = srOf(readOf('Reader One', 40, 20), 'Reader One', a.series);
    expect((await stow([signedA.bytes], 'r1')).status).toBe(200);
    a.sops.push(signedA.sop);
    const savedB = srOf(readOf('Reader Two', 40, 60));
    expect((await stow([savedB.bytes], 'r2')).status).toBe(200);
    b.sops.push(savedB.sop);
    b.series = savedB.series;
    // A signed off, B in progress: still nothing.
    expect((await listedByAdjudicator()).filter((s) => [...a.sops, ...b.sops].includes(s))).toEqual([]);
    expect((await (await get(`/review/api/cases/${DEMO_PATIENT_ID}`, 'adj')).json()).state).toBe('in progress');
    expect(sops(await qido(`/studies/${lastStudy}/instances`, 'r2'))).not.toContain(a.sops[1]);
    const signedB = srOf(readOf('Reader Two', 40, 60), 'Reader Two', b.series);
    expect((await stow([signedB.bytes], 'r2')).status).toBe(200);
    b.sops.push(signedB.sop);
    const listed = await listedByAdjudicator();
    for (const sop of [...a.sops, ...b.sops]) expect(listed).toContain(sop);
    expect((await get(`/dicom-web/studies/${lastStudy}/series/${b.series}/instances/${signedB.sop}`, 'adj', 'multipart/related; type="application/dicom"')).status).toBe(200);
    // Readers stay blind to each other after both sign-offs.
    expect(sops(await qido(`/studies/${lastStudy}/instances`, 'r1')).filter((s) => b.sops.includes(s))).toEqual([]);
    const view = await (await get(`/review/api/cases/${DEMO_PATIENT_ID}`, 'adj')).json();
    expect(view).toMatchObject({ state: 'awaiting adjudication', comparison: { adjudicationNeeded: true, differing: expect.arrayContaining(['bestOverallResponse']) } });
    expect(view.reads.map((r: { label: string; sopInstanceUid: string }) => [r.label, r.sopInstanceUid])).toEqual([
      ['A', a.sops[1]],
      ['B', b.sops[1]],
    ]);
    expect((await (await get(`/review/api/cases/${DEMO_PATIENT_ID}`, 'r1')).json()).reads.map((r: { sopInstanceUid: string }) => r.sopInstanceUid)).toEqual(a.sops);
    // The reads are with the adjudicator: closed to the readers.
    expect((await stow([srOf(readOf('Reader One', 40, 25)).bytes], 'r1')).status).toBe(409);
  });

  it('the adjudicator endorses B with a reason: a re-issued SR naming both reads, released to the clinical PACS; a second endorsement only as an amendment', async () => {
    expect((await endorse('r1', { read: 'A', reason: 'mine' })).status).toBe(403);
    expect((await endorse('adj', { read: 'C', reason: 'x' })).status).toBe(400);
    const r = await endorse('adj', { read: 'B', reason: 'new arterial enhancement at FU' });
    expect(r.status).toBe(200);
    const answer = await r.json();
    expect(answer.endorsement).toMatchObject({ endorsement: { read: 'B', reason: 'new arterial enhancement at FU', adjudicator: 'Adjudicator' } });
    expect(answer.release).toEqual({ to: clinical!.dicomWebUrl, status: 200 });
    const reissued = answer.reissued.sopInstanceUid as string;
    const wado = await get(`/dicom-web/studies/${lastStudy}/series/${answer.reissued.seriesInstanceUid}/instances/${reissued}`, 'adj', 'multipart/related; type="application/dicom"');
    expect(wado.status).toBe(200);
    const [part] = parseMultipartRelated(new Uint8Array(await wado.arrayBuffer()), wado.headers.get('content-type') ?? '');
    const ds = decodeDicom(part.body, 'reissued');
    expect(ds.string('VerificationFlag')).toBe('VERIFIED');
    const verifiers = ds.requiredSequence('VerifyingObserverSequence').map((v) => v.raw.VerifyingObserverName[0].Alphabetic);
    expect(verifiers).toEqual(['Reader Two', 'Adjudicator']);
    const predecessors = ds.requiredSequence('PredecessorDocumentsSequence').flatMap((s) => s.requiredSequence('ReferencedSeriesSequence').flatMap((se) => se.requiredSequence('ReferencedSOPSequence').map((x) => x.string('ReferencedSOPInstanceUID'))));
    expect(predecessors.sort()).toEqual([a.sops[1], b.sops[1]].sort());
    // Released to the clinical PACS; never shown to the readers.
    expect((await fetch(`${clinical!.dicomWebUrl}/instances?SOPInstanceUID=${reissued}`).then((x) => x.json())) as unknown[]).toHaveLength(1);
    for (const reader of ['r1', 'r2'] as const) expect(sops(await qido(`/studies/${lastStudy}/instances`, reader))).not.toContain(reissued);

    const again = await endorse('adj', { read: 'A', reason: 'second thoughts' });
    expect(again.status).toBe(409);
    expect(await again.text()).toMatch(/^patient P12 \(mrecist\) was endorsed already \(read B by Adjudicator at .*\): a new endorsement is an amendment and needs its reason \(--amend REASON\)\n$/);
    expect((await endorse('adj', { read: 'A', reason: 'second thoughts', amendment: 'FU lesion re-measured on the portal phase' })).status).toBe(200);
    expect((await (await get(`/review/api/cases/${DEMO_PATIENT_ID}`, 'adj')).json())).toMatchObject({ state: 'adjudicated', endorsement: { read: 'A', amendment: { reason: 'FU lesion re-measured on the portal phase' } } });
  });

  it('trial statistics for the adjudicator only, from the audit log', async () => {
    expect((await get('/review/stats', 'r1', 'text/html')).status).toBe(403);
    const stats = await (await get('/review/api/stats', 'adj')).json();
    expect(stats).toMatchObject({ chain: { verified: true }, cases: 1, adjudicationNeeded: 1, endorsed: 1, adjudicationRate: 1 });
    // Amended to A: Reader Two's read was not the endorsed one.
    expect(stats.readers.map((r: { reader: string; disagreementIndex: number }) => [r.reader, r.disagreementIndex])).toEqual([
      ['Reader One', 0],
      ['Reader Two', 1],
    ]);
    const page = await (await get('/review/stats', 'adj', 'text/html')).text();
    expect(page).toContain('disagreement index');
  });
});

describe('review mode: the audit log', () => {
  it('holds every event, verifies with review-stats, and one changed byte fails naming its line', () => {
    const logPath = server!.reviewAuditLog!;
    const lines = readFileSync(logPath, 'utf8').trimEnd().split('\n');
    const events = lines.map((l) => JSON.parse(l).event);
    for (const e of ['login-failed', 'login', 'case-open', 'save', 'sign-off', 'adjudication', 'reissue', 'release']) expect(events).toContain(e);
    const ok = mrecist('review-stats', logPath);
    expect(ok.stderr).toBe('');
    expect(ok.stdout.split('\n')[0]).toMatch(new RegExp(`: chain verified, ${lines.length} line\\(s\\), head [0-9a-f]{64}$`));

    const copy = path.join(dir, 'tampered.log');
    const text = readFileSync(logPath, 'utf8');
    const line = lines.findIndex((l) => JSON.parse(l).event === 'sign-off');
    const offset = lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0) + lines[line].indexOf('Reader') + 'Reader '.length;
    writeFileSync(copy, text.slice(0, offset) + (text[offset] === 'O' ? 'Q' : 'O') + text.slice(offset + 1));
    const broken = mrecist('review-stats', copy);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toBe(`mrecist: ${copy}: line ${line + 1}: changed after it was written (its SHA-256 does not match its hash)\n`);
  });
});
