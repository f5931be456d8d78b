/**
 * DICOM encoding and decoding on the viewer's main thread (reports read from and written to the PACS, board
 * documents), loaded on first use. dcmjs is about half of the extension's code and opening the viewer needs
 * none of it: the viewer build puts these in a chunk of their own (webpack splits at the dynamic import), so the
 * first images do not wait for it to be fetched and compiled. Workers import core/dicom directly.
 */
export type DicomCodecs = typeof import('./dicomCodecsChunk');

let loading: Promise<DicomCodecs> | undefined;

export function dicomCodecs(): Promise<DicomCodecs> {
  loading ??= import(/* webpackChunkName: "mrecist-dicom-codecs" */ './dicomCodecsChunk').catch((error: unknown) => {
    loading = undefined; // a failed chunk fetch (network) is retried on the next use
    throw error;
  });
  return loading;
}
