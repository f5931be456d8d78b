/**
 * Text from files (DICOM strings, case-file names) is untrusted: an escape sequence in a Patient Name could
 * move the cursor, rewrite earlier lines or set the window title of the terminal it is printed on. Every C0 and
 * C1 control character (and DEL) is shown as \xNN instead, so a message stays one visible line.
 */
export function terminalText(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
