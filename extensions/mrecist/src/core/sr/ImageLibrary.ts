/**
 * TID 1600 Image Library (DICOM PS3.16): the images a report's drawn lines refer to, as one Image Library Group
 * (126200, DCM) of IMAGE entries (TID 1601), each image once, in the order first referenced. A report with no
 * drawn line has an empty Image Library (TID 1500 requires the container).
 * Viewers find the images to load here (OHIF 3.13 reads the first Image Library Group's IMAGE entries), so all
 * images stay in one group rather than one group per study.
 */
import { DCM } from './codes';
import type { ContentItem } from './ContentItem';

export interface ImageLibraryEntry {
  sopClassUid: string;
  sopInstanceUid: string;
  frameNumber?: number;
}

export function imageLibrary(entries: readonly ImageLibraryEntry[]): ContentItem {
  const seen = new Set<string>();
  const images: ContentItem[] = [];
  for (const e of entries) {
    const key = `${e.sopInstanceUid}#${e.frameNumber ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    images.push({ relationship: 'CONTAINS', valueType: 'IMAGE', sopClassUid: e.sopClassUid, sopInstanceUid: e.sopInstanceUid, frameNumber: e.frameNumber });
  }
  const groups: ContentItem[] =
    images.length === 0 ? [] : [{ relationship: 'CONTAINS', valueType: 'CONTAINER', concept: DCM.ImageLibraryGroup, children: images }];
  return { relationship: 'CONTAINS', valueType: 'CONTAINER', concept: DCM.ImageLibrary, children: groups };
}
