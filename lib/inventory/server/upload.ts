import "server-only";
import type { NextRequest } from "next/server";
import { AppError, badRequest } from "@/lib/http/errors";
import { readCapped } from "@/lib/http/server/read-capped";
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

const tooLarge = () =>
  new AppError(
    "PAYLOAD_TOO_LARGE",
    `The files are larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB together.`,
  );

export async function readUpload(request: NextRequest): Promise<NewUpload> {
  if (!MULTIPART.test(request.headers.get("content-type") ?? ""))
    throw new AppError(
      "UNSUPPORTED_MEDIA_TYPE",
      "Send the files as multipart/form-data, each in a part named file, with a field source.",
    );
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_UPLOAD_BYTES + ENVELOPE_BYTES) throw tooLarge();
  // Counted as it arrives: a chunked body declares no length, and is cut off at the limit.
  const body = new Uint8Array(await readCapped(request.body, MAX_UPLOAD_BYTES + ENVELOPE_BYTES, tooLarge));
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
