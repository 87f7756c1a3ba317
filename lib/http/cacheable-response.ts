// Public, cacheable answers with a strong ETag, If-None-Match → 304, and gzip or brotli (issue 21).
// The route says what the content's revision is before building it, so a 304 costs no build; the
// compressed bytes are kept per ETag, so readers of unchanged content cost no compression either.
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";
import { LRUCache } from "lru-cache";
import { chooseEncoding, entityTag, matchesIfNoneMatch, PUBLIC_CACHE_CONTROL } from "./reader-cache.mjs";

const encoded = new LRUCache<string, Buffer>({ maxSize: 32 * 1024 * 1024, sizeCalculation: (b) => Math.max(1, b.length) });

export type CacheableOptions = {
  /** Names the content: equal revisions always build equal bodies. */
  revision: string;
  contentType: string;
  /** Builds the body; called only when the client does not have this revision. */
  build: () => Promise<unknown>;
  headers?: Record<string, string>;
};

export async function cacheableJsonResponse(req: Request, { revision, contentType, build, headers = {} }: CacheableOptions): Promise<Response> {
  const encoding = chooseEncoding(req.headers.get("accept-encoding") ?? undefined);
  const etag = entityTag(revision, "json", encoding);
  const common = { ...headers, etag, "cache-control": PUBLIC_CACHE_CONTROL, vary: "Accept-Encoding" };
  if (matchesIfNoneMatch(req.headers.get("if-none-match") ?? undefined, revision, "json")) return new Response(null, { status: 304, headers: common });
  let body = encoded.get(etag);
  if (!body) {
    const json = Buffer.from(JSON.stringify(await build()), "utf8");
    body = encoding === "br" ? brotliCompressSync(json, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: json.length } }) : encoding === "gzip" ? gzipSync(json, { level: 6 }) : json;
    encoded.set(etag, body);
  }
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: { ...common, "content-type": contentType, "content-length": String(body.length), ...(encoding === "identity" ? {} : { "content-encoding": encoding }) },
  });
}
