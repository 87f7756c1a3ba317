// Where to send the browser after sign-in (issue 12, item 2: open redirect). A prefix check on the
// raw text is not enough: browsers drop tabs and newlines from URLs and read a backslash as a slash,
// so "/\t/evil.example" becomes "//evil.example", another host. The value is resolved the way a
// browser would, against the app's own origin, and only a path on that origin is kept.
import { originOf } from "@/lib/http/request-guard";

/** Stands in for the app's origin when none is configured; only the comparison needs one. */
const FALLBACK_ORIGIN = "http://factmark.invalid";


/** The app's own origin: NEXTAUTH_URL (README, "Configuration"). */
export function ownOrigin(env: Record<string, string | undefined> = process.env): string {
  return originOf(env.NEXTAUTH_URL) ?? FALLBACK_ORIGIN;
}

/**
 * A same-origin path (with its query and fragment) to follow after sign-in, or "/" for anything
 * that would leave the app. The result is a serialized URL path, so it is safe in a Location header.
 */
export function safeCallbackPath(raw: string | string[] | undefined | null, origin: string = ownOrigin()): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value) return "/";
  const base = originOf(origin) ?? FALLBACK_ORIGIN;
  let resolved: URL;
  try {
    resolved = new URL(value, base);
  } catch {
    return "/";
  }
  if (resolved.origin !== base) return "/";
  // A path that starts with two slashes reads as another host when used as a relative URL.
  return resolved.pathname.replace(/^\/+/, "/") + resolved.search + resolved.hash;
}
