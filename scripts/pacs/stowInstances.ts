/**
 * STOW-RS (DICOM PS3.18 §10.5): store Part 10 objects with one multipart/related POST to <dicomweb>/studies.
 * This is the route the viewer uses to save reports (SR) to a PACS, so tests exercise it through the same proxy.
 */
import { randomUUID } from 'node:crypto';

export interface StowResult {
  readonly status: number;
  /** The response's dataset (Store Instances Response Module) as DICOM JSON. */
  readonly response: Record<string, { vr: string; Value?: unknown[] }>;
}

/** Retrieve URL (0008,1190), Failed SOP Sequence (0008,1198), Referenced SOP Sequence (0008,1199). */
export const STOW_TAGS = { RetrieveURL: '00081190', FailedSOPSequence: '00081198', ReferencedSOPSequence: '00081199' };

export async function stowInstances(dicomWebUrl: string, objects: readonly Uint8Array[]): Promise<StowResult> {
  const boundary = `mrecist-${randomUUID()}`;
  const parts: Buffer[] = [];
  for (const bytes of objects) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`, 'latin1'));
    parts.push(Buffer.from(bytes));
    parts.push(Buffer.from('\r\n', 'latin1'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`, 'latin1'));
  const response = await fetch(`${dicomWebUrl.replace(/\/$/, '')}/studies`, {
    method: 'POST',
    headers: {
      'Content-Type': `multipart/related; type="application/dicom"; boundary=${boundary}`,
      Accept: 'application/dicom+json',
    },
    body: new Uint8Array(Buffer.concat(parts)),
  });
  const text = await response.text();
  let parsed: StowResult['response'] = {};
  try {
    parsed = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new Error(`STOW-RS ${dicomWebUrl}: HTTP ${response.status}, not a DICOM JSON answer: ${text.slice(0, 200)}`);
  }
  return { status: response.status, response: parsed };
}
