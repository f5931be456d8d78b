/**
 * `mrecist seeds --ct DIR [--threshold HU] [--plan RTPLAN.dcm] [--series UID] --json`
 * → {"seeds":[{"x","y","z","axis","volumeMm3","peakHu","seedsInComponent"}], "count", "expectedCount"?,
 *    "countDifference"?, "rejected":[…], "thresholdHu", …}. Seeds found on a CT series (core/seeds/findSeeds.ts);
 * with --plan the count is compared with the number of seeds in the RT Plan.
 */
import type { Command } from 'commander';
import { findSeeds, SEED_FINDING_DEFAULTS } from '../../core/seeds/findSeeds';
import { printJson } from '../io';
import { readCtSeries } from '../readCtSeries';
import { readPlanFile } from '../readPlanFile';
import { parseNumberOption, pointJson, roundMm } from '../seedOptions';

export function register(program: Command): void {
  program
    .command('seeds')
    .description('find implanted seeds on a CT series (threshold above lipiodol, 3D components, split touching seeds)')
    .requiredOption('--ct <dir>', 'folder of CT slices (one series, or choose with --series)')
    .option('--threshold <hu>', `voxels strictly above this HU are seed candidates (default ${SEED_FINDING_DEFAULTS.thresholdHu})`)
    .option('--single-seed-volume <mm3>', 'above-threshold volume of one seed (default: median component volume)')
    .option('--plan <file>', 'RT Plan: compare the count with the seeds implanted')
    .option('--series <uid>', 'Series Instance UID when the folder holds several series')
    .option('--json', 'print JSON')
    .action((opts: { ct: string; threshold?: string; singleSeedVolume?: string; plan?: string; series?: string; json?: boolean }) => {
      const thresholdHu = parseNumberOption(opts.threshold, '--threshold', SEED_FINDING_DEFAULTS.thresholdHu, () => true, 'a number of HU');
      const single = opts.singleSeedVolume === undefined ? undefined : parseNumberOption(opts.singleSeedVolume, '--single-seed-volume', 0, (n) => n > 0, 'a positive volume in mm³');
      const expectedCount = opts.plan ? readPlanFile(opts.plan).plan.seeds.length : undefined;
      const ct = readCtSeries(opts.ct, opts.series);
      const result = findSeeds(ct.volume, { thresholdHu, singleSeedVolumeMm3: single, expectedCount }, opts.ct);
      const out = {
        seeds: result.seeds.map((s) => ({
          ...pointJson(s.positionMm),
          axis: s.axis.map((v) => Math.round(v * 1e4) / 1e4),
          volumeMm3: roundMm(s.volumeMm3),
          peakHu: s.peakHu,
          seedsInComponent: s.seedsInComponent,
        })),
        count: result.seeds.length,
        ...(expectedCount !== undefined ? { expectedCount, countDifference: result.countDifference } : {}),
        rejected: result.rejected.map((r) => ({ ...pointJson(r.centroidMm), volumeMm3: roundMm(r.volumeMm3), peakHu: r.peakHu, reason: r.reason })),
        thresholdHu,
        singleSeedVolumeMm3: roundMm(result.singleSeedVolumeMm3),
        frameOfReferenceUid: ct.volume.frameOfReferenceUid ?? null,
        seriesInstanceUid: ct.seriesInstanceUid,
        slices: ct.files.length,
        skippedFiles: ct.skipped,
      };
      if (opts.json) return printJson(out);
      process.stdout.write(`${out.count} seeds${expectedCount !== undefined ? ` (plan: ${expectedCount})` : ''}, threshold ${thresholdHu} HU\n`);
      for (const s of out.seeds) process.stdout.write(`${s.x}\t${s.y}\t${s.z}\n`);
      for (const r of out.rejected) process.stdout.write(`rejected (${r.reason}): ${r.x}\t${r.y}\t${r.z}\t${r.volumeMm3} mm³\n`);
    });
}
