/** DICOM DT <-> ISO instants for the verifying observer, and the sign-off read back from a dataset. */
import { dicomDateTimeToIso, isoToDicomDateTime } from '../../../extensions/mrecist/src/core/dicom/dicomDateTime';
import { signOffFromDataset, verificationAttributes } from '../../../extensions/mrecist/src/core/sr/verification';

describe('verification date-times', () => {
  it('writes UTC with its offset and milliseconds, and reads it back to the same instant', () => {
    expect(isoToDicomDateTime('2026-11-26T21:05:09.250Z')).toBe('20261126210509.250000+0000');
    expect(dicomDateTimeToIso('20261126210509.250000+0000')).toBe('2026-11-26T21:05:09.250Z');
  });

  it('reads other offsets and lower precision as the instant they name', () => {
    expect(dicomDateTimeToIso('20261126220509+0100')).toBe('2026-11-26T21:05:09.000Z');
    expect(dicomDateTimeToIso('20261126')).toBe('2026-11-26T00:00:00.000Z');
    expect(dicomDateTimeToIso('2026-11-26')).toBeNull();
  });
});

describe('sign-off in the SR document', () => {
  it('an UNVERIFIED report has no sign-off, whatever its observers say', () => {
    const ds = { ...verificationAttributes({ by: 'A', at: '2026-11-26T21:05:09.250Z' }), VerificationFlag: 'UNVERIFIED' };
    expect(signOffFromDataset(ds)).toBeUndefined();
  });

  it('the last verifying observer is the sign-off', () => {
    const first = verificationAttributes({ by: 'A', at: '2026-11-01T10:00:00.000Z' });
    const second = verificationAttributes({ by: 'B', at: '2026-11-26T21:05:09.250Z' });
    const ds = { ...second, VerifyingObserverSequence: [...(first.VerifyingObserverSequence as object[]), ...(second.VerifyingObserverSequence as object[])] };
    expect(signOffFromDataset(ds)).toEqual({ by: 'B', at: '2026-11-26T21:05:09.250Z' });
  });
});
