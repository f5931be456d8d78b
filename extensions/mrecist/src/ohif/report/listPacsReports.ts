/**
 * The patient's reports on the PACS: QIDO-RS for the patient's studies, their SR series (Modality=SR) and
 * instances, then WADO-RS of each instance (application/dicom) decoded with the core codec. Reports of other
 * tools are counted, not listed; a report that cannot be fetched or decoded is named in `problems`, never
 * dropped silently.
 */
import { errorText } from '../../core/errorText';
import { multipartFirstPart } from '../../core/dicom/multipartFirstPart';
import { reportVersionFromBytes, type ReportVersion } from './ReportVersion';

export interface DicomWebRoots {
  readonly qidoRoot: string;
  readonly wadoRoot: string;
}

export interface PacsReportListing {
  readonly versions: ReportVersion[];
  readonly otherReports: number;
  readonly problems: string[];
}

type DicomJson = Record<string, { Value?: unknown[] }>;
type Fetch = (url: string, init?: { headers?: Record<string, string> }) => Promise<Response>;

const TAG = { StudyInstanceUID: '0020000D', SeriesInstanceUID: '0020000E', SOPInstanceUID: '00080018', SOPClassUID: '00080016' };
const SR_CLASS_PREFIX = '1.2.840.10008.5.1.4.1.1.88.';

function value(d: DicomJson, tag: string): string {
  return String(d[tag]?.Value?.[0] ?? '');
}

async function qido(fetchImpl: Fetch, url: string): Promise<DicomJson[]> {
  const response = await fetchImpl(url, { headers: { Accept: 'application/dicom+json' } });
  if (response.status === 204) return [];
  if (!response.ok) throw new Error(`QIDO-RS ${url}: HTTP ${response.status}`);
  const text = await response.text();
  return text.trim() ? (JSON.parse(text) as DicomJson[]) : [];
}

export async function listPacsReports(
  roots: DicomWebRoots,
  patientId: string,
  knownStudyUids: readonly string[],
  fetchImpl: Fetch = (url, init) => fetch(url, init),
): Promise<PacsReportListing> {
  const qidoRoot = roots.qidoRoot.replace(/\/+$/, '');
  const wadoRoot = roots.wadoRoot.replace(/\/+$/, '');
  const problems: string[] = [];
  const studies = await qido(fetchImpl, `${qidoRoot}/studies?PatientID=${encodeURIComponent(patientId)}`);
  const studyUids = [...new Set([...studies.map((s) => value(s, TAG.StudyInstanceUID)), ...knownStudyUids].filter(Boolean))];
  const versions: ReportVersion[] = [];
  let otherReports = 0;
  const fetchReport = async (studyUid: string, seriesUid: string, sopUid: string): Promise<void> => {
    const url = `${wadoRoot}/studies/${studyUid}/series/${seriesUid}/instances/${sopUid}`;
    try {
      const response = await fetchImpl(url, { headers: { Accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const type = response.headers.get('content-type') ?? '';
      const bytes = multipartFirstPart(new Uint8Array(await response.arrayBuffer()), type);
      const version = await reportVersionFromBytes(bytes.slice(), `SR ${sopUid}`);
      if (version && version.caseFile.patientId === patientId) versions.push(version);
      else otherReports++;
    } catch (error) {
      problems.push(`SR ${sopUid}: ${errorText(error)}`);
    }
  };
  // Studies in parallel: the viewer is loading images from the same PACS at the same time.
  await Promise.all(
    studyUids.map(async (studyUid) => {
      const series = await qido(fetchImpl, `${qidoRoot}/studies/${studyUid}/series?Modality=SR`);
      for (const seriesUid of series.map((s) => value(s, TAG.SeriesInstanceUID)).filter(Boolean)) {
        const instances = await qido(fetchImpl, `${qidoRoot}/studies/${studyUid}/series/${seriesUid}/instances`);
        const reports = instances.filter((i) => {
          const sopClass = value(i, TAG.SOPClassUID);
          return !sopClass || sopClass.startsWith(SR_CLASS_PREFIX);
        });
        await Promise.all(reports.map((i) => fetchReport(studyUid, seriesUid, value(i, TAG.SOPInstanceUID))));
      }
    }),
  );
  return { versions, otherReports, problems };
}
