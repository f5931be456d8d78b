/**
 * bin/mrecist.js runs the compiled CLI (dist/cli, built by the unit tests' globalSetup as by npm ci's prepare
 * step): no TypeScript compiler is loaded at start, dcmjs only by commands that read or write DICOM, pdfkit only by
 * those that write a PDF, and ajv never (the case-file schema is compiled ahead of time into plain code).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../../..');
const CASE_FILE = 'test/fixtures/criteria/doc-example.json';

/** Runs the CLI in-process under `node -e` and reports which of the watched packages ended up loaded. */
function loadedPackages(args: string[]): { status: number | null; loaded: string[]; stdout: string } {
  const script = `
    const watched = ['tsx', 'dcmjs', 'ajv', 'typescript', 'pdfkit', 'svg-to-pdfkit'];
    process.argv = [process.argv[0], 'bin/mrecist.js', ...${JSON.stringify(args)}];
    process.on('exit', () => {
      const loaded = watched.filter((p) => Object.keys(require.cache).some((k) => k.includes('/node_modules/' + p + '/')));
      process.stderr.write('LOADED ' + JSON.stringify(loaded) + '\\n');
    });
    require('./bin/mrecist.js');
  `;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });
  const line = r.stderr.split('\n').find((l) => l.startsWith('LOADED ')) ?? 'LOADED null';
  return { status: r.status, loaded: JSON.parse(line.slice(7)) ?? ['(no report)'], stdout: r.stdout };
}

describe('compiled CLI', () => {
  it('is built', () => {
    expect(existsSync(join(root, 'dist/cli/mrecist.cjs'))).toBe(true);
    expect(existsSync(join(root, 'dist/cli/doseWorkerEntry.cjs'))).toBe(true);
  });

  it('starts without tsx, dcmjs, ajv or pdfkit for --help', () => {
    const r = loadedPackages(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: mrecist');
    expect(r.loaded).toEqual([]);
  });

  it('reads a case file without ajv', () => {
    const r = loadedPackages(['assess', CASE_FILE]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/PR|CR|SD|PD/);
    expect(r.loaded).not.toContain('ajv');
    expect(r.loaded).not.toContain('tsx');
  });

  it('loads pdfkit when a command writes a PDF, through its stand-in (called and constructed)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mrecist-cli-pdf-'));
    try {
      const out = join(dir, 'board.pdf');
      const r = loadedPackages(['board', 'test/fixtures/criteria/reference-study/P01.json', '--out', out, '--implant-date', '2014-02-20', '--final-dose-gy', '145']);
      expect(r.status).toBe(0);
      expect(existsSync(out)).toBe(true);
      expect(r.loaded).toEqual(expect.arrayContaining(['pdfkit', 'svg-to-pdfkit']));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('loads dcmjs when a command reads DICOM, and still no tsx', () => {
    const r = loadedPackages(['sr-read', 'test/fixtures/sr/P12.sr.dcm']);
    expect(r.status).toBe(0);
    expect(r.loaded).toContain('dcmjs');
    expect(r.loaded).not.toContain('tsx');
  });
});
