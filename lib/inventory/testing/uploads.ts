import { createReadStream, readdirSync } from "node:fs";
import path from "node:path";
import type { UploadedFile } from "../coe";
import type { ImportError, InventoryRecord, ParseEvent } from "../records";

/** The sample files shipped in docs/inventory/samples/<folder>. */
export const SAMPLES = path.resolve(__dirname, "../../../docs/inventory/samples");

export function sampleFiles(folder: string): UploadedFile[] {
  const directory = path.join(SAMPLES, folder);
  return readdirSync(directory)
    .sort()
    .map((name) => ({
      file: name,
      open: () => createReadStream(path.join(directory, name), { highWaterMark: 64 }),
    }));
}

/** An upload from text or bytes, delivered in small chunks so that every boundary is crossed. */
export function upload(file: string, content: string | Uint8Array, chunkSize = 7): UploadedFile {
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  return {
    file,
    open: async function* () {
      for (let at = 0; at < bytes.length; at += chunkSize) yield bytes.subarray(at, at + chunkSize);
    },
  };
}

export function utf16le(text: string, bom = true): Uint8Array {
  const body = Buffer.from(text, "utf16le");
  return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body;
}

export async function collect(events: AsyncIterable<ParseEvent>): Promise<{
  records: InventoryRecord[];
  errors: ImportError[];
  unreadable: ImportError[];
}> {
  const records: InventoryRecord[] = [];
  const errors: ImportError[] = [];
  const unreadable: ImportError[] = [];
  for await (const event of events) {
    if (event.type === "record") records.push(event.record);
    else if (event.type === "error") errors.push(event.error);
    else unreadable.push(event.error);
  }
  return { records, errors, unreadable };
}

export function ofKind<K extends InventoryRecord["kind"]>(
  records: InventoryRecord[],
  kind: K,
): Extract<InventoryRecord, { kind: K }>[] {
  return records.filter((record): record is Extract<InventoryRecord, { kind: K }> => record.kind === kind);
}
