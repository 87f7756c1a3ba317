import "server-only";
import { AppError } from "@/lib/errors";

const MAX_BODY_BYTES = 16 * 1024;

/**
 * Reads the JSON body of an account request. Only JSON is accepted: a cross-site page can send a
 * form or text/plain with the user's cookies, but not application/json without a CORS preflight,
 * which this app never grants. A request whose Origin names another host is refused as well.
 */
export async function readJsonBody(req: Request): Promise<unknown> {
  const origin = req.headers.get("origin");
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (origin && host) {
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = null;
    }
    if (originHost !== host) throw new AppError("FORBIDDEN", "Cross-site requests are not accepted.");
  }
  if (!(req.headers.get("content-type") ?? "").includes("application/json")) {
    throw new AppError("INVALID", "Send the request body as JSON (Content-Type: application/json).");
  }
  const raw = await req.text();
  if (raw.length > MAX_BODY_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "The request is too large.");
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new AppError("INVALID", "The request body is not valid JSON.");
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new AppError("INVALID", "Send the fields as a JSON object.");
  return body;
}
