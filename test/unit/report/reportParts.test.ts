/**
 * The pure parts of saving and opening reports: SCOORD <-> patient geometry against a hand-worked image plane,
 * STOW-RS outcomes, version order (date/time, then predecessor chain), the restore decision table, backoff.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { parseCaseFile } from '../../../extensions/mrecist/src/core/criteria/parseCaseFile';
import { imagePlaneFromAttributes, patientToScoord, scoordToPatient } from '../../../extensions/mrecist/src/core/geometry/imagePixelToPatient';
import { writeSr } from '../../../extensions/mrecist/src/core/sr/srFromCaseFile';
import { multipartFirstPart } from '../../../extensions/mrecist/src/core/dicom/multipartFirstPart';
import { retryDelayMs, base64ToBytes, bytesToBase64 } from '../../../extensions/mrecist/src/ohif/report/PendingSaves';
import { decideRestore, type RestoreInputs } from '../../../extensions/mrecist/src/ohif/report/restoreDecision';
import { latestOfReader, orderVersions, reportVersionFromBytes, type ReportVersion } from '../../../extensions/mrecist/src/ohif/report/ReportVersion';
import { multipartRelatedBody, stowInstance, StowError, type FetchLike } from '../../../extensions/mrecist/src/ohif/report/stowRs';
import { localDicomDateTime as dicomDateTime } from '../../../extensions/mrecist/src/core/dicom/dicomDateTime';
import { downloadFilename } from '../../../extensions/mrecist/src/ohif/report/reportWriter';
import { GOLDEN_CASE } from '../../../scripts/sr/goldenSr';

describe('SCOORD column/row <-> patient mm', () => {
  // Axial image, IPP = centre of the first pixel, 0.7 mm columns apart, 0.8 mm rows apart.
  const plane = imagePlaneFromAttributes(
    { ImagePositionPatient: ['-100', '-120', '35'], ImageOrientationPatient: [1, 0, 0, 0, 1, 0], PixelSpacing: [0.8, 0.7] },
    'ct.dcm',
  );

  it('puts the first pixel centre (0.5, 0.5) at Image Position and steps by the matching spacing', () => {
    expect(scoordToPatient(plane, [0.5, 0.5])).toEqual([-100, -120, 35]);
    // column 10.5 -> 10 columns right (x) at 0.7 mm; row 20.5 -> 20 rows down (y) at 0.8 mm
    const p = scoordToPatient(plane, [10.5, 20.5]);
    expect(p[0]).toBeCloseTo(-93, 12);
    expect(p[1]).toBeCloseTo(-104, 12);
    expect(p[2]).toBe(35);
  });

  it('is inverted by patientToScoord on an oblique plane (property)', () => {
    const c = Math.cos(0.3), s = Math.sin(0.3);
    const oblique = imagePlaneFromAttributes({ ImagePositionPatient: [10, 20, 30], ImageOrientationPatient: [c, s, 0, 0, 0, -1], PixelSpacing: [1.25, 0.5] }, 'x');
    fc.assert(
      fc.property(fc.double({ min: 0, max: 512, noNaN: true }), fc.double({ min: 0, max: 512, noNaN: true }), (col, row) => {
        const [c2, r2] = patientToScoord(oblique, scoordToPatient(oblique, [col, row]));
        return Math.abs(c2 - col) < 1e-9 && Math.abs(r2 - row) < 1e-9;
      }),
    );
  });

  it('names the missing plane attribute', () => {
    expect(() => imagePlaneFromAttributes({ ImagePositionPatient: [0, 0, 0], ImageOrientationPatient: [1, 0, 0, 0, 1, 0] }, 'image 1.2.3')).toThrow(
      'image 1.2.3: PixelSpacing (0028,0030) missing or not 2 numbers',
    );
  });
});

describe('STOW-RS', () => {
  const bytes = new Uint8Array([1, 2, 13, 10, 3]);
  const answer = (status: number, body = ''): FetchLike => async () => ({ status, text: async () => body });

  it('sends one application/dicom part whose bytes are exactly the instance', () => {
    const body = multipartRelatedBody(bytes, 'XyZ');
    expect(Array.from(multipartFirstPart(body, 'multipart/related; type="application/dicom"; boundary=XyZ'))).toEqual([1, 2, 13, 10, 3]);
  });

  it.each([
    [409, '', 'HTTP 409 Conflict: the PACS refused the report'],
    [502, '', 'HTTP 502 Bad Gateway: the PACS is not answering the viewer server'],
    [418, '', 'HTTP 418'],
    [
      202,
      JSON.stringify({ '00081198': { vr: 'SQ', Value: [{ '00081155': { vr: 'UI', Value: ['1.2.3'] }, '00081197': { vr: 'US', Value: [0xa700] } }] } }),
      'HTTP 202: the PACS did not store the report (failure reason 0xA700)',
    ],
  ])('reports HTTP %i as one line', async (status, body, message) => {
    await expect(stowInstance('http://x/studies/1', bytes, '1.2.3', { fetch: answer(status, body) })).rejects.toThrow(new StowError(message, status));
  });

  it('accepts 200 with the instance referenced', async () => {
    const body = JSON.stringify({ '00081199': { vr: 'SQ', Value: [{ '00081155': { vr: 'UI', Value: ['1.2.3'] } }] } });
    await expect(stowInstance('http://x/studies/1', bytes, '1.2.3', { fetch: answer(200, body) })).resolves.toBeUndefined();
  });

  it('gives up after the timeout and says so', async () => {
    const never: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(new Error('aborted'))));
    await expect(stowInstance('http://x', bytes, '1', { fetch: never, timeoutMs: 50 })).rejects.toThrow('no answer from the PACS within 0 s');
  });
});

describe('report versions', () => {
  const golden = parseCaseFile(JSON.parse(readFileSync(GOLDEN_CASE, 'utf8')), 'P12.case.json');
  let n = 0;
  const write = async (time: string, predecessor?: ReportVersion, reader = 'Reader^One'): Promise<ReportVersion> =>
    (await reportVersionFromBytes(
      writeSr({
        caseFile: { ...golden, reader: { name: reader, role: 'Reader 1' } },
        file: 'x',
        newUid: () => `2.25.${++n}`,
        document: { contentDate: '20260101', contentTime: time, studyInstanceUid: '2.25.9', predecessor: predecessor?.instance },
      }).bytes,
      'x',
    ))!;

  it('orders by content date/time, and by predecessor chain when two share it', async () => {
    const a = await write('101500');
    const b = await write('101500', a);
    const c = await write('101500', b);
    const early = await write('091500.5');
    expect(orderVersions([c, a, early, b]).map((v) => v.instance.sopInstanceUid)).toEqual([early, a, b, c].map((v) => v.instance.sopInstanceUid));
    expect(c.predecessorUids).toEqual([b.instance.sopInstanceUid]);
  });

  it('picks the latest of the named reader only', async () => {
    const mine = await write('100000');
    const theirs = await write('120000', undefined, 'Reader^Two');
    expect(latestOfReader([mine, theirs], 'Reader^One')).toBe(mine);
    expect(latestOfReader([theirs], 'Reader^One')).toBeUndefined();
  });
});

describe('restore or keep the draft', () => {
  const latest = { instance: { sopInstanceUid: '1.9' }, contentDate: '20261126', contentTime: '120000' } as ReportVersion;
  const base: RestoreInputs = { latest, source: 'draft', revision: 5, basis: { sopInstanceUid: '1.9', revision: 5 }, pendingSaves: 0 };
  const localNoon = new Date(2026, 10, 26, 12, 0, 0);
  const at = (minutes: number) => new Date(localNoon.getTime() + minutes * 60_000).toISOString();

  it.each<[string, Partial<RestoreInputs>, string]>([
    ['nothing on the PACS', { latest: undefined }, 'none'],
    ['no draft', { source: 'new', basis: null, revision: 0 }, 'restore'],
    ['draft is the report', {}, 'none'],
    ['draft edited after the report', { revision: 6 }, 'keepDraft'],
    ['a save waiting for the PACS', { pendingSaves: 1 }, 'keepDraft'],
    ['unrelated draft saved a minute after the report', { basis: null, draftSavedAt: at(1) }, 'keepDraft'],
    ['unrelated draft saved a minute before the report', { basis: null, draftSavedAt: at(-1) }, 'restore'],
    ['draft based on an older report', { basis: { sopInstanceUid: '1.8', revision: 5 }, draftSavedAt: at(-10) }, 'restore'],
  ])('%s -> %s', (_name, patch, action) => {
    expect(decideRestore({ ...base, ...patch }).action).toBe(action);
  });
});

describe('small parts', () => {
  it('backs off 2, 4, 8, 16, 32 s, then every 60 s', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map(retryDelayMs)).toEqual([2000, 4000, 8000, 16000, 32000, 60000, 60000]);
  });

  it('keeps bytes through base64 (property)', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 70_000 }), (b) => Buffer.from(base64ToBytes(bytesToBase64(b))).equals(Buffer.from(b))), { numRuns: 20 });
  });

  it('writes local DA/TM with milliseconds and a safe file name', () => {
    expect(dicomDateTime(new Date(2026, 0, 2, 3, 4, 5, 67))).toEqual({ date: '20260102', time: '030405.067000' });
    expect(downloadFilename('P/12', 'Doe^Jane (R1)', '20260102')).toBe('mrecist_P_12_20260102_Doe_Jane_R1.dcm');
  });
});

describe('host compatibility and document context', () => {
  const { padGeometryFreeMeasurement } = require('../../../extensions/mrecist/src/ohif/report/ohifSrCompatibility') as typeof import('../../../extensions/mrecist/src/ohif/report/ohifSrCompatibility');
  const { reportDocumentContext } = require('../../../extensions/mrecist/src/ohif/report/reportDocumentContext') as typeof import('../../../extensions/mrecist/src/ohif/report/reportDocumentContext');

  it('gives a geometry-free SR measurement one empty coordinate and leaves drawn ones alone', () => {
    const drawn = { coords: [{ GraphicData: [1, 2, 3, 4] }], TrackingIdentifier: 'T1' };
    expect(padGeometryFreeMeasurement({ measurement: drawn })).toBe(drawn);
    expect(padGeometryFreeMeasurement({ measurement: { coords: [], TrackingIdentifier: 'NT1' } })).toEqual({ coords: [{}], TrackingIdentifier: 'NT1' });
  });

  const instance = (study: string, date: string, modality: string, sop: string) => ({
    StudyInstanceUID: study, SeriesInstanceUID: `${study}.${modality}`, SOPInstanceUID: sop, SOPClassUID: '1.2.3', PatientID: 'P1', StudyDate: date, Modality: modality, PatientName: [{ Alphabetic: 'Doe^Jane' }],
  });
  const set = (i: ReturnType<typeof instance>) => ({ displaySetInstanceUID: i.SOPInstanceUID, StudyInstanceUID: i.StudyInstanceUID, SeriesInstanceUID: i.SeriesInstanceUID, Modality: i.Modality, instances: [i] });

  it('stores the report in the latest imaging study (a later report-only study does not count) and resolves every image', () => {
    const context = reportDocumentContext(
      [set(instance('1.1', '20190502', 'CT', '9.1')), set(instance('1.3', '20191106', 'CT', '9.3')), set(instance('1.2', '20190603', 'CT', '9.2')), set(instance('1.4', '20200101', 'SR', '9.4'))],
      'P1',
    );
    expect(context.study.StudyInstanceUID).toBe('1.3');
    expect(context.patient).toEqual({ PatientName: 'Doe^Jane', PatientID: 'P1', PatientBirthDate: '', PatientSex: '' });
    expect(context.images.get('9.2')).toEqual({ studyInstanceUid: '1.2', seriesInstanceUid: '1.2.CT', sopClassUid: '1.2.3', sopInstanceUid: '9.2' });
  });

  it('refuses when none of the patient’s imaging studies is open', () => {
    expect(() => reportDocumentContext([set(instance('1.4', '20200101', 'SR', '9.4'))], 'P1')).toThrow('no imaging study of patient P1 is open: the report has no study to be stored in');
  });
});

describe('frame numbers on single-frame images', () => {
  const { dropSingleFrameNumbers } = require('../../../extensions/mrecist/src/ohif/report/singleFrameReferences') as typeof import('../../../extensions/mrecist/src/ohif/report/singleFrameReferences');
  const g = (sop: string) => ({ referencedSopClassUid: '1.2', referencedSopInstanceUid: sop, referencedFrameNumber: 1, graphicType: 'POLYLINE' as const, points: [[1, 2], [3, 4]] as [number, number][] });
  const read = {
    patientId: 'P1',
    criteria: 'mrecist' as const,
    timepoints: [{ id: 'BL', date: '2020-01-01', baseline: true }],
    lesions: [
      { id: 'T1', role: 'target' as const, measurements: { BL: { viableLongAxisMm: 10, graphics: { viableLongAxisMm: g('single'), viablePerpendicularMm: g('multi') } } } },
      { id: 'N1', role: 'new' as const, appearsAt: 'BL', assessments: { BL: { longAxisMm: 12, typicalHCC: true, graphics: { longAxisMm: g('unknown') } } } },
    ],
  };
  const instances = new Map<string, any>([
    ['single', { StudyInstanceUID: 's', SeriesInstanceUID: 'x' }],
    ['multi', { StudyInstanceUID: 's', SeriesInstanceUID: 'x', NumberOfFrames: '12' }],
  ]);

  it('drops the frame number on a known single-frame image only', () => {
    const out = dropSingleFrameNumbers(read, instances) as any;
    expect(out.lesions[0].measurements.BL.graphics.viableLongAxisMm).not.toHaveProperty('referencedFrameNumber');
    expect(out.lesions[0].measurements.BL.graphics.viablePerpendicularMm.referencedFrameNumber).toBe(1);
    expect(out.lesions[1].assessments.BL.graphics.longAxisMm.referencedFrameNumber).toBe(1);
    expect((read.lesions[0] as any).measurements.BL.graphics.viableLongAxisMm.referencedFrameNumber).toBe(1);
  });
});

describe('which annotations a read becomes', () => {
  const { planAnnotations } = require('../../../extensions/mrecist/src/ohif/report/drawReadAnnotations') as typeof import('../../../extensions/mrecist/src/ohif/report/drawReadAnnotations');
  const g = (sop: string, x: number) => ({ referencedSopClassUid: '1.2', referencedSopInstanceUid: sop, graphicType: 'POLYLINE' as const, points: [[x, 0], [x, 10]] as [number, number][] });
  const read = {
    patientId: 'P1',
    criteria: 'mrecist' as const,
    timepoints: [{ id: 'BL', date: '2020-01-01', baseline: true }, { id: 'M1', date: '2020-02-01' }],
    lesions: [
      {
        id: 'T1',
        role: 'target' as const,
        measurements: {
          BL: { viableLongAxisMm: 10, viablePerpendicularMm: 8, graphics: { viableLongAxisMm: g('a', 1), viablePerpendicularMm: g('a', 2) } },
          M1: { viableLongAxisMm: 9, viablePerpendicularMm: 7, longAxisMm: 20, graphics: { viableLongAxisMm: g('b', 3), viablePerpendicularMm: g('c', 4), longAxisMm: g('b', 5) } },
        },
      },
    ],
  };

  it('pairs a long axis with its perpendicular on the same image into one Bidirectional; everything else is a Length', () => {
    const plan = planAnnotations(read).map((p) => `${p.toolName} ${p.tag.lesionId}@${p.tag.timepointId}:${p.tag.field} ${p.lines.map((l) => l.points[0][0]).join(',')}`);
    expect(plan.sort()).toEqual([
      'Bidirectional T1@BL:viableLongAxisMm 1,2',
      'Length T1@M1:longAxisMm 5',
      'Length T1@M1:viableLongAxisMm 3',
      'Length T1@M1:viablePerpendicularMm 4',
    ]);
  });
});
