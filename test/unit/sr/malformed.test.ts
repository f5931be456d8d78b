/** Broken reports are rejected with one line naming the file and the item. */
import { encodeDicom, type NaturalDataset } from '../../../extensions/mrecist/src/core/dicom/DicomDataset';
import { readSr, writeSr } from '../../../extensions/mrecist/src/core/sr/srFromCaseFile';
import { goldenRequest } from '../../../scripts/sr/goldenSr';

const base = writeSr(goldenRequest()).dataset;

type Item = NaturalDataset;
const conceptOf = (i: Item) => i.ConceptNameCodeSequence?.[0]?.CodeValue;

/** All content items, depth first, with their parent list. */
function walk(items: Item[], visit: (item: Item, siblings: Item[]) => void): void {
  for (const i of [...items]) {
    visit(i, items);
    if (i.ContentSequence) walk(i.ContentSequence, visit);
  }
}

/** A deep copy with `change` applied to the first item matching `pick`, written and read back. */
function readBroken(pick: (i: Item) => boolean, change: (i: Item, siblings: Item[]) => void, top?: (ds: Item) => void): () => void {
  const ds = JSON.parse(JSON.stringify(base));
  let done = false;
  walk(ds.ContentSequence, (i, siblings) => {
    if (!done && pick(i)) {
      change(i, siblings);
      done = true;
    }
  });
  if (!done && !top) throw new Error('test setup: no item matched');
  top?.(ds);
  const bytes = encodeDicom(ds);
  return () => readSr(bytes, 'sr.dcm');
}

describe('malformed SRs', () => {
  it.each<[string, () => void, string]>([
    [
      'Time Point Order 0',
      readBroken((i) => conceptOf(i) === '126073', (i) => (i.MeasuredValueSequence[0].NumericValue = '0')),
      'sr.dcm: Time Point Order (126073): must be an integer ≥ 1, got 0',
    ],
    [
      'Time Point Order 1.5',
      readBroken((i) => conceptOf(i) === '126073', (i) => (i.MeasuredValueSequence[0].NumericValue = '1.5')),
      'sr.dcm: Time Point Order (126073): must be an integer ≥ 1, got 1.5',
    ],
    [
      'Time Point Type outside CID 6146',
      readBroken(
        (i) => conceptOf(i) === '126072',
        (i) => (i.ConceptCodeSequence = [{ CodeValue: '12345', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Other' }]),
      ),
      'sr.dcm: Time Point Type (126072): expected Baseline (C1442488) or Posttreatment (126074), got Other (12345)',
    ],
    [
      'Tracking Unique Identifier missing',
      readBroken((i) => conceptOf(i) === '112040', (i, siblings) => siblings.splice(siblings.indexOf(i), 1)),
      'sr.dcm: Tracking Unique Identifier (112040): missing',
    ],
    [
      'diameter in cm',
      readBroken(
        (i) => conceptOf(i) === 'VIABLELA',
        (i) => (i.MeasuredValueSequence[0].MeasurementUnitsCodeSequence[0].CodeValue = 'cm'),
      ),
      'sr.dcm: Tracking Identifier (112039) "T1" Viable tumour long axis (VIABLELA): unit must be mm (UCUM), got cm',
    ],
    [
      'empty numeric value (must not read as 0 mm)',
      readBroken((i) => conceptOf(i) === '103339001', (i) => (i.MeasuredValueSequence[0].NumericValue = '')),
      'sr.dcm: Long Axis (103339001): Numeric Value is not a number: ""',
    ],
    [
      'a lesion described differently at two time points',
      readBroken(
        (i) => conceptOf(i) === 'SITE' && i.TextValue === 'liver S8' && i !== undefined,
        (i) => (i.TextValue = 'liver S7'),
      ),
      'sr.dcm: Tracking Unique Identifier (112040) 2.25.200000000000000000000000000000000001: lesion "T1" described differently in two groups',
    ],
    [
      'negative diameter',
      readBroken((i) => conceptOf(i) === '103339001', (i) => (i.MeasuredValueSequence[0].NumericValue = '-4')),
      'sr.dcm: Tracking Identifier (112039) "T1" Long Axis (103339001): must be a finite length ≥ 0 mm, got -4',
    ],
    [
      'not a structured report',
      readBroken(() => false, () => undefined, (ds) => (ds.SOPClassUID = '1.2.840.10008.5.1.4.1.1.2')),
      'sr.dcm: SOPClassUID (0008,0016): not a structured report (1.2.840.10008.5.1.4.1.1.2)',
    ],
    [
      'another document title',
      readBroken(() => false, () => undefined, (ds) => (ds.ConceptNameCodeSequence[0].CodeValue = '18748-4')),
      'sr.dcm: Document Title: expected Imaging Measurement Report (126000), got Imaging Measurement Report (18748-4)',
    ],
  ])('%s', (_name, read, message) => {
    expect(read).toThrow(message);
    try {
      read();
    } catch (e) {
      expect((e as Error).name).toBe('SrContentError');
      expect((e as Error).message).toBe(message);
    }
  });

  it('rejects bytes that are not DICOM', () => {
    expect(() => readSr(new TextEncoder().encode('not dicom'), 'sr.dcm')).toThrow(/^sr\.dcm: file: not a readable DICOM Part 10 file/);
  });
});
