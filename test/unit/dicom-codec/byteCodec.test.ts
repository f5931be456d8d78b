/**
 * The byte-level DICOM codec against dcmjs 0.52: the encoder must give dcmjs' bytes exactly, the decoder dcmjs'
 * values (with text inside sequence items decoded in the dataset's character set, which dcmjs gets wrong and
 * repairNestedUtf8 restores), and whatever either leaves aside must be refused with NotHandledByCodec.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { types } from 'node:util';
import dcmjs from 'dcmjs';
import fc from 'fast-check';
import { decodeDicom, encodeDicom } from '../../../extensions/mrecist/src/core/dicom/DicomDataset';
import { decodeNaturalDataset } from '../../../extensions/mrecist/src/core/dicom/decodeNaturalDataset';
import { encodeNaturalDataset } from '../../../extensions/mrecist/src/core/dicom/encodeNaturalDataset';
import { NotHandledByCodec } from '../../../extensions/mrecist/src/core/dicom/valueRepresentations';
import { repairNestedUtf8 } from '../../../extensions/mrecist/src/core/dicom/repairNestedUtf8';

type Natural = Record<string, any>;
const decode = (bytes: Uint8Array): Natural => decodeNaturalDataset(bytes);

const GOLDEN = new Uint8Array(readFileSync(path.join(__dirname, '../../fixtures/sr/P12.sr.dcm')));

/** dcmjs' writer, as encodeDicom used it before the byte-level encoder. */
function dcmjsEncode(ds: Natural): Uint8Array {
  const copy: Natural = { ...ds, _meta: { TransferSyntaxUID: { Value: ['1.2.840.10008.1.2.1'] } } };
  return new Uint8Array(dcmjs.data.datasetToDict(copy).write());
}

/** dcmjs' reader, as decodeDicom used it. */
function dcmjsDecode(bytes: Uint8Array): Natural {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const dict = dcmjs.data.DicomMessage.readFile(buffer);
  const natural = dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.dict);
  natural._meta = dcmjs.data.DicomMetaDictionary.namifyDataset(dict.meta);
  return natural;
}

/** Plain JSON-like copy: drops dcmjs' proxies and accessors, keeps ArrayBuffers as byte lists. */
function plain(v: unknown): unknown {
  if (v instanceof ArrayBuffer) return { bytes: Array.from(new Uint8Array(v)) };
  if (Array.isArray(v)) return Array.from(v, plain);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) if ((v as Natural)[k] !== undefined) out[k] = plain((v as Natural)[k]);
    return out;
  }
  return v;
}

function hexDiff(a: Uint8Array, b: Uint8Array): string {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return `first difference at byte ${i} of ${a.length}/${b.length}`;
  return a.length === b.length ? 'equal' : `lengths ${a.length}/${b.length}`;
}

function expectSameBytes(ours: Uint8Array, theirs: Uint8Array): void {
  expect(hexDiff(ours, theirs)).toBe('equal');
}

// dcmjs logs each value it cuts to length; the cut itself is what the tests compare.
const dcmjsLog = (dcmjs as unknown as { log: { getLevel(): number; setLevel(level: number | string): void } }).log;
const logLevel = dcmjsLog.getLevel();
beforeAll(() => dcmjsLog.setLevel('error'));
afterAll(() => dcmjsLog.setLevel(logLevel));

const BASE = { SOPClassUID: '1.2.840.10008.5.1.4.1.1.88.33', SOPInstanceUID: '2.25.1234567' };

describe('byte-level DICOM codec against dcmjs', () => {
  it('writes the golden SR dataset to the golden bytes, as dcmjs does', () => {
    const dataset = dcmjsDecode(GOLDEN);
    delete dataset._meta;
    const ours = encodeNaturalDataset(dataset);
    expectSameBytes(ours, dcmjsEncode(dataset));
    expectSameBytes(ours, GOLDEN);
  });

  it('reads the golden SR to the values dcmjs reads, with the same File Meta Information', () => {
    const ours = decode(GOLDEN);
    const theirs = repairNestedUtf8(dcmjsDecode(GOLDEN));
    expect(plain(ours)).toEqual(plain(theirs));
    expect(ours._meta.TransferSyntaxUID.Value).toEqual(['1.2.840.10008.1.2.1']);
  });

  it('round-trips both ways: ours written, dcmjs reads; dcmjs written, ours reads', () => {
    const dataset = dcmjsDecode(GOLDEN);
    delete dataset._meta;
    expect(plain(decodeNaturalDataset(dcmjsEncode(dataset)))).toEqual(plain(repairNestedUtf8(dcmjsDecode(dcmjsEncode(dataset)))));
    expect(plain(repairNestedUtf8(dcmjsDecode(encodeNaturalDataset(dataset))))).toEqual(plain(decodeNaturalDataset(GOLDEN)));
  });

  it('gives one-item sequences and person names as plain one-element lists', () => {
    const ds = decode(GOLDEN);
    expect(types.isProxy(ds.ConceptNameCodeSequence)).toBe(false);
    expect(types.isProxy(dcmjsDecode(GOLDEN).ConceptNameCodeSequence)).toBe(true);
    expect(ds.ConceptNameCodeSequence).toHaveLength(1);
    expect(ds.ConceptNameCodeSequence[0].CodeValue).toBe(dcmjsDecode(GOLDEN).ConceptNameCodeSequence[0].CodeValue);
  });

  it.each([
    ['UI of odd length, padded with NUL', { StudyInstanceUID: '1.2.345' }, [0x00]],
    ['CS of odd length, padded with a space', { Modality: 'SRX' }, [0x20]],
    ['LO of odd length, padded with a space', { SeriesDescription: 'abc' }, [0x20]],
    ['LO of even length, not padded', { SeriesDescription: 'abcd' }, []],
    ['multi-valued DS whose last value is odd', { PixelSpacing: [2.5, 2] }, [0x20]],
  ])('%s', (_name, extra, pad) => {
    const dataset = { ...BASE, ...extra };
    const ours = encodeNaturalDataset(dataset);
    expectSameBytes(ours, dcmjsEncode(dataset));
    const last = Array.from(ours.slice(ours.length - pad.length));
    if (pad.length) expect(last).toEqual(pad);
    expect(plain(decodeNaturalDataset(ours))).toEqual(plain(dcmjsDecode(ours)));
  });

  it('pads text that ends in spaces and reads it back trimmed as dcmjs does', () => {
    const dataset = { ...BASE, SeriesDescription: ' lead and trail  ', ContentLabel: 'A ', TextValue: 'x\\y ' };
    const bytes = encodeNaturalDataset(dataset);
    expectSameBytes(bytes, dcmjsEncode(dataset));
    expect(plain(decodeNaturalDataset(bytes))).toEqual(plain(dcmjsDecode(bytes)));
  });

  it('writes UTF-8 text under ISO_IR 192 as dcmjs does and reads nested text correctly, where dcmjs reads Latin-1', () => {
    const dataset = {
      ...BASE,
      SpecificCharacterSet: 'ISO_IR 192',
      PatientName: { Alphabetic: 'Müller^Zoë' },
      StudyDescription: 'Leber – Verlaufskontrolle',
      ContentSequence: [{ RelationshipType: 'CONTAINS', ValueType: 'TEXT', TextValue: 'Läsion ☢ 肝臓', ConceptNameCodeSequence: { CodeValue: '112039', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Tracking Identifier' } }],
    };
    const bytes = encodeNaturalDataset(dataset);
    expectSameBytes(bytes, dcmjsEncode(dataset));
    const ours = decode(bytes);
    expect(ours.ContentSequence[0].TextValue).toBe('Läsion ☢ 肝臓');
    expect(ours.StudyDescription).toBe('Leber – Verlaufskontrolle');
    expect(ours.PatientName[0]).toEqual({ Alphabetic: 'Müller^Zoë' });
    const theirs = dcmjsDecode(bytes);
    expect(theirs.ContentSequence[0].TextValue).not.toBe('Läsion ☢ 肝臓');
    expect(plain(ours)).toEqual(plain(repairNestedUtf8(theirs)));
  });

  it('writes a value of 64 KiB or more in a short-length VR as UN with a long length, as dcmjs does', () => {
    const dataset = { ...BASE, TextValue: 'x'.repeat(0x10001) };
    expectSameBytes(encodeNaturalDataset(dataset), dcmjsEncode(dataset));
  });

  it('cuts values longer than their VR allows, as dcmjs does', () => {
    const dataset = { ...BASE, Modality: 'A_VERY_LONG_CODE_STRING', SliceThickness: 0.1 + 0.2, InstanceNumber: 12345678901234 };
    const bytes = encodeNaturalDataset(dataset);
    expectSameBytes(bytes, dcmjsEncode(dataset));
    expect(plain(decodeNaturalDataset(bytes))).toEqual(plain(dcmjsDecode(bytes)));
  });

  it('writes null, empty and one-item sequences given as objects as dcmjs does', () => {
    const dataset = { ...BASE, PatientName: null, StudyID: '', ReferencedSeriesSequence: { SeriesInstanceUID: '1.2.3' }, ProcedureCodeSequence: [], PixelSpacing: null, Rows: 512, RescaleSlope: 1 };
    const bytes = encodeNaturalDataset(dataset);
    expectSameBytes(bytes, dcmjsEncode(dataset));
    expect(plain(decodeNaturalDataset(bytes))).toEqual(plain(dcmjsDecode(bytes)));
  });

  it('refuses what only dcmjs handles, and encodeDicom/decodeDicom then use dcmjs', () => {
    const withPixels = { ...BASE, Rows: 2, Columns: 1, BitsAllocated: 16, PixelData: [new Uint16Array([1, 2]).buffer], _vrMap: { PixelData: 'OW' } };
    expect(() => encodeNaturalDataset(withPixels)).toThrow(NotHandledByCodec);
    const bytes = encodeDicom(withPixels);
    expectSameBytes(bytes, dcmjsEncode(withPixels));
    expect(() => decodeNaturalDataset(bytes)).toThrow(NotHandledByCodec);
    expect(decodeDicom(bytes, 'img.dcm').number('Rows')).toBe(2);
    expect(() => encodeNaturalDataset({ ...BASE, NotAKeyword: 'x' })).toThrow(NotHandledByCodec);
    expect(() => encodeNaturalDataset({ ...BASE, PatientName: { Alphabetic: 'x'.repeat(65) } })).toThrow(NotHandledByCodec);
    expect(() => encodeNaturalDataset({ ...BASE, Rows: 'twelve' })).toThrow(NotHandledByCodec);
  });

  it('reads defined-length sequences and items, and leaves out empty items, as dcmjs does', () => {
    // (0008,1115) SQ of defined length: one item of defined length with (0020,000E) UI "1.2", then an empty item.
    const uid = [0x20, 0x00, 0x0e, 0x00, 0x55, 0x49, 0x04, 0x00, ...Buffer.from('1.2\0')];
    const item = [0xfe, 0xff, 0x00, 0xe0, uid.length, 0, 0, 0, ...uid];
    const empty = [0xfe, 0xff, 0x00, 0xe0, 0, 0, 0, 0];
    const seq = [0x08, 0x00, 0x15, 0x11, 0x53, 0x51, 0, 0, item.length + empty.length, 0, 0, 0, ...item, ...empty];
    const head = encodeNaturalDataset(BASE);
    const bytes = new Uint8Array([...head, ...seq]);
    expect(plain(decodeNaturalDataset(bytes))).toEqual(plain(dcmjsDecode(bytes)));
    expect(decode(bytes).ReferencedSeriesSequence[0].SeriesInstanceUID).toBe('1.2');
  });

  // Keywords of each VR our reports and registrations use, and values of every shape they can take.
  const printable = fc.string({ unit: fc.constantFrom(...'abcXYZ019 ._-^=/'.split('')), maxLength: 12 });
  const unicode = fc.string({ unit: fc.constantFrom(...'aä€✓ 肝Ωz'.split('')), maxLength: 10 });
  const uid = fc.array(fc.integer({ min: 0, max: 99999 }), { minLength: 1, maxLength: 6 }).map((p) => p.join('.'));
  const codeString = fc.string({ unit: fc.constantFrom(...'ABCZ09_ '.split('')), maxLength: 16 });
  const oneOrMany = <T>(a: fc.Arbitrary<T>) => fc.oneof(a, fc.array(a, { minLength: 1, maxLength: 4 }));
  const codeItem = fc.record({ CodeValue: codeString, CodingSchemeDesignator: codeString, CodeMeaning: unicode });
  const leafItem = fc.record(
    {
      RelationshipType: codeString,
      ValueType: codeString,
      TextValue: unicode,
      UID: uid,
      ConceptNameCodeSequence: fc.oneof(codeItem, fc.array(codeItem, { maxLength: 2 })),
      GraphicData: fc.array(fc.float({ noNaN: true, noDefaultInfinity: true }), { maxLength: 6 }),
      NumericValue: oneOrMany(fc.double({ min: -1e6, max: 1e6, noNaN: true })),
      ReferencedFrameNumber: oneOrMany(fc.integer({ min: -1000, max: 100000 })),
    },
    { requiredKeys: [] },
  );
  const dataset = fc.record(
    {
      SpecificCharacterSet: fc.constantFrom('ISO_IR 192', 'ISO_IR 100', ''),
      PatientName: fc.oneof(fc.record({ Alphabetic: unicode }, { requiredKeys: [] }), printable, fc.constant(null)),
      StudyDescription: unicode,
      SeriesDescription: oneOrMany(printable),
      ImageType: oneOrMany(codeString),
      StudyDate: fc.constantFrom('20190502', '', '2019-2020'),
      StudyTime: fc.constantFrom('120000', '1200', '120000.123456'),
      PixelSpacing: oneOrMany(fc.double({ min: -1e9, max: 1e9, noNaN: true })),
      InstanceNumber: fc.integer({ min: -99999, max: 99999 }),
      Rows: oneOrMany(fc.integer({ min: 0, max: 65535 })),
      ContentSequence: fc.array(leafItem, { maxLength: 3 }),
      ReferencedSeriesSequence: leafItem,
    },
    { requiredKeys: [] },
  );

  it('writes any dataset of these shapes to dcmjs bytes and reads them back as dcmjs does', () => {
    fc.assert(
      fc.property(dataset, (extra) => {
        // Plain objects, as callers build them (fast-check's records have no prototype).
        let json = JSON.stringify({ ...BASE, ...extra });
        // dcmjs writes text as UTF-8 whatever the character set: keep other character sets to ASCII.
        if (extra.SpecificCharacterSet !== 'ISO_IR 192') json = json.replace(/[^\x00-\x7f]/g, 'q');
        const ds: Natural = JSON.parse(json);
        const ours = encodeNaturalDataset(ds);
        expectSameBytes(ours, dcmjsEncode(ds));
        expect(plain(decodeNaturalDataset(ours))).toEqual(plain(repairNestedUtf8(dcmjsDecode(ours))));
      }),
      { numRuns: 300 },
    );
  });
});

describe('repairNestedUtf8 after a dcmjs read', () => {
  it('re-decodes text in items and leaves bulk data (Pixel Data as a list of ArrayBuffers) as it is', () => {
    const pixels = new ArrayBuffer(8);
    const latin1OfUtf8 = String.fromCharCode(...new TextEncoder().encode('Läsion'));
    const out = repairNestedUtf8({ SpecificCharacterSet: 'ISO_IR 192', PixelData: [pixels], ContentSequence: [{ TextValue: latin1OfUtf8 }] });
    expect(out.PixelData[0]).toBe(pixels);
    expect(out.ContentSequence[0].TextValue).toBe('Läsion');
  });
});
