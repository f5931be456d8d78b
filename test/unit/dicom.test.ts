import { decodeDicom, encodeDicom, attributeLabel } from '../../extensions/mrecist/src/core/dicom/DicomDataset';
import { newUid, uidFromName } from '../../extensions/mrecist/src/core/dicom/uid';

describe('DicomDataset', () => {
  const encoded = encodeDicom({
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.481.2',
    SOPInstanceUID: uidFromName('test'),
    PatientName: 'Demo^Patient',
    PixelSpacing: [2.5, 2.0],
    GridFrameOffsetVector: [0, 5, 10],
    ReferencedRTPlanSequence: { ReferencedSOPInstanceUID: '1.2.3' },
  });

  it('round-trips values and normalises one-item sequences', () => {
    const ds = decodeDicom(encoded, 'dose.dcm');
    expect(ds.string('PatientName')).toBe('Demo^Patient');
    expect(ds.numbers('PixelSpacing', 2)).toEqual([2.5, 2]);
    expect(ds.numbers('GridFrameOffsetVector')).toEqual([0, 5, 10]);
    expect(ds.sequence('ReferencedRTPlanSequence')).toHaveLength(1);
  });

  it('names file and attribute in errors', () => {
    const ds = decodeDicom(encoded, 'dose.dcm');
    expect(() => ds.number('DoseGridScaling')).toThrow('dose.dcm: DoseGridScaling (3004,000E): missing');
    expect(() => ds.numbers('PixelSpacing', 3)).toThrow('dose.dcm: PixelSpacing (0028,0030): expected 3 values, got 2');
    expect(attributeLabel('GridFrameOffsetVector')).toBe('GridFrameOffsetVector (3004,000C)');
  });

  it('rejects bytes that are not DICOM with one line', () => {
    expect(() => decodeDicom(new TextEncoder().encode('hello'), 'x.dcm')).toThrow(/^x\.dcm: file: not a readable DICOM/);
  });

  it('makes valid UIDs', () => {
    for (const uid of [newUid(), uidFromName('a'), uidFromName('b')]) {
      expect(uid).toMatch(/^2\.25\.[1-9][0-9]*$/);
      expect(uid.length).toBeLessThanOrEqual(64);
    }
    expect(uidFromName('a')).toBe(uidFromName('a'));
    expect(uidFromName('a')).not.toBe(uidFromName('b'));
  });
});
