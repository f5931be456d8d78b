/**
 * `mrecist dvh --dose RTDOSE.dcm --struct RTSTRUCT.dcm --roi NAME --prescription GY [--resolution MM] --json`
 * → {"volumeCc","D90Gy","V100Pct","V150Pct","V200Pct", "D100Gy", "D2ccGy", "D0_1ccGy", "V100Cc", "meanGy", …}.
 * Definitions in core/dose/dvhMetrics.ts (section 7 of brachytherapy-dosimetry.md). volumeCc is the contour
 * stack's volume (Σ even-odd slice area × slice spacing); the percentages come from the voxelised ROI
 * (sampledVolumeCc, lattice of --resolution mm, default 1). The dose is the RT Dose as stored (its basis is
 * whatever the file holds: ours is full decay unless written with --days).
 */
import type { Command } from 'commander';
import { decodeDicom } from '../../core/dicom/DicomDataset';
import { roiDoseVolumeMetrics } from '../../core/dose/dvhSampling';
import { readRtDose } from '../../core/dose/readRtDose';
import { findRoiByName, readRtStruct } from '../../core/dose/rtStruct';
import { planarRoiFromContours, planarRoiVolumeCc } from '../../core/dose/rtStructPlanarRoi';
import { DicomInputError, UsageError } from '../../core/errors';
import { printJson, readInputFile } from '../io';
import { parseNumberOption } from '../seedOptions';

const round = (v: number | null, digits = 3) => (v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits);

export function register(program: Command): void {
  program
    .command('dvh')
    .description('dose-volume histogram metrics of a structure (D90, D100, V100, V150, V200, volume)')
    .requiredOption('--dose <file>', 'RT Dose file (absolute dose, Gy)')
    .requiredOption('--struct <file>', 'RT Structure Set file')
    .requiredOption('--roi <name>', 'ROI name in the structure set')
    .requiredOption('--prescription <gy>', 'prescription dose (100 %), Gy')
    .option('--resolution <mm>', 'voxelisation lattice for the DVH (default 1 mm)')
    .option('--json', 'print JSON')
    .action((opts: { dose: string; struct: string; roi: string; prescription: string; resolution?: string; json?: boolean }) => {
      const prescriptionGy = parseNumberOption(opts.prescription, '--prescription', 0, (n) => n > 0, 'a positive dose in Gy');
      const resolutionMm = parseNumberOption(opts.resolution, '--resolution', 1, (n) => n >= 0.1 && n <= 5, 'a lattice spacing between 0.1 and 5 mm');
      if (!opts.roi.trim()) throw new UsageError('--roi', 'value', 'must not be empty');
      const grid = readRtDose(decodeDicom(readInputFile(opts.dose), opts.dose));
      if (grid.units !== 'GY') throw new DicomInputError(opts.dose, 'DoseUnits (3004,0002)', `is ${grid.units}: DVH metrics in Gy need absolute dose`);
      const set = readRtStruct(decodeDicom(readInputFile(opts.struct), opts.struct));
      const roi = findRoiByName(set, opts.roi, opts.struct);
      if (roi.frameOfReferenceUid !== grid.frameOfReferenceUid)
        throw new DicomInputError(
          opts.struct,
          'ReferencedFrameOfReferenceUID (3006,0024)',
          `ROI "${roi.name}" is in frame ${roi.frameOfReferenceUid}, the dose grid in ${grid.frameOfReferenceUid}`,
        );
      const planar = planarRoiFromContours(roi, opts.struct);
      const m = roiDoseVolumeMetrics(planar, grid, prescriptionGy, opts.dose, resolutionMm);
      const out = {
        roi: roi.name,
        volumeCc: round(planarRoiVolumeCc(planar)),
        D90Gy: round(m.D90Gy),
        V100Pct: round(m.V100Pct, 2),
        V150Pct: round(m.V150Pct, 2),
        V200Pct: round(m.V200Pct, 2),
        D100Gy: round(m.D100Gy),
        D2ccGy: round(m.D2ccGy),
        D0_1ccGy: round(m.D0_1ccGy),
        V100Cc: round(m.V100Cc),
        meanGy: round(m.meanGy),
        maxGy: round(m.maxGy),
        sampledVolumeCc: round(m.sampledVolumeCc),
        prescriptionGy,
        resolutionMm,
        doseBasis: grid.basis ?? null,
      };
      if (opts.json) return printJson(out);
      process.stdout.write(
        `${out.roi}: ${out.volumeCc} cc, D90 ${out.D90Gy} Gy, D100 ${out.D100Gy} Gy, V100 ${out.V100Pct} %, V150 ${out.V150Pct} %, V200 ${out.V200Pct} % (prescription ${prescriptionGy} Gy)\n`,
      );
    });
}
