import { AppError } from "@/lib/errors";
import { parseMediaType, readBoundedText } from "@/lib/http/request-guard";
import { ZCredentials } from "./credentials";

const MAX_BODY_BYTES = 16 * 1024;

/** Validates the raw body of a credentials sign-in request; throws INVALID with the reason. */
export async function checkSignInRequest(req: Request): Promise<void> {
  const raw = await readBoundedText(req, MAX_BODY_BYTES, "The sign-in request is too large.");
  const type = parseMediaType(req.headers.get("content-type"))?.essence;
  let fields: Record<string, unknown>;
  if (type === "application/json") {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not an object");
      fields = parsed as Record<string, unknown>;
    } catch {
      throw new AppError("INVALID", "The request body is not valid JSON: send an object with email and password.");
    }
  } else if (type === "application/x-www-form-urlencoded") {
    fields = Object.fromEntries(new URLSearchParams(raw));
  } else {
    throw new AppError("INVALID", "Send the sign-in as a form (application/x-www-form-urlencoded) or as JSON.");
  }
  const result = ZCredentials.safeParse({ email: fields.email ?? "", password: fields.password ?? "" });
  if (!result.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of result.error.issues) (fieldErrors[String(issue.path[0])] ??= []).push(issue.message);
    throw new AppError("INVALID", result.error.issues[0]?.message ?? "Invalid sign-in request.", fieldErrors);
  }
}
