/**
 * The body of the first part of a multipart/related response (RFC 2387), as WADO-RS returns an instance.
 * Browser-safe (bytes, no Buffer). A body that is not multipart is returned as it is.
 */

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

export function multipartFirstPart(body: Uint8Array, contentType: string): Uint8Array {
  if (!/^multipart\//i.test(contentType.trim())) return body;
  const match = /boundary="?([^";]+)"?/i.exec(contentType);
  if (!match) throw new Error(`multipart response without a boundary (Content-Type "${contentType}")`);
  const encoder = new TextEncoder();
  const start = indexOf(body, encoder.encode(`--${match[1]}`), 0);
  if (start < 0) throw new Error('multipart response: the boundary never occurs in the body');
  const headersEnd = indexOf(body, encoder.encode('\r\n\r\n'), start);
  if (headersEnd < 0) throw new Error('multipart response: the first part has no header end');
  const end = indexOf(body, encoder.encode(`\r\n--${match[1]}`), headersEnd + 4);
  if (end < 0) throw new Error('multipart response: the first part is not closed');
  return body.subarray(headersEnd + 4, end);
}
