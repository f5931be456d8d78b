/**
 * TID 1002 Observer Context with TID 1003 Person Observer Identifying Attributes (DICOM PS3.16): Observer Type
 * (121005) = Person (121006); Person Observer Name (121008); Identifier within Person Observer's Role (128775),
 * e.g. "Reader 1" or "Adjudicator". One SR per reader per read (response-criteria.md section 8, 10).
 * When that text names a role of CID 7453 Performing Roles ("Reader…", "Adjudicator…"), Person Observer's Role in
 * this Procedure (121011) carries the coded role (NCIt C28747 Reader, C96561 Adjudicator) for other systems; the
 * text stays the record, and the coded row is derived from it, so reading ignores it.
 */
import { SrContentError } from '../errors';
import type { Reader } from '../criteria/types';
import { DCM, NCIT, sameCode, type Code } from './codes';
import type { ContentItem } from './ContentItem';
import { findOptional } from './findContentItem';

/** The CID 7453 role a role text names, if any. */
export function performingRole(role: string): Code | undefined {
  if (/^\s*adjudicator\b/i.test(role)) return NCIT.Adjudicator;
  if (/^\s*reader\b/i.test(role)) return NCIT.Reader;
  return undefined;
}

export class ObserverContext {
  private constructor(readonly reader: Readonly<Reader>) {}

  static create(reader: Reader, file: string): ObserverContext {
    const name = reader?.name;
    if (typeof name !== 'string' || name.trim() === '')
      throw new SrContentError(file, 'Person Observer Name (121008)', 'missing: the report must name its reader');
    // PN: five components separated by "^", groups by "=", values by "\\"; 64 characters per group.
    if (/[\\\r\n=]/.test(name) || name.length > 64)
      throw new SrContentError(file, 'Person Observer Name (121008)', `not a DICOM person name (PN): "${name}"`);
    if (reader.role !== undefined && (reader.role.trim() === '' || /[\r\n]/.test(reader.role)))
      throw new SrContentError(file, "Identifier within Person Observer's Role (128775)", `must be one line of text, got "${reader.role}"`);
    return new ObserverContext(reader.role === undefined ? { name } : { name, role: reader.role });
  }

  toContentItems(): ContentItem[] {
    const rel = 'HAS OBS CONTEXT' as const;
    const items: ContentItem[] = [
      { relationship: rel, valueType: 'CODE', concept: DCM.ObserverType, code: DCM.Person },
      { relationship: rel, valueType: 'PNAME', concept: DCM.PersonObserverName, personName: this.reader.name },
    ];
    if (this.reader.role !== undefined) {
      const coded = performingRole(this.reader.role);
      if (coded) items.push({ relationship: rel, valueType: 'CODE', concept: DCM.PersonObserversRoleInThisProcedure, code: coded });
      items.push({ relationship: rel, valueType: 'TEXT', concept: DCM.IdentifierWithinPersonObserversRole, text: this.reader.role });
    }
    return items;
  }

  /** The person observer among the root's children, or undefined when the report names only a device. */
  static fromContentItems(items: readonly ContentItem[], file: string): ObserverContext | undefined {
    const type = findOptional(items, DCM.ObserverType, 'CODE', file);
    if (type && !sameCode(type.code, DCM.Person)) return undefined;
    const name = findOptional(items, DCM.PersonObserverName, 'PNAME', file);
    if (!name) return undefined;
    const role = findOptional(items, DCM.IdentifierWithinPersonObserversRole, 'TEXT', file);
    return ObserverContext.create(role ? { name: name.personName, role: role.text } : { name: name.personName }, file);
  }
}
