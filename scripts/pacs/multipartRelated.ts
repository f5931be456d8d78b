/**
 * Splits a multipart/related body (RFC 2387) into its parts: how WADO-RS returns frames and instances.
 * Binary-safe (works on bytes, not text); part headers are parsed as Latin-1, as RFC 2046 headers are ASCII.
 */
export interface MultipartPart {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
}

export function boundaryOf(contentType: string): string {
  const match = /boundary="?([^";]+)"?/i.exec(contentType);
  if (!match) throw new Error(`multipart: no boundary in Content-Type "${contentType}"`);
  return match[1];
}

export function parseMultipartRelated(body: Uint8Array, contentType: string): MultipartPart[] {
  const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const delimiter = Buffer.from(`--${boundaryOf(contentType)}`, 'latin1');
  const parts: MultipartPart[] = [];
  let position = buffer.indexOf(delimiter);
  if (position < 0) throw new Error('multipart: the boundary never occurs in the body');
  for (;;) {
    position += delimiter.length;
    if (buffer.subarray(position, position + 2).toString('latin1') === '--') break; // closing delimiter
    position += 2; // CRLF after the delimiter
    const headerEnd = buffer.indexOf('\r\n\r\n', position, 'latin1');
    if (headerEnd < 0) throw new Error('multipart: a part has no end of headers');
    const headers: Record<string, string> = {};
    for (const line of buffer.subarray(position, headerEnd).toString('latin1').split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const next = buffer.indexOf(delimiter, headerEnd + 4);
    if (next < 0) throw new Error('multipart: the last part is not closed');
    // The CRLF before the next delimiter belongs to the delimiter, not to the body.
    parts.push({ headers, body: new Uint8Array(buffer.subarray(headerEnd + 4, next - 2)) });
    position = next;
  }
  return parts;
}
