/** Every SR we write passes dciodvfy (dicom3tools) without errors, and dsrdump (DCMTK) renders its TID 1500 tree. */
import { readFileSync } from 'node:fs';
import { readSr, writeSr } from '../../../extensions/mrecist/src/core/sr/srFromCaseFile';
import { GOLDEN_SR, goldenRequest } from '../../../scripts/sr/goldenSr';
import { dciodvfy, dsrdump, dsrdumpDiagnostics, writeTemp } from './dicomTools';

/** Warnings we accept, and why (listed in the report to the lead). */
const ACCEPTED_WARNINGS = [
  // Our private coding scheme (PS3.16 8.2 "99" prefix), declared in CodingSchemeIdentificationSequence.
  /^Warning - Unrecognized defined term <99MRECIST> for value 1 of attribute <Coding Scheme Designator>$/,
  // Synthesized patient name = patient id (no "^"): dciodvfy calls a PN without component separators "retired form".
  /^Warning - Value dubious for this VR - \(0x0010,0x0010\) PN Patient's Name {2}PN \[1\] = <[^>]*> - Retired Person Name form$/,
  // Type 2 study attributes left empty when the images are not given (no --study).
  /^Warning - Missing attribute or value that would be needed to build DICOMDIR - (Study Time|Study ID|Study Date)$/,
];

describe('DICOM conformance of written SRs', () => {
  const golden = writeTemp(readFileSync(GOLDEN_SR));

  it('dciodvfy: Comprehensive SR, no errors, only accepted warnings', () => {
    const lines = dciodvfy(golden);
    expect(lines).toContain('ComprehensiveSR');
    expect(lines.filter((l) => /error/i.test(l))).toEqual([]);
    const other = lines.filter((l) => l.startsWith('Warning') && !ACCEPTED_WARNINGS.some((w) => w.test(l)));
    expect(other).toEqual([]);
  });

  it('dciodvfy: a minimal SR without study, images or predecessor is also clean', () => {
    const req = goldenRequest();
    req.document = { contentDate: '20200101', contentTime: '000000', studyInstanceUid: '2.25.1' };
    req.caseFile = { ...req.caseFile, lesions: req.caseFile.lesions.filter((l) => l.role !== 'target') };
    req.criteria = ['mrecist'];
    const lines = dciodvfy(writeTemp(writeSr(req).bytes));
    expect(lines.filter((l) => /error/i.test(l))).toEqual([]);
  });

  it('dciodvfy: a re-save that lists its predecessor is clean', () => {
    const req = goldenRequest();
    req.document.predecessor = {
      studyInstanceUid: '2.25.11',
      seriesInstanceUid: '2.25.12',
      sopClassUid: '1.2.840.10008.5.1.4.1.1.88.33',
      sopInstanceUid: '2.25.13',
    };
    const file = writeTemp(writeSr(req).bytes);
    expect(dciodvfy(file).filter((l) => /error/i.test(l))).toEqual([]);
    expect(dsrdump(file)).toContain('Predecessor Docs    : 1');
  });

  it('dciodvfy: a signed-off report (COMPLETE, VERIFIED, verifying observer) is clean, and reads back signed off', () => {
    const req = goldenRequest();
    req.document.signOff = { by: 'Reader^One', at: '2026-11-26T21:05:09.250Z' };
    const written = writeSr(req);
    const file = writeTemp(written.bytes);
    expect(dciodvfy(file).filter((l) => /error/i.test(l))).toEqual([]);
    expect(written.dataset).toMatchObject({ CompletionFlag: 'COMPLETE', VerificationFlag: 'VERIFIED' });
    expect(dsrdump(file)).toMatch(/Completion Flag\s*: COMPLETE/);
    expect(dsrdump(file)).toMatch(/Verification Flag\s*: VERIFIED/);
    expect(readSr(written.bytes, 'signed.dcm').signOff).toEqual({ by: 'Reader^One', at: '2026-11-26T21:05:09.250Z' });
  });

  it('a report in progress is PARTIAL and UNVERIFIED and reads back without a sign-off', () => {
    const req = goldenRequest();
    req.document.completion = 'PARTIAL';
    const written = writeSr(req);
    expect(written.dataset).toMatchObject({ CompletionFlag: 'PARTIAL', VerificationFlag: 'UNVERIFIED' });
    expect(written.dataset.VerifyingObserverSequence).toBeUndefined();
    expect(readSr(written.bytes, 'partial.dcm').signOff).toBeUndefined();
  });

  it('dsrdump reads the content tree without errors or warnings (the UTF-8 VR-checker note aside)', () => {
    expect(dsrdumpDiagnostics(golden).filter((l) => !l.includes('Specific Character Set: ISO_IR 192'))).toEqual([]);
  });

  it('dsrdump renders the TID 1500 tree with time points, tracking identifiers and responses', () => {
    const out = dsrdump(golden);
    expect(out).toContain('Comprehensive SR Document');
    expect(out).toContain('<CONTAINER:(,,"Imaging Measurement Report")=SEPARATE>');
    expect(out).toContain('<has obs context PNAME:(,,"Person Observer Name")="Reader^One">');
    expect(out).toContain('<contains CONTAINER:(,,"Imaging Measurements")=SEPARATE>');
    expect(out).toContain('<has obs context TEXT:(,,"Tracking Identifier")="T1">');
    expect(out).toContain('<has obs context UIDREF:(,,"Tracking Unique Identifier")="2.25.200000000000000000000000000000000001">');
    expect(out).toContain('<has obs context CODE:(,,"Time Point Type")=(C1442488,UMLS,"Baseline")>');
    expect(out).toContain('<has obs context CODE:(,,"Response Evaluation Method")=(126081,DCM,"RECIST 1.1")>');
    expect(out).toContain('<contains CONTAINER:(,,"Image Library Group")=SEPARATE>');
    expect(out).toContain('<has obs context NUM:(,,"Time Point Order")="5" (1,UCUM,"no units")>');
    expect(out).toContain('<has obs context TEXT:(,,"Subject Time Point Identifier")="M6">');
    expect(out).toContain('<has obs context DATE:(,,"Study Date")="20190603">');
    expect(out).toContain('<contains NUM:(,,"Viable tumour long axis")="25" (mm,UCUM,"millimeter")>');
    expect(out).toContain('<inferred from SCOORD:=(POLYLINE,121.5/201.5,...)>');
    expect(out).toContain('<contains CODE:(,,"Current Response")=(C18058,NCIt,"Partial Response")>');
    expect(out).toContain('<contains CODE:(,,"Best Overall Response")=(C4870,NCIt,"Complete Response")>');
    // Five time points, each once in the report's time point list.
    expect(out.match(/<contains CONTAINER:\(,,"Time Point"\)=SEPARATE>/g)).toHaveLength(5);
  });
});
