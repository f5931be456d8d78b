/**
 * Our data source for the demo manifest: the host's own dicomjson data source (OHIF 3.13, extension-default)
 * with two changes a study list of several demo patients needs.
 *  - Study search: the host's answers only a first parameter it can map, so the study list showed no study;
 *    ours filters the manifest's studies (demo/manifestStudySearch.ts).
 *  - The studies to open: the host's opens every study of the manifest, whatever StudyInstanceUIDs the address
 *    names, so with two demo patients one patient's read got the other's studies; ours opens the named ones
 *    (our mode's route init then adds the rest of that patient's).
 *  - Looking up one study by UID, or one patient's studies by exact PatientID (our route init), is the host's
 *    own search over the manifest it has read; only other searches fetch the manifest again.
 *  - The manifest URL: the study list's links into a mode carry only StudyInstanceUIDs, so without a `url` in
 *    the address the host's data source has nothing to load; ours falls back to the configured `manifestUrl`.
 * Everything else (series metadata, image ids, retrieval) is the host's.
 */
import type { ExtensionManager } from '../hostServices';
import { exactHostLookup, searchManifestStudies, type ManifestStudyFields, type MappedStudy, type StudySearchFilters } from './manifestStudySearch';

export const DEMO_JSON_DATA_SOURCE_NAME = 'demojson';
const HOST_DICOM_JSON = '@ohif/extension-default.dataSourcesModule.dicomjson';

interface InitializeArgs {
  query?: URLSearchParams;
  url?: string;
  [other: string]: unknown;
}

interface HostDataSource {
  initialize(args: InitializeArgs): Promise<unknown>;
  getStudyInstanceUIDs(args: { params?: unknown; query: URLSearchParams }): string[] | undefined;
  query: { studies: { search(filters: StudySearchFilters): Promise<MappedStudy[] | undefined> } };
  [other: string]: unknown;
}

interface HostDataSourceModule {
  createDataSource(configuration: Record<string, unknown>, servicesManager: unknown, extensionManager: unknown): HostDataSource;
}

export interface DemoJsonConfiguration {
  /** The manifest when the address names none (the server's /demo/manifest.json). */
  readonly manifestUrl?: string;
  readonly [other: string]: unknown;
}

function createDemoJsonDataSource(configuration: DemoJsonConfiguration, servicesManager: unknown, extensionManager: ExtensionManager): HostDataSource {
  const hostModule = extensionManager.getModuleEntry(HOST_DICOM_JSON) as unknown as HostDataSourceModule | undefined;
  if (!hostModule?.createDataSource) throw new Error(`${HOST_DICOM_JSON} is not registered: list @ohif/extension-default before our extension`);
  const host = hostModule.createDataSource(configuration, servicesManager, extensionManager);
  const manifests = new Map<string, Promise<ManifestStudyFields[]>>();
  let currentUrl = configuration.manifestUrl;
  const studiesOf = (url: string) => {
    let loading = manifests.get(url);
    if (!loading) {
      loading = fetch(url)
        .then((response) => {
          if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
          return response.json() as Promise<{ studies?: ManifestStudyFields[] }>;
        })
        .then((manifest) => manifest.studies ?? []);
      loading.catch(() => manifests.delete(url));
      manifests.set(url, loading);
    }
    return loading;
  };
  const initialize = host.initialize.bind(host);
  host.initialize = (args: InitializeArgs) => {
    const url = args.url ?? args.query?.get('url') ?? configuration.manifestUrl;
    if (url) currentUrl = url;
    return initialize({ ...args, url });
  };
  const hostStudyUids = host.getStudyInstanceUIDs.bind(host);
  host.getStudyInstanceUIDs = (args) => {
    const named = args.query.getAll('StudyInstanceUIDs').flatMap((v) => v.split(',')).filter(Boolean);
    return named.length ? named : hostStudyUids(args);
  };
  const hostSearch = host.query.studies.search.bind(host.query.studies);
  host.query.studies.search = async (filters: StudySearchFilters) => {
    // The route init's look-ups, answered from the manifest the host has read: fetching and parsing it again
    // (megabytes) would hold up the opening read.
    const exact = exactHostLookup(filters ?? {});
    const found = exact ? await hostSearch(exact) : undefined;
    if (found?.length) return found;
    return currentUrl ? searchManifestStudies(await studiesOf(currentUrl), filters ?? {}) : [];
  };
  return host;
}

export function getDataSourcesModule() {
  return [{ name: DEMO_JSON_DATA_SOURCE_NAME, type: 'jsonApi', createDataSource: createDemoJsonDataSource }];
}
