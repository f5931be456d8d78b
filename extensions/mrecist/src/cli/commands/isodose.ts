/**
 * `mrecist isodose --dose RTDOSE.dcm --prescription GY [--levels 50,80,90,100,150,200] [--levels-gy 72.5,145]
 *                  [--z MM | --plane X,Y,Z:NX,NY,NZ [--size MM]] [--spacing MM] [--json] [--out RTSTRUCT.dcm]`
 * Isodose lines as closed polylines in patient mm. Planes: --z one axial plane; --plane an oblique plane through a
 * point with a normal (square, --size mm wide, default 150); neither: every frame of the dose grid. --out writes
 * the lines as an RT Structure Set (one ROI per level, "Isodose 145 Gy") in the dose's patient, study and frame.
 * JSON: {"prescriptionGy","planes":[{"originMm","uDirection","vDirection","levels":[{"percent","doseGy","rings"}]}]}.
 */
import type { Command } from 'commander';
import { checkOutput, FORCE_HELP, writeOutput } from '../output';
import { patientStudyContextOf } from '../../core/dicom/compositeModules';
import { decodeDicom, encodeDicom, type DicomDataset } from '../../core/dicom/DicomDataset';
import { readRtDose } from '../../core/dose/readRtDose';
import type { DoseGrid } from '../../core/dose/DoseGrid';
import { DEFAULT_ISODOSE_PERCENTS, isodoseLevels, isodoseLinesFromSamples, type IsodoseLevel, type IsodoseLine } from '../../core/dose/isodoseLines';
import { MarchingSquaresWorkspace } from '../../core/dose/isodoseMarchingSquares';
import { axialPlaneOverGrid, planeThroughPoint, sampleDosePlane, type DosePlane } from '../../core/dose/isodosePlane';
import { isodoseRois } from '../../core/dose/isodoseRois';
import { writeRtStruct } from '../../core/dose/rtStructWriter';
import { DicomInputError, UsageError } from '../../core/errors';
import { cross, type Vec3 } from '../../core/geometry/vec3';
import { parsePoint, printJson, readInputFile } from '../io';
import { parseNumberOption } from '../seedOptions';

interface Options {
  dose: string;
  prescription: string;
  levels?: string;
  levelsGy?: string;
  z?: string;
  plane?: string;
  size?: string;
  spacing?: string;
  json?: boolean;
  out?: string;
  force?: boolean;
}

function parseList(text: string, flag: string): number[] {
  const parts = text.split(',').map((s) => s.trim());
  const values = parts.map(Number);
  if (parts.some((p) => p === '') || values.some((v) => !Number.isFinite(v) || v <= 0))
    throw new UsageError(flag, 'value', `expected positive numbers separated by commas, got "${text}"`);
  return values;
}

/** The grid's own frames as planes (in-plane axes of the grid), for export of every slice. */
function framePlanes(grid: DoseGrid, spacingMm: number): DosePlane[] {
  const n = cross(grid.rowDirection, grid.columnDirection);
  const columns = Math.floor(((grid.columns - 1) * grid.columnSpacingMm) / spacingMm + 1e-9) + 1;
  const rows = Math.floor(((grid.rows - 1) * grid.rowSpacingMm) / spacingMm + 1e-9) + 1;
  return grid.frameOffsetsMm.map((o) => ({
    originMm: [0, 1, 2].map((d) => grid.originMm[d] + o * n[d]) as Vec3,
    uDirection: grid.rowDirection,
    vDirection: grid.columnDirection,
    columns,
    rows,
    spacingMm,
  }));
}

function parsePlane(text: string, sizeMm: number, spacingMm: number): DosePlane {
  const [point, normal] = text.split(':');
  if (normal === undefined) throw new UsageError('--plane', 'value', `expected X,Y,Z:NX,NY,NZ, got "${text}"`);
  const p = parsePoint(point, '--plane');
  const n = parsePoint(normal, '--plane');
  if (Math.hypot(...n) === 0) throw new UsageError('--plane', 'value', 'normal must not be zero');
  return planeThroughPoint(p, n, sizeMm, spacingMm);
}

function structContext(ds: DicomDataset, grid: DoseGrid) {
  return {
    ...patientStudyContextOf(ds),
    frameOfReferenceUid: grid.frameOfReferenceUid,
    structureSetLabel: 'Isodose',
    seriesDescription: 'Isodose lines',
  };
}

const r3 = (v: number) => Math.round(v * 1000) / 1000;

export function register(program: Command): void {
  program
    .command('isodose')
    .description('isodose lines of an RT Dose on axial or oblique planes; optional export as RT Structure Set')
    .requiredOption('--dose <file>', 'RT Dose file')
    .requiredOption('--prescription <gy>', 'prescription dose (100 %), Gy')
    .option('--levels <percents>', `levels in % of prescription (default ${DEFAULT_ISODOSE_PERCENTS.join(',')})`)
    .option('--levels-gy <gy>', 'levels in Gy instead of percentages')
    .option('--z <mm>', 'one axial plane at this z')
    .option('--plane <x,y,z:nx,ny,nz>', 'one oblique plane through a point with a normal')
    .option('--size <mm>', 'width of the oblique plane (default 150)')
    .option('--spacing <mm>', 'sampling of the plane (default 1)')
    .option('--out <file>', 'write the lines as RT Structure Set ROIs')
    .option('--json', 'print JSON')
    .option('--force', FORCE_HELP)
    .action((opts: Options) => {
      const prescriptionGy = parseNumberOption(opts.prescription, '--prescription', 0, (n) => n > 0, 'a positive dose in Gy');
      const spacingMm = parseNumberOption(opts.spacing, '--spacing', 1, (n) => n >= 0.1 && n <= 10, 'a spacing between 0.1 and 10 mm');
      const sizeMm = parseNumberOption(opts.size, '--size', 150, (n) => n > 0 && n <= 1000, 'a width between 0 and 1000 mm');
      if (opts.z !== undefined && opts.plane !== undefined) throw new UsageError('--z | --plane', 'value', 'give at most one of --z and --plane');
      if (opts.levels !== undefined && opts.levelsGy !== undefined) throw new UsageError('--levels | --levels-gy', 'value', 'give at most one of --levels and --levels-gy');
      const levels: IsodoseLevel[] = opts.levelsGy
        ? parseList(opts.levelsGy, '--levels-gy').map((doseGy) => ({ doseGy }))
        : isodoseLevels(prescriptionGy, opts.levels ? parseList(opts.levels, '--levels') : DEFAULT_ISODOSE_PERCENTS);
      const policy = { inputs: [opts.dose], force: opts.force };
      if (opts.out) checkOutput(opts.out, policy);
      const ds = decodeDicom(readInputFile(opts.dose), opts.dose);
      const grid = readRtDose(ds);
      if (grid.units !== 'GY') throw new DicomInputError(opts.dose, 'DoseUnits (3004,0002)', `is ${grid.units}: isodose levels in Gy need absolute dose`);
      const planes =
        opts.z !== undefined
          ? [axialPlaneOverGrid(grid, parseNumberOption(opts.z, '--z', 0, () => true, 'a z position in mm'), spacingMm)]
          : opts.plane !== undefined
            ? [parsePlane(opts.plane, sizeMm, spacingMm)]
            : framePlanes(grid, spacingMm);
      const workspace = new MarchingSquaresWorkspace(planes[0].columns, planes[0].rows);
      const perPlane = planes.map((plane) => ({ plane, lines: isodoseLinesFromSamples(plane, sampleDosePlane(grid, plane), levels, workspace) }));
      if (opts.out) {
        const all: IsodoseLine[] = perPlane.flatMap((p) => p.lines);
        writeOutput(opts.out, encodeDicom(writeRtStruct(isodoseRois(all), structContext(ds, grid))), policy);
      }
      const out = {
        prescriptionGy,
        frameOfReferenceUid: grid.frameOfReferenceUid,
        doseBasis: grid.basis ?? null,
        planes: perPlane.map(({ plane, lines }) => ({
          originMm: plane.originMm.map(r3),
          uDirection: plane.uDirection.map(r3),
          vDirection: plane.vDirection.map(r3),
          spacingMm: plane.spacingMm,
          levels: lines.map((l) => ({ percent: l.level.percent ?? null, doseGy: l.level.doseGy, rings: l.rings.map((ring) => ring.map((p) => p.map(r3))) })),
        })),
        ...(opts.out ? { written: opts.out } : {}),
      };
      if (opts.json) return printJson(out);
      for (const [k, p] of out.planes.entries()) {
        const counts = p.levels.map((l) => `${l.doseGy} Gy: ${l.rings.length} ring(s)`).join(', ');
        process.stdout.write(`plane ${k + 1} at ${p.originMm.join(',')}: ${counts}\n`);
      }
      if (opts.out) process.stdout.write(`wrote ${opts.out}\n`);
    });
}
