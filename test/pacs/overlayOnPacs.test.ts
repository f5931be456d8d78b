/**
 * The seed and isodose overlay with the demo case on a PACS (Orthanc through our proxy, DICOMweb data source):
 * the RT Plan, RT Dose and RT Structure Set are retrieved with WADO-RS (multipart/related), the follow-up CT
 * instances by the CT load worker with WADO-RS too, and the plan is placed on the latest follow-up by seed
 * registration, as with the static demo files. The PACS requires a bearer token (given to the viewer as
 * `?token=`): the overlay's own instance fetches, the worker's included, must carry the host's Authorization
 * header (without it the PACS answers 401 and the CT would be loaded through the host's loader instead).
 */
import { randomBytes } from 'node:crypto';
import { VIEWPORT_ID } from '../../extensions/mrecist/src/ohif/ids';
import { pacsViewerUrl } from '../../scripts/serve/startServer';
import { startViewerOnPacs, type ViewerOnPacs } from './viewerOnPacs';

jest.setTimeout(300_000);

let env: ViewerOnPacs;
const TOKEN = randomBytes(16).toString('hex');

beforeAll(async () => {
  env = await startViewerOnPacs({ browser: true, token: TOKEN });
}, 300_000);
afterAll(() => env?.close(), 90_000);

describe('overlay on the PACS', () => {
  it('reads the plan through WADO-RS, draws isodose on the baseline and places the plan on the latest follow-up', async () => {
    const page = env.chromium!.page;
    await page.goto(pacsViewerUrl(env.server.url, env.studies.map((s) => s.uid), TOKEN));
    await page.waitForFunction(
      ([baseline, current]) =>
        document.querySelector(`svg[data-mrecist-overlay="${baseline}"]`)?.getAttribute('data-placement') === 'sameFrame' &&
        document.querySelector(`svg[data-mrecist-overlay="${current}"]`)?.getAttribute('data-placement') === 'seedRegistration' &&
      // A displayed follow-up is placed from a slab first: wait for its whole CT to have been searched.
      !Object.values((globalThis as any).services?.mrecistSessionService?.session?.overlayStore?.getState().placements ?? {}).some((p: any) => p.checkingWholeCt),
      [VIEWPORT_ID.baseline, VIEWPORT_ID.current] as const,
      { timeout: 180_000, polling: 500 },
    );
    // The structure set may arrive after the plan (series metadata come one by one); the plan is then re-read.
    await page.waitForFunction(() => (globalThis as any).services?.mrecistSessionService?.session?.overlayStore.getState().plan?.targetRoiName !== undefined, undefined, { timeout: 60_000 });
    const state = await page.evaluate(() => {
      const s = (globalThis as any).services?.mrecistSessionService?.session?.overlayStore.getState();
      return { doseSource: s.plan.doseSource, seeds: s.plan.seedsMm.length, target: s.plan.targetRoiName ?? s.plan.targetProblem, error: s.planError };
    });
    expect(state).toEqual({ doseSource: 'rtDose', seeds: 50, target: 'GTV', error: undefined });
    await page.waitForFunction((id) => document.querySelectorAll(`svg[data-mrecist-overlay="${id}"] polygon[data-percent="100"]`).length > 0, VIEWPORT_ID.baseline, { timeout: 60_000 });
    const label = await page.evaluate((id) => document.querySelector(`svg[data-mrecist-overlay="${id}"] [data-layer="label"]`)?.textContent ?? '', VIEWPORT_ID.current);
    expect(Number(/RMS ([\d.]+) mm/.exec(label)?.[1])).toBeLessThan(2);
    const timings = await page.evaluate(() => Object.keys((globalThis as any).services.mrecistSessionService.session.overlayStore.getState().timingsMs));
    expect(timings.filter((k: string) => /^ct \S+ loaded by worker ms$/.test(k)).length).toBeGreaterThanOrEqual(1);
    expect(timings.filter((k: string) => /^ct \S+ loaded by host loader ms$/.test(k))).toEqual([]);
  });
});
