// The embed endpoint's CORS and caching headers (issue 14), as pure functions.

/**
 * Published checks may be cached by browsers and shared caches (CDNs) for a minute: a publisher's
 * article page can be read by many thousands of people at once, and each of them would otherwise ask
 * Factmark again. A minute is how long a newly published or withdrawn check may take to show on the
 * publisher's page, the same as /claimreview.json. After that minute a revalidation with the strong
 * ETag is a 304 that costs one indexed read. No stale-while-revalidate: a withdrawn check must not be
 * shown again from a stale copy.
 */
export const EMBED_CACHE_CONTROL = "public, max-age=60";
/** Refusals and errors are never cached: an admin may allow the origin a second later. */
export const NO_STORE = "no-store";

export type OriginVerdict = { allowed: true; allowOrigin: string | null } | { allowed: false };

/**
 * Who may read: a request without an Origin header (a server, curl, a same-origin GET) or from
 * Factmark's own origin reads the public checks without any CORS header (the checks are public, and
 * Factmark's own pages need no admin's permission); a browser page on an allowed origin gets its own
 * origin back in Access-Control-Allow-Origin; any other origin, "null" (a sandboxed frame, a file:)
 * included, is refused. Never "*": the list is what an admin allowed.
 */
export function judgeOrigin(origin: string | null, allowed: readonly string[], ownOrigin?: string): OriginVerdict {
  if (origin === null || (ownOrigin !== undefined && origin === ownOrigin)) return { allowed: true, allowOrigin: null };
  if (origin !== "null" && allowed.includes(origin)) return { allowed: true, allowOrigin: origin };
  return { allowed: false };
}

/** Headers every answer of the endpoint carries, whatever its status. */
export function baseEmbedHeaders(verdict: OriginVerdict): Headers {
  // Vary: Origin because Access-Control-Allow-Origin depends on it: a shared cache must not hand one
  // publisher's answer (with its origin in it) to another publisher's page.
  const headers = new Headers({ vary: "Origin", "cross-origin-resource-policy": "cross-origin" });
  if (verdict.allowed && verdict.allowOrigin) headers.set("access-control-allow-origin", verdict.allowOrigin);
  return headers;
}
