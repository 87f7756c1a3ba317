import "server-only";
import { AppError } from "@/lib/errors";
import { readGuardedJson } from "@/lib/http/request-guard";

/** Account requests are small: a name, an email, a password. */
const ACCOUNT_LIMITS = { maxBytes: 16 * 1024, maxDepth: 8, tooLargeMessage: "The request is too large." };

/** The JSON object of an account request, through the same cross-site and media type checks as every write. */
export async function readJsonBody(req: Request): Promise<unknown> {
  const body = await readGuardedJson(req, ACCOUNT_LIMITS);
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new AppError("INVALID", "Send the fields as a JSON object.");
  return body;
}
