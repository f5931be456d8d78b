/**
 * The CT load job of the browser's CT load worker, run in Node with a fake fetch serving synthetic DICOM slices:
 * HU as the series holds them, slab order from the displayed slice, a slab posted once, WADO-RS multipart
 * bodies, and a one-line failure (naming the URL and attribute) at the first slice it cannot use.
 */
import { readCtSliceHu } from '../../../extensions/mrecist/src/core/dicom/ctSliceReader';
import { encodeDicom, type NaturalDataset } from '../../../extensions/mrecist/src/core/dicom/DicomDataset';
import { uidFromName } from '../../../extensions/mrecist/src/core/dicom/uid';
import { runCtLoad, type CtLoadReply, type CtLoadRequest } from '../../../extensions/mrecist/src/core/seeds/ctLoadJob';
import type { Vec3 } from '../../../extensions/mrecist/src/core/geometry/vec3';
import { addSeed, emptyCt } from './syntheticCt';

// 40 × 40 × 40 slices of 2 mm, four seeds within z 26–36 mm (slices 13–18).
const ct = emptyCt(40, 40, 40, [1, 1, 2], [-20, -20, 0]);
for (const [n, z] of [26, 29.5, 33, 36].entries()) addSeed(ct, { centreMm: [-10 + 6 * n, -5 + 3 * n, z] as Vec3, axis: [0.3, 0.2, 1] });
for (let i = 0; i < ct.voxelsHu.length; i++) ct.voxelsHu[i] = 4 * Math.round(ct.voxelsHu[i] / 4);
const plane = ct.rows * ct.columns;

/** Voxels of `got` that differ from `want` (a count: a full diff of 64 000 voxels says nothing useful). */
function differing(got: ArrayLike<number>, want: ArrayLike<number>): number {
  if (got.length !== want.length) return Math.max(got.length, want.length);
  let n = 0;
  for (let i = 0; i < got.length; i++) if (got[i] !== want[i]) n++;
  return n;
}
const urlOf = (k: number) => `http://pacs.test/ct/${k}.dcm`;

function sliceFile(k: number, extra: NaturalDataset = {}): Uint8Array {
  const stored = Int16Array.from(ct.voxelsHu.subarray(k * plane, (k + 1) * plane), (hu) => (hu + 1024) / 4);
  return encodeDicom({
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.2', SOPInstanceUID: uidFromName(`ct load slice ${k}`), Modality: 'CT',
    StudyInstanceUID: uidFromName('ct load study'), SeriesInstanceUID: uidFromName('ct load series'),
    Rows: ct.rows, Columns: ct.columns, PixelSpacing: ['1', '1'], ImageOrientationPatient: ['1', '0', '0', '0', '1', '0'],
    ImagePositionPatient: ['-20', '-20', String(2 * k)], SamplesPerPixel: 1, PhotometricInterpretation: 'MONOCHROME2',
    BitsAllocated: 16, BitsStored: 16, HighBit: 15, PixelRepresentation: 1, RescaleSlope: '4', RescaleIntercept: '-1024',
    PixelData: stored.buffer, _vrMap: { PixelData: 'OW' }, ...extra,
  });
}

const files = new Map(Array.from({ length: ct.slices }, (_, k) => [urlOf(k), sliceFile(k)]));

function request(overrides: Partial<CtLoadRequest> = {}): CtLoadRequest {
  return { type: 'loadCt', urls: Array.from({ length: ct.slices }, (_, k) => urlOf(k)), headers: { Authorization: 'Bearer t' }, rows: ct.rows, columns: ct.columns, offsetsMm: ct.sliceOffsetsMm, centre: 20, slab: true, concurrency: 3, ...overrides };
}

interface Served {
  status?: number;
  body?: Uint8Array;
  contentType?: string;
}

async function run(req: CtLoadRequest, serve: (url: string) => Served = () => ({})) {
  const replies: CtLoadReply[] = [];
  const fetched: string[] = [];
  const headersSeen: Array<Record<string, string>> = [];
  await runCtLoad(req, (reply) => replies.push(reply), async (url, init) => {
    fetched.push(url);
    headersSeen.push(init.headers);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const served = serve(url);
    const body = served.body ?? files.get(url) ?? new Uint8Array();
    return { ok: (served.status ?? 200) < 300, status: served.status ?? 200, headers: new Headers({ 'content-type': served.contentType ?? 'application/dicom' }), arrayBuffer: async () => body.slice().buffer };
  });
  return { replies, fetched, headersSeen };
}

const multipart = (body: Uint8Array): Served => {
  const head = new TextEncoder().encode('--b1\r\nContent-Type: application/dicom\r\n\r\n');
  const tail = new TextEncoder().encode('\r\n--b1--\r\n');
  const all = new Uint8Array(head.length + body.length + tail.length);
  all.set(head);
  all.set(body, head.length);
  all.set(tail, head.length + body.length);
  return { body: all, contentType: 'multipart/related; type="application/dicom"; boundary=b1' };
};

describe('runCtLoad', () => {
  it('loads every slice as HU, the displayed slice first, and posts one slab enclosing the seeds before the end', async () => {
    const { replies, fetched, headersSeen } = await run(request());
    expect(fetched[0]).toBe(urlOf(20));
    expect(new Set(fetched).size).toBe(ct.slices);
    expect(headersSeen.every((h) => h.Authorization === 'Bearer t')).toBe(true);
    const progress = replies.filter((r) => r.type === 'progress');
    expect(progress.map((r) => r.type === 'progress' && r.loaded)).toEqual(Array.from({ length: ct.slices }, (_, k) => k + 1));
    const slabs = replies.filter((r): r is Extract<CtLoadReply, { type: 'slab' }> => r.type === 'slab');
    expect(slabs).toHaveLength(1);
    const { from, to, voxelsHu } = slabs[0];
    // The seeds' slices (13–18) with 6 mm free of them on both sides, and well short of the whole series.
    expect(from).toBeLessThanOrEqual(13 - 3);
    expect(to).toBeGreaterThanOrEqual(18 + 3);
    expect(to - from + 1).toBeLessThan(ct.slices * 0.75);
    expect(differing(voxelsHu, ct.voxelsHu.subarray(from * plane, (to + 1) * plane))).toBe(0);
    // The slab was posted before the last slice arrived.
    expect(replies.indexOf(slabs[0])).toBeLessThan(replies.length - 2);
    const whole = replies[replies.length - 1];
    expect(whole.type).toBe('whole');
    expect(whole.type === 'whole' && differing(whole.voxelsHu, ct.voxelsHu)).toBe(0);
  });

  it('posts no slab when none is asked for, and reads WADO-RS multipart bodies', async () => {
    const { replies } = await run(request({ slab: false }), (url) => multipart(files.get(url)!));
    expect(replies.some((r) => r.type === 'slab')).toBe(false);
    const whole = replies[replies.length - 1];
    expect(whole.type === 'whole' && differing(whole.voxelsHu, ct.voxelsHu)).toBe(0);
  });

  it.each([
    ['an HTTP error', { status: 404 }, `${urlOf(17)}: HTTP 404`],
    ['a slice of another size', { body: sliceFile(17, { Rows: 20, PixelData: new Int16Array(800).buffer }) }, `${urlOf(17)}: Rows (0028,0010): 20 differs from the series' 40`],
    ['bytes that are not DICOM', { body: new TextEncoder().encode('<html>login</html>') }, `${urlOf(17)}:`],
  ])('fails in one line naming the URL on %s, and stops fetching', async (_, served, message) => {
    const { replies, fetched } = await run(request({ centre: 17 }), (url) => (url === urlOf(17) ? served : {}));
    const last = replies[replies.length - 1];
    expect(last.type).toBe('failed');
    expect(last.type === 'failed' && last.message).toContain(message);
    expect(last.type === 'failed' && last.message).not.toMatch(/\n/);
    expect(replies.some((r) => r.type === 'whole')).toBe(false);
    expect(fetched.length).toBeLessThan(ct.slices);
  });

  it.each([
    ['too few URLs', { urls: [urlOf(0)], offsetsMm: [0] }, 'at least 2 slices'],
    ['positions out of order', { offsetsMm: ct.sliceOffsetsMm.map((s, k) => (k === 5 ? 0 : s)) }, 'strictly ascending'],
    ['a huge image', { rows: 100_000 }, 'rows must be a whole number from 1 to 8192'],
    ['a centre outside the series', { centre: 40 }, 'centre slice 40 outside 0–39'],
  ])('refuses %s before fetching anything', async (_, overrides, message) => {
    const { replies, fetched } = await run(request(overrides as Partial<CtLoadRequest>));
    expect(fetched).toEqual([]);
    expect(replies).toHaveLength(1);
    expect(replies[0].type === 'failed' && replies[0].message).toMatch(new RegExp(`^CT load: .*${message}`));
  });
});

/**
 * A PS3.10 file written element by element (independent of the codecs under test): explicit or implicit VR
 * little endian, values as given, sequences of undefined length where a value is a list of items.
 */
type Element = [tag: number, vr: string, value: Uint8Array | Element[][]];
const ascii = (text: string) => new TextEncoder().encode(text.length % 2 ? `${text} ` : text);
const us = (n: number) => new Uint8Array(new Uint16Array([n]).buffer);

function writeFile(elements: Element[], transferSyntax: string): Uint8Array {
  const explicit = transferSyntax === '1.2.840.10008.1.2.1';
  const out: number[] = [];
  const u16 = (n: number) => out.push(n & 0xff, n >> 8);
  const u32 = (n: number) => out.push(n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff);
  const tag = (t: number) => (u16(t >>> 16), u16(t & 0xffff));
  const write = (list: Element[], explicitVr: boolean) => {
    for (const [t, vr, value] of list) {
      tag(t);
      const undefinedSequence = !(value instanceof Uint8Array);
      const long = undefinedSequence || ['OB', 'OW', 'SQ', 'UN', 'UT'].includes(vr);
      if (explicitVr) {
        out.push(vr.charCodeAt(0), vr.charCodeAt(1));
        if (long) u16(0);
      }
      if (undefinedSequence) {
        u32(0xffffffff);
        for (const item of value as Element[][]) {
          tag(0xfffee000);
          u32(0xffffffff);
          write(item, explicitVr);
          tag(0xfffee00d);
          u32(0);
        }
        tag(0xfffee0dd);
        u32(0);
      } else {
        if (explicitVr && !long) u16(value.length);
        else u32(value.length);
        out.push(...value);
      }
    }
  };
  for (let i = 0; i < 128; i++) out.push(0);
  out.push(...new TextEncoder().encode('DICM'));
  write([[0x00020010, 'UI', ascii(transferSyntax)]], true);
  write(elements, explicit);
  return Uint8Array.from(out);
}

/** Slice k of the synthetic CT, with a nested sequence of undefined length and a private element before the pixels. */
function handWritten(k: number, transferSyntax: string, extra: Element[] = []): Uint8Array {
  const stored = Int16Array.from(ct.voxelsHu.subarray(k * plane, (k + 1) * plane), (hu) => (hu + 1024) / 4);
  return writeFile(
    [
      [0x00080060, 'CS', ascii('CT')],
      [0x00081140, 'SQ', [[[0x00081150, 'UI', ascii('1.2.3')], [0x00089215, 'SQ', [[[0x00080100, 'SH', ascii('121311')]]]]], [[0x00081155, 'UI', ascii('1.2.4')]]]],
      [0x00091010, 'LO', ascii('private note')],
      [0x00280010, 'US', us(ct.rows)],
      [0x00280011, 'US', us(ct.columns)],
      [0x00280100, 'US', us(16)],
      [0x00280103, 'US', us(1)],
      [0x00281052, 'DS', ascii('-1024')],
      [0x00281053, 'DS', ascii('4')],
      ...extra,
      [0x7fe00010, 'OW', new Uint8Array(stored.buffer)],
    ],
    transferSyntax,
  );
}

describe('readCtSliceHu', () => {
  it.each([
    ['explicit', '1.2.840.10008.1.2.1'],
    ['implicit', '1.2.840.10008.1.2'],
  ])('reads HU from %s VR little endian, past nested sequences of undefined length and private elements', (_, ts) => {
    const hu = readCtSliceHu(handWritten(15, ts), 's15.dcm', ct.rows, ct.columns);
    expect(differing(hu, ct.voxelsHu.subarray(15 * plane, 16 * plane))).toBe(0);
    // The codec-written file reads the same.
    expect(differing(readCtSliceHu(sliceFile(15), 'f15.dcm', ct.rows, ct.columns), hu)).toBe(0);
  });

  it.each([
    ['a compressed transfer syntax', handWritten(3, '1.2.840.10008.1.2.4.70'), 'TransferSyntaxUID (0002,0010): transfer syntax 1.2.840.10008.1.2.4.70 is not read here (only uncompressed little endian)'],
    ['a multi-frame image', handWritten(3, '1.2.840.10008.1.2.1', [[0x00280008, 'IS', ascii('2')]]), 'NumberOfFrames (0028,0008): expected a single frame, got 2'],
    ['another size', handWritten(3, '1.2.840.10008.1.2.1').slice(), ''],
    ['a truncated file', handWritten(3, '1.2.840.10008.1.2.1').slice(0, 400), 'PixelData (7FE0,0010): holds'],
    ['a file cut inside a sequence', handWritten(3, '1.2.840.10008.1.2.1').slice(0, 190), 'file: not a readable DICOM Part 10 file (an element runs past the end'],
    ['bytes that are not DICOM', new TextEncoder().encode('<html>sign in</html>'), 'file: not a DICOM Part 10 file'],
  ])('refuses %s in one line naming the source and attribute', (what, bytes, message) => {
    const [rows, columns] = what === 'another size' ? [ct.rows, 20] : [ct.rows, ct.columns];
    const expected = what === 'another size' ? "s3.dcm: Columns (0028,0011): 40 differs from the series' 20" : `s3.dcm: ${message}`;
    expect(() => readCtSliceHu(bytes, 's3.dcm', rows, columns)).toThrow(expected);
  });
});
