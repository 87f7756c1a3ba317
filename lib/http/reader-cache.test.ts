import { createHash } from "node:crypto";
import { once } from "node:events";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { anonymousReaderSlug, chooseEncoding, createBrotliJson, entityTag, freshAfterCall, hashScripts, hasSessionCookie, matchesIfNoneMatch } from "./reader-cache.mjs";

const get = (url: string, headers: Record<string, string> = {}) => ({ method: "GET", url, headers });

describe("which requests the anonymous reader cache may answer", () => {
  it("takes a plain GET or HEAD of a reader page", () => {
    expect(anonymousReaderSlug(get("/articles/some-story"))).toBe("some-story");
    expect(anonymousReaderSlug({ method: "HEAD", url: "/articles/a1", headers: {} })).toBe("a1");
  });

  it("leaves every signed-in request to Next, whatever the cookie's form", () => {
    for (const cookie of ["next-auth.session-token=x", "a=1; __Secure-next-auth.session-token=x", "__Secure-next-auth.session-token.0=x; b=2", "next-auth.session-token.1=y"]) {
      expect(hasSessionCookie(cookie), cookie).toBe(true);
      expect(anonymousReaderSlug(get("/articles/story", { cookie })), cookie).toBeNull();
    }
    // Cookies that carry no session do not make a page personal.
    expect(anonymousReaderSlug(get("/articles/story", { cookie: "next-auth.csrf-token=abc; theme=dark" }))).toBe("story");
  });

  it("leaves client navigations, prefetches, queries, other methods and other paths to Next", () => {
    expect(anonymousReaderSlug(get("/articles/story", { rsc: "1" }))).toBeNull();
    expect(anonymousReaderSlug(get("/articles/story", { "next-router-prefetch": "1" }))).toBeNull();
    expect(anonymousReaderSlug(get("/articles/story?_rsc=abc"))).toBeNull();
    expect(anonymousReaderSlug(get("/articles/story?utm_source=x"))).toBeNull();
    expect(anonymousReaderSlug({ method: "POST", url: "/articles/story", headers: {} })).toBeNull();
    for (const url of ["/articles/story/review", "/articles/new", "/articles/Story", "/articles/a--b", "/articles/%00", "/articles/", `/articles/${"a".repeat(121)}`, "/"]) expect(anonymousReaderSlug(get(url)), url).toBeNull();
  });
});

describe("content negotiation and validators", () => {
  it("prefers brotli, then gzip, and honours q=0", () => {
    expect(chooseEncoding("gzip, deflate, br")).toBe("br");
    expect(chooseEncoding("gzip")).toBe("gzip");
    expect(chooseEncoding("br;q=0, gzip")).toBe("gzip");
    expect(chooseEncoding("*")).toBe("br");
    expect(chooseEncoding("*, br;q=0, gzip;q=0")).toBe("identity");
    expect(chooseEncoding(undefined)).toBe("identity");
  });

  it("gives each encoding of a revision its own strong ETag and matches any of them", () => {
    const tags = (["identity", "gzip", "br"] as const).map((e) => entityTag("art1.7", "build", e));
    expect(new Set(tags).size).toBe(3);
    for (const t of tags) {
      expect(t).toMatch(/^"[^"]+"$/);
      expect(matchesIfNoneMatch(`"other", ${t}`, "art1.7", "build")).toBe(true);
      expect(matchesIfNoneMatch(`W/${t}`, "art1.7", "build")).toBe(true);
      expect(matchesIfNoneMatch(t, "art1.8", "build")).toBe(false);
      expect(matchesIfNoneMatch(t, "art1.7", "build2")).toBe(false);
    }
    expect(matchesIfNoneMatch(undefined, "art1.7", "build")).toBe(false);
  });
});

describe("hashScripts", () => {
  it("replaces the nonce with the hash of every inline script, and drops the nonce attributes", () => {
    const inline = "self.__next_f.push([1,\"x\"])";
    const html = `<script src="/_next/a.js" nonce="N1"></script><script nonce="N1">${inline}</script><script type="application/ld+json">{"a":1}</script>`;
    const { html: out, policy } = hashScripts(html, "default-src 'self'; script-src 'self' 'nonce-N1' 'strict-dynamic'; object-src 'none'");
    const hash = createHash("sha256").update(inline).digest("base64");
    expect(policy).toBe(`default-src 'self'; script-src 'self' 'sha256-${hash}'; object-src 'none'`);
    expect(out).not.toContain("N1");
    expect(out).toContain(`<script>${inline}</script>`);
  });
});

describe("freshAfterCall", () => {
  it("answers every caller from a query that started after it called, with one query running at a time", async () => {
    let value = 0;
    const started: number[] = [];
    const releases: (() => void)[] = [];
    const query = (key: string) =>
      new Promise<string>((resolve) => {
        const at = value;
        started.push(at);
        releases.push(() => resolve(`${key}:${at}`));
      });
    const revision = freshAfterCall(query);
    const first = revision("a");
    await Promise.resolve();
    // A change committed while the first query runs: the callers that come now must see it.
    value = 1;
    const second = revision("a");
    const third = revision("a");
    await Promise.resolve();
    expect(started).toEqual([0]);
    releases[0]();
    expect(await first).toBe("a:0");
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual([0, 1]);
    releases[1]();
    expect(await second).toBe("a:1");
    expect(await third).toBe("a:1");
  });

  it("forgets a failed query: the next caller asks again", async () => {
    let calls = 0;
    const revision = freshAfterCall(async () => {
      calls++;
      if (calls === 1) throw new Error("db down");
      return "ok";
    });
    await expect(revision("a")).rejects.toThrow("db down");
    expect(await revision("a")).toBe("ok");
  });
});

describe("brotli for the feed (createBrotliJson)", () => {
  /** A stand-in for Next's feed route: identity JSON under a strong ETag, 304 on a matching If-None-Match. */
  function fakeNext() {
    const state = { revision: 1, calls: [] as Record<string, string>[] };
    const body = () => Buffer.from(JSON.stringify({ "@type": "DataFeed", revision: state.revision, items: Array.from({ length: 200 }, (_, i) => ({ name: `check ${i}` })) }));
    const fetchInternal = async (path: string, headers: Record<string, string>) => {
      state.calls.push({ path, ...headers });
      const tag = `"feed.${state.revision}.json"`;
      const inm = headers["if-none-match"] ?? "";
      if (inm.split(",").some((t) => t.trim().replace(/-(br|gzip)"$/, '"') === tag)) return { status: 304, headers: { etag: tag, "cache-control": "public, max-age=60" }, body: Buffer.alloc(0) };
      return { status: 200, headers: { etag: tag, "content-type": "application/ld+json; charset=utf-8", "cache-control": "public, max-age=60" }, body: body() };
    };
    return { state, fetchInternal };
  }

  async function serve(feed: ReturnType<typeof createBrotliJson>): Promise<Server> {
    const server = createServer((req, res) => void feed.handle(req, res));
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    return server;
  }

  function get(server: Server, path: string, headers: Record<string, string>) {
    return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) =>
      request({ host: "127.0.0.1", port: (server.address() as AddressInfo).port, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
        .on("error", reject)
        .end(),
    );
  }

  it("takes only GET/HEAD of the feed from readers who accept brotli", () => {
    const feed = createBrotliJson({ fetchInternal: fakeNext().fetchInternal });
    expect(feed.wants(get0("/claimreview.json", { "accept-encoding": "gzip, br" }))).toBe(true);
    expect(feed.wants(get0("/claimreview.json?page=2", { "accept-encoding": "br" }))).toBe(true);
    expect(feed.wants(get0("/claimreview.json", { "accept-encoding": "gzip" }))).toBe(false);
    expect(feed.wants(get0("/claimreview.json?page=x", { "accept-encoding": "br" }))).toBe(false);
    expect(feed.wants({ method: "POST", url: "/claimreview.json", headers: { "accept-encoding": "br" } })).toBe(false);
  });

  it("sends brotli with its own strong ETag, compresses once per revision, and answers 304s", async () => {
    const next = fakeNext();
    const feed = createBrotliJson({ fetchInternal: next.fetchInternal, brotliQuality: 4 });
    const server = await serve(feed);
    try {
      const first = await get(server, "/claimreview.json", { "accept-encoding": "br" });
      expect(first.status).toBe(200);
      expect(first.headers["content-encoding"]).toBe("br");
      expect(first.headers.etag).toBe('"feed.1.json-br"');
      expect(JSON.parse(brotliDecompressSync(first.body).toString()).revision).toBe(1);
      const second = await get(server, "/claimreview.json", { "accept-encoding": "br" });
      expect(second.body.equals(first.body)).toBe(true);
      expect(feed.stats.compressed).toBe(1);
      // Next was asked with the kept ETag, so it could answer 304 without building the feed.
      expect(next.state.calls.at(-1)!["if-none-match"]).toBe('"feed.1.json"');
      expect((await get(server, "/claimreview.json", { "accept-encoding": "br", "if-none-match": '"feed.1.json-br"' })).status).toBe(304);
      // A new revision: a stale validator gets the new bytes.
      next.state.revision = 2;
      const after = await get(server, "/claimreview.json", { "accept-encoding": "br", "if-none-match": '"feed.1.json-br"' });
      expect(after.status).toBe(200);
      expect(after.headers.etag).toBe('"feed.2.json-br"');
      expect(JSON.parse(brotliDecompressSync(after.body).toString()).revision).toBe(2);
      expect(feed.stats.compressed).toBe(2);
    } finally {
      server.close();
    }
  });
});

function get0(url: string, headers: Record<string, string>) {
  return { method: "GET", url, headers };
}
