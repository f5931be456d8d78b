/**
 * The Orthanc configuration we generate: a private PACS for one developer or one test run.
 * Orthanc 1.10 has no bind-address option (it always listens on every interface), so the only protection
 * against other machines is RemoteAccessAllowed: false, which makes it refuse any non-loopback client.
 * Option names: Orthanc Book, "Configuration of Orthanc" and "DICOMweb plugin" (Orthanc 1.10.1, plugin 1.7).
 */

/** Debian's packaged plugin (package orthanc-dicomweb). */
export const DICOMWEB_PLUGIN_PATH = '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';

/** The DICOMweb root every part of this project uses (proxy, viewer data source, tests). */
export const DICOMWEB_ROOT = '/dicom-web/';

export interface OrthancConfigInput {
  readonly name: string;
  readonly httpPort: number;
  /** Folder for both the DICOM files and the SQLite index. */
  readonly storageDirectory: string;
  /**
   * Origin that proxies this Orthanc (e.g. "http://127.0.0.1:3000"). The plugin writes it into the
   * RetrieveURL/BulkDataURI values it returns, so the viewer follows them back through the proxy
   * (Orthanc sends no CORS headers). Without it, URLs point at Orthanc itself.
   */
  readonly publicOrigin?: string;
}

export type OrthancConfig = Record<string, unknown>;

export function buildOrthancConfig(input: OrthancConfigInput): OrthancConfig {
  const dicomWeb: Record<string, unknown> = {
    Enable: true,
    Root: DICOMWEB_ROOT,
    EnableWado: true,
    WadoRoot: '/wado',
    // "Full" reads the stored files for metadata, so every attribute OHIF needs (IPP, IOP, spacing,
    // window, RT and SR content) is present; the default "MainDicomTags" would drop most of them.
    StudiesMetadata: 'Full',
    SeriesMetadata: 'Full',
  };
  if (input.publicOrigin !== undefined) {
    const origin = new URL(input.publicOrigin);
    // The plugin builds "<http|https>://" + Host + Root, so Host is host[:port] without the scheme.
    dicomWeb.Host = origin.host;
    dicomWeb.Ssl = origin.protocol === 'https:';
  }
  return {
    Name: input.name,
    StorageDirectory: input.storageDirectory,
    IndexDirectory: input.storageDirectory,
    StorageCompression: false,
    HttpServerEnabled: true,
    HttpPort: input.httpPort,
    HttpDescribeErrors: true,
    RemoteAccessAllowed: false,
    AuthenticationEnabled: false,
    DicomServerEnabled: false,
    WebDavEnabled: false,
    // Re-uploading a regenerated demo (same UIDs, new pixels) must replace the old copy, not keep it.
    OverwriteInstances: true,
    // Jobs from a previous run have nothing to resume for a throw-away or demo PACS.
    SaveJobs: false,
    ConcurrentJobs: 1,
    Plugins: [DICOMWEB_PLUGIN_PATH],
    DicomWeb: dicomWeb,
  };
}
