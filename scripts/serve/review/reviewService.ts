/**
 * The central review's actions on the server: storing a reader's read (checked, attributed, audited), the
 * comparison once both reads are signed off, the adjudicator's endorsement (audit record, re-issued SR, release
 * to the clinical PACS), and what each user may know of a case. State lives in the audit log (ReviewLedger is
 * rebuilt from it at start); the SRs live in the PACS.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { checkAdjudication } from '../../../extensions/mrecist/src/core/review/adjudication';
import { adjudicationRecord, parseAuditLog, type AdjudicationRecord, type AuditRecord, type ReadStoredRecord } from '../../../extensions/mrecist/src/core/review/auditLog';
import { Blinding } from '../../../extensions/mrecist/src/core/review/blinding';
import { endorsedReport } from '../../../extensions/mrecist/src/core/review/endorsedReport';
import { ReviewLedger, type StoredRead } from '../../../extensions/mrecist/src/core/review/reviewLedger';
import type { ReviewCase, ReviewConfig, ReviewUser } from '../../../extensions/mrecist/src/core/review/reviewConfig';
import { decodeDicom } from '../../../extensions/mrecist/src/core/dicom/DicomDataset';
import { newUid } from '../../../extensions/mrecist/src/core/dicom/uid';
import { readSr } from '../../../extensions/mrecist/src/core/sr/srFromCaseFile';
import { isInputError } from '../../../extensions/mrecist/src/core/errors';
import { appendToAuditLog } from '../../../extensions/mrecist/src/cli/commands/adjudicate';
import { parseMultipartRelated } from '../../pacs/multipartRelated';
import { STOW_TAGS } from '../../pacs/stowInstances';
import type { ReviewPacs } from './reviewPacs';
import type { CaseView, ReadView } from '../../../extensions/mrecist/src/core/review/caseView';

export type { CaseView, ReadView };

/** An answer for the HTTP layer: status and a JSON (or text) body. */
export interface ServiceAnswer {
  readonly status: number;
  readonly json?: unknown;
  readonly text?: string;
}

const refuse = (status: number, text: string): ServiceAnswer => ({ status, text: `${text.replace(/[\r\n]+/g, ' ')}\n` });
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export class ReviewService {
  readonly ledger: ReviewLedger;
  readonly blinding: Blinding;
  private readonly records: AuditRecord[];

  constructor(
    readonly config: ReviewConfig,
    readonly auditPath: string,
    readonly pacs: ReviewPacs,
    private readonly now: () => Date = () => new Date(),
  ) {
    // A log that does not verify stops the server at start (InputError, one line naming the broken line).
    this.records = existsSync(auditPath) ? parseAuditLog(readFileSync(auditPath, 'utf8'), auditPath).records : [];
    this.ledger = ReviewLedger.fromRecords(config, this.records);
    this.blinding = new Blinding(config, this.ledger);
  }

  get auditRecords(): readonly AuditRecord[] {
    return this.records;
  }

  audit(record: AuditRecord): void {
    appendToAuditLog(this.auditPath, record, 'auditLog');
    this.records.push(record);
    this.ledger.add(record);
  }

  at(): string {
    return this.now().toISOString();
  }

  /** STOW-RS by a reader: only SRs of their own assigned case, naming them as observer, never overwriting. */
  async storeReads(user: ReviewUser, body: Uint8Array, contentType: string, pathStudy: string | undefined): Promise<ServiceAnswer> {
    if (user.role !== 'reader') return refuse(403, 'only readers store reads; the adjudicator endorses through /review/api/cases/<patient>/endorse');
    let parts;
    try {
      parts = parseMultipartRelated(body, contentType);
    } catch (e) {
      return refuse(400, `STOW-RS body: ${(e as Error).message}`);
    }
    if (parts.length === 0) return refuse(400, 'STOW-RS body: no part');
    const accepted: Omit<ReadStoredRecord, 'at'>[] = [];
    for (const [i, part] of parts.entries()) {
      const source = `STOW part ${i + 1}`;
      let report, dataset;
      try {
        report = readSr(part.body, source);
        dataset = decodeDicom(part.body, source);
      } catch (e) {
        return refuse(403, isInputError(e) ? `only reads (our SR reports) can be stored in review mode: ${e.message}` : `${source}: not a DICOM object`);
      }
      const patientId = report.caseFile.patientId;
      const c = this.config.caseOf(patientId);
      if (!c || !c.readers.includes(user.id)) return refuse(403, `${source}: patient ${patientId} is not among your cases`);
      const study = report.instance.studyInstanceUid;
      if (pathStudy !== undefined && pathStudy !== study) return refuse(403, `${source}: the SR belongs to study ${study}, not to ${pathStudy}`);
      if ((await this.pacs.studyPatient(study)) !== patientId) return refuse(403, `${source}: study ${study} is not an imaging study of patient ${patientId}`);
      const observer = report.caseFile.reader?.name ?? '';
      if (observer !== user.name) return refuse(403, `${source}: the read names "${observer}" as its observer, not you ("${user.name}")`);
      const signedOff = report.signOff !== undefined;
      if (signedOff && report.signOff!.by !== user.name) return refuse(403, `${source}: the read is verified by "${report.signOff!.by}", not by you ("${user.name}")`);
      if (signedOff && dataset.optionalString('CompletionFlag') !== 'COMPLETE') return refuse(403, `${source}: a VERIFIED read must be COMPLETE (Completion Flag)`);
      if (await this.pacs.instance(report.instance.sopInstanceUid)) return refuse(409, `${source}: SOP Instance ${report.instance.sopInstanceUid} is stored already: a read is never overwritten`);
      if (this.ledger.closedToReaders(c)) return refuse(409, `${source}: patient ${patientId}: both reads are signed off and with the adjudicator: reads are closed`);
      const previous = this.ledger.latest(patientId, user.id);
      accepted.push({
        event: signedOff ? 'sign-off' : previous?.signedOff ? 'amendment' : 'save',
        user: user.id,
        patientId,
        reader: observer,
        studyInstanceUid: study,
        seriesInstanceUid: report.instance.seriesInstanceUid,
        sopInstanceUid: report.instance.sopInstanceUid,
        sha256: sha256(part.body),
      });
    }
    const stored = await this.pacs.stow(parts.map((p) => p.body));
    const referenced = new Set(
      ((stored.response[STOW_TAGS.ReferencedSOPSequence]?.Value ?? []) as Record<string, { Value?: unknown[] }>[]).map((item) => String(item['00081155']?.Value?.[0] ?? '')),
    );
    for (const record of accepted) if (stored.status === 200 || referenced.has(record.sopInstanceUid)) this.audit({ ...record, at: this.at() } as ReadStoredRecord);
    for (const patientId of new Set(accepted.map((r) => r.patientId))) await this.compareWhenSignedOff(this.config.caseOf(patientId)!);
    return { status: stored.status, json: stored.response };
  }

  private async readBytes(read: StoredRead): Promise<Uint8Array> {
    return this.pacs.retrieve(read.studyInstanceUid, read.seriesInstanceUid, read.sopInstanceUid);
  }

  private async check(c: ReviewCase, pair: readonly [StoredRead, StoredRead]) {
    const [a, b] = await Promise.all(pair.map((r) => this.readBytes(r)));
    const sources = pair.map((r) => `${r.reader} (SR ${r.sopInstanceUid})`);
    const check = checkAdjudication(
      { source: sources[0], caseFile: readSr(a, sources[0]).caseFile },
      { source: sources[1], caseFile: readSr(b, sources[1]).caseFile },
      { criteria: this.config.criteria },
    );
    return { check, bytes: [a, b] as const, sha: [pair[0].sha256, pair[1].sha256] as const, patientId: c.patientId };
  }

  /** The adjudication trigger: once both reads are signed off, their comparison enters the log. */
  private async compareWhenSignedOff(c: ReviewCase): Promise<void> {
    const pair = this.ledger.signedOffPair(c);
    if (!pair || this.ledger.comparison(c)) return;
    try {
      const { check, sha } = await this.check(c, pair);
      this.audit(adjudicationRecord(check, sha, this.at()));
    } catch (e) {
      // The case then shows "awaiting adjudication": the adjudicator sees both reads and decides.
      process.stderr.write(`review: patient ${c.patientId}: the two reads could not be compared: ${(e as Error).message}\n`);
    }
  }

  /** The adjudicator endorses read A or B with a reason (an amendment when the case was endorsed already). */
  async endorse(user: ReviewUser, patientId: string, body: { read?: unknown; reason?: unknown; amendment?: unknown }): Promise<ServiceAnswer> {
    const c = this.config.caseOf(patientId);
    if (!c || !this.blinding.patientAssigned(user, patientId)) return refuse(404, 'not found');
    if (c.adjudicator !== user.id) return refuse(403, `only the adjudicator of patient ${patientId} endorses`);
    const read = typeof body.read === 'string' ? body.read.trim().toUpperCase() : '';
    if (read !== 'A' && read !== 'B') return refuse(400, 'read: expected "A" or "B"');
    if (typeof body.reason !== 'string') return refuse(400, 'reason: expected text');
    if (body.amendment !== undefined && typeof body.amendment !== 'string') return refuse(400, 'amendment: expected the reason of the amendment (text)');
    const pair = this.ledger.signedOffPair(c);
    if (!pair) return refuse(409, `patient ${patientId}: both reads must be signed off before an endorsement`);
    const { check, bytes, sha } = await this.check(c, pair);
    let record: AdjudicationRecord;
    try {
      record = adjudicationRecord(check, sha, this.at(), {
        endorsement: { read, reason: body.reason, adjudicator: user.name },
        previous: this.records,
        amendmentReason: body.amendment as string | undefined,
      });
    } catch (e) {
      if (isInputError(e)) return refuse(409, e.problem);
      throw e;
    }
    const index = read === 'A' ? 0 : 1;
    const reissued = endorsedReport({
      endorsed: bytes[index],
      other: bytes[1 - index],
      adjudicator: user.name,
      at: record.at,
      newUid: () => newUid(),
      endorsedSource: check.reads[index].source,
      otherSource: check.reads[1 - index].source,
    });
    const stored = await this.pacs.stow([reissued.bytes]);
    if (stored.status !== 200) return refuse(502, `the PACS did not store the endorsed report (HTTP ${stored.status}); nothing was recorded`);
    this.audit(record);
    this.audit({
      event: 'reissue',
      at: this.at(),
      user: user.id,
      patientId,
      reader: pair[index].reader,
      studyInstanceUid: reissued.instance.studyInstanceUid,
      seriesInstanceUid: reissued.instance.seriesInstanceUid,
      sopInstanceUid: reissued.instance.sopInstanceUid,
      sha256: sha256(reissued.bytes),
    });
    const release = await this.release(user, patientId, [reissued.bytes, ...(this.config.release?.reads === 'both' ? bytes : [])], [
      reissued.instance.sopInstanceUid,
      ...(this.config.release?.reads === 'both' ? pair.map((r) => r.sopInstanceUid) : []),
    ]);
    return { status: 200, json: { endorsement: record, reissued: reissued.instance, release } };
  }

  /** Configurable release: the endorsed read (or both reads too) to the clinical PACS. */
  private async release(user: ReviewUser, patientId: string, objects: readonly Uint8Array[], sops: readonly string[]): Promise<{ to: string; status: number } | undefined> {
    const policy = this.config.release;
    if (!policy) return undefined;
    try {
      const result = await this.pacs.stow(objects, policy.to);
      if (result.status === 200) this.audit({ event: 'release', at: this.at(), user: user.id, patientId, sopInstanceUids: sops, destination: policy.to });
      return { to: policy.to, status: result.status };
    } catch (e) {
      process.stderr.write(`review: release of patient ${patientId} to ${policy.to} failed: ${(e as Error).message}\n`);
      return { to: policy.to, status: 502 };
    }
  }

  caseView(user: ReviewUser, c: ReviewCase): CaseView {
    const isReader = c.readers.includes(user.id);
    const view = (label: ReadView['label'], r: StoredRead): ReadView => ({
      label,
      reader: r.reader,
      studyInstanceUid: r.studyInstanceUid,
      seriesInstanceUid: r.seriesInstanceUid,
      sopInstanceUid: r.sopInstanceUid,
      signedOff: r.signedOff,
      at: r.at,
    });
    const state = this.ledger.stateFor(c, user.id);
    if (isReader) return { patientId: c.patientId, role: 'reader', state, reads: this.ledger.readsOf(c.patientId, user.id).map((r) => view('own', r)) };
    const pair = this.ledger.signedOffPair(c);
    const endorsement = this.ledger.endorsement(c.patientId);
    const comparison = this.ledger.comparison(c);
    const reissued = this.ledger.readsOf(c.patientId, user.id).map((r) => view('endorsed', r));
    return {
      patientId: c.patientId,
      role: 'adjudicator',
      state,
      reads: pair ? [view('A', pair[0]), view('B', pair[1]), ...reissued] : reissued,
      ...(comparison ? { comparison: { criteria: comparison.criteria, adjudicationNeeded: comparison.adjudicationNeeded, differing: comparison.differing } } : {}),
      ...(endorsement?.endorsement ? { endorsement: { ...endorsement.endorsement, at: endorsement.at, ...(endorsement.amendment ? { amendment: endorsement.amendment } : {}) } } : {}),
    };
  }
}
