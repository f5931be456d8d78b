/**
 * Bad input from outside (files, DICOM, case files, charters) throws a subclass of InputError.
 * Its message is one line naming the file and the attribute or field at fault:
 *   `P12/SR.dcm: Time Point Order (126073): must be an integer ≥ 1, got 0`
 * Programming mistakes stay plain `Error`. Only the CLI and the OHIF glue turn an InputError into
 * output for a person (stderr, notification); core never logs.
 */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${file}: ${field}: ${problem}`.replace(/[\r\n]+/g, ' '));
    this.name = new.target.name;
  }
}

/** A DICOM object is malformed or inconsistent (RT Plan, RT Dose, RT Structure Set, CT series). */
export class DicomInputError extends InputError {}

/** A structured report's content tree breaks TID 1500 or our profile of it. */
export class SrContentError extends InputError {}

/** A case file or charter violates schema version 1 or the criteria's rules. */
export class CriteriaInputError extends InputError {}

/** A command-line argument is missing or malformed. The `file` slot names the flag. */
export class UsageError extends InputError {}

export function isInputError(e: unknown): e is InputError {
  return e instanceof InputError;
}
