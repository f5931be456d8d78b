/**
 * `mrecist dose-at --plan RTPLAN.dcm --point X,Y,Z [--point ...] [--days N] [--implant-date YYYY-MM-DD]
 *  [--model point1d|line2d] --json` → {"points":[{"x","y","z","doseGy"}], "model": {...}, ...}
 * Cumulative TG-43U1 dose from implant to N days later, or to full decay without --days; exact evaluation
 * (core/dose/doseAtPoints.ts). line2d falls back to point1d per seed without orientation; "model" says so.
 */
import type { Command } from 'commander';
import { doseAtPoints } from '../../core/dose/doseAtPoints';
import { doseSeedsFromPlan } from '../../core/dose/doseSeedsFromPlan';
import { collectValues, parseBasis, parseImplantDate, parseModel, parsePoints } from '../doseOptions';
import { summariseModelUsage } from '../doseModelSummary';
import { printJson } from '../io';
import { readPlanFile } from '../readPlanFile';

export function register(program: Command): void {
  program
    .command('dose-at')
    .description('cumulative TG-43U1 dose (Gy) at patient points from an RT Plan')
    .requiredOption('--plan <file>', 'RT Plan (brachy) DICOM file')
    .option('--point <x,y,z>', 'patient point in mm (repeatable)', collectValues, [])
    .option('--days <n>', 'dose delivered up to N days after implant (default: full decay)')
    .option('--implant-date <YYYY-MM-DD>', 'implant date (default: Source Strength Reference Date)')
    .option('--model <model>', 'point1d or line2d (default line2d; seeds without orientation use point1d)')
    .option('--json', 'print JSON')
    .action((opts: { plan: string; point: string[]; days?: string; implantDate?: string; model?: string; json?: boolean }) => {
      const points = parsePoints(opts.point);
      const basis = parseBasis(opts.days);
      const implantMs = parseImplantDate(opts.implantDate);
      const model = parseModel(opts.model, 'line2d');
      const { plan } = readPlanFile(opts.plan);
      const { seeds, implantTimeMs, notes } = doseSeedsFromPlan(plan, opts.plan, implantMs);
      const { doseGy, usage } = doseAtPoints(seeds, points, model, basis);
      const result = {
        points: points.map(([x, y, z], i) => ({ x, y, z, doseGy: doseGy[i] })),
        model: summariseModelUsage(usage),
        basis,
        sourceModels: [...new Set(plan.sources.map((s) => s.sourceModelId))],
        seeds: seeds.length,
        implantDate: implantTimeMs === undefined ? null : new Date(implantTimeMs).toISOString(),
        notes: [...plan.notes, ...notes],
        warnings: plan.warnings,
      };
      if (opts.json) return printJson(result);
      for (const p of result.points) process.stdout.write(`${p.x},${p.y},${p.z}\t${p.doseGy.toFixed(3)} Gy\n`);
    });
}
