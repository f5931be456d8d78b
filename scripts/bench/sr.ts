/**
 * SR codec benchmark (issue 16 item 5): a read of 10 target lesions × 8 timepoints, each measurement with its
 * image graphic, written as a TID 1500 Comprehensive SR (writeSr: assessment, content tree, DICOM encoding) and
 * read back (readSr: DICOM decoding, content tree, validation). Target: within 100 ms each. Beside each figure,
 * the same run's time for dcmjs' DICOM encoding or decoding alone of the same dataset (what the codec used
 * before the byte-level codec in core/dicom), and the byte-level codec against dcmjs in alternating runs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCaseFile } from '../../extensions/mrecist/src/core/criteria/parseCaseFile';
import dcmjs from 'dcmjs';
import { decodeNaturalDataset } from '../../extensions/mrecist/src/core/dicom/decodeNaturalDataset';
import { encodeNaturalDataset } from '../../extensions/mrecist/src/core/dicom/encodeNaturalDataset';
import { readSr, writeSr } from '../../extensions/mrecist/src/core/sr/srFromCaseFile';
import { alternate, median, type BenchFigure } from './lib/figures';

const LESIONS = 10;
const TIMEPOINTS = 8;
const RUNS = Number(process.env.MRECIST_BENCH_SR_RUNS ?? 15);
const TARGET_MS = 100;

/** The golden fixture's patient and reader, with 10 target lesions shrinking then growing over 8 timepoints. */
export function bigCase(): unknown {
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

/** dcmjs' writer and reader, as encodeDicom and decodeDicom called them before the byte-level codec. */
function dcmjsEncode(dataset: Record<string, unknown>): Uint8Array {
  const copy = { ...dataset, _meta: { TransferSyntaxUID: { Value: ['1.2.840.10008.1.2.1'] } } };
  return new Uint8Array(dcmjs.data.datasetToDict(copy).write());
}

function dcmjsDecode(bytes: Uint8Array): unknown {
  const dict = dcmjs.data.DicomMessage.readFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.dict);
}

function timeMs(f: () => unknown): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

/**
 * CPU time of the process (this thread and the collector's) while f runs. On a busy machine wall time includes
 * waiting for a core; CPU time says what the step itself costs, so both are printed.
 */
function cpuMs(f: () => unknown): number {
  const start = process.cpuUsage();
  f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
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
  const dcmjsEncodeMs: number[] = [];
  const dcmjsDecodeMs: number[] = [];
  const writeCpuMs: number[] = [];
  const readCpuMs: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    writeCpuMs.push(cpuMs(write));
    readCpuMs.push(cpuMs(() => readSr(written.bytes, 'bench.sr.dcm')));
    writeMs.push(timeMs(write));
    dcmjsEncodeMs.push(timeMs(() => dcmjsEncode(written.dataset)));
    readMs.push(timeMs(() => readSr(written.bytes, 'bench.sr.dcm')));
    dcmjsDecodeMs.push(timeMs(() => dcmjsDecode(written.bytes)));
  }
  // The byte-level codec against dcmjs on the same dataset, alternating so that load hits both alike.
  const encode = await alternate(RUNS, () => timeMs(() => encodeNaturalDataset(written.dataset)), () => timeMs(() => dcmjsEncode(written.dataset)));
  const decode = await alternate(RUNS, () => timeMs(() => decodeNaturalDataset(written.bytes)), () => timeMs(() => dcmjsDecode(written.bytes)));
  const read = readSr(written.bytes, 'bench.sr.dcm');
  const w = median(writeMs);
  const rd = median(readMs);
  const figures: BenchFigure[] = [
    { part: 'sr', name: `write ${LESIONS} lesions × ${TIMEPOINTS} timepoints (median of ${RUNS})`, unit: 'ms', value: w, baseline: median(dcmjsEncodeMs), baselineName: 'dcmjs DICOM encoding alone', ratio: w / median(dcmjsEncodeMs), target: `≤ ${TARGET_MS} ms`, met: w <= TARGET_MS },
    { part: 'sr', name: `read back (median of ${RUNS})`, unit: 'ms', value: rd, baseline: median(dcmjsDecodeMs), baselineName: 'dcmjs DICOM decoding alone', ratio: rd / median(dcmjsDecodeMs), target: `≤ ${TARGET_MS} ms`, met: rd <= TARGET_MS },
    { part: 'sr', name: `DICOM encoding, byte-level codec (alternating, ${RUNS} rounds)`, unit: 'ms', value: median(encode.a), baseline: median(encode.b), baselineName: 'dcmjs', ratio: encode.ratio },
    { part: 'sr', name: `DICOM decoding, byte-level codec (alternating, ${RUNS} rounds)`, unit: 'ms', value: median(decode.a), baseline: median(decode.b), baselineName: 'dcmjs', ratio: decode.ratio },
  ];
  process.stdout.write(
    `${LESIONS} target lesions × ${TIMEPOINTS} timepoints with graphics; SR ${(written.bytes.length / 1024).toFixed(0)} KiB; ` +
      `read back ${read.caseFile.lesions.length} lesions\n\n` +
      `| step | median ms | min ms | median CPU ms | dcmjs DICOM part alone, median ms | < ${TARGET_MS} ms |\n| --- | --- | --- | --- | --- | --- |\n` +
      `| write | ${w.toFixed(1)} | ${Math.min(...writeMs).toFixed(1)} | ${median(writeCpuMs).toFixed(1)} | ${median(dcmjsEncodeMs).toFixed(1)} | ${figures[0].met ? 'yes' : 'NO'} |\n` +
      `| read | ${rd.toFixed(1)} | ${Math.min(...readMs).toFixed(1)} | ${median(readCpuMs).toFixed(1)} | ${median(dcmjsDecodeMs).toFixed(1)} | ${figures[1].met ? 'yes' : 'NO'} |\n\n` +
      `byte-level codec ÷ dcmjs (median of paired ratios): encoding ${encode.ratio.toFixed(3)}, decoding ${decode.ratio.toFixed(3)}\n`,
  );
  return figures;
}
