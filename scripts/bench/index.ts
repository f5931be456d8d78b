/**
 * `npm run bench`: runs every benchmark part in this folder (each scripts/bench/<part>.ts except this file) one
 * after another, so parts do not compete for the two cores. A part exports `run()`, which prints its own table to
 * stdout and may return its figures (lib/figures.ts): each beside the baseline measured in the same run, with its
 * target met or not. The figures of every part are printed together at the end.
 *
 *   npm run bench -- dose isodose        only the named parts
 *   npm run bench -- --json FILE         also write every figure and its baseline to FILE (JSON)
 */
import { writeFileSync } from 'node:fs';
import { readdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { basename, join } from 'node:path';
import { figureTable, type BenchFigure } from './lib/figures';

interface BenchPart {
  run(): Promise<BenchFigure[] | void>;
}

function parseArgs(argv: string[]): { wanted: string[]; jsonFile?: string } {
  const wanted: string[] = [];
  let jsonFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') {
      jsonFile = argv[++i];
      if (!jsonFile) throw new Error('--json needs a file name');
    } else if (argv[i].startsWith('-')) throw new Error(`unknown option ${argv[i]}`);
    else wanted.push(argv[i]);
  }
  return { wanted, jsonFile };
}

async function main(argv: string[]): Promise<void> {
  const { wanted, jsonFile } = parseArgs(argv);
  const parts = readdirSync(__dirname)
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.d.ts'))
    .map((f) => basename(f, '.ts'))
    .filter((name) => wanted.length === 0 || wanted.includes(name))
    .sort();
  if (parts.length === 0) throw new Error(`no benchmark parts match ${wanted.join(', ')}`);
  const started = new Date().toISOString();
  const loadBefore = loadavg()[0];
  const figures: BenchFigure[] = [];
  for (const name of parts) {
    const part = (await import(join(__dirname, `${name}.ts`))) as Partial<BenchPart>;
    if (typeof part.run !== 'function') throw new Error(`scripts/bench/${name}.ts does not export run()`);
    process.stdout.write(`\n## ${name}\n`);
    figures.push(...((await part.run()) ?? []));
  }
  if (figures.length > 0) process.stdout.write(`\n## targets\n\n${figureTable(figures)}\n`);
  const loadAfter = loadavg()[0];
  // Other work on the machine slows every figure; the 1-minute load average says how busy it was.
  process.stdout.write(`\nload average (1 min): ${loadBefore.toFixed(2)} at the start, ${loadAfter.toFixed(2)} at the end, on ${availableParallelism()} cores\n`);
  if (jsonFile) {
    const report = { started, cores: availableParallelism(), loadAverage: { start: loadBefore, end: loadAfter }, node: process.version, figures };
    writeFileSync(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`figures written to ${jsonFile}\n`);
  }
}

main(process.argv.slice(2)).catch((e) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
