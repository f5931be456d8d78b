/**
 * `mrecist dose --plan RTPLAN.dcm --out RTDOSE.dcm [--spacing MM] [--margin MM] [--model point1d|line2d]
 *  [--days N] [--implant-date YYYY-MM-DD]`: computes the TG-43U1 dose grid in worker threads and writes an RT Dose
 * in the plan's study and Frame of Reference. Progress goes to stderr; stdout stays quiet unless --json.
 */
import type { Command } from 'commander';
import { checkOutput, FORCE_HELP, writeOutput } from '../output';
import { encodeDicom } from '../../core/dicom/DicomDataset';
import { newUid } from '../../core/dicom/uid';
import { modelUsage } from '../../core/dose/computeDoseGrid';
import { msToDicomDate, msToDicomTime } from '../../core/dicom/dicomDateTime';
import { doseSeedsFromPlan } from '../../core/dose/doseSeedsFromPlan';
import { DEFAULT_GRID_MARGIN_MM, DEFAULT_GRID_SPACING_MM, gridAroundSeeds } from '../../core/dose/gridAroundSeeds';
import { rtDoseContextFromPlan } from '../../core/dose/rtDoseContextFromPlan';
import { writeRtDose } from '../../core/dose/writeRtDose';
import { UsageError } from '../../core/errors';
import { DoseWorkerPool } from '../doseWorkerPool';
import { parseBasis, parseImplantDate, parseModel, parsePositiveMm } from '../doseOptions';
import { summariseModelUsage } from '../doseModelSummary';
import { printJson } from '../io';
import { readPlanFile } from '../readPlanFile';

/** Report progress on stderr only for runs that take a noticeable time. */
const PROGRESS_AFTER_MS = 500;

export function register(program: Command): void {
  program
    .command('dose')
    .description('compute a TG-43U1 dose grid from an RT Plan and write it as RT Dose')
    .requiredOption('--plan <file>', 'RT Plan (brachy) DICOM file')
    .requiredOption('--out <file>', 'RT Dose file to write')
    .option('--spacing <mm>', `grid spacing (default ${DEFAULT_GRID_SPACING_MM} mm)`)
    .option('--margin <mm>', `margin around the seeds (default ${DEFAULT_GRID_MARGIN_MM} mm)`)
    .option('--model <model>', 'point1d or line2d (default line2d; seeds without orientation use point1d)')
    .option('--days <n>', 'dose delivered up to N days after implant (default: full decay)')
    .option('--implant-date <YYYY-MM-DD>', 'implant date (default: Source Strength Reference Date)')
    .option('--json', 'print a JSON summary')
    .option('--force', FORCE_HELP)
    .action(async (opts: { plan: string; out: string; spacing?: string; margin?: string; model?: string; days?: string; implantDate?: string; json?: boolean; force?: boolean }) => {
      const spacing = parsePositiveMm(opts.spacing, '--spacing', DEFAULT_GRID_SPACING_MM);
      const margin = parsePositiveMm(opts.margin, '--margin', DEFAULT_GRID_MARGIN_MM, true);
      const model = parseModel(opts.model, 'line2d');
      const basis = parseBasis(opts.days);
      const implantMs = parseImplantDate(opts.implantDate);
      const policy = { inputs: [opts.plan], force: opts.force };
      checkOutput(opts.out, policy);
      const { ds, plan } = readPlanFile(opts.plan);
      const frameOfReferenceUid = ds.string('FrameOfReferenceUID');
      const { seeds } = doseSeedsFromPlan(plan, opts.plan, implantMs);
      const geometry = gridAroundSeeds(seeds.map((s) => s.positionMm), frameOfReferenceUid, spacing, margin);
      const request = { seeds, geometry, model, basis };
      const started = Date.now();
      let lastPct = -1;
      const pool = new DoseWorkerPool();
      let grid;
      try {
        grid = await pool.computeDoseGrid(request, (done, total) => {
          const pct = Math.floor((100 * done) / total);
          if (Date.now() - started < PROGRESS_AFTER_MS || pct === lastPct || pct % 10 !== 0) return;
          lastPct = pct;
          process.stderr.write(`dose: ${pct}% (${done}/${total} frames)\n`);
        });
      } finally {
        await pool.close();
      }
      const usage = summariseModelUsage(modelUsage(request));
      const basisText = basis.kind === 'fullDecay' ? 'full decay' : `to day ${basis.days}`;
      const now = Date.now();
      const context = rtDoseContextFromPlan(
        ds,
        { seriesInstanceUid: newUid(), sopInstanceUid: newUid(), contentDate: msToDicomDate(now), contentTime: msToDicomTime(now) },
        `TG-43U1 ${usage.used} model ${[...new Set(seeds.map((s) => s.sourceModelId))].join('/')}, ${basisText}`,
      );
      writeOutput(opts.out, encodeDicom(writeRtDose(grid, context)), policy);
      if (opts.json)
        printJson({
          out: opts.out,
          columns: grid.columns,
          rows: grid.rows,
          frames: grid.frameOffsetsMm.length,
          spacingMm: spacing,
          marginMm: margin,
          model: usage,
          basis,
          seconds: (Date.now() - started) / 1000,
        });
    });
}
