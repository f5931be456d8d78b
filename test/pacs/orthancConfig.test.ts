import { buildOrthancConfig, DICOMWEB_PLUGIN_PATH } from '../../scripts/pacs/orthancConfig';
import { parseMultipartRelated } from '../../scripts/pacs/multipartRelated';

describe('buildOrthancConfig', () => {
  const base = { name: 'test', httpPort: 18042, storageDirectory: '/tmp/x' };

  it('keeps the PACS private: no remote HTTP clients, no DICOM port, no WebDAV', () => {
    const config = buildOrthancConfig(base);
    expect(config).toMatchObject({
      HttpPort: 18042,
      RemoteAccessAllowed: false,
      AuthenticationEnabled: false,
      DicomServerEnabled: false,
      WebDavEnabled: false,
      StorageDirectory: '/tmp/x',
      IndexDirectory: '/tmp/x',
      Plugins: [DICOMWEB_PLUGIN_PATH],
    });
  });

  it('serves full DICOMweb metadata at /dicom-web/ and leaves the retrieve host to Orthanc without an origin', () => {
    const dicomWeb = buildOrthancConfig(base).DicomWeb as Record<string, unknown>;
    expect(dicomWeb).toEqual({
      Enable: true,
      Root: '/dicom-web/',
      EnableWado: true,
      WadoRoot: '/wado',
      StudiesMetadata: 'Full',
      SeriesMetadata: 'Full',
    });
  });

  it.each([
    ['http://127.0.0.1:3000', '127.0.0.1:3000', false],
    ['http://localhost', 'localhost', false],
    ['https://viewer.example.org:8443/', 'viewer.example.org:8443', true],
  ])('turns the proxy origin %s into DicomWeb.Host %s (Ssl %s)', (origin, host, ssl) => {
    const dicomWeb = buildOrthancConfig({ ...base, publicOrigin: origin }).DicomWeb as Record<string, unknown>;
    expect(dicomWeb.Host).toBe(host);
    expect(dicomWeb.Ssl).toBe(ssl);
  });
});

describe('parseMultipartRelated', () => {
  const type = 'multipart/related; type="application/octet-stream"; boundary=XyZ';

  it('returns each part with its headers and exact bytes, CRLF inside a body kept', () => {
    const body = Buffer.concat([
      Buffer.from('--XyZ\r\nContent-Type: application/octet-stream\r\nContent-Location: /f/1\r\n\r\n', 'latin1'),
      Buffer.from([0, 1, 13, 10, 255]),
      Buffer.from('\r\n--XyZ\r\nContent-Type: application/octet-stream\r\n\r\n', 'latin1'),
      Buffer.from([7]),
      Buffer.from('\r\n--XyZ--\r\n', 'latin1'),
    ]);
    const parts = parseMultipartRelated(new Uint8Array(body), type);
    expect(parts.map((p) => Array.from(p.body))).toEqual([[0, 1, 13, 10, 255], [7]]);
    expect(parts[0].headers).toEqual({ 'content-type': 'application/octet-stream', 'content-location': '/f/1' });
  });

  it('names what is wrong with a broken body', () => {
    expect(() => parseMultipartRelated(new Uint8Array(Buffer.from('no parts here')), type)).toThrow(
      'multipart: the boundary never occurs in the body',
    );
    expect(() => parseMultipartRelated(new Uint8Array(0), 'multipart/related')).toThrow(
      'multipart: no boundary in Content-Type "multipart/related"',
    );
    const unclosed = Buffer.from('--XyZ\r\nContent-Type: a/b\r\n\r\nabc', 'latin1');
    expect(() => parseMultipartRelated(new Uint8Array(unclosed), type)).toThrow('multipart: the last part is not closed');
  });
});
