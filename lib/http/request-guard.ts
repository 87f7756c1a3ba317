// The one gate every cookie-authenticated write goes through (issue 12, item 1: cross-site request
// forgery). A page on another site, or on a sibling port or subdomain (which SameSite=Lax treats as
// the same site), can make the browser send the user's cookies with a form post or a no-cors fetch.
// Such a request can carry only text/plain, form-encoded or multipart bodies, and its Origin names
// the other page. So a write must (1) come from this app's own origin and (2) carry exactly
// application/json, which no cross-origin page can send without a CORS preflight this app never grants.
import { AppError } from "@/lib/errors";

/** RFC 9110 token characters. */
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const TYPE_AND_SUBTYPE = new RegExp(`^(${TOKEN})/(${TOKEN})$`);
const PARAMETER = new RegExp(`^(${TOKEN})=(${TOKEN}|"(?:[^"\\\\]|\\\\.)*")$`);

export type MediaType = { essence: string; parameters: Map<string, string> };

/**
 * Parses a Content-Type header strictly: `type/subtype` then `; name=value` parameters. Anything
 * else (`text/plain;application/json`, a bare word, an empty header) is null, never a guess.
 */
export function parseMediaType(header: string | null): MediaType | null {
  if (!header) return null;
  const [head, ...rest] = header.split(";");
  const match = TYPE_AND_SUBTYPE.exec(head.trim());
  if (!match) return null;
  const parameters = new Map<string, string>();
  for (const part of rest) {
    const parameter = PARAMETER.exec(part.trim());
    if (!parameter) return null;
    const value = parameter[2].startsWith('"') ? parameter[2].slice(1, -1).replace(/\\(.)/g, "$1") : parameter[2];
    parameters.set(parameter[1].toLowerCase(), value);
  }
  return { essence: `${match[1]}/${match[2]}`.toLowerCase(), parameters };
}

/** 415 unless the body is declared as exactly application/json (JSON is UTF-8: RFC 8259). */
export function assertJsonMediaType(req: Request): void {
  const type = parseMediaType(req.headers.get("content-type"));
  const onlyUtf8 = type !== null && [...type.parameters].every(([name, value]) => name === "charset" && value.toLowerCase() === "utf-8");
  if (!type || type.essence !== "application/json" || !onlyUtf8) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the request body as JSON, with the header Content-Type: application/json.");
  }
}

export function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** The public origins the app is configured with (README, "Configuration"). */
export function configuredOrigins(env: Record<string, string | undefined> = process.env): string[] {
  return [env.NEXTAUTH_URL, env.FACTMARK_PUBLIC_URL].map(originOf).filter((o): o is string => o !== null);
}

/**
 * Whether `origin` is this app. The configured public origins count, and so does the host the
 * browser addressed (the Host header): a browser sets Host itself, and the session cookie is bound
 * to that host, so a request with the user's cookies and a matching Origin came from a page of this
 * app. X-Forwarded-Host is never consulted: any client can write it.
 */
export function isOwnOrigin(origin: string, req: Request, ownOrigins: string[] = configuredOrigins()): boolean {
  if (origin === "null") return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (ownOrigins.includes(parsed.origin)) return true;
  const host = req.headers.get("host");
  return host !== null && parsed.host === host.trim().toLowerCase();
}

/**
 * 403 unless the request comes from the app's own pages: a same-origin Origin header, or, where a
 * browser sent no Origin, `Sec-Fetch-Site: same-origin`. A request with neither is refused too:
 * every browser names the origin of a POST, PUT, PATCH or DELETE, so only a non-browser client
 * omits both, and it has no reason to ride on a user's cookies.
 */
export function assertSameOrigin(req: Request, ownOrigins: string[] = configuredOrigins()): void {
  const origin = req.headers.get("origin");
  const fetchSite = req.headers.get("sec-fetch-site");
  if (fetchSite !== null && fetchSite !== "same-origin") {
    throw new AppError("FORBIDDEN", "Requests from other sites are not accepted (Sec-Fetch-Site is not same-origin).");
  }
  if (origin !== null) {
    if (!isOwnOrigin(origin, req, ownOrigins)) throw new AppError("FORBIDDEN", "Requests from other sites are not accepted (the Origin is not this app).");
    return;
  }
  if (fetchSite === "same-origin") return;
  throw new AppError("FORBIDDEN", "The request does not say where it comes from: send it from the app's pages, with an Origin header.");
}

/**
 * Reads at most `maxBytes` of the body, refusing a larger one as soon as it is seen (or declared),
 * so an oversized upload is never buffered whole.
 */
export async function readBoundedText(req: Request, maxBytes: number, tooLarge: string): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw new AppError("PAYLOAD_TOO_LARGE", tooLarge);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const decoder = new TextDecoder();
  let bytes = 0;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new AppError("PAYLOAD_TOO_LARGE", tooLarge);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/**
 * The deepest nesting of arrays and objects in a JSON text, found in one pass without recursion
 * (whatever later walks the value recursively, schemas or document code, cannot overflow the stack).
 * Stops counting once `limit` is passed.
 */
export function jsonDepthExceeds(raw: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

export type JsonBodyLimits = {
  maxBytes: number;
  /** Arrays and objects nested deeper than this are refused before parsing. */
  maxDepth: number;
  tooLargeMessage: string;
};

export const DEFAULT_JSON_LIMITS: JsonBodyLimits = { maxBytes: 1024 * 1024, maxDepth: 64, tooLargeMessage: "The request is too large (1 MB at most)." };

/** The body of a cookie-authenticated write: same origin, exactly JSON, bounded in size and depth. */
export async function readGuardedJson(req: Request, limits: JsonBodyLimits = DEFAULT_JSON_LIMITS): Promise<unknown> {
  assertSameOrigin(req);
  assertJsonMediaType(req);
  const raw = await readBoundedText(req, limits.maxBytes, limits.tooLargeMessage);
  if (!raw.trim()) throw new AppError("INVALID", "The request has no body: send a JSON object.");
  if (jsonDepthExceeds(raw, limits.maxDepth)) throw new AppError("INVALID", `The request is nested too deeply (at most ${limits.maxDepth} levels of arrays and objects).`);
  try {
    return JSON.parse(raw);
  } catch {
    throw new AppError("INVALID", "The request body is not valid JSON.");
  }
}
