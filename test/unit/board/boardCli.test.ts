/**
 * `mrecist board` and `mrecist cohort --figures`, spawned as a user runs them; the PDFs are read back with
 * poppler's pdftotext (Debian poppler-utils), the DICOM objects checked with dciodvfy. Few spawns: each is slow.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dciodvfyErrors } from '../dose/dciodvfy';
import { REFERENCE_STUDY_DIR } from './referenceStudy';
import { pdfToText, ROOT, runMrecist } from './cli';

const srFixture = join(ROOT, 'test/fixtures/sr/P12.sr.dcm');
const run = runMrecist;
const pdfText = (file: string) => pdfToText(file);

describe('mrecist board / cohort --figures (CLI)', () => {
  jest.setTimeout(120_000);
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mrecist-board-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("board: the PDF holds the case's responses, sums and dates, and the dose delivered by scan date", () => {
    const out = join(dir, 'p01.pdf');
    const r = run('board', join(REFERENCE_STUDY_DIR, 'P01.json'), '--out', out, '--implant-date', '2014-02-20', '--final-dose-gy', '145', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const written = JSON.parse(r.stdout);
    expect(written.pages).toBeGreaterThanOrEqual(2);
    const text = pdfText(out);
    expect(text).toContain('Tumour board summary: patient P01');
    // mRECIST rows (assess P01): M2 47.5 mm -39.1 % PR; M6 23.0 mm -70.5 % PR; baseline 78.0 mm.
    expect(text).toMatch(/M2\s+2014-05-04\s+47\.5\s+-39\.1%\s+-28\.1%\s+PR\s+none\s+no\s+PR/);
    expect(text).toMatch(/M6\s+2014-09-02\s+23\.0\s+-70\.5%/);
    expect(text).toContain('Best overall response: PR. Progression: none. Baseline viable sum 78.0 mm.');
    expect(text).toContain('Response: RECIST 1.1');
    expect(text).toContain('Best overall response: SD');
    expect(text).toMatch(/M6\s+2014-09-02\s+194\s+-\s+129\.9 Gy \(90 %\)/);
    // Chart text is vector text: the spider's thresholds and axis are readable.
    expect(text).toContain('PR -30 %');
    expect(text).toContain('Days since implant');
    expect(text).toContain('Decision trail');
  });

  it('board from our SR: reader in the PDF; --dicom-out writes an Encapsulated PDF and a KOS that pass dciodvfy', () => {
    const out = join(dir, 'p12.pdf');
    const dicomDir = join(dir, 'dicom');
    const r = run('board', srFixture, '--out', out, '--dicom-out', dicomDir, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const written = JSON.parse(r.stdout);
    expect(written.dicom.keyImages).toBeGreaterThan(0);
    expect(pdfText(out)).toContain('Reader: Reader^One');
    for (const file of [written.dicom.encapsulatedPdf, written.dicom.keyObjectSelection]) {
      expect(dciodvfyErrors(readFileSync(file))).toEqual([]);
    }
    const encapsulated = readFileSync(written.dicom.encapsulatedPdf);
    expect(encapsulated.includes(readFileSync(out))).toBe(true);
  });

  it.each([
    [['board', srFixture], '--out: value: the PDF to write is required'],
    [['board', srFixture, '--out', 'x.pdf', '--implant-date', '2014-02-30', '--final-dose-gy', '140'], '--implant-date: value: expected a date YYYY-MM-DD, got "2014-02-30"'],
    [['board', srFixture, '--out', 'x.pdf', '--implant-date', '2014-02-20'], '--final-dose-gy: value: needed with --implant-date'],
    [['board', join(REFERENCE_STUDY_DIR, 'P01.json'), '--out', 'x.pdf', '--dicom-out', 'd'], 'timepoints[7].studyInstanceUid: --dicom-out stores into the latest study (FU), which the case file does not name'],
  ])('bad input %j: exit 2 with one line', (args, message) => {
    const r = run(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(message);
    expect(existsSync(join(ROOT, 'x.pdf'))).toBe(false);
  });

  it('cohort --figures: four SVG figures and cohort.pdf with the reference study in Table 2 layout; --json carries the figure data', () => {
    const figures = join(dir, 'figures');
    const r = run('cohort', REFERENCE_STUDY_DIR, '--figures', figures, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    for (const name of ['waterfall.svg', 'spider.svg', 'swimmer.svg', 'km-ttp.svg']) {
      const svg = readFileSync(join(figures, name), 'utf8');
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toContain('<path');
    }
    expect(readFileSync(join(figures, 'km-ttp.svg'), 'utf8')).toContain('median of observed progressions 264 days');
    const text = pdfText(join(figures, 'cohort.pdf'));
    expect(text).toMatch(/6 months\s+21\s+12 \(57\.1%\)\s+7 \(33\.3%\)\s+2 \(9\.5%\)\s+0 \(0\.0%\)\s+0\s+19\/21 90\.5% \(69\.6-98\.8\)\s+21\/21 100\.0%/);
    expect(text).toContain('(83.9-100.0)');
    expect(text).toContain('Median TTP of the observed progressions: 264 days');
    expect(text).toMatch(/P03\s+CR\s+2014-12-28\s+264\s+progressed/);
    expect(out.figureFiles.pdfPages).toBeGreaterThanOrEqual(2);
    expect(out.waterfall).toHaveLength(21);
    expect(out.waterfall[0]).toEqual({ patientId: 'P01', lesionId: 'T1', bestChangePct: -100, bestResponse: 'CR' });
    expect(Object.keys(out)).toEqual(expect.arrayContaining(['spider', 'swimmer', 'kmTtp', 'perVisit']));

    // The waterfall entry of a one-target case is the lowest change `assess --json` prints for it.
    const assessed = JSON.parse(run('assess', join(REFERENCE_STUDY_DIR, 'P18.json'), '--json').stdout);
    const lowest = Math.min(...assessed.timepoints.map((t: { changeFromBaselinePct: number | null }) => t.changeFromBaselinePct ?? Infinity));
    expect(out.waterfall.find((w: { patientId: string }) => w.patientId === 'P18').bestChangePct).toBe(lowest);
  });
});
