/**
 * Renders axial slices of a generated demo series to one PNG, read back from the DICOM files (so the picture is
 * what a viewer gets), with a CT window applied.
 *
 *   npx tsx scripts/demo/previewDemo.ts --study month-01 --slices 20,30,40,50 [--window liver|abdomen|lung|bone]
 *        [--out demo-data/preview-month-01.png] [--data demo-data] [--zoom 2]
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { decodeDicom } from '../../extensions/mrecist/src/core/dicom/DicomDataset';
import { SERIES_LABEL } from './demoPatient';
import { encodeGreyPng, montageGrey } from './previewPng';

export const PREVIEW_WINDOWS = {
  liver: { centre: 60, width: 180 },
  abdomen: { centre: 40, width: 400 },
  lung: { centre: -600, width: 1500 },
  bone: { centre: 500, width: 2000 },
} as const;

/** HU planes of the chosen instances (1-based instance numbers). */
export function readSeriesPlanes(seriesDir: string, instances: readonly number[]) {
  const files = readdirSync(seriesDir).filter((f) => f.endsWith('.dcm')).sort();
  let columns = 0;
  let rows = 0;
  const planes = instances.map((n) => {
    const name = files[n - 1];
    if (!name) throw new Error(`${seriesDir}: no instance ${n} (${files.length} files)`);
    const ds = decodeDicom(readFileSync(join(seriesDir, name)), name);
    columns = ds.number('Columns');
    rows = ds.number('Rows');
    const slope = ds.number('RescaleSlope');
    const intercept = ds.number('RescaleIntercept');
    const data = ds.raw.PixelData;
    const buffer: ArrayBuffer = Array.isArray(data) ? data[0] : data;
    const stored = ds.number('PixelRepresentation') === 1 ? new Int16Array(buffer) : new Uint16Array(buffer);
    return Float32Array.from(stored, (v) => v * slope + intercept);
  });
  return { columns, rows, planes };
}

function main(argv: string[]): void {
  const o = new Command()
    .option('--study <label>', 'study label', 'month-01')
    .option('--slices <list>', 'instance numbers, comma separated', '20,30,40,50')
    .option('--window <name>', 'liver | abdomen | lung | bone', 'liver')
    .option('--data <dir>', 'demo data directory', 'demo-data')
    .option('--zoom <n>', 'enlargement', '2')
    .option('--out <file>', 'PNG file')
    .parse(argv)
    .opts<{ study: string; slices: string; window: keyof typeof PREVIEW_WINDOWS; data: string; zoom: string; out?: string }>();
  const window = PREVIEW_WINDOWS[o.window];
  if (!window) throw new Error(`unknown window "${o.window}"`);
  const instances = o.slices.split(',').map(Number);
  const { columns, rows, planes } = readSeriesPlanes(join(o.data, 'dicom', o.study, SERIES_LABEL), instances);
  const m = montageGrey(planes, columns, rows, window, Number(o.zoom), 2);
  const out = resolve(o.out ?? join(o.data, `preview-${o.study}-${o.window}.png`));
  writeFileSync(out, encodeGreyPng(m.width, m.height, m.pixels));
  process.stdout.write(`${out}\n`);
}

if (require.main === module) main(process.argv);
