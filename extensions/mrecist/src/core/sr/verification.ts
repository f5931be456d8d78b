/**
 * A signed-off read in the SR Document General module (PS3.3 C.17.2): Completion Flag COMPLETE, Verification
 * Flag VERIFIED, and one Verifying Observer Sequence item naming the reader, the organization and the
 * date-time of the sign-off. A read in progress is PARTIAL and UNVERIFIED with no verifying observer.
 */
import type { NaturalDataset } from '../dicom/DicomDataset';
import { dicomDateTimeToIso, isoToDicomDateTime } from '../dicom/dicomDateTime';
import type { SignOff } from '../read/signOff';
import { text } from './ContentItem';

/** Verifying Organization when the site names none (Type 1: it cannot be empty). */
export const DEFAULT_VERIFYING_ORGANIZATION = 'ohif-mrecist reader';


/** The SR Document General attributes for a read, signed off or not. */
export function verificationAttributes(signOff: SignOff | undefined, organization = DEFAULT_VERIFYING_ORGANIZATION): NaturalDataset {
  if (!signOff) return { CompletionFlag: 'PARTIAL', VerificationFlag: 'UNVERIFIED' };
  return {
    CompletionFlag: 'COMPLETE',
    VerificationFlag: 'VERIFIED',
    VerifyingObserverSequence: [
      {
        VerifyingObserverName: [{ Alphabetic: signOff.by }],
        VerifyingObserverIdentificationCodeSequence: [],
        VerifyingOrganization: organization,
        VerificationDateTime: isoToDicomDateTime(signOff.at),
      },
    ],
  };
}

/** The sign-off a report records: the last verifying observer of a VERIFIED report, else undefined. */
export function signOffFromDataset(ds: NaturalDataset): SignOff | undefined {
  if ((text(ds.VerificationFlag) ?? '').trim() !== 'VERIFIED') return undefined;
  const observers = Array.isArray(ds.VerifyingObserverSequence) ? (ds.VerifyingObserverSequence as NaturalDataset[]) : [];
  const last = observers[observers.length - 1];
  if (!last) return undefined;
  const by = (text(last.VerifyingObserverName) ?? '').trim();
  const at = dicomDateTimeToIso(text(last.VerificationDateTime) ?? '');
  return by && at ? { by, at } : undefined;
}
