// Public, cacheable JSON with a strong ETag and If-None-Match → 304 (issue 21). The route names
// the content's revision before building it, so a 304 costs no build, and the serialised body is
// kept per revision, so readers of unchanged content cost no build either.
//
// Compression: Next gzips route handler answers itself (and drops a Content-Encoding a handler
// sets, so a handler cannot send brotli). The ETag names the encoding Next will send, so that each
// stored representation has its own strong validator.
import { LRUCache } from "lru-cache";
import { entityTag, matchesIfNoneMatch, PUBLIC_CACHE_CONTROL } from "./reader-cache.mjs";

const bodies = new LRUCache<string, Buffer>({ maxSize: 32 * 1024 * 1024, sizeCalculation: (b) => Math.max(1, b.length) });

export type CacheableOptions = {
  /** Names the content: equal revisions always build equal bodies. */
  revision: string;
  contentType: string;
  /** Builds the body; called only when this revision is not already at hand. */
  build: () => Promise<unknown>;
};

function acceptsGzip(acceptEncoding: string | null): boolean {
  return !!acceptEncoding && acceptEncoding.split(",").some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return (name === "gzip" || name === "*") && (q ? Number(q.slice(2)) > 0 : true);
  });
}

export async function cacheableJsonResponse(req: Request, { revision, contentType, build }: CacheableOptions): Promise<Response> {
  if (matchesIfNoneMatch(req.headers.get("if-none-match") ?? undefined, revision, "json")) {
    return new Response(null, { status: 304, headers: { etag: entityTag(revision, "json", "identity"), "cache-control": PUBLIC_CACHE_CONTROL, vary: "Accept-Encoding" } });
  }
  let body = bodies.get(revision);
  if (!body) {
    body = Buffer.from(JSON.stringify(await build()), "utf8");
    bodies.set(revision, body);
  }
  // Next streams a route's answer, so its size threshold never applies: gzip whenever accepted.
  const encoding = acceptsGzip(req.headers.get("accept-encoding")) ? "gzip" : "identity";
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: { etag: entityTag(revision, "json", encoding), "cache-control": PUBLIC_CACHE_CONTROL, vary: "Accept-Encoding", "content-type": contentType },
  });
}
