import { Readable } from "node:stream";
import { parser } from "stream-json";
import { Assembler } from "stream-json/assembler.js";
import type { UploadedFile } from "./coe";
import { type ImportError, type ParseEvent, UnreadableFileError } from "./records";
import { asObject, connectionFromRest, flowFromRest } from "./rest-shapes";
import { decodeText, peekText } from "./text";
import { secretMessage } from "./values";

// Admin PowerShell exports: `Get-AdminFlow | ConvertTo-Json -Depth 10 | Out-File flows.json` and
// the same with Get-AdminPowerAppConnection. Windows PowerShell writes UTF-16 LE with a BOM and
// CRLF; the file is an array of objects (one object when there was one). Streamed: one item
// is assembled at a time.

/** What ConvertTo-Json writes in place of an object deeper than -Depth. */
const CUT =
  /^(@\{.*\}|System\.Collections\.(Hashtable|Generic\.[\w.`[\]]+)|System\.Object\[\]|System\.Management\.Automation\.PSCustomObject)$/s;

function findCut(value: unknown, path: string): string | null {
  if (typeof value === "string") return CUT.test(value.trim()) ? path : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findCut(item, `${path}[${index}]`);
      if (found) return found;
    }
    return null;
  }
  const object = asObject(value);
  if (!object) return null;
  for (const [key, item] of Object.entries(object)) {
    const found = findCut(item, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return null;
}

const EXPORT_AGAIN = {
  flow: "Get-AdminFlow | ConvertTo-Json -Depth 10 | Out-File flows.json",
  connection: "Get-AdminPowerAppConnection | ConvertTo-Json -Depth 10 | Out-File connections.json",
};

function kindOf(item: Record<string, unknown>): "flow" | "connection" | null {
  const internal = asObject(item.Internal) ?? item;
  const id = typeof internal.id === "string" ? internal.id : "";
  if ("FlowName" in item || /\/flows\/[^/]+$/i.test(id)) return "flow";
  if ("ConnectionName" in item || "ConnectorName" in item || /\/connections\/[^/]+$/i.test(id))
    return "connection";
  return null;
}

export async function* parsePowerShellExport(files: readonly UploadedFile[]): AsyncGenerator<ParseEvent> {
  for (const upload of files) {
    try {
      yield* parseFile(upload);
    } catch (error) {
      const message =
        error instanceof UnreadableFileError
          ? error.message
          : `${upload.file} cannot be read: ${error instanceof Error ? error.message : String(error)}`;
      yield { type: "unreadable", error: { file: upload.file, row: null, column: null, message } };
      return;
    }
  }
}

type Token = { name: string; value?: unknown };

async function* parseFile({ file, open }: UploadedFile): AsyncGenerator<ParseEvent> {
  const { head, text } = await peekText(decodeText(open(), file), 4096);
  const start = head.trimStart()[0];
  if (start === undefined) throw new UnreadableFileError(file, `${file} is empty.`);
  if (start !== "[" && start !== "{")
    throw new UnreadableFileError(
      file,
      /[,;\t]/.test(head.split(/\r?\n/, 1)[0] ?? "")
        ? `${file} is CSV, not JSON: upload it as a CoE export or a Preflight template.`
        : `${file} is not JSON: export with ${EXPORT_AGAIN.flow}.`,
    );

  const tokens = Readable.from(text).pipe(parser.asStream({ packValues: true, streamValues: false }));
  let item = 0;
  let depth = 0;
  /** The depth at which items start: 1 in a top-level array, 2 in a {"value": [...]} wrapper, 0 for one object. */
  let itemDepth = -1;
  let pendingTop = false;
  let assembler: Assembler | null = null;
  const error = (message: string, column: string | null = null): ParseEvent => ({
    type: "error",
    error: { file, row: item, column, message } satisfies ImportError,
  });
  try {
    for await (const token of tokens as AsyncIterable<Token>) {
      if (assembler) {
        assembler.consume(token as never);
        if (assembler.done) {
          const value = assembler.current;
          assembler = null;
          yield* readItem(value, file, item, error);
        }
        if (token.name === "endObject" || token.name === "endArray") depth -= 1;
        else if (token.name === "startObject" || token.name === "startArray") depth += 1;
        continue;
      }
      if (pendingTop) {
        pendingTop = false;
        if (token.name === "keyValue" && token.value === "value") {
          itemDepth = 2;
          continue;
        }
        // One object at the top: it is the only item.
        item = 1;
        assembler = new Assembler();
        assembler.consume({ name: "startObject" } as never);
        assembler.consume(token as never);
        if (token.name === "endObject") {
          depth -= 1;
          assembler = null;
          yield error("The object is empty.");
        }
        continue;
      }
      if (token.name === "startObject" || token.name === "startArray") {
        if (depth === 0) {
          depth = 1;
          if (token.name === "startArray") itemDepth = 1;
          else pendingTop = true;
          continue;
        }
        if (depth === itemDepth && token.name === "startObject") {
          item += 1;
          depth += 1;
          assembler = new Assembler();
          assembler.consume(token as never);
          continue;
        }
        depth += 1;
        if (depth - 1 === itemDepth) {
          item += 1;
          yield error("The item is not an object.");
        }
        continue;
      }
      if (token.name === "endObject" || token.name === "endArray") {
        depth -= 1;
        continue;
      }
      if (depth === itemDepth && token.name !== "keyValue") {
        item += 1;
        yield error("The item is not an object.");
      }
    }
  } catch (failure) {
    if (failure instanceof UnreadableFileError) throw failure;
    if (item === 0) throw new UnreadableFileError(file, `${file} is not valid JSON.`);
    yield broken(file, assembler ? item : item + 1);
    return;
  }
  if (assembler || depth > 0) yield broken(file, item);
}

function broken(file: string, row: number): ParseEvent {
  return {
    type: "error",
    error: {
      file,
      row,
      column: null,
      message: "The JSON is broken from this item on (a cut-off file?); the rest of the file is not read.",
    },
  };
}

function* readItem(
  value: unknown,
  file: string,
  item: number,
  error: (message: string, column?: string | null) => ParseEvent,
): Generator<ParseEvent> {
  const object = asObject(value);
  if (!object) {
    yield error("The item is not an object.");
    return;
  }
  const kind = kindOf(object);
  if (!kind) {
    yield error("Neither a flow (Get-AdminFlow) nor a connection (Get-AdminPowerAppConnection).");
    return;
  }
  const cut = findCut(object, "");
  if (cut) {
    // Every item of the file was cut the same way: nothing in it is usable.
    throw new UnreadableFileError(
      file,
      `${file} was exported without enough -Depth: ConvertTo-Json wrote ${cut} of item ${item} as text ("@{…}" or "System.Collections.Hashtable"). Export again with: ${EXPORT_AGAIN[kind]}`,
    );
  }
  const raw = asObject(object.Internal) ?? object;
  const record = kind === "flow" ? flowFromRest(raw, object) : connectionFromRest(raw, object);
  if (typeof record === "string") {
    yield error(record);
    return;
  }
  if (record.kind === "flow") {
    const secret = secretMessage("DisplayName", record.displayName);
    if (secret) {
      yield error(secret, "DisplayName");
      return;
    }
  }
  yield { type: "record", record };
}
