import { AppError } from "@/lib/errors";
import { MAX_IMPORT_BYTES, MAX_IMPORT_LABEL } from "./limits";

/**
 * Reads an import request's JSON body. The article itself may be 2 MB (lib/import/limits.ts), and JSON
 * escaping can double HTML's size, so the body may be up to 5 MB; the article's own size is checked after.
 */
export async function readImportJson(req: Request): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > MAX_IMPORT_BYTES * 2.5) throw new AppError("PAYLOAD_TOO_LARGE", `The article is larger than ${MAX_IMPORT_LABEL}. Import a shorter text.`);
  const raw = await req.text();
  if (raw.length > MAX_IMPORT_BYTES * 2.5) throw new AppError("PAYLOAD_TOO_LARGE", `The article is larger than ${MAX_IMPORT_LABEL}. Import a shorter text.`);
  if (!raw.trim()) throw new AppError("INVALID", "The request has no body: send a JSON object.");
  try {
    return JSON.parse(raw);
  } catch {
    throw new AppError("INVALID", "The request body is not valid JSON.");
  }
}
