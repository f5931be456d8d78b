import { renderToStaticMarkup } from 'react-dom/server';
import { createElement } from 'react';
import { buildTimeline } from '../../../extensions/mrecist/src/core/read/timeline';
import { ReadTimeline } from '../../../extensions/mrecist/src/ui/ReadTimeline';

const noop = () => undefined;
const hostileDescription = '<script>alert(1)</script> & <img src=x onerror=alert(1)> more';

function render(entries: ReturnType<typeof buildTimeline>, placements = new Map(), readIdByStudy = new Map<string, string>()): string {
  return renderToStaticMarkup(createElement(ReadTimeline, { entries, readIdByStudy, placements, onSetBaseline: noop, onOpen: noop }));
}

it('renders DICOM text as escaped text, never as markup', () => {
  const entries = buildTimeline([
    { studyInstanceUid: '1.2.3"><b>x</b>', studyDate: '2024-01-10', description: 'Baseline' },
    { studyInstanceUid: '1.2.4', studyDate: '2024-03-10', description: hostileDescription },
  ]);
  const html = render(entries);
  expect(html).not.toContain('<script>');
  expect(html).not.toContain('<img');
  expect(html).not.toContain('<b>x</b>');
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt; more');
  expect(html).toContain('data-study-instance-uid="1.2.3&quot;&gt;&lt;b&gt;x&lt;/b&gt;"');
});

it('marks the baseline, the current follow-up and the viewports showing them', () => {
  const entries = buildTimeline([
    { studyInstanceUid: 'b', studyDate: '2024-03-10', description: 'Arterial' },
    { studyInstanceUid: 'a', studyDate: '2024-01-10', description: 'Arterial' },
  ]);
  const placements = new Map([
    ['a', [{ viewportId: 'v1', position: 1, count: 2 }]],
    ['b', [{ viewportId: 'v2', position: 2, count: 2 }]],
  ]);
  const html = render(entries, placements, new Map([['a', 'BL'], ['b', 'M2']]));
  expect(html.indexOf('Baseline')).toBeLessThan(html.indexOf('Follow-up'));
  expect(html).toContain('day 0');
  expect(html).toContain('+60 d');
  expect(html).toContain('· left');
  expect(html).toContain('· right');
  expect(html).toContain('Current');
  expect(html).toContain('data-viewport-ids="v2"');
});
