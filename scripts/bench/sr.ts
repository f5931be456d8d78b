/**
 * SR codec benchmark (issue 16 item 5): a read of 10 target lesions × 8 timepoints, each measurement with its
 * image graphic, written as a TID 1500 Comprehensive SR (writeSr: assessment, content tree, DICOM encoding) and
 * read back (readSr: DICOM decoding, content tree, validation). Target: within 100 ms each. Beside each figure,
 * the same run's time for the DICOM encoding or decoding alone of the same dataset (dcmjs): the part of the
 * time the codec's own code cannot take away.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCaseFile } from '../../extensions/mrecist/src/core/criteria/parseCaseFile';
import { decodeDicom, encodeDicom } from '../../extensions/mrecist/src/core/dicom/DicomDataset';
import { readSr, writeSr } from '../../extensions/mrecist/src/core/sr/srFromCaseFile';
import { median, type BenchFigure } from './lib/figures';

const LESIONS = 10;
const TIMEPOINTS = 8;
const RUNS = Number(process.env.MRECIST_BENCH_SR_RUNS ?? 15);
const TARGET_MS = 100;

/** The golden fixture's patient and reader, with 10 target lesions shrinking then growing over 8 timepoints. */
function bigCase(): unknown {
  const golden = JSON.parse(readFileSync(path.join(__dirname, '../../test/fixtures/sr/P12.case.json'), 'utf8'));
  const ids = Array.from({ length: TIMEPOINTS }, (_, t) => (t === 0 ? 'BL' : `M${t}`));
  const timepoints = ids.map((id, t) => ({
    id,
    date: new Date(Date.UTC(2019, 4 + t, 2)).toISOString().slice(0, 10),
    ...(t === 0 ? { baseline: true } : {}),
    studyInstanceUid: `2.25.1000000000000000000000000000000000${10 + t}`,
  }));
  const lesions = Array.from({ length: LESIONS }, (_, n) => ({
    id: `T${n + 1}`,
    role: 'target',
    site: `liver S${(n % 8) + 1}`,
    node: false,
    arteriallyEnhancing: true,
    treatment: 'seeds',
    trackingUid: `2.25.2000000000000000000000000000000000${10 + n}`,
    measurements: Object.fromEntries(
      ids.map((id, t) => {
        const viable = 30 - 2 * t + (t > 5 ? 6 * (t - 5) : 0) + n / 4;
        return [
          id,
          {
            longAxisMm: 40 + n / 2,
            viableLongAxisMm: viable,
            viablePerpendicularMm: viable * 0.7,
            graphics: {
              viableLongAxisMm: {
                referencedSopClassUid: '1.2.840.10008.5.1.4.1.1.4',
                referencedSopInstanceUid: `2.25.3000000000000000000000000000000${1000 + 10 * n + t}`,
                referencedSeriesInstanceUid: `2.25.40000000000000000000000000000000${100 + t}`,
                graphicType: 'POLYLINE',
                points: [[100 + n, 200 + t], [100 + n + viable / 0.7, 205 + t]],
              },
            },
          },
        ];
      }),
    ),
  }));
  return { ...golden, timepoints, lesions };
}

function timeMs(f: () => unknown): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

export async function run(): Promise<BenchFigure[]> {
  const caseFile = parseCaseFile(bigCase(), 'bench.case.json');
  let counter = 0;
  const write = () =>
    writeSr({
      caseFile,
      document: { contentDate: '20260101', contentTime: '120000' },
      newUid: () => `2.25.${++counter}`,
      file: 'bench.case.json',
    });
  const written = write();
  readSr(written.bytes, 'bench.sr.dcm'); // warm-up (JIT)
  const writeMs: number[] = [];
  const readMs: number[] = [];
  const encodeMs: number[] = [];
  const decodeMs: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    writeMs.push(timeMs(write));
    encodeMs.push(timeMs(() => encodeDicom(written.dataset)));
    readMs.push(timeMs(() => readSr(written.bytes, 'bench.sr.dcm')));
    decodeMs.push(timeMs(() => decodeDicom(written.bytes, 'bench.sr.dcm')));
  }
  const read = readSr(written.bytes, 'bench.sr.dcm');
  const figures: BenchFigure[] = [
    { part: 'sr', name: `write ${LESIONS} lesions × ${TIMEPOINTS} timepoints (median of ${RUNS})`, unit: 'ms', value: median(writeMs), baseline: median(encodeMs), baselineName: 'DICOM encoding alone', target: `≤ ${TARGET_MS} ms`, met: median(writeMs) <= TARGET_MS },
    { part: 'sr', name: `read back (median of ${RUNS})`, unit: 'ms', value: median(readMs), baseline: median(decodeMs), baselineName: 'DICOM decoding alone', target: `≤ ${TARGET_MS} ms`, met: median(readMs) <= TARGET_MS },
  ];
  process.stdout.write(
    `${LESIONS} target lesions × ${TIMEPOINTS} timepoints with graphics; SR ${(written.bytes.length / 1024).toFixed(0)} KiB; ` +
      `read back ${read.caseFile.lesions.length} lesions\n\n` +
      `| step | median ms | min ms | DICOM part alone, median ms | < ${TARGET_MS} ms |\n| --- | --- | --- | --- | --- |\n` +
      `| write | ${median(writeMs).toFixed(1)} | ${Math.min(...writeMs).toFixed(1)} | ${median(encodeMs).toFixed(1)} | ${figures[0].met ? 'yes' : 'NO'} |\n` +
      `| read | ${median(readMs).toFixed(1)} | ${Math.min(...readMs).toFixed(1)} | ${median(decodeMs).toFixed(1)} | ${figures[1].met ? 'yes' : 'NO'} |\n`,
  );
  return figures;
}
