/**
 * `mrecist register (--plan RTPLAN.dcm | --struct RTSTRUCT.dcm | --fixed SEEDS.json)
 *                   (--ct DIR | --found SEEDS.json) [--registration REG.dcm] [--tolerance MM] [--max-rotation DEG]
 *                   [--threshold HU] [--out REG.dcm] --json`
 * Rigid registration of the planned seeds to the seeds found on a follow-up CT (core/seeds/registerSeeds.ts).
 * Output: {"matrix": 16 values row-major, mapping plan coordinates into the CT frame (found ≈ M·plan, the DICOM
 * Spatial Registration layout), "pairs":[{"planIndex","foundIndex","residualMm"}], "rmsMm", "maxResidualMm",
 * "migrated":[{"planIndex","plan","expected","found","displacementMm"}], "unmatchedFound":[{"index","x","y","z"}], …}.
 * With --registration, the Spatial Registration's matrix between the two frames starts the search instead of the
 * triplet search. --out writes the fit as a DICOM Spatial Registration in the CT's study and frame.
 */
import type { Command } from 'commander';
import { checkOutput, FORCE_HELP, writeOutput } from '../output';
import { patientStudyContextOf } from '../../core/dicom/compositeModules';
import { decodeDicom, encodeDicom } from '../../core/dicom/DicomDataset';
import { writeSpatialRegistration } from '../../core/dicom/spatialRegistrationWriter';
import { matrixBetweenFrames, readSpatialRegistration } from '../../core/dicom/spatialRegistration';
import { readRtStruct } from '../../core/dose/rtStruct';
import { DicomInputError, UsageError } from '../../core/errors';
import type { Vec3 } from '../../core/geometry/vec3';
import { findSeeds, SEED_FINDING_DEFAULTS } from '../../core/seeds/findSeeds';
import { REGISTRATION_DEFAULTS, registerSeeds } from '../../core/seeds/registerSeeds';
import { printJson, readInputFile } from '../io';
import { readCtSeries } from '../readCtSeries';
import { readPlanFile } from '../readPlanFile';
import { parseNumberOption, pointJson, readSeedPositionsJson, roundMm } from '../seedOptions';

interface Options {
  plan?: string;
  struct?: string;
  fixed?: string;
  ct?: string;
  found?: string;
  registration?: string;
  tolerance?: string;
  maxRotation?: string;
  threshold?: string;
  out?: string;
  force?: boolean;
  json?: boolean;
}

/** Written into Software Versions (0018,1020) of the Spatial Registration. */
const SOFTWARE_VERSION = 'ohif-mrecist 0.1.0';

function exactlyOne(opts: Options, flags: (keyof Options)[], what: string): keyof Options {
  const given = flags.filter((f) => opts[f] !== undefined);
  const names = flags.map((f) => `--${f}`).join(' | ');
  if (given.length !== 1) throw new UsageError(names, 'value', `give exactly one ${what} (${names})`);
  return given[0];
}

export function register(program: Command): void {
  program
    .command('register')
    .description('rigidly register planned seeds to seeds found on a follow-up CT; list residuals and migrated seeds')
    .option('--plan <file>', 'planned seeds from an RT Plan (brachy)')
    .option('--struct <file>', 'planned seeds from an RT Structure Set (POINT ROIs)')
    .option('--fixed <file>', 'planned seeds from JSON ({"seeds":[{"x","y","z"}]})')
    .option('--ct <dir>', 'follow-up CT folder: seeds are found on it')
    .option('--found <file>', 'found seeds from JSON (e.g. the output of `seeds --json`)')
    .option('--registration <file>', 'DICOM Spatial Registration relating the plan and CT frames (start of the fit)')
    .option('--tolerance <mm>', `pair seeds closer than this after registration (default ${REGISTRATION_DEFAULTS.matchToleranceMm})`)
    .option('--max-rotation <deg>', `largest rotation accepted without --registration (default ${REGISTRATION_DEFAULTS.maxRotationDeg})`)
    .option('--threshold <hu>', `seed threshold on the CT (default ${SEED_FINDING_DEFAULTS.thresholdHu})`)
    .option('--out <file>', 'write the fit as a DICOM Spatial Registration in the CT study (needs --plan or --struct, and --ct)')
    .option('--json', 'print JSON')
    .option('--force', FORCE_HELP)
    .addHelpText(
      'after',
      `
Give one source of planned seeds and one of found seeds. The output matrix (16 values, row-major) maps plan
coordinates into the CT frame: found ≈ M·plan, as in a DICOM Spatial Registration. pairs lists matched seeds with
residuals (mm); migrated lists planned seeds without a partner within --tolerance, each with the nearest
unexplained found seed (where it went) or null (not seen); unmatchedFound lists found seeds no plan seed explains.
Without --registration the start is a search over seed triplets bounded by --max-rotation.`,
    )
    .action((opts: Options) => {
      const policy = { inputs: [opts.plan, opts.struct, opts.fixed, opts.found, opts.registration], force: opts.force };
      if (opts.out) checkOutput(opts.out, policy);
      const fixedFlag = exactlyOne(opts, ['plan', 'struct', 'fixed'], 'source of planned seeds');
      const movingFlag = exactlyOne(opts, ['ct', 'found'], 'source of found seeds');
      const tolerance = parseNumberOption(opts.tolerance, '--tolerance', REGISTRATION_DEFAULTS.matchToleranceMm, (n) => n > 0, 'a positive distance in mm');
      const maxRotation = parseNumberOption(opts.maxRotation, '--max-rotation', REGISTRATION_DEFAULTS.maxRotationDeg, (n) => n > 0 && n <= 180, 'an angle in (0, 180] degrees');
      const thresholdHu = parseNumberOption(opts.threshold, '--threshold', SEED_FINDING_DEFAULTS.thresholdHu, () => true, 'a number of HU');

      let plan: Vec3[];
      let planFrame: string | undefined;
      if (fixedFlag === 'plan') {
        const { plan: p } = readPlanFile(opts.plan!);
        plan = p.seeds.map((s) => s.positionMm);
        planFrame = p.frameOfReferenceUid;
      } else if (fixedFlag === 'struct') {
        const set = readRtStruct(decodeDicom(readInputFile(opts.struct!), opts.struct!));
        plan = set.pointMarkers.map((m) => m.positionMm);
        planFrame = set.frameOfReferenceUid;
      } else plan = readSeedPositionsJson(opts.fixed!);

      if (opts.out && (fixedFlag === 'fixed' || movingFlag !== 'ct'))
        throw new UsageError('--out', 'value', 'needs frames of reference on both sides (--plan or --struct, and --ct)');
      let found: Vec3[];
      let ctFrame: string | undefined;
      let ctFirstFile: string | undefined;
      if (movingFlag === 'ct') {
        const ct = readCtSeries(opts.ct!);
        ctFirstFile = ct.files[0];
        found = findSeeds(ct.volume, { thresholdHu }, opts.ct!).seeds.map((s) => s.positionMm);
        ctFrame = ct.volume.frameOfReferenceUid;
      } else found = readSeedPositionsJson(opts.found!);

      let initialMatrix: number[] | undefined;
      if (opts.registration) {
        if (!planFrame || !ctFrame)
          throw new UsageError('--registration', 'value', 'needs frames of reference on both sides (--plan or --struct, and --ct)');
        const reg = readSpatialRegistration(decodeDicom(readInputFile(opts.registration), opts.registration));
        initialMatrix = matrixBetweenFrames(reg, planFrame, ctFrame, opts.registration);
      }
      const source = `${opts[fixedFlag]} → ${opts[movingFlag]}`;
      const result = registerSeeds(plan, found, { matchToleranceMm: tolerance, maxRotationDeg: maxRotation, initialMatrix, source });
      if (opts.out) {
        if (!planFrame) throw new UsageError('--out', 'value', `${opts[fixedFlag]} names no Frame of Reference`);
        if (!ctFrame) throw new DicomInputError(ctFirstFile!, 'FrameOfReferenceUID (0020,0052)', 'missing');
        const first = decodeDicom(readInputFile(ctFirstFile!), ctFirstFile!);
        const reg = writeSpatialRegistration(
          { referenceFrameOfReferenceUid: ctFrame, movingFrameOfReferenceUid: planFrame, matrix: result.matrix },
          {
            ...patientStudyContextOf(first),
            contentDescription: `Seed fit: ${result.pairs.length}/${plan.length} paired, RMS ${result.rmsMm.toFixed(2)} mm`,
            softwareVersion: SOFTWARE_VERSION,
          },
        );
        writeOutput(opts.out, encodeDicom(reg), policy);
      }
      const out = {
        matrix: result.matrix.map((v) => Math.round(v * 1e6) / 1e6),
        fromFrameOfReferenceUid: planFrame ?? null,
        toFrameOfReferenceUid: ctFrame ?? null,
        planSeedCount: plan.length,
        foundSeedCount: found.length,
        pairs: result.pairs.map((p) => ({ ...p, residualMm: roundMm(p.residualMm) })),
        rmsMm: roundMm(result.rmsMm),
        maxResidualMm: roundMm(result.maxResidualMm),
        migrated: result.migrated.map((m) => ({
          planIndex: m.planIndex,
          plan: pointJson(plan[m.planIndex]),
          expected: pointJson(m.expectedMm),
          foundIndex: m.foundIndex,
          found: m.foundMm ? pointJson(m.foundMm) : null,
          displacementMm: m.displacementMm === null ? null : roundMm(m.displacementMm),
        })),
        unmatchedFound: result.unmatchedFound.map((i) => ({ index: i, ...pointJson(found[i]) })),
        toleranceMm: tolerance,
        start: initialMatrix ? 'spatialRegistration' : 'tripletSearch',
        ...(opts.out ? { written: opts.out } : {}),
      };
      if (opts.json) return printJson(out);
      process.stdout.write(`${out.pairs.length} of ${plan.length} planned seeds paired, RMS ${out.rmsMm} mm, max ${out.maxResidualMm} mm\n`);
      process.stdout.write(`matrix (plan → CT): ${out.matrix.join(' ')}\n`);
      for (const m of out.migrated)
        process.stdout.write(`seed ${m.planIndex}: ${m.found ? `migrated ${m.displacementMm} mm to ${m.found.x},${m.found.y},${m.found.z}` : 'not found'}\n`);
    });
}
