/**
 * `npm run bench`: runs every benchmark part in this folder (each scripts/bench/<part>.ts except this file) one
 * after another, so parts do not compete for the two cores. A part exports `run(): Promise<void>` that prints its
 * own table to stdout. `npm run bench -- dose isodose` runs only the named parts.
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

interface BenchPart {
  run(): Promise<void>;
}

async function main(argv: string[]): Promise<void> {
  const wanted = argv.filter((a) => !a.startsWith('-'));
  const parts = readdirSync(__dirname)
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.d.ts'))
    .map((f) => basename(f, '.ts'))
    .filter((name) => wanted.length === 0 || wanted.includes(name))
    .sort();
  if (parts.length === 0) throw new Error(`no benchmark parts match ${wanted.join(', ')}`);
  for (const name of parts) {
    const part = (await import(join(__dirname, `${name}.ts`))) as Partial<BenchPart>;
    if (typeof part.run !== 'function') throw new Error(`scripts/bench/${name}.ts does not export run()`);
    process.stdout.write(`\n## ${name}\n`);
    await part.run();
  }
}

main(process.argv.slice(2)).catch((e) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
