/**
 * Loads DICOM Part 10 files into Orthanc through its REST API (POST /instances, one file per request).
 * This is Orthanc's own import path, independent of the STOW-RS route the viewer uses, so a test that
 * uploads here and reads back through DICOMweb checks the plugin rather than itself.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** A file on disk, or bytes made in memory (named for messages). */
export type DicomUpload = string | { readonly name: string; readonly bytes: Uint8Array };

export interface UploadSummary {
  readonly stored: number;
  /** Same SOP Instance UID already there (with OverwriteInstances it was replaced, and still reported so). */
  readonly alreadyStored: number;
  /** Orthanc instance ids, in the order of the input. */
  readonly instanceIds: readonly string[];
  readonly studyIds: readonly string[];
}

/** Several requests in flight hide per-request latency; more only contends for Orthanc's 2 cores. */
const PARALLEL_UPLOADS = 4;

interface OrthancInstanceAnswer {
  ID: string;
  ParentStudy: string;
  Status: 'Success' | 'AlreadyStored' | string;
}

export async function uploadDicomFiles(orthancUrl: string, files: readonly DicomUpload[]): Promise<UploadSummary> {
  const answers: OrthancInstanceAnswer[] = new Array(files.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const index = next++;
      answers[index] = await uploadOne(orthancUrl, files[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_UPLOADS, files.length) }, worker));
  return {
    stored: answers.filter((a) => a.Status === 'Success').length,
    alreadyStored: answers.filter((a) => a.Status === 'AlreadyStored').length,
    instanceIds: answers.map((a) => a.ID),
    studyIds: [...new Set(answers.map((a) => a.ParentStudy))],
  };
}

async function uploadOne(orthancUrl: string, file: DicomUpload): Promise<OrthancInstanceAnswer> {
  const name = typeof file === 'string' ? path.basename(file) : file.name;
  const bytes = typeof file === 'string' ? await readFile(file) : file.bytes;
  const response = await fetch(`${orthancUrl}/instances`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/dicom' },
    // A copy typed over a plain ArrayBuffer, as fetch's BodyInit requires (Buffer may sit on a SharedArrayBuffer).
    body: new Uint8Array(bytes),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${name}: Orthanc refused the upload (HTTP ${response.status}): ${orthancErrorText(text)}`);
  }
  const answer = JSON.parse(text) as OrthancInstanceAnswer;
  if (typeof answer.ID !== 'string') throw new Error(`${name}: Orthanc answered without an instance ID: ${text}`);
  return answer;
}

/** Orthanc's error body is JSON with a Message (and with HttpDescribeErrors, a Details line). */
function orthancErrorText(body: string): string {
  try {
    const parsed = JSON.parse(body) as { Message?: string; Details?: string };
    return [parsed.Message, parsed.Details].filter(Boolean).join(': ') || body.trim();
  } catch {
    return body.trim().split('\n')[0] ?? '';
  }
}
