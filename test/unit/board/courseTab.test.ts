/** The Course tab renders one chart container per spec the content has, DICOM text as text, and its button state. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { boardContent } from '../../../extensions/mrecist/src/core/board/boardContent';
import { CourseTab } from '../../../extensions/mrecist/src/ui/CourseTab';
import { referenceStudyCases } from './referenceStudy';

const p01 = referenceStudyCases().find((c) => c.patientId === 'P01')!;

it('draws the spider, sum and response charts; dose and DVH only when the content has them', () => {
  const html = renderToStaticMarkup(createElement(CourseTab, { content: boardContent({ caseFile: p01 }) }));
  expect(html.match(/data-chart=/g)).toHaveLength(3);
  expect(html).toContain('data-chart="Change from baseline per target"');
  expect(html).not.toContain('Dose delivered');
  expect(html).toMatch(/<button[^>]*disabled=""[^>]*>Board summary \(PDF\)<\/button>/);
  const withDose = renderToStaticMarkup(
    createElement(CourseTab, {
      content: boardContent({ caseFile: p01, implant: { implantDate: '2014-02-20', finalDoseGy: 145, halfLifeDays: 59.4, label: 'prescription' } }),
      onBoardSummary: () => undefined,
    }),
  );
  expect(withDose.match(/data-chart=/g)).toHaveLength(4);
  expect(withDose).not.toContain('disabled');
});

it('renders the reader and key image captions as escaped text', () => {
  const hostile = '<img src=x onerror=alert(1)>';
  const html = renderToStaticMarkup(
    createElement(CourseTab, {
      content: boardContent({ caseFile: { ...p01, reader: { name: hostile } } }),
      keyImages: [{ lesionId: 'T1', timepointId: 'M1', caption: hostile, src: 'data:image/png;base64,' }],
    }),
  );
  expect(html).not.toContain('<img src=x');
  expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  expect(html).toContain('alt="T1 at M1"');
});
