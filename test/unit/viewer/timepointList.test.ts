import { renderToStaticMarkup } from 'react-dom/server';
import { createElement } from 'react';
import { orderTimepoints, type StudySummary } from '../../../extensions/mrecist/src/core/read/studyOrder';
import { TimepointList } from '../../../extensions/mrecist/src/ui/TimepointList';

const hostile: StudySummary = {
  studyInstanceUid: '1.2.3',
  patientId: 'P<b>1</b>',
  patientName: 'Doe^<img src=x onerror=alert(1)>',
  studyDate: '20240110',
  studyTime: undefined,
  studyDescription: '<script>alert(1)</script> & more',
  modalities: ['CT'],
  seriesCount: 2,
};

it('renders DICOM text as escaped text, never as markup', () => {
  const html = renderToStaticMarkup(createElement(TimepointList, { patients: [{ patientId: hostile.patientId, timepoints: orderTimepoints([hostile]) }], placements: new Map() }));
  expect(html).not.toContain('<script>');
  expect(html).not.toContain('<img');
  expect(html).not.toContain('<b>1</b>');
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
  expect(html).toContain('Doe, &lt;img src=x onerror=alert(1)&gt;');
});

it('marks the baseline, the current follow-up and the viewports showing them', () => {
  const timepoints = orderTimepoints([
    { ...hostile, studyInstanceUid: 'b', studyDate: '20240310', studyDescription: 'Arterial' },
    { ...hostile, studyInstanceUid: 'a', studyDate: '20240110', studyDescription: 'Arterial' },
  ]);
  const placements = new Map([
    ['a', [{ viewportId: 'v1', position: 1, count: 2 }]],
    ['b', [{ viewportId: 'v2', position: 2, count: 2 }]],
  ]);
  const html = renderToStaticMarkup(createElement(TimepointList, { patients: [{ patientId: 'P1', timepoints }], placements }));
  expect(html.indexOf('Baseline')).toBeLessThan(html.indexOf('Follow-up 1'));
  expect(html).toContain('day 0');
  expect(html).toContain('+60 d');
  expect(html).toContain('Shown left');
  expect(html).toContain('Shown right');
  expect(html).toContain('Current');
});
