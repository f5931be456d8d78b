/**
 * A drawn diameter as SR content (TID 1501 row "INFERRED FROM SCOORD", TID 300 style): the NUM is
 * INFERRED FROM a SCOORD POLYLINE (column/row pixel pairs), which is SELECTED FROM the IMAGE it was drawn on.
 * GraphicData is FL (float32) on the wire, so points come back rounded to float32.
 */
import { SrContentError } from '../errors';
import type { ImageGraphic } from '../criteria/types';
import type { ContentItem, ScoordItem } from './ContentItem';

const UID = /^[0-9]+(\.[0-9]+)*$/;

export function validateImageGraphic(g: ImageGraphic, file: string, where: string): ImageGraphic {
  const fail = (problem: string): never => {
    throw new SrContentError(file, where, problem);
  };
  if (!g || typeof g !== 'object') fail('image reference must be an object');
  if (g.graphicType !== 'POLYLINE') fail(`graphic type must be POLYLINE, got "${String(g.graphicType)}"`);
  for (const [key, uid] of [
    ['referencedSopClassUid', g.referencedSopClassUid],
    ['referencedSopInstanceUid', g.referencedSopInstanceUid],
  ] as const) {
    if (typeof uid !== 'string' || !UID.test(uid) || uid.length > 64) fail(`${key} is not a UID: "${String(uid)}"`);
  }
  if (g.referencedSeriesInstanceUid !== undefined && !UID.test(g.referencedSeriesInstanceUid))
    fail(`referencedSeriesInstanceUid is not a UID: "${g.referencedSeriesInstanceUid}"`);
  if (g.referencedFrameNumber !== undefined && (!Number.isInteger(g.referencedFrameNumber) || g.referencedFrameNumber < 1))
    fail(`referenced frame number must be an integer ≥ 1, got ${g.referencedFrameNumber}`);
  if (!Array.isArray(g.points) || g.points.length < 2) fail('a drawn diameter needs at least 2 points');
  for (const p of g.points) {
    if (!Array.isArray(p) || p.length !== 2 || !p.every((x) => Number.isFinite(x)))
      fail(`points must be [column, row] pairs of finite numbers, got ${JSON.stringify(p)}`);
  }
  return g;
}

/** `acquisition`: rows describing how the image was acquired (the contrast phase), as HAS ACQ CONTEXT of the IMAGE. */
export function imageGraphicToContentItem(g: ImageGraphic, acquisition: readonly ContentItem[] = []): ScoordItem {
  const image: ContentItem = {
    relationship: 'SELECTED FROM',
    valueType: 'IMAGE',
    sopClassUid: g.referencedSopClassUid,
    sopInstanceUid: g.referencedSopInstanceUid,
    frameNumber: g.referencedFrameNumber,
    children: acquisition.length > 0 ? acquisition.map((c) => ({ ...c, relationship: 'HAS ACQ CONTEXT' as const })) : undefined,
  };
  return {
    relationship: 'INFERRED FROM',
    valueType: 'SCOORD',
    graphicType: 'POLYLINE',
    graphicData: g.points.flat(),
    children: [image],
  };
}

/** The IMAGE item below a NUM's SCOORD, if any (for its acquisition rows). */
export function referencedImageItem(children: readonly ContentItem[] | undefined): ContentItem | undefined {
  const scoord = (children ?? []).find((c): c is ScoordItem => c.valueType === 'SCOORD');
  return (scoord?.children ?? []).find((c) => c.valueType === 'IMAGE');
}

/** The first SCOORD with an image below a NUM, as an ImageGraphic; undefined when the NUM has none. */
export function imageGraphicFromContentItems(
  children: readonly ContentItem[] | undefined,
  file: string,
  where: string,
): ImageGraphic | undefined {
  const scoord = (children ?? []).find((c): c is ScoordItem => c.valueType === 'SCOORD');
  if (!scoord) return undefined;
  const image = (scoord.children ?? []).find((c) => c.valueType === 'IMAGE');
  if (!image || image.valueType !== 'IMAGE') throw new SrContentError(file, where, 'SCOORD without the IMAGE it was drawn on');
  if (scoord.graphicType !== 'POLYLINE')
    throw new SrContentError(file, where, `graphic type ${scoord.graphicType} not supported (expected POLYLINE)`);
  const d = scoord.graphicData;
  if (d.length % 2 !== 0) throw new SrContentError(file, where, `Graphic Data has an odd number of values (${d.length})`);
  const points: [number, number][] = [];
  for (let i = 0; i < d.length; i += 2) points.push([d[i], d[i + 1]]);
  const g: ImageGraphic = {
    referencedSopClassUid: image.sopClassUid,
    referencedSopInstanceUid: image.sopInstanceUid,
    graphicType: 'POLYLINE',
    points,
  };
  if (image.frameNumber !== undefined) g.referencedFrameNumber = image.frameNumber;
  return validateImageGraphic(g, file, where);
}
