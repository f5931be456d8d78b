/** The board input from the viewer's facts: dose axis only with an implant date, the plan's DVH as the "planned" curve. */
import { boardContent } from '../../../extensions/mrecist/src/core/board/boardContent';
import { boardInputFromViewer, VIEWER_DVH_LABEL } from '../../../extensions/mrecist/src/core/board/boardInputFromViewer';
import { modalityValues } from '../../../extensions/mrecist/src/ohif/board/keyImagesFromViewer';
import { referenceStudyCases } from './referenceStudy';

const p01 = referenceStudyCases().find((c) => c.patientId === 'P01')!;
const dvh = { roiName: 'GTV', prescriptionGy: 145, D90Gy: 151.2, V100Pct: 93.5, V150Pct: 48.25, curve: { doseGy: [0, 100, 200], volumePct: [100, 95, 20] } };

it('without an implant date: no dose chart, no DVH', () => {
  const input = boardInputFromViewer(p01, undefined, { prescriptionGy: 145 });
  expect(input).toEqual({ caseFile: p01 });
  expect(boardContent(input).charts.dose).toBeNull();
});

it('with the implant: dose delivered by scan date against the prescription (I-125 half-life unless the plan says)', () => {
  const input = boardInputFromViewer(p01, { by: 'R1', at: '2024-01-01T00:00:00Z' }, { implantDate: '2014-02-20', prescriptionGy: 145, dvh });
  expect(input.implant).toEqual({ implantDate: '2014-02-20', finalDoseGy: 145, halfLifeDays: 59.4, label: 'prescription' });
  expect(input.signOff).toEqual({ by: 'R1', at: '2024-01-01T00:00:00Z' });
  expect(input.dvh).toEqual({ prescriptionGy: 145, curves: [{ label: VIEWER_DVH_LABEL, doseGy: [0, 100, 200], volumePct: [100, 95, 20] }], markers: [{ label: VIEWER_DVH_LABEL, D90Gy: 151.2, V100Pct: 93.5, V150Pct: 48.25 }] });
  const content = boardContent(input);
  expect(content.charts.dose).not.toBeNull();
  expect(content.charts.dvh).not.toBeNull();
  expect(boardInputFromViewer(p01, undefined, { implantDate: '2014-02-20', halfLifeDays: 17, prescriptionGy: 120 }).implant?.halfLifeDays).toBe(17);
});

it.each([
  [{ slope: 1, intercept: -1024 }, [-1024, -1000, 976]],
  [{ slope: 2, intercept: 0 }, [0, 48, 4000]],
  [{ slope: 1, intercept: -1024, preScale: { scaled: true } }, [0, 24, 2000]],
  [{}, [0, 24, 2000]],
])('modality values of a loaded slice %j', (scaling, expected) => {
  const values = modalityValues({ rows: 1, columns: 3, getPixelData: () => Int16Array.from([0, 24, 2000]), ...scaling });
  expect(Array.from(values)).toEqual(expected);
});
