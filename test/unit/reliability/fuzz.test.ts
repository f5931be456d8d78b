/**
 * Seeded, bounded fuzzing of every reader through `mrecist validate --json` (one process, as a site runs it):
 * 150 mutated inputs per class (RT Plan, RT Dose, RT Structure Set, SR, CT image, Spatial Registration, case
 * file), 1,050 in all. Every input must give exactly one result line, ok true or false, an error of one line
 * that is an input error (never "internal error"), exit 0 or 2, nothing but our one line on stderr, and no
 * input may hang (5 s, far above normal); how many took 1 s or more is reported, not asserted (speed is not a
 * test's business on a shared machine).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DICOM_MUTATIONS, JSON_MUTATIONS, mutateDicom, mutateJson, seeded, withNesting, type Mutation } from './mutate';
import { seedInputs, type SeedClass } from './fuzzSeeds';
import { isOneLine, runCli, tempDir } from './cliRun';

jest.setTimeout(600_000);

const PER_CLASS = 150;
const SEED = 20261204;
const HANG_MS = 5000;

interface Line {
  file: string;
  kind: string;
  ok: boolean;
  error?: string;
  ms: number;
}

function parseLines(stdout: string): Line[] {
  return stdout
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);
}

describe('validate over mutated inputs (seeded fuzz)', () => {
  const dir = tempDir('fuzz');
  const seeds = seedInputs();
  const written: { file: string; cls: SeedClass | 'seed'; mutation: Mutation | 'none' }[] = [];
  const r = seeded(SEED);
  for (const [cls, bytes] of Object.entries(seeds) as [SeedClass, Uint8Array][]) {
    const ext = cls === 'casefile' ? 'json' : 'dcm';
    const seedFile = join(dir, `seed-${cls}.${ext}`);
    writeFileSync(seedFile, bytes);
    written.push({ file: seedFile, cls: 'seed', mutation: 'none' });
    const mutations = cls === 'casefile' ? JSON_MUTATIONS : DICOM_MUTATIONS;
    for (let i = 0; i < PER_CLASS; i++) {
      const mutation = mutations[i % mutations.length];
      const out = cls === 'casefile' ? mutateJson(bytes, mutation, r) : mutateDicom(bytes, mutation, r);
      const file = join(dir, `${cls}-${String(i).padStart(3, '0')}-${mutation}.${ext}`);
      writeFileSync(file, out);
      written.push({ file, cls, mutation });
    }
  }

  it('every input: one result, ok true or false with a one-line input error, exit 0 or 2, under 1 s', () => {
    const started = Date.now();
    const run = runCli('validate', '--json', dir);
    const wallMs = Date.now() - started;
    expect([0, 2]).toContain(run.code);
    expect(run.stderr === '' || isOneLine(run.stderr)).toBe(true);
    const lines = parseLines(run.stdout);
    expect(lines.map((l) => l.file).sort()).toEqual(written.map((w) => w.file).sort());

    const byFile = new Map(lines.map((l) => [l.file, l]));
    for (const w of written.filter((x) => x.cls === 'seed')) expect([w.file, byFile.get(w.file)?.ok]).toEqual([w.file, true]);
    for (const l of lines) {
      expect(typeof l.ok).toBe('boolean');
      if (!l.ok) {
        expect(typeof l.error).toBe('string');
        expect(l.error).not.toMatch(/[\r\n]/);
      }
    }
    const crashes = lines.filter((l) => !l.ok && /internal error/.test(l.error ?? ''));
    expect(crashes.map((l) => `${l.file}: ${l.error}`)).toEqual([]);
    // A hang bound, far above normal (milliseconds to a few hundred on a loaded 2-core machine); the count of
    // inputs over 1 s is reported with the figures below, not asserted, so machine load cannot fail the test.
    const hung = lines.filter((l) => l.ms >= HANG_MS);
    expect(hung.map((l) => `${l.file}: ${l.ms} ms`)).toEqual([]);
    const overOneSecond = lines.filter((l) => l.ms >= 1000).length;

    // The closing figures: inputs per class, outcomes, slowest input.
    const table = new Map<string, { inputs: number; ok: number; refused: number }>();
    for (const w of written) {
      const row = table.get(w.cls) ?? { inputs: 0, ok: 0, refused: 0 };
      row.inputs++;
      if (byFile.get(w.file)?.ok) row.ok++;
      else row.refused++;
      table.set(w.cls, row);
    }
    const slowest = [...lines].sort((a, b) => b.ms - a.ms)[0];
    const summary = { inputs: lines.length, wallMs, overOneSecond, perClass: Object.fromEntries(table), slowest: { file: slowest.file, ms: slowest.ms, ok: slowest.ok } };
    writeFileSync(join(dir, '..', `fuzz-summary-${SEED}.json`), JSON.stringify(summary, null, 2));
    // eslint-disable-next-line no-console
    console.log(`fuzz summary ${JSON.stringify(summary)}`);
  });

  it('deep nesting (1,100 and 12,800 levels, ~500 KB) is refused in one line, by its depth, quickly', () => {
    const files = [1_100, 12_800].flatMap((depth) =>
      (['sr', 'ct'] as const).map((cls) => {
        const file = join(dir, '..', `deep-${cls}-${depth}.dcm`);
        writeFileSync(file, withNesting(seeds[cls], depth));
        return file;
      }),
    );
    const run = runCli('validate', '--json', ...files);
    expect(run.code).toBe(2);
    expect(isOneLine(run.stderr)).toBe(true);
    const lines = parseLines(run.stdout);
    expect(lines).toHaveLength(4);
    for (const l of lines) {
      expect(l.ok).toBe(false);
      expect(l.error).toMatch(/sequences nested deeper than 32 levels/);
      expect(l.ms).toBeLessThan(HANG_MS);
    }
  });
});
