/** The CT series loader: sorting by position along the normal, and one-line errors naming the file. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCtSeries } from '../../../extensions/mrecist/src/cli/readCtSeries';
import { encodeDicom, type NaturalDataset } from '../../../extensions/mrecist/src/core/dicom/DicomDataset';
import { uidFromName } from '../../../extensions/mrecist/src/core/dicom/uid';

/** A 4 × 3 CT slice whose pixels all hold `value` (stored), at z = position along an oblique normal. */
function slice(z: number, value: number, extra: NaturalDataset = {}): Uint8Array {
  const pixels = new Int16Array(12).fill(value);
  return encodeDicom({
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.2', SOPInstanceUID: uidFromName(`slice ${z} ${JSON.stringify(extra)}`), Modality: 'CT',
    StudyInstanceUID: uidFromName('study'), SeriesInstanceUID: uidFromName('series'), FrameOfReferenceUID: uidFromName('for'),
    Rows: 3, Columns: 4, PixelSpacing: ['0.5', '0.75'],
    // Gantry tilt: columns run along (0, cos 20°, −sin 20°), so the normal is (0, sin 20°, cos 20°).
    ImageOrientationPatient: ['1', '0', '0', '0', String(Math.cos(Math.PI / 9)), String(-Math.sin(Math.PI / 9))],
    ImagePositionPatient: ['0', String(z * Math.sin(Math.PI / 9)), String(z * Math.cos(Math.PI / 9))],
    SamplesPerPixel: 1, PhotometricInterpretation: 'MONOCHROME2', BitsAllocated: 16, BitsStored: 16, HighBit: 15,
    PixelRepresentation: 1, RescaleSlope: '1', RescaleIntercept: '-1024', PixelData: pixels.buffer, _vrMap: { PixelData: 'OW' },
    ...extra,
  });
}

function folder(files: Record<string, Uint8Array | string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ctseries-'));
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  return dir;
}

describe('readCtSeries', () => {
  it('sorts slices by position along the normal (not by name), applies the rescale, lists skipped objects', () => {
    const dir = folder({ 'a.dcm': slice(5, 1100), 'b.dcm': slice(-2.5, 1000), 'c.dcm': slice(0, 1050), 'note.dcm': encodeDicom({ SOPClassUID: '1.2.840.10008.5.1.4.1.1.481.3', SOPInstanceUID: '1.2.3', Modality: 'RTSTRUCT' }) });
    const s = readCtSeries(dir);
    expect(s.files.map((f) => f.slice(dir.length + 1))).toEqual(['b.dcm', 'c.dcm', 'a.dcm']);
    expect(s.volume.sliceOffsetsMm.map((o) => Number(o.toFixed(9)))).toEqual([0, 2.5, 7.5]);
    expect(Array.from(s.volume.voxelsHu.slice(0, 1))).toEqual([-24]);
    expect(Array.from(s.volume.voxelsHu.slice(24, 25))).toEqual([76]);
    expect(s.volume.voxelsHu).toBeInstanceOf(Int16Array);
    expect(s.skipped).toEqual([{ file: join(dir, 'note.dcm'), reason: 'no pixel data (RTSTRUCT)' }]);
    expect([s.volume.rowSpacingMm, s.volume.columnSpacingMm]).toEqual([0.5, 0.75]);
  });

  it.each([
    ['two slices at one position', { 'a.dcm': slice(0, 1), 'b.dcm': slice(0, 2) }, 'b.dcm: ImagePositionPatient (0020,0032): same slice position as '],
    ['a slice of another size', { 'a.dcm': slice(0, 1), 'b.dcm': slice(1, 1, { Rows: 2, PixelData: new Int16Array(8).buffer }) }, 'b.dcm: Rows (0028,0010): 2 differs from 3 in '],
    ['an MR image among the CT', { 'a.dcm': slice(0, 1), 'b.dcm': slice(1, 1, { Modality: 'MR' }) }, 'b.dcm: Modality (0008,0060): expected CT, got MR'],
    ['a file that is not DICOM', { 'a.dcm': slice(0, 1), 'b.txt': 'hello' }, 'b.txt: file: not a readable DICOM Part 10 file'],
    ['short pixel data', { 'a.dcm': slice(0, 1, { PixelData: new Int16Array(4).buffer }) }, 'a.dcm: PixelData (7FE0,0010): holds 8 bytes, expected 24'],
  ])('rejects %s naming the file and attribute', (_, files, message) => {
    const dir = folder(files as Record<string, Uint8Array | string>);
    expect(() => readCtSeries(dir)).toThrow(message);
    try {
      readCtSeries(dir);
    } catch (e) {
      expect((e as Error).message.startsWith(dir)).toBe(true);
      expect((e as Error).message).not.toContain('\n');
    }
  });

  it('names both series when a folder holds two', () => {
    const dir = folder({ 'a.dcm': slice(0, 1), 'b.dcm': slice(1, 1, { SeriesInstanceUID: '1.2.9' }) });
    expect(() => readCtSeries(dir)).toThrow(`${dir}: SeriesInstanceUID (0020,000E): folder holds 2 image series: ${uidFromName('series')}, 1.2.9`);
    expect(readCtSeries(dir, '1.2.9').files).toEqual([join(dir, 'b.dcm')]);
  });
});
