/** Encapsulated PDF and Key Object Selection: dciodvfy finds no error; the PDF comes back byte for byte. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeDicom, encodeDicom } from '../../../extensions/mrecist/src/core/dicom/DicomDataset';
import { ENCAPSULATED_PDF_STORAGE, writeEncapsulatedPdf } from '../../../extensions/mrecist/src/core/dicom/encapsulatedPdfWriter';
import { KEY_OBJECT_SELECTION_STORAGE, writeKeyObjectSelection } from '../../../extensions/mrecist/src/core/dicom/keyObjectSelectionWriter';
import { keyImageReferences, measuredImages } from '../../../extensions/mrecist/src/core/board/keyImageReferences';
import { parseCaseFile } from '../../../extensions/mrecist/src/core/criteria/parseCaseFile';
import { dciodvfyErrors } from '../dose/dciodvfy';

const context = {
  patientName: 'Board^Test',
  patientId: 'P12',
  studyInstanceUid: '2.25.100000000000000000000000000000000002',
  studyDate: '20190603',
  studyTime: '101500',
  studyId: '2',
};
const p12 = parseCaseFile(JSON.parse(readFileSync(join(__dirname, '../../fixtures/sr/P12.case.json'), 'utf8')), 'P12.case.json');

function minimalPdf(extra: string): Uint8Array {
  return new TextEncoder().encode(`%PDF-1.3\n%${extra}\n%%EOF\n`);
}

describe('Encapsulated PDF writer', () => {
  it.each([['even', 'ab'], ['odd', 'abc']])('passes dciodvfy and gives the PDF back unchanged (%s length)', (_label, extra) => {
    const pdf = minimalPdf(extra);
    const bytes = encodeDicom(writeEncapsulatedPdf(pdf, { ...context, documentTitle: 'Tumour board summary P12', softwareVersion: 'test' }));
    expect(dciodvfyErrors(bytes)).toEqual([]);
    const ds = decodeDicom(bytes, 'board.dcm');
    expect(ds.string('SOPClassUID')).toBe(ENCAPSULATED_PDF_STORAGE);
    expect(ds.string('StudyInstanceUID')).toBe(context.studyInstanceUid);
    expect(ds.string('MIMETypeOfEncapsulatedDocument')).toBe('application/pdf');
    const length = Number(ds.raw.EncapsulatedDocumentLength);
    expect(length).toBe(pdf.length);
    const stored = new Uint8Array(ds.raw.EncapsulatedDocument[0] as ArrayBuffer).subarray(0, length);
    expect(Buffer.from(stored).equals(Buffer.from(pdf))).toBe(true);
  });

  it('refuses bytes that are not a PDF', () => {
    expect(() => writeEncapsulatedPdf(new Uint8Array([1, 2, 3, 4, 5, 6]), { ...context, documentTitle: 'x', softwareVersion: 'test' })).toThrow('not a PDF');
  });
});

describe('Key Object Selection writer', () => {
  it("references every measured image of P12's read that names its series and study, and passes dciodvfy", () => {
    const images = measuredImages(p12);
    const { references, incomplete } = keyImageReferences(images);
    expect(references.length).toBeGreaterThan(0);
    expect(references.length + incomplete.length).toBe(images.length);
    const bytes = encodeDicom(writeKeyObjectSelection(references, { ...context, description: 'Measured slices' }));
    expect(dciodvfyErrors(bytes)).toEqual([]);
    const ds = decodeDicom(bytes, 'kos.dcm');
    expect(ds.string('SOPClassUID')).toBe(KEY_OBJECT_SELECTION_STORAGE);
    const imageItems = (ds.raw.ContentSequence as any[]).filter((i) => i.ValueType === 'IMAGE');
    expect(imageItems.map((i) => (Array.isArray(i.ReferencedSOPSequence) ? i.ReferencedSOPSequence[0] : i.ReferencedSOPSequence).ReferencedSOPInstanceUID).sort()).toEqual(
      [...new Set(references.map((r) => r.sopInstanceUid))].sort(),
    );
    const evidence = ds.raw.CurrentRequestedProcedureEvidenceSequence as any[];
    expect(new Set((Array.isArray(evidence) ? evidence : [evidence]).map((s) => s.StudyInstanceUID))).toEqual(new Set(references.map((r) => r.studyInstanceUid)));
  });

  it('the mRECIST key image of a target is its viable long axis, with the value as caption', () => {
    const first = measuredImages(p12)[0];
    expect(first).toMatchObject({ lesionId: 'T1', timepointId: 'BL', field: 'viableLongAxisMm', valueMm: 38, caption: 'viable 38.0 mm' });
  });

  it('a line without its series is listed as not referenced, with the reason', () => {
    const images = measuredImages(p12).map((i) => ({ ...i, graphic: { ...i.graphic, referencedSeriesInstanceUid: undefined } }));
    const { references, incomplete } = keyImageReferences(images);
    expect(references).toEqual([]);
    expect(incomplete[0]).toBe('T1 at BL: the line has no referencedSeriesInstanceUid');
  });

  it('refuses an empty selection', () => {
    expect(() => writeKeyObjectSelection([], { ...context, description: 'x' })).toThrow('no images');
  });
});
