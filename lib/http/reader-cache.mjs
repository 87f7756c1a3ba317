// The anonymous reader page as a static file (issue 21). Plain JavaScript, because the custom
// server (lib/cli/serve.mjs) runs it before Next, without a TypeScript step; the types are in
// reader-cache.d.mts.
//
// A reader page changes only when its article's readerRevision changes (database triggers,
// migration reader_revision). So the page Next renders for an anonymous reader is kept here as
// bytes (identity, gzip, brotli), keyed by slug and filed under that revision, with a strong ETag
// made from the revision. Every request still asks the database for the current revision — one
// indexed read — so an approval on another instance is seen on the next request here.
//
// Only requests that carry no session cookie, no RSC header and no query string are answered from
// here; everything else goes to Next untouched. What is cached is only ever rendered from a
// request this module makes itself, with no cookie at all, so a signed-in page cannot get in.
import { createHash } from "node:crypto";
import { request as httpRequest } from "node:http";
import { promisify } from "node:util";
import { brotliCompress, constants as zlibConstants, gzip } from "node:zlib";

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** A reader page's address, and nothing after it. Slugs as lib/validation/text.ts ZSlug allows. */
const READER_PATH = /^\/articles\/([a-z0-9]+(?:-[a-z0-9]+)*)$/;
/** /articles/new is the (signed-in) form for a new article, not a reader page. */
const NOT_SLUGS = new Set(["new"]);
/** Headers with which Next answers something other than the page's HTML (client navigation, prefetch). */
const NEXT_ROUTER_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-action", "purpose"];

/**
 * How long caches may keep a page. One minute fresh: a withdrawal or correction reaches every
 * reader within a minute, while a CDN in front takes all but about one request per minute per
 * page off the server during a viral spike. Five minutes stale-while-revalidate: after the minute,
 * a cache answers at once from what it has and refreshes in the background, so the server never
 * sees the whole crowd at the moment the minute ends; under real traffic the stale window is one
 * request long. A browser revalidates with If-None-Match and gets a 304 of a few hundred bytes.
 */
export const PUBLIC_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300";

/** Headers of Next's rendered page that are kept on the cached copy (the rest are per response). */
const KEPT_HEADERS = ["content-type", "content-security-policy", "x-content-type-options", "referrer-policy", "x-frame-options", "permissions-policy", "cross-origin-opener-policy", "vary"];

/** True when the Cookie header carries a next-auth session (plain, __Secure- or chunked). */
export function hasSessionCookie(cookieHeader) {
  if (!cookieHeader) return false;
  return cookieHeader.split(";").some((part) => /^\s*(__Secure-|__Host-)?next-auth\.session-token(\.\d+)?\s*=/.test(part));
}

/** The slug when this request may be answered from the anonymous cache, else null. */
export function anonymousReaderSlug(req) {
  if (req.method !== "GET" && req.method !== "HEAD") return null;
  const url = req.url ?? "";
  if (url.includes("?")) return null;
  const m = READER_PATH.exec(url);
  if (!m || m[1].length > 120 || NOT_SLUGS.has(m[1])) return null;
  if (NEXT_ROUTER_HEADERS.some((h) => req.headers[h] !== undefined)) return null;
  if (hasSessionCookie(req.headers.cookie)) return null;
  return m[1];
}

/** The encoding to send: br, then gzip, then identity, as Accept-Encoding allows (q=0 refuses). */
export function chooseEncoding(acceptEncoding) {
  if (!acceptEncoding) return "identity";
  const q = new Map();
  for (const part of acceptEncoding.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    q.set(name, qp ? Number(qp.slice(2)) : 1);
  }
  const ok = (name) => (q.has(name) ? q.get(name) > 0 : (q.get("*") ?? 0) > 0);
  if (ok("br")) return "br";
  if (ok("gzip")) return "gzip";
  return "identity";
}

/** The strong ETag of one encoding of a page: the revision key, the build, and the encoding. */
export function entityTag(revisionKey, buildId, encoding) {
  const base = `${revisionKey}.${buildId}`.replace(/[^A-Za-z0-9._:-]/g, "_");
  return `"${base}${encoding === "identity" ? "" : `-${encoding}`}"`;
}

/** If-None-Match (weak comparison, as RFC 9110 asks for it) against any encoding of `revisionKey`. */
export function matchesIfNoneMatch(header, revisionKey, buildId) {
  if (!header) return false;
  if (header.trim() === "*") return true;
  const mine = new Set(["identity", "gzip", "br"].map((e) => entityTag(revisionKey, buildId, e)));
  return header.split(",").some((tag) => mine.has(tag.trim().replace(/^W\//, "")));
}

/**
 * The rendered page with its Content-Security-Policy rewritten from a nonce to hashes: a cached
 * page must not hand every reader the same nonce, and a CDN cannot write a fresh one into each
 * copy. Every inline script the page runs is listed by its SHA-256; 'self' admits the app's own
 * chunks (the origin serves no script a user can write: API answers are JSON with nosniff).
 * 'strict-dynamic' goes, because it would make browsers ignore 'self'.
 */
export function hashScripts(html, policy) {
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  let body = html;
  if (nonce) body = body.split(` nonce="${nonce}"`).join("");
  const hashes = new Set();
  for (const m of body.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
    const attrs = m[1] ?? "";
    if (/\ssrc\s*=/i.test(attrs)) continue;
    const type = /\stype\s*=\s*"([^"]*)"/i.exec(attrs)?.[1]?.toLowerCase();
    // JSON-LD and other data blocks never run, so CSP does not apply to them.
    if (type && !["text/javascript", "module", "application/javascript"].includes(type)) continue;
    hashes.add(`'sha256-${createHash("sha256").update(m[2], "utf8").digest("base64")}'`);
  }
  const sources = [...hashes].join(" ");
  const rewritten = policy.replace(/script-src ([^;]*)/, (_all, list) => {
    const kept = list.split(/\s+/).filter((s) => s && !s.startsWith("'nonce-") && s !== "'strict-dynamic'");
    return `script-src ${[...kept, sources].filter(Boolean).join(" ")}`;
  });
  return { html: body, policy: rewritten, scripts: hashes.size };
}

/**
 * Runs `query(slug)` so that every caller gets the answer of a query that STARTED AFTER it called:
 * a caller that arrives while a query is running waits for the next one, which starts when that
 * one ends and answers everyone who came in the meantime. At most one query per slug is running,
 * however many readers arrive, and no reader is ever answered from before its own arrival (an
 * approval committed on another instance before the request came in is always seen).
 */
export function freshAfterCall(query) {
  const flights = new Map();
  const run = (key) => {
    const flight = { running: Promise.resolve().then(() => query(key)), next: null };
    flights.set(key, flight);
    const done = () => {
      if (flights.get(key) === flight && !flight.next) flights.delete(key);
    };
    flight.running.then(done, done);
    return flight.running;
  };
  return (key) => {
    const flight = flights.get(key);
    if (!flight) return run(key);
    flight.next ??= flight.running.then(
      () => run(key),
      () => run(key),
    );
    return flight.next;
  };
}

/**
 * @param {import("./reader-cache.d.mts").ReaderCacheOptions} options
 */
export function createReaderCache({ revisionOf, render, buildId, maxEntries = 200, brotliQuality = 9 }) {
  /** slug -> entry (Map order is age: the oldest is dropped first). */
  const entries = new Map();
  /** slug -> the render in flight for a revision, shared by the readers who wait for it. */
  const rendering = new Map();
  const currentRevision = freshAfterCall(revisionOf);
  const stats = { hits: 0, notModified: 0, renders: 0, bypassed: 0 };

  async function build(slug, revisionKey) {
    const page = await render(slug);
    // Only a plain 200 with no cookie is ever kept; anything else is Next's to answer.
    if (page.status !== 200 || page.headers["set-cookie"] !== undefined) return null;
    if (!/^text\/html/i.test(page.headers["content-type"] ?? "")) return null;
    const { html, policy } = hashScripts(page.body.toString("utf8"), page.headers["content-security-policy"] ?? "");
    const identity = Buffer.from(html, "utf8");
    const headers = {};
    for (const name of KEPT_HEADERS) if (page.headers[name] !== undefined) headers[name] = page.headers[name];
    if (policy) headers["content-security-policy"] = policy;
    const vary = new Set((headers.vary ?? "").split(",").map((v) => v.trim()).filter(Boolean));
    vary.add("Accept-Encoding");
    vary.add("Cookie");
    headers.vary = [...vary].join(", ");
    headers["cache-control"] = PUBLIC_CACHE_CONTROL;
    const variants = { identity: Promise.resolve(identity) };
    const entry = {
      revisionKey,
      headers,
      identity,
      variant(encoding) {
        variants[encoding] ??=
          encoding === "br"
            ? brotli(identity, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: brotliQuality, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: identity.length } })
            : gzipAsync(identity, { level: 9 });
        return variants[encoding];
      },
    };
    stats.renders++;
    return entry;
  }

  /** The entry for `slug` at `revisionKey`, rendering it once however many readers ask at once. */
  async function entryFor(slug, revisionKey) {
    const known = entries.get(slug);
    if (known?.revisionKey === revisionKey) return known;
    const inFlight = rendering.get(slug);
    if (inFlight?.revisionKey === revisionKey) return inFlight.promise;
    const promise = build(slug, revisionKey);
    rendering.set(slug, { revisionKey, promise });
    try {
      const entry = await promise;
      if (entry) {
        entries.delete(slug);
        entries.set(slug, entry);
        for (const key of entries.keys()) if (entries.size > maxEntries) entries.delete(key);
      }
      return entry;
    } finally {
      if (rendering.get(slug)?.promise === promise) rendering.delete(slug);
    }
  }

  /**
   * Answers `req` from the cache and returns true, or returns false and leaves it to Next (a
   * signed-in reader, a client navigation, an unknown article, anything not a plain 200).
   */
  async function handle(req, res) {
    const slug = anonymousReaderSlug(req);
    if (!slug) {
      stats.bypassed++;
      return false;
    }
    const revisionKey = await currentRevision(slug);
    if (!revisionKey) return false;
    const encoding = chooseEncoding(req.headers["accept-encoding"]);
    const etag = entityTag(revisionKey, buildId, encoding);
    if (matchesIfNoneMatch(req.headers["if-none-match"], revisionKey, buildId)) {
      // A 304 carries what a 200 would say about caching; the body the client has is still right.
      const known = entries.get(slug);
      const vary = known?.headers.vary ?? "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding, Cookie";
      res.writeHead(304, { etag, "cache-control": PUBLIC_CACHE_CONTROL, vary });
      res.end();
      stats.notModified++;
      return true;
    }
    const entry = await entryFor(slug, revisionKey);
    if (!entry) return false;
    const body = await entry.variant(encoding);
    const headers = { ...entry.headers, etag, "content-length": String(body.length) };
    if (encoding !== "identity") headers["content-encoding"] = encoding;
    res.writeHead(200, headers);
    res.end(req.method === "HEAD" ? undefined : body);
    stats.hits++;
    return true;
  }

  return { handle, stats, entries };
}

/** The feed's address (issue 21): the ClaimReview DataFeed, a page at a time. */
const FEED_PATH = /^\/claimreview\.json(?:\?page=\d{1,7})?$/;

/** `"tag"` → `"tag-br"`: the brotli representation's own strong validator (as entityTag names them). */
const brotliTag = (identityTag) => identityTag.replace(/"$/, '-br"');
/** The identity tag an If-None-Match entry names, whatever its encoding suffix or weakness. */
const identityOf = (tag) => tag.trim().replace(/^W\//, "").replace(/-(br|gzip)"$/, '"');

/**
 * Brotli for the feed (/claimreview.json). Next compresses route handler answers with gzip only and
 * drops a Content-Encoding a handler sets, so a brotli answer has to be made here, in front of Next.
 * Every request still goes to Next (the route asks the database for the feed's revision, and answers
 * If-None-Match with a 304 without building anything); this only keeps, per page, the brotli bytes
 * of the newest identity answer, under that answer's ETag:
 * - the reader's own If-None-Match and the ETag of the bytes kept here are both sent to Next;
 * - a 304 for the reader's tag is a 304 to the reader; a 304 for ours means the kept bytes are current;
 * - a 200 is compressed once (concurrent readers share the work) and kept in place of the old bytes.
 *
 * @param {{ fetchInternal: (path: string, headers: Record<string, string>) => Promise<{ status: number; headers: import("node:http").IncomingHttpHeaders; body: Buffer }>, brotliQuality?: number, maxEntries?: number }} options
 */
export function createBrotliJson({ fetchInternal, brotliQuality = 9, maxEntries = 50 }) {
  /** path -> { tag (identity ETag), headers, br: Promise<Buffer> } */
  const kept = new Map();
  const stats = { compressed: 0, reused: 0, notModified: 0 };

  /** True when `req` is a feed request this answers: GET/HEAD of the feed from a reader who takes brotli. */
  function wants(req) {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    if (!FEED_PATH.test(req.url ?? "")) return false;
    return chooseEncoding(req.headers["accept-encoding"]) === "br";
  }

  async function handle(req, res) {
    const url = req.url ?? "";
    const mine = kept.get(url);
    const theirs = req.headers["if-none-match"];
    const ask = [theirs, mine?.tag].filter(Boolean).join(", ");
    const answer = await fetchInternal(url, { "accept-encoding": "identity", ...(ask ? { "if-none-match": ask } : {}) });
    const tag = typeof answer.headers.etag === "string" ? answer.headers.etag : null;
    if (answer.status === 304 && tag) {
      if (theirs && (theirs.trim() === "*" || theirs.split(",").some((t) => identityOf(t) === tag))) {
        stats.notModified++;
        res.writeHead(304, { etag: brotliTag(tag), "cache-control": answer.headers["cache-control"] ?? PUBLIC_CACHE_CONTROL, vary: "Accept-Encoding" });
        res.end();
        return;
      }
      if (mine && mine.tag === tag) {
        stats.reused++;
        return send(res, req, mine, await mine.br);
      }
      // Neither matched (the kept bytes were dropped meanwhile): ask again without conditions.
      return pass(res, req, await fetchInternal(url, { "accept-encoding": "identity" }), url);
    }
    return pass(res, req, answer, url);
  }

  async function pass(res, req, answer, url) {
    const tag = typeof answer.headers.etag === "string" ? answer.headers.etag : null;
    if (answer.status !== 200 || !tag || answer.headers["content-encoding"]) {
      // An error or anything unexpected goes back as Next sent it, uncompressed.
      const headers = { ...answer.headers };
      delete headers["transfer-encoding"];
      delete headers.connection;
      headers["content-length"] = String(answer.body.length);
      res.writeHead(answer.status, headers);
      res.end(req.method === "HEAD" ? undefined : answer.body);
      return;
    }
    let entry = kept.get(url);
    if (entry?.tag !== tag) {
      const body = answer.body;
      entry = {
        tag,
        headers: { "content-type": answer.headers["content-type"] ?? "application/json", "cache-control": answer.headers["cache-control"] ?? PUBLIC_CACHE_CONTROL, vary: "Accept-Encoding" },
        br: brotli(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: brotliQuality, [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
      };
      stats.compressed++;
      kept.delete(url);
      kept.set(url, entry);
      for (const key of kept.keys()) if (kept.size > maxEntries) kept.delete(key);
    } else stats.reused++;
    send(res, req, entry, await entry.br);
  }

  function send(res, req, entry, br) {
    res.writeHead(200, { ...entry.headers, etag: brotliTag(entry.tag), "content-encoding": "br", "content-length": String(br.length) });
    res.end(req.method === "HEAD" ? undefined : br);
  }

  return { wants, handle, stats, kept };
}

/** Marks the cache's own render requests; its value is a key only this process knows. */
export const RENDER_HEADER = "x-factmark-reader-render";

/**
 * The request listener of the custom server with the anonymous reader cache in front of Next:
 * `next(req, res)` answers whatever the cache does not. A page is rendered by Next through a
 * request this listener makes to its own server (`host`:`port`) with NO cookie and no header of
 * the reader's, marked with RENDER_HEADER = `key` so that it goes straight to Next.
 *
 * @param {import("./reader-cache.d.mts").ReaderListenerOptions} options
 */
export function readerCacheListener({ next, host, port, key, buildId, revisionOf, brotliQuality }) {
  /** A GET of `path` from this server's own Next, marked so that it goes straight to Next. */
  const fetchInternal = (path, headers) =>
    new Promise((resolve, reject) => {
      const req = httpRequest({ host, port: typeof port === "function" ? port() : port, path, headers: { ...headers, [RENDER_HEADER]: key } }, (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end();
    });
  const cache = createReaderCache({
    buildId,
    brotliQuality,
    revisionOf,
    render: (slug) => fetchInternal(`/articles/${slug}`, { "accept-encoding": "identity" }),
  });
  const feed = createBrotliJson({ fetchInternal, brotliQuality });
  const listener = (req, res) => {
    if (req.headers[RENDER_HEADER] !== undefined) {
      const ours = req.headers[RENDER_HEADER] === key;
      delete req.headers[RENDER_HEADER];
      if (ours) return next(req, res);
    }
    if (feed.wants(req)) {
      feed.handle(req, res).catch((error) => {
        console.error("[factmark] feed compression failed", error);
        if (!res.headersSent) next(req, res);
        else res.end();
      });
      return;
    }
    cache.handle(req, res).then(
      (answered) => answered || next(req, res),
      (error) => {
        // The cache is an optimisation: when it fails (the database restarting), Next answers.
        console.error("[factmark] reader cache failed", error);
        if (!res.headersSent) next(req, res);
        else res.end();
      },
    );
  };
  return Object.assign(listener, { cache, feed });
}
