import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import dcmjs from 'dcmjs';
import { buildDicomJsonManifest } from '../../../scripts/serve/dicomJsonManifest';
import { parsePacsUrl, pacsLabel } from '../../../scripts/serve/pacsProbe';
import { resolveStaticFile } from '../../../scripts/serve/staticFiles';

/**
 * The OHIF scripts are plain ESM (.mjs, they run before `npm ci`) and Jest runs CommonJS: call an exported
 * function in a child Node process, arguments and result as JSON. A thrown error comes back as its message.
 */
function callMjs(script: string, exportName: string, ...args: unknown[]): unknown {
  const modulePath = path.join(__dirname, '..', '..', '..', 'scripts', 'ohif', script);
  const code = `import(${JSON.stringify(modulePath)}).then((m) => { try { process.stdout.write(JSON.stringify({ value: m[${JSON.stringify(exportName)}](...${JSON.stringify(args)}) })); } catch (e) { process.stdout.write(JSON.stringify({ error: e.message })); } });`;
  const result = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' });
  const parsed = JSON.parse(result.stdout) as { value?: unknown; error?: string };
  if (parsed.error !== undefined) throw new Error(parsed.error);
  return parsed.value;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mrecist-viewer-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writeCt(file: string, a: { study: string; series: string; sop: string; date: string; seriesNumber: number; instance: number; description: string }): void {
  const dataset = {
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.2',
    SOPInstanceUID: a.sop,
    StudyInstanceUID: a.study,
    SeriesInstanceUID: a.series,
    StudyDate: a.date,
    StudyTime: '101500',
    PatientID: 'P12',
    PatientName: 'Doe^Jane',
    Modality: 'CT',
    SeriesNumber: a.seriesNumber,
    InstanceNumber: a.instance,
    SeriesDescription: a.description,
    Rows: 2,
    Columns: 2,
    BitsAllocated: 16,
    BitsStored: 16,
    HighBit: 15,
    PixelRepresentation: 0,
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    PixelData: new Uint16Array([1, 2, 3, 4]).buffer,
    _vrMap: { PixelData: 'OW' },
  };
  const meta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: dataset.SOPClassUID,
    MediaStorageSOPInstanceUID: a.sop,
    TransferSyntaxUID: '1.2.840.10008.1.2.1',
    ImplementationClassUID: '1.2.826.0.1.3680043.10.1',
  };
  const dict = new dcmjs.data.DicomDict(dcmjs.data.DicomMetaDictionary.denaturalizeDataset(meta));
  dict.dict = dcmjs.data.DicomMetaDictionary.denaturalizeDataset(dataset);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, Buffer.from(dict.write()));
}

describe('dicomjson manifest from a folder of DICOM files', () => {
  it('groups any folder layout into studies (date order) > series (number order) > instances (number order)', () => {
    writeCt(path.join(dir, 'later', 'x', 'b.dcm'), { study: '1.2.2', series: '1.2.2.1', sop: '1.2.2.1.2', date: '20240209', seriesNumber: 2, instance: 2, description: 'Arterial' });
    writeCt(path.join(dir, 'later', 'y z', 'a'), { study: '1.2.2', series: '1.2.2.1', sop: '1.2.2.1.1', date: '20240209', seriesNumber: 2, instance: 1, description: 'Arterial' });
    writeCt(path.join(dir, 'earlier.dcm'), { study: '1.2.1', series: '1.2.1.3', sop: '1.2.1.3.1', date: '20240110', seriesNumber: 3, instance: 1, description: 'Venous' });
    writeCt(path.join(dir, 'earlier2.dcm'), { study: '1.2.1', series: '1.2.1.2', sop: '1.2.1.2.1', date: '20240110', seriesNumber: 2, instance: 1, description: 'Arterial' });
    writeFileSync(path.join(dir, 'README.txt'), 'not DICOM');

    const manifest = buildDicomJsonManifest(dir, '/demo/dicom');
    expect(manifest.studies.map((s) => [s.StudyInstanceUID, s.StudyDate, s.NumInstances, s.Modalities, s.PatientName])).toEqual([
      ['1.2.1', '20240110', 2, 'CT', 'Doe^Jane'],
      ['1.2.2', '20240209', 2, 'CT', 'Doe^Jane'],
    ]);
    expect(manifest.studies[0].series.map((s) => s.SeriesNumber)).toEqual([2, 3]);
    const later = manifest.studies[1].series[0];
    expect(later.instances.map((i) => i.url)).toEqual(['dicomweb:/demo/dicom/later/y%20z/a', 'dicomweb:/demo/dicom/later/x/b.dcm']);
    expect(later.instances[0].metadata.SOPInstanceUID).toBe('1.2.2.1.1');
    expect(later.instances[0].metadata).not.toHaveProperty('PixelData');
    expect(JSON.stringify(manifest)).not.toContain('_vrMap');
  });

  it('names the file when a Part 10 file lacks instance UIDs', () => {
    writeCt(path.join(dir, 'bad.dcm'), { study: '', series: '1.2.3', sop: '1.2.3.4', date: '20240110', seriesNumber: 1, instance: 1, description: '' });
    expect(() => buildDicomJsonManifest(dir, '/demo/dicom')).toThrow(`${path.join(dir, 'bad.dcm')}: not a DICOM instance (StudyInstanceUID, SeriesInstanceUID or SOPInstanceUID missing)`);
  });
});

describe('import map', () => {
  it('goes before the first <script>, after the head metadata', () => {
    const html = '<html><head><meta charset="UTF-8"><script>one()</script><script src="/app.js"></script></head></html>';
    expect(callMjs('assembleViewer.mjs', 'insertImportMap', html, { '@ohif-mrecist/mode': '/mrecist/mode.js' })).toBe(
      '<html><head><meta charset="UTF-8"><script type="importmap">{"imports":{"@ohif-mrecist/mode":"/mrecist/mode.js"}}</script><script>one()</script><script src="/app.js"></script></head></html>',
    );
  });

  it('refuses an index.html without scripts', () => {
    expect(() => callMjs('assembleViewer.mjs', 'insertImportMap', '<html></html>', {})).toThrow('OHIF index.html has no <script> element: unexpected viewer build');
  });
});

describe('tarball integrity', () => {
  it('is the npm dist.integrity form of the SHA-512 (FIPS 180-4 test vector "abc")', () => {
    const file = path.join(dir, 'abc');
    writeFileSync(file, 'abc');
    expect(callMjs('fetchOhifApp.mjs', 'sha512Integrity', file)).toBe('sha512-3a81oZNherrMQXNJriBBMRLm+k6JqX6iCp7u5ktV05ohkpkqJ0/BqDa6PCOj/uu9RU1EI2Q86A4qmslPpUyknw==');
  });
});

describe('server helpers', () => {
  it.each([
    ['http://127.0.0.1:8042/dicom-web/', 'http://127.0.0.1:8042/dicom-web'],
    ['https://pacs.example.org/dicomweb?x=1', 'https://pacs.example.org/dicomweb'],
    ['http://127.0.0.1:9', 'http://127.0.0.1:9'],
  ])('PACS URL %s is shown as %s', (raw, label) => expect(pacsLabel(parsePacsUrl(raw))).toBe(label));

  it.each([
    ['not a url', '--pacs: not a URL: not a url'],
    ['file:///etc/passwd', '--pacs: not an http(s) URL: file:///etc/passwd'],
  ])('rejects --pacs %s', (raw, message) => expect(() => parsePacsUrl(raw)).toThrow(message));

  it('never serves a file outside its root', () => {
    writeFileSync(path.join(dir, 'inside.txt'), 'ok');
    expect(resolveStaticFile(dir, '/inside.txt')).toBe(path.join(dir, 'inside.txt'));
    // ".." above the root is clamped to the root, as a URL path resolves.
    expect(resolveStaticFile(dir, '/../inside.txt')).toBe(path.join(dir, 'inside.txt'));
    expect(resolveStaticFile(path.join(dir, 'sub'), '/../inside.txt')).toBeNull();
    expect(resolveStaticFile(path.join(dir, 'sub'), '/%2e%2e/inside.txt')).toBeNull();
    expect(resolveStaticFile(dir, '/missing.txt')).toBeNull();
    expect(resolveStaticFile(dir, '/%E0%A4%A')).toBeNull();
  });
});
