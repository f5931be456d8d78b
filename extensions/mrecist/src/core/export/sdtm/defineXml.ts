/**
 * Define-XML 2.1 (CDISC, 2019) describing the SDTM transport files written beside it: one ItemGroupDef per dataset
 * with its def:leaf (the .xpt file), one ItemDef per variable (SDTMIG label, data type, length from the data), and
 * the TRTESTCD and EPOCH code lists this export uses. Standards: SDTMIG 3.4 and CDISC/NCI SDTM CT.
 */
import type { CsvCell } from '../csvText';
import type { SdtmDataset } from './datasets';
import { EPOCHS, SPONSOR_TR_TESTS, TR_TEST } from './terminology';

/** SDTMIG variable labels (40 characters at most); the prefix-generic ones are filled in per domain below. */
const LABELS: Record<string, string> = {
  STUDYID: 'Study Identifier', DOMAIN: 'Domain Abbreviation', RDOMAIN: 'Related Domain Abbreviation', USUBJID: 'Unique Subject Identifier',
  VISITNUM: 'Visit Number', VISIT: 'Visit Name', EPOCH: 'Epoch', IDVAR: 'Identifying Variable', IDVARVAL: 'Identifying Variable Value',
  QNAM: 'Qualifier Variable Name', QLABEL: 'Qualifier Variable Label', QVAL: 'Data Value', QORIG: 'Origin', QEVAL: 'Evaluator',
  SEQ: 'Sequence Number', GRPID: 'Group ID', LNKID: 'Link ID', LNKGRP: 'Link Group ID', SPID: 'Sponsor-Defined Identifier',
  TESTCD: 'Short Name', TEST: 'Name', CAT: 'Category', ORRES: 'Result or Finding in Original Units', ORRESU: 'Original Units',
  STRESC: 'Character Result/Finding in Std Format', STRESN: 'Numeric Result/Finding in Standard Units', STRESU: 'Standard Units',
  STAT: 'Completion Status', REASND: 'Reason Not Done', LOC: 'Location of the Tumor/Lesion', METHOD: 'Method of Identification',
  EVAL: 'Evaluator', EVALID: 'Evaluator Identifier', ACPTFL: 'Accepted Record Flag', DTC: 'Date/Time of Assessment', DY: 'Study Day of Assessment',
};

export function variableLabel(domain: string, variable: string): string {
  return LABELS[variable] ?? LABELS[variable.startsWith(domain) ? variable.slice(domain.length) : variable] ?? variable;
}

/** Variable labels of one dataset, for the transport file's NAMESTRs. */
export function labelsOf(d: SdtmDataset): Record<string, string> {
  return Object.fromEntries(d.columns.map((c) => [c, variableLabel(d.name.startsWith('SUPP') ? 'Q' : d.name, c)]));
}

const INTEGER = /SEQ$|DY$/;
const KEYS = ['STUDYID', 'USUBJID', 'RDOMAIN', 'IDVAR', 'IDVARVAL', 'QNAM'];

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function cellLength(rows: readonly Record<string, CsvCell>[], c: string): number {
  return Math.max(1, ...rows.map((r) => (r[c] === undefined || r[c] === null ? 0 : String(r[c]).length)));
}

const description = (text: string) => `<Description><TranslatedText xml:lang="en">${xml(text)}</TranslatedText></Description>`;

export function defineXml(studyId: string, datasets: readonly SdtmDataset[], created = new Date()): string {
  const groups: string[] = [];
  const items: string[] = [];
  for (const d of datasets) {
    const supp = d.name.startsWith('SUPP');
    const refs = d.columns.map((c, i) => {
      const key = KEYS.indexOf(c);
      const keySeq = supp && key >= 0 ? ` KeySequence="${key + 1}"` : !supp && c === 'USUBJID' ? ' KeySequence="2"' : !supp && c === 'STUDYID' ? ' KeySequence="1"' : '';
      return `<ItemRef ItemOID="IT.${d.name}.${c}" OrderNumber="${i + 1}" Mandatory="${['STUDYID', 'DOMAIN', 'RDOMAIN', 'USUBJID', `${d.name}SEQ`, `${d.name}TESTCD`, 'QNAM', 'QVAL'].includes(c) ? 'Yes' : 'No'}"${keySeq}/>`;
    });
    groups.push(
      `<ItemGroupDef OID="IG.${d.name}" Name="${d.name}" SASDatasetName="${d.name}" Repeating="Yes" IsReferenceData="No" Purpose="Tabulation" ` +
        `def:Structure="${supp ? 'One record per IDVAR, IDVARVAL, and QNAM value per subject' : 'One record per finding per subject per visit per evaluator'}" ` +
        `def:StandardOID="STD.SDTMIG" def:ArchiveLocationID="LF.${d.name}">` +
        description(d.label) + refs.join('') +
        `<def:Class Name="${supp ? 'RELATIONSHIP' : 'FINDINGS'}"/>` +
        `<def:leaf ID="LF.${d.name}" xlink:href="${d.name.toLowerCase()}.xpt"><def:title>${d.name.toLowerCase()}.xpt</def:title></def:leaf></ItemGroupDef>`,
    );
    for (const c of d.columns) {
      const numeric = d.numeric.has(c);
      const type = numeric ? (INTEGER.test(c) ? 'integer' : 'float') : c.endsWith('DTC') ? 'date' : 'text';
      const codeList = c === 'TRTESTCD' ? '<CodeListRef CodeListOID="CL.TRTESTCD"/>' : c === 'EPOCH' ? '<CodeListRef CodeListOID="CL.EPOCH"/>' : '';
      items.push(
        `<ItemDef OID="IT.${d.name}.${c}" Name="${c}" DataType="${type}" Length="${numeric ? 8 : cellLength(d.rows, c)}" SASFieldName="${c}">` +
          description(variableLabel(supp ? 'Q' : d.name, c)) + codeList +
          `<def:Origin Type="${['STUDYID', 'DOMAIN', 'RDOMAIN', 'USUBJID'].includes(c) || c.endsWith('SEQ') ? 'Assigned' : 'Collected'}"${c.endsWith('SEQ') || c === 'DOMAIN' ? '' : ' Source="Investigator"'}/></ItemDef>`,
      );
    }
  }
  const trTestCd = Object.entries(TR_TEST)
    .map(([code, name], i) => `<CodeListItem CodedValue="${code}" OrderNumber="${i + 1}"${SPONSOR_TR_TESTS.has(code) ? ' def:ExtendedValue="Yes"' : ''}><Decode><TranslatedText xml:lang="en">${xml(name)}</TranslatedText></Decode></CodeListItem>`)
    .join('');
  const epochs = EPOCHS.map((e, i) => `<EnumeratedItem CodedValue="${xml(e)}" OrderNumber="${i + 1}"/>`).join('');
  const stamp = created.toISOString().slice(0, 19);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<ODM xmlns="http://www.cdisc.org/ns/odm/v1.3" xmlns:def="http://www.cdisc.org/ns/def/v2.1" xmlns:xlink="http://www.w3.org/1999/xlink" ` +
      `ODMVersion="1.3.2" FileType="Snapshot" FileOID="DEF.${xml(studyId)}.SDTM" CreationDateTime="${stamp}" SourceSystem="mrecist" def:Context="Submission">`,
    `<Study OID="ST.${xml(studyId)}"><GlobalVariables><StudyName>${xml(studyId)}</StudyName><StudyDescription>${xml(studyId)} imaging response (TU, TR, RS)</StudyDescription><ProtocolName>${xml(studyId)}</ProtocolName></GlobalVariables>`,
    `<MetaDataVersion OID="MDV.${xml(studyId)}.SDTM" Name="${xml(studyId)} SDTM" def:DefineVersion="2.1.0">`,
    '<def:Standards><def:Standard OID="STD.SDTMIG" Name="SDTMIG" Type="IG" Version="3.4" Status="Final"/>' +
      '<def:Standard OID="STD.CT" Name="CDISC/NCI" Type="CT" PublishingSet="SDTM" Version="2024-03-29" Status="Final"/></def:Standards>',
    ...groups,
    ...items,
    `<CodeList OID="CL.TRTESTCD" Name="Tumor or Lesion Properties Test Code" DataType="text" def:StandardOID="STD.CT">${trTestCd}</CodeList>`,
    `<CodeList OID="CL.EPOCH" Name="Epoch" DataType="text" def:StandardOID="STD.CT">${epochs}</CodeList>`,
    '</MetaDataVersion></Study></ODM>',
    '',
  ].join('\n');
}
