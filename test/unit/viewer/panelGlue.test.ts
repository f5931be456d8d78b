import { ctViewportIds } from '../../../extensions/mrecist/src/ohif/getCommandsModule';
import type { HostDisplaySet, HostServices, HostViewport } from '../../../extensions/mrecist/src/ohif/hostServices';
import { readTimepointPanelState } from '../../../extensions/mrecist/src/ohif/timepointPanelState';

const EVENTS = {};
const noSubscribe = () => ({ unsubscribe: () => undefined });

function displaySet(uid: string, study: string, date: string, modality: string): HostDisplaySet {
  return {
    displaySetInstanceUID: uid,
    StudyInstanceUID: study,
    SeriesInstanceUID: `${uid}.series`,
    Modality: modality,
    instances: [{ StudyInstanceUID: study, SeriesInstanceUID: `${uid}.series`, StudyDate: date, PatientID: 'P12', PatientName: [{ Alphabetic: 'Doe^Jane' }] }],
  };
}

function fakeServices(displaySets: HostDisplaySet[], viewports: HostViewport[]): Pick<HostServices, 'displaySetService' | 'viewportGridService'> {
  return {
    displaySetService: {
      EVENTS,
      subscribe: noSubscribe,
      getActiveDisplaySets: () => displaySets,
      getDisplaySetByUID: (uid) => displaySets.find((d) => d.displaySetInstanceUID === uid),
    },
    viewportGridService: { EVENTS, subscribe: noSubscribe, getState: () => ({ viewports: new Map(viewports.map((v) => [v.viewportId, v])) }) },
  };
}

const SETS = [
  displaySet('ds-late', 'st-late', '20240708', 'CT'),
  displaySet('ds-base', 'st-base', '20240110', 'CT'),
  displaySet('ds-mid', 'st-mid', '20240310', 'MR'),
  { ...displaySet('ds-unsup', 'st-other', '20200101', 'CT'), unsupported: true },
];

describe('timepoint panel state from host services', () => {
  // The grid's Map order is not screen order: the right viewport is listed first here on purpose.
  const services = fakeServices(SETS, [
    { viewportId: 'right', displaySetInstanceUIDs: ['ds-late'], x: 0.5, y: 0 },
    { viewportId: 'left', displaySetInstanceUIDs: ['ds-base'], x: 0, y: 0 },
  ]);

  it('orders the studies of each patient by date and ignores unsupported display sets', () => {
    const state = readTimepointPanelState(services);
    expect(state.patients.map((p) => [p.patientId, p.timepoints.map((t) => t.studyInstanceUid)])).toEqual([['P12', ['st-base', 'st-mid', 'st-late']]]);
  });

  it('places each study in the viewport showing it, in left-to-right order', () => {
    const state = readTimepointPanelState(services);
    expect(state.placements.get('st-base')).toEqual([{ viewportId: 'left', position: 1, count: 2 }]);
    expect(state.placements.get('st-late')).toEqual([{ viewportId: 'right', position: 2, count: 2 }]);
    expect(state.placements.has('st-mid')).toBe(false);
  });
});

describe('CT window presets', () => {
  it('target only viewports that show a CT display set', () => {
    const services = fakeServices(SETS, [
      { viewportId: 'ct-left', displaySetInstanceUIDs: ['ds-base'] },
      { viewportId: 'mr', displaySetInstanceUIDs: ['ds-mid'] },
      { viewportId: 'empty', displaySetInstanceUIDs: [] },
      { viewportId: 'ct-right', displaySetInstanceUIDs: ['ds-late'] },
    ]);
    expect(ctViewportIds(services)).toEqual(['ct-left', 'ct-right']);
  });
});
