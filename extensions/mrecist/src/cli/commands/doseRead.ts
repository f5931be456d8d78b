/**
 * `mrecist dose-read RTDOSE.dcm --point X,Y,Z [--point ...] --json` → trilinear dose at patient points:
 * {"points":[{"x","y","z","doseGy"}]}; points outside the grid get doseGy null and "outside": true.
 */
import type { Command } from 'commander';
import { decodeDicom } from '../../core/dicom/DicomDataset';
import { readRtDose } from '../../core/dose/readRtDose';
import { sampleDose } from '../../core/dose/sampleDose';
import { collectValues, parsePoints } from '../doseOptions';
import { printJson, readInputFile } from '../io';

export function register(program: Command): void {
  program
    .command('dose-read')
    .description('dose at patient points from an RT Dose file (trilinear)')
    .argument('<rtdose>', 'RT Dose DICOM file')
    .option('--point <x,y,z>', 'patient point in mm (repeatable)', collectValues, [])
    .option('--json', 'print JSON')
    .action((file: string, opts: { point: string[]; json?: boolean }) => {
      const points = parsePoints(opts.point);
      const grid = readRtDose(decodeDicom(readInputFile(file), file));
      const unitsKey = grid.units === 'GY' ? 'doseGy' : 'doseRelative';
      const result = {
        points: points.map(([x, y, z]) => {
          const v = sampleDose(grid, [x, y, z]);
          return v === null ? { x, y, z, [unitsKey]: null, outside: true } : { x, y, z, [unitsKey]: v };
        }),
        units: grid.units,
        frameOfReferenceUid: grid.frameOfReferenceUid,
      };
      if (opts.json) return printJson(result);
      for (const p of result.points) process.stdout.write(`${p.x},${p.y},${p.z}\t${p[unitsKey] ?? 'outside'}\n`);
    });
}
