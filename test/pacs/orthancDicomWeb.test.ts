/**
 * The demo case in a real Orthanc (temporary store, free port), read back through DICOMweb: QIDO-RS finds the
 * patient's five studies, WADO-RS returns complete metadata and the stored frame bytes. Expected values come
 * from the files themselves (read with dcmjs), never from Orthanc.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { startOrthanc, uploadDicomFiles, type OrthancServer } from '../../scripts/pacs/orthanc';
import { parseMultipartRelated } from '../../scripts/pacs/multipartRelated';
import { decodeDicom } from '../../extensions/mrecist/src/core/dicom/DicomDataset';
import { readDemoCase, groupBy, DEMO_PATIENT_ID, type DemoInstance } from './demoCase';

type DicomJson = Record<string, { vr: string; Value?: any[] }>;
const TAG = {
  StudyDate: '00080020',
  StudyInstanceUID: '0020000D',
  SeriesInstanceUID: '0020000E',
  SOPInstanceUID: '00080018',
  PatientID: '00100020',
  ImagePositionPatient: '00200032',
  NumberOfStudyRelatedInstances: '00201208',
  NumberOfSeriesRelatedInstances: '00201209',
};
const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';

function value(dataset: DicomJson, tag: string): any {
  return dataset[tag]?.Value?.[0];
}

let orthanc: OrthancServer | undefined;
let demo: DemoInstance[];

async function getJson(path: string): Promise<DicomJson[]> {
  const response = await fetch(`${orthanc!.dicomWebUrl}${path}`, { headers: { Accept: 'application/dicom+json' } });
  if (response.status === 204) return [];
  expect(response.status).toBe(200);
  return (await response.json()) as DicomJson[];
}

beforeAll(async () => {
  demo = readDemoCase();
  orthanc = await startOrthanc();
  await uploadDicomFiles(
    orthanc.url,
    demo.map((d) => d.file),
  );
}, 300_000);

afterAll(async () => {
  await orthanc?.stop();
}, 60_000);

describe('QIDO-RS', () => {
  it('finds the five studies of the demo patient, with the dates and instance counts of the files', async () => {
    const ofPatient = demo.filter((d) => d.patientId === DEMO_PATIENT_ID);
    const byStudy = groupBy(ofPatient, (d) => d.studyUid);
    expect(byStudy.size).toBe(5);

    const studies = await getJson(
      `/studies?PatientID=${DEMO_PATIENT_ID}&includefield=${TAG.NumberOfStudyRelatedInstances}`,
    );
    const found = studies
      .map((s) => ({
        uid: value(s, TAG.StudyInstanceUID),
        date: value(s, TAG.StudyDate),
        instances: Number(value(s, TAG.NumberOfStudyRelatedInstances)),
      }))
      .sort((a, b) => a.date.localeCompare(b.date));
    const expected = [...byStudy.entries()]
      .map(([uid, files]) => ({ uid, date: files[0].studyDate, instances: files.length }))
      .sort((a, b) => a.date.localeCompare(b.date));
    expect(found).toEqual(expected);
  });

  it('lists each series of each study with its instance count', async () => {
    for (const [studyUid, files] of groupBy(demo, (d) => d.studyUid)) {
      const series = await getJson(
        `/studies/${studyUid}/series?includefield=${TAG.NumberOfSeriesRelatedInstances}`,
      );
      const found = new Map(series.map((s) => [value(s, TAG.SeriesInstanceUID), Number(value(s, TAG.NumberOfSeriesRelatedInstances))]));
      const expected = new Map([...groupBy(files, (d) => d.seriesUid)].map(([uid, list]) => [uid, list.length]));
      expect(found).toEqual(expected);
    }
  });

  it('finds nothing for a patient that is not there', async () => {
    expect(await getJson('/studies?PatientID=NOT-A-PATIENT')).toEqual([]);
  });
});

describe('WADO-RS', () => {
  it('returns full series metadata: every instance, with the Image Position of its file', async () => {
    for (const [seriesUid, files] of groupBy(demo, (d) => d.seriesUid)) {
      const metadata = await getJson(`/studies/${files[0].studyUid}/series/${seriesUid}/metadata`);
      const positions = new Map(metadata.map((m) => [value(m, TAG.SOPInstanceUID), m[TAG.ImagePositionPatient]?.Value?.map(Number)]));
      expect(new Set(positions.keys())).toEqual(new Set(files.map((f) => f.sopUid)));
      for (const file of files) expect(positions.get(file.sopUid)).toEqual(file.imagePositionPatient);
    }
  });

  it('returns frame 1 of an image with exactly the stored pixel bytes', async () => {
    const images = demo.filter((d) => d.rows !== undefined && d.modality === 'CT');
    const image = images[Math.floor(images.length / 2)];
    const url =
      `${orthanc!.dicomWebUrl}/studies/${image.studyUid}/series/${image.seriesUid}` +
      `/instances/${image.sopUid}/frames/1`;
    const response = await fetch(url, {
      headers: { Accept: `multipart/related; type="application/octet-stream"; transfer-syntax=${EXPLICIT_VR_LITTLE_ENDIAN}` },
    });
    expect(response.status).toBe(200);
    const parts = parseMultipartRelated(new Uint8Array(await response.arrayBuffer()), response.headers.get('content-type') ?? '');
    expect(parts).toHaveLength(1);

    const stored = decodeDicom(readFileSync(image.file), image.file).raw.PixelData[0] as ArrayBuffer;
    const frameBytes = image.rows! * image.columns! * (image.bitsAllocated! / 8);
    expect(parts[0].body.byteLength).toBe(frameBytes);
    expect(Buffer.from(parts[0].body).equals(Buffer.from(stored, 0, frameBytes))).toBe(true);
  });
});

/** A non-loopback IPv4 address of this machine, if it has one: connecting there makes us a "remote" client. */
const outsideAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((a) => a !== undefined && a.family === 'IPv4' && !a.internal)?.address;

describe('loopback only', () => {
  it('answers a client on 127.0.0.1', async () => {
    expect((await fetch(`${orthanc!.url}/system`)).status).toBe(200);
  });

  // Orthanc listens on every interface; RemoteAccessAllowed: false must turn away anyone not on loopback.
  (outsideAddress ? it : it.skip)(`refuses a client that reaches it through ${outsideAddress ?? 'a network interface'}`, async () => {
    const response = await fetch(`http://${outsideAddress}:${orthanc!.port}/dicom-web/studies`);
    expect(response.status).toBe(401);
  });
});
