/**
 * CLI start-up benchmark (issue 13 item 7): `mrecist --help` (bin/mrecist.js running the compiled JavaScript in
 * dist/cli) against `node -e 0`, the floor of any Node program, started in turn RUNS times each; target: at most
 * 3 × node -e 0 (median of the paired ratios). Also started in the same turns, for reference: the same help
 * through tsx compiling the TypeScript sources on load, as the CLI did before it was compiled.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { median, type BenchFigure } from './lib/figures';

const REPO = path.resolve(__dirname, '..', '..');
const RUNS = Number(process.env.MRECIST_BENCH_CLI_RUNS ?? 10);
const TARGET_RATIO = 3;

function startMs(args: string[]): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: REPO, stdio: 'ignore' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${r.status}`);
  return ms;
}

export async function run(): Promise<BenchFigure[]> {
  // Measure the current sources' build.
  const build = spawnSync(process.execPath, ['scripts/buildCli.mjs'], { cwd: REPO, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('scripts/buildCli.mjs failed');
  const compiled = ['bin/mrecist.js', '--help'];
  const floor = ['-e', '0'];
  const fromSource = ['-e', "require('tsx/cjs/api').register(); require('./extensions/mrecist/src/cli/main.ts').main(['--help'])"];
  for (const args of [compiled, floor, fromSource]) startMs(args); // warm the file cache
  const cli: number[] = [];
  const node: number[] = [];
  const tsx: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    node.push(startMs(floor));
    cli.push(startMs(compiled));
    tsx.push(startMs(fromSource));
    ratios.push(cli[r] / node[r]);
  }
  const ratio = median(ratios);
  process.stdout.write(
    `| command | median ms | min ms |\n| --- | --- | --- |\n` +
      `| node -e 0 | ${median(node).toFixed(0)} | ${Math.min(...node).toFixed(0)} |\n` +
      `| mrecist --help (compiled) | ${median(cli).toFixed(0)} | ${Math.min(...cli).toFixed(0)} |\n` +
      `| mrecist --help (tsx, from sources) | ${median(tsx).toFixed(0)} | ${Math.min(...tsx).toFixed(0)} |\n\n` +
      `start-up ratio mrecist / node -e 0 (median of ${RUNS} paired runs): ${ratio.toFixed(2)} (target ≤ ${TARGET_RATIO})\n`,
  );
  return [
    { part: 'cli', name: `start-up, mrecist --help (median of ${RUNS})`, unit: 'ms', value: median(cli), baseline: median(node), baselineName: 'node -e 0', ratio, target: `ratio ≤ ${TARGET_RATIO}`, met: ratio <= TARGET_RATIO },
    { part: 'cli', name: 'start-up from TypeScript sources with tsx (before)', unit: 'ms', value: median(tsx), baseline: median(node), baselineName: 'node -e 0', ratio: median(tsx.map((t, i) => t / node[i])) },
  ];
}
