/**
 * A signed-off read in the SR Document General module (PS3.3 C.17.2): Completion Flag COMPLETE, Verification
 * Flag VERIFIED, and one Verifying Observer Sequence item naming the reader, the organization and the
 * date-time of the sign-off. A read in progress is PARTIAL and UNVERIFIED with no verifying observer.
 */
import type { NaturalDataset } from '../dicom/DicomDataset';
import type { SignOff } from '../read/signOff';
import { text } from './ContentItem';

/** Verifying Organization when the site names none (Type 1: it cannot be empty). */
export const DEFAULT_VERIFYING_ORGANIZATION = 'ohif-mrecist reader';

/** ISO instant -> DICOM DT in UTC with its offset (YYYYMMDDHHMMSS.FFFFFF+0000). */
export function isoToDicomDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new Error(`not an ISO date-time: ${iso}`);
  const s = d.toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  return `${s.slice(0, 4)}${s.slice(5, 7)}${s.slice(8, 10)}${s.slice(11, 13)}${s.slice(14, 16)}${s.slice(17, 19)}.${s.slice(20, 23)}000+0000`;
}

/** DICOM DT (any precision down to the year, optional fraction and offset) -> ISO instant; null when malformed. */
export function dicomDateTimeToIso(dt: string): string | null {
  const m = /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:\.(\d{1,6}))?([+-]\d{4})?$/.exec(dt.trim());
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', se = '00', frac = '0', offset = '+0000'] = m;
  const ms = Number(frac.padEnd(6, '0').slice(0, 3));
  const sign = offset[0] === '-' ? -1 : 1;
  const offsetMinutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(3, 5)));
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se), ms) - offsetMinutes * 60_000;
  return Number.isNaN(utc) ? null : new Date(utc).toISOString();
}

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
