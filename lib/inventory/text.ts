import { UnreadableFileError } from "./records";

// Uploaded files arrive as bytes in any of the encodings Windows tools write: UTF-8 with or
// without a BOM (Excel's "CSV UTF-8", PowerShell 7), UTF-16 LE with a BOM (Windows PowerShell's
// Out-File, Excel's "Unicode text"), rarely UTF-16 BE. Decoded chunk by chunk, never whole.

const SIGNATURES: Array<{ bytes: number[]; what: string }> = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: "a ZIP archive (an Excel .xlsx workbook?)" },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: "an Office document (an Excel .xls workbook?)" },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: "a PDF document" },
  { bytes: [0x1f, 0x8b], what: "a gzip archive" },
];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

function detect(head: Uint8Array, file: string): { encoding: string; skip: number } {
  for (const signature of SIGNATURES) {
    if (startsWith(head, signature.bytes))
      throw new UnreadableFileError(
        file,
        `${file} is ${signature.what}, not a text file: save it as CSV UTF-8.`,
      );
  }
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return { encoding: "utf-8", skip: 3 };
  if (startsWith(head, [0xff, 0xfe])) return { encoding: "utf-16le", skip: 2 };
  if (startsWith(head, [0xfe, 0xff])) return { encoding: "utf-16be", skip: 2 };
  // UTF-16 without a BOM: ASCII text has every other byte zero.
  if (head.length >= 4 && head[0] !== 0 && head[1] === 0 && head[2] !== 0 && head[3] === 0)
    return { encoding: "utf-16le", skip: 0 };
  return { encoding: "utf-8", skip: 0 };
}

/** The text of a byte stream, chunk by chunk; throws UnreadableFileError for binary or non-UTF-8 input. */
export async function* decodeText(
  chunks: AsyncIterable<Uint8Array | string>,
  file: string,
): AsyncGenerator<string> {
  let head = new Uint8Array(0);
  let decoder: TextDecoder | undefined;
  let checked = false;
  const decode = (bytes: Uint8Array, stream: boolean): string => {
    try {
      const text = decoder!.decode(bytes, { stream });
      if (!checked && text.length > 0) {
        checked = true;
        if (text.includes("\u0000"))
          throw new UnreadableFileError(file, `${file} is a binary file, not CSV or JSON.`);
      }
      return text;
    } catch (error) {
      if (error instanceof UnreadableFileError) throw error;
      throw new UnreadableFileError(
        file,
        `${file} is not valid UTF-8 or UTF-16 text: save it as "CSV UTF-8" (Excel) or with -Encoding utf8 (PowerShell).`,
      );
    }
  };
  for await (const chunk of chunks) {
    const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
    if (!decoder) {
      const joined = new Uint8Array(head.length + bytes.length);
      joined.set(head);
      joined.set(bytes, head.length);
      head = joined;
      if (head.length < 4) continue;
      const { encoding, skip } = detect(head, file);
      decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
      const text = decode(head.subarray(skip), true);
      if (text) yield text;
      continue;
    }
    const text = decode(bytes, true);
    if (text) yield text;
  }
  if (!decoder) {
    if (head.length === 0) return;
    const { encoding, skip } = detect(head, file);
    decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
    const text = decode(head.subarray(skip), false);
    if (text) yield text;
    return;
  }
  const rest = decode(new Uint8Array(0), false);
  if (rest) yield rest;
}

/**
 * Splits a text stream after its first `size` characters (or its end): the head, to sniff a
 * format from, and the whole text again as a stream.
 */
export async function peekText(
  text: AsyncIterable<string>,
  size: number,
): Promise<{ head: string; text: AsyncGenerator<string> }> {
  const iterator = text[Symbol.asyncIterator]();
  const buffered: string[] = [];
  let length = 0;
  let done = false;
  while (length < size) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    buffered.push(next.value);
    length += next.value.length;
  }
  async function* replay(): AsyncGenerator<string> {
    yield* buffered;
    if (done) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { head: buffered.join(""), text: replay() };
}
