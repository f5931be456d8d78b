/**
 * `mrecist phase PATH... [--json] [--no-image]`: the contrast phase of every image series found in the given
 * files and folders (folders recursively), one row per series. JSON:
 *   {"series":[{"studyInstanceUid","seriesInstanceUid","seriesNumber","seriesDescription","modality","phase",
 *               "subphase","confidence","evidence":[...]}]}
 * Metadata evidence for every series (core/phase/classifySeriesPhase.ts); for CT series also the aorta and
 * portal vein attenuation measured on the images (core/phase/vesselAttenuation.ts) unless --no-image.
 * Files in a folder that are not DICOM Part 10 are skipped; a named file that is not DICOM is bad input.
 */
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { decodeDicom } from '../../core/dicom/DicomDataset';
import { DicomInputError, isInputError, UsageError } from '../../core/errors';
import { phaseLabel } from '../../core/phase/ContrastPhase';
import { classifySeriesPhases } from '../../core/phase/classifySeriesPhase';
import { seriesPhaseInput, type NaturalInstance, type SeriesPhaseInput } from '../../core/phase/SeriesPhaseInput';
import { measureVesselAttenuation } from '../../core/phase/vesselAttenuation';
import { isDicomFile, printJson, readInputFile } from '../io';
import { readCtSeries } from '../readCtSeries';

interface FoundFile {
  readonly path: string;
  /** Named on the command line (not found in a folder): must be DICOM. */
  readonly named: boolean;
}

function collectFiles(paths: readonly string[]): FoundFile[] {
  const out: FoundFile[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.') || name.toUpperCase() === 'DICOMDIR') continue;
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) out.push({ path: p, named: false });
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new UsageError(p, 'path', 'no such file or folder');
    }
    if (st.isDirectory()) walk(p);
    else out.push({ path: p, named: true });
  }
  return out;
}

interface SeriesFiles {
  readonly uid: string;
  readonly files: string[];
  readonly instances: NaturalInstance[];
}

function readSeries(files: readonly FoundFile[]): SeriesFiles[] {
  const bySeries = new Map<string, SeriesFiles>();
  for (const f of files) {
    const bytes = readInputFile(f.path);
    if (!isDicomFile(bytes)) {
      if (f.named) throw new DicomInputError(f.path, 'file', 'not a DICOM Part 10 file');
      continue;
    }
    const ds = decodeDicom(bytes, f.path);
    const uid = ds.string('SeriesInstanceUID');
    const { PixelData: _pixels, ...metadata } = ds.raw;
    const s = bySeries.get(uid) ?? { uid, files: [], instances: [] };
    s.files.push(f.path);
    s.instances.push(metadata);
    bySeries.set(uid, s);
  }
  return [...bySeries.values()];
}

/** Image evidence for one CT series whose slices sit in one folder; a reason when it cannot be measured. */
function withVessels(input: SeriesPhaseInput, series: SeriesFiles): SeriesPhaseInput {
  const folders = new Set(series.files.map((f) => dirname(f)));
  if (folders.size !== 1) return { ...input, vesselsUnavailable: 'slices spread over several folders: not measured' };
  try {
    const ct = readCtSeries([...folders][0], series.uid);
    const m = measureVesselAttenuation(ct.volume);
    return m.ok ? { ...input, vessels: m.value } : { ...input, vesselsUnavailable: m.reason };
  } catch (e) {
    if (!isInputError(e)) throw e;
    return { ...input, vesselsUnavailable: `not measured (${e.problem})` };
  }
}

export interface PhaseRow {
  studyInstanceUid: string | null;
  seriesInstanceUid: string;
  seriesNumber: number | null;
  seriesDescription: string | null;
  modality: string | null;
  phase: string;
  subphase: string | null;
  confidence: number;
  evidence: readonly string[];
}

export function register(program: Command): void {
  program
    .command('phase')
    .description('contrast phase of every image series (non-contrast, arterial, portal venous, delayed, hepatobiliary, unknown) with its evidence')
    .argument('<paths...>', 'DICOM files or folders (searched recursively)')
    .option('--json', 'print JSON: {"series":[{studyInstanceUid, seriesInstanceUid, seriesNumber, seriesDescription, modality, phase, subphase, confidence, evidence}]}')
    .option('--no-image', 'metadata only: do not measure aorta and portal vein attenuation on CT images')
    .action((paths: string[], opts: { json?: boolean; image: boolean }) => {
      const series = readSeries(collectFiles(paths));
      if (series.length === 0) throw new UsageError(paths.join(' '), 'files', 'no DICOM files found');
      const inputs = series.map((s) => {
        const input = seriesPhaseInput(s.instances);
        return opts.image && input.modality === 'CT' ? withVessels(input, s) : input;
      });
      const results = classifySeriesPhases(inputs);
      const rows: PhaseRow[] = inputs.map((input, i) => ({
        studyInstanceUid: input.studyInstanceUid ?? null,
        seriesInstanceUid: series[i].uid,
        seriesNumber: input.seriesNumber ?? null,
        seriesDescription: input.seriesDescription ?? null,
        modality: input.modality ?? null,
        phase: results[i].phase,
        subphase: results[i].subphase ?? null,
        confidence: results[i].confidence,
        evidence: results[i].evidence,
      }));
      rows.sort(
        (a, b) =>
          (a.studyInstanceUid ?? '').localeCompare(b.studyInstanceUid ?? '') ||
          (a.seriesNumber ?? Infinity) - (b.seriesNumber ?? Infinity) ||
          a.seriesInstanceUid.localeCompare(b.seriesInstanceUid),
      );
      if (opts.json) return printJson({ series: rows });
      let study: string | null | undefined;
      for (const r of rows) {
        if (r.studyInstanceUid !== study) {
          study = r.studyInstanceUid;
          process.stdout.write(`study ${study ?? '(none)'}\n`);
        }
        const phase = r.phase === 'unknown' ? 'unknown' : phaseLabel(r.phase as never, (r.subphase ?? undefined) as never);
        process.stdout.write(
          `  #${r.seriesNumber ?? '-'}\t${r.modality ?? '-'}\t${JSON.stringify(r.seriesDescription ?? '')}\t${phase}\t${r.confidence.toFixed(2)}\n`,
        );
        for (const line of r.evidence) process.stdout.write(`      ${line}\n`);
      }
    });
}
