import "server-only";
import type { NextRequest } from "next/server";
import { AppError, badRequest } from "@/lib/http/errors";
import { unsafeTextProblem } from "@/lib/http/unsafe-text";
import { invalidInput } from "@/lib/http/validation";
import { ZUploadFields } from "@/lib/inventory/schemas";
import { MAX_UPLOAD_BYTES, type NewUpload } from "@/lib/inventory/server/imports";

// The upload of POST /api/v1/imports: multipart/form-data with parts named `file`, a field
// `source` and an optional `defaultDepartmentId`. A body that says it is larger than the limit
// is refused before it is read.

const MULTIPART = /^multipart\/form-data\s*;/i;
/** Room for the form's boundaries and fields beyond the files themselves. */
const ENVELOPE_BYTES = 64 * 1024;

export async function readUpload(request: NextRequest): Promise<NewUpload> {
  if (!MULTIPART.test(request.headers.get("content-type") ?? ""))
    throw new AppError(
      "UNSUPPORTED_MEDIA_TYPE",
      "Send the files as multipart/form-data, each in a part named file, with a field source.",
    );
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_UPLOAD_BYTES + ENVELOPE_BYTES)
    throw new AppError(
      "PAYLOAD_TOO_LARGE",
      `The files are larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB together.`,
    );
  // Counted as it arrives: a chunked body declares no length, and is cut off at the limit.
  const body = await readCapped(request, MAX_UPLOAD_BYTES + ENVELOPE_BYTES);
  let form: FormData;
  try {
    form = await new Response(body, {
      headers: { "content-type": request.headers.get("content-type")! },
    }).formData();
  } catch {
    throw badRequest("The body is not readable multipart/form-data.");
  }
  const fields = ZUploadFields.safeParse({
    source: form.get("source") ?? undefined,
    defaultDepartmentId: form.get("defaultDepartmentId") ?? undefined,
  });
  if (!fields.success) throw invalidInput(fields.error, "form fields");
  const files: NewUpload["files"] = [];
  for (const part of form.getAll("file")) {
    if (typeof part === "string")
      throw badRequest("file must be a file, not text.", { file: "Attach a file." });
    const name = part.name || `file ${files.length + 1}`;
    const problem =
      unsafeTextProblem(name) ?? (name.length > 255 ? "The file name is longer than 255 characters." : null);
    if (problem) throw badRequest(`file: ${problem}`, { file: problem });
    files.push({ name, content: new Uint8Array(await part.arrayBuffer()) });
  }
  return { ...fields.data, files };
}

async function readCapped(request: NextRequest, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new AppError(
        "PAYLOAD_TOO_LARGE",
        `The files are larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB together.`,
      );
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
