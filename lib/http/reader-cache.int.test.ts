// Issue 21: the anonymous reader cache never serves a signed-in page or a draft, and an approval
// made through one instance is seen by another on its next request. Two "instances" here are two
// real HTTP servers, each with its own cache (lib/http/reader-cache.mjs, as lib/cli/serve.mjs
// wires it) over one real database. Next is stood in for by a renderer that builds the reader body
// from the real services and that, like a signed-in view, shows the session's name and the drafts
// whenever the request carries a session cookie: the worst page that could leak.
import { once } from "node:events";
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describe as describeSpan } from "@/lib/anchoring";
import { feedRevision } from "@/lib/publishing/feed";
import { getPublishedArticle } from "@/lib/publishing/read-published";
import { prepareReaderBody } from "@/lib/publishing/reader-body";
import { readerRevisionKey } from "@/lib/publishing/reader-revision";
import { seedDatabase } from "@/lib/seed/seed";
import { ENGINES, shareWithServices, type TestDatabase } from "@/lib/testing/databases";
import { hasSessionCookie, readerCacheListener } from "./reader-cache.mjs";

const DRAFT_MARKER = "QXREADERCACHEDRAFT5521";
const SESSION_MARKER = "Signed in as Eddie Editor";
const SESSION = "next-auth.session-token=eyJ.signed-in";

type Instance = { server: Server; port: number; renders: { cookie: string | undefined }[] };

async function startInstance(t: TestDatabase, key: string): Promise<Instance> {
  const renders: Instance["renders"] = [];
  const instance = { server: createServer(), port: 0, renders };
  // The stand-in for Next: the real reader body, plus what a signed-in view adds.
  const next = (req: IncomingMessage, res: ServerResponse) => {
    const slug = decodeURIComponent((req.url ?? "").split("/")[2] ?? "");
    renders.push({ cookie: req.headers.cookie });
    void (async () => {
      try {
        const { article, claims, contentKey } = await getPublishedArticle(slug);
        const body = prepareReaderBody(contentKey, article.version.doc, claims, { slug, title: article.title, byline: null, sourceUrl: null, publishedAt: null }, { baseUrl: "https://checks.example.org", publisher: "Test" });
        let personal = "";
        if (hasSessionCookie(req.headers.cookie)) {
          const drafts = await t.db.prisma.claim.findMany({ where: { articleId: article.id, state: "DRAFT" } });
          personal = `<p>${SESSION_MARKER}</p>${drafts.map((d) => `<p>${d.explanation}</p>`).join("")}`;
        }
        const nonce = Math.random().toString(36).slice(2);
        res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-security-policy": `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`, vary: "rsc" });
        res.end(`<!DOCTYPE html><html><body>${personal}<script nonce="${nonce}">1</script>${body.article}<ol>${body.evidence}</ol>${body.jsonLd}</body></html>`);
      } catch {
        res.writeHead(404, { "content-type": "text/html" });
        res.end("not found");
      }
    })();
  };
  const listener = readerCacheListener({ next, host: "127.0.0.1", port: () => instance.port, key, buildId: "test-build", revisionOf: readerRevisionKey, brotliQuality: 4 });
  instance.server.on("request", listener);
  instance.server.listen(0, "127.0.0.1");
  await once(instance.server, "listening");
  instance.port = (instance.server.address() as AddressInfo).port;
  return instance;
}

type Answer = { status: number; headers: IncomingMessage["headers"]; body: string };

function get(instance: Instance, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    request({ host: "127.0.0.1", port: instance.port, path, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    })
      .on("error", reject)
      .end();
  });
}

describe.each(ENGINES)("anonymous reader cache on $name", ({ create }) => {
  let t: TestDatabase;
  let release = () => {};
  let slug = "";
  let a: Instance;
  let b: Instance;
  let publish: (quote: string, explanation: string) => Promise<void>;

  beforeAll(async () => {
    t = await create();
    release = shareWithServices(t);
    await seedDatabase(t.db.prisma, { demoUsers: true });
    const article = await t.db.prisma.article.findFirstOrThrow({ include: { versions: true } });
    slug = article.slug;
    const v = article.versions[0];
    const reviewer = await t.db.prisma.user.findUniqueOrThrow({ where: { email: "reviewer@example.org" } });
    const editor = await t.db.prisma.user.findUniqueOrThrow({ where: { email: "editor@example.org" } });
    const claim = async (quote: string, explanation: string, state: "DRAFT" | "APPROVED") => {
      const start = v.plainText.indexOf(quote);
      const d = describeSpan(v.plainText, start, start + quote.length);
      const row = await t.db.prisma.claim.create({
        data: { articleId: article.id, articleVersionId: v.id, selectors: [d.quote, d.position], quote, verdict: "DISPUTED", explanation, state, authorId: reviewer.id, updatedById: reviewer.id },
      });
      if (state === "APPROVED")
        await t.db.prisma.publishedClaim.create({
          data: { claimId: row.id, articleId: article.id, claimVersion: 1, selectors: [d.quote, d.position], quote, verdict: "DISPUTED", explanation, sources: [], reviewerId: reviewer.id, approvedById: editor.id, approvedAt: new Date() },
        });
    };
    publish = (quote, explanation) => claim(quote, explanation, "APPROVED");
    await claim("at least 116 civilians", "Published explanation one.", "APPROVED");
    await claim("sleeper cells", `Unpublished note ${DRAFT_MARKER}`, "DRAFT");
    a = await startInstance(t, "key-a");
    b = await startInstance(t, "key-b");
  });

  afterAll(async () => {
    for (const i of [a, b]) if (i) i.server.close();
    release();
    await t?.drop();
  });

  it("never answers an anonymous reader with a signed-in page or a draft, whoever came first", async () => {
    const path = `/articles/${slug}`;
    // The signed-in reader first, several times and at once with anonymous ones.
    const answers = await Promise.all([
      get(a, path, { cookie: SESSION }),
      get(a, path),
      get(a, path, { cookie: `theme=dark; ${SESSION}` }),
      get(a, path, { "accept-encoding": "identity" }),
      get(a, path, { cookie: "next-auth.csrf-token=x" }),
    ]);
    const [signedIn, anon1, signedIn2, anon2, anon3] = answers;
    for (const s of [signedIn, signedIn2]) {
      expect(s.body).toContain(SESSION_MARKER);
      expect(s.body).toContain(DRAFT_MARKER);
      expect(s.headers.etag).toBeUndefined();
      expect(s.headers["cache-control"] ?? "").not.toContain("public");
    }
    for (const anon of [anon1, anon2, anon3, await get(a, path), await get(b, path)]) {
      expect(anon.status).toBe(200);
      expect(anon.body).toContain("Published explanation one.");
      expect(anon.body).not.toContain(SESSION_MARKER);
      expect(anon.body).not.toContain(DRAFT_MARKER);
      expect(anon.headers["cache-control"]).toBe("public, max-age=60, stale-while-revalidate=300");
      expect(anon.headers.etag).toMatch(/^"[^"]+"$/);
      expect(anon.headers.vary).toContain("Cookie");
      expect(anon.headers["content-security-policy"]).toMatch(/script-src 'self' 'sha256-[^']+'$/);
    }
    // Every page the caches rendered for themselves was asked for with no cookie at all.
    const own = [...a.renders, ...b.renders].filter((r) => r.cookie === undefined);
    expect(own.length).toBeGreaterThan(0);
    expect(a.renders.filter((r) => r.cookie !== undefined).every((r) => hasSessionCookie(r.cookie))).toBe(true);
    // A signed-in request after the page is cached still goes past the cache.
    const after = await get(a, path, { cookie: SESSION });
    expect(after.body).toContain(SESSION_MARKER);
  });

  it("shows an approval made through one instance on the other's next request, with a new ETag", async () => {
    const path = `/articles/${slug}`;
    const before = await get(b, path);
    expect(before.body).not.toContain("Approved just now through instance A.");
    expect((await get(b, path, { "if-none-match": before.headers.etag! })).status).toBe(304);
    const feedBefore = await feedRevision();
    expect((await feedRevision()).key).toBe(feedBefore.key);
    // "Instance A" approves: the same database write the approval makes, so the trigger bumps the revision.
    await publish("identified 67 civilians", "Approved just now through instance A.");
    const next = await get(b, path);
    expect(next.body).toContain("Approved just now through instance A.");
    expect(next.headers.etag).not.toBe(before.headers.etag);
    expect((await get(b, path, { "if-none-match": before.headers.etag! })).status).toBe(200);
    expect((await get(a, path)).body).toContain("Approved just now through instance A.");
    // The feed's ETag changes with it.
    expect((await feedRevision()).key).not.toBe(feedBefore.key);
  });

  it("compresses with brotli and gzip, and a 304 and a HEAD carry no body", async () => {
    const path = `/articles/${slug}`;
    const br = await new Promise<{ encoding: string | undefined; length: number; etag: string | undefined; bytes: Buffer }>((resolve, reject) =>
      request({ host: "127.0.0.1", port: a.port, path, headers: { "accept-encoding": "gzip, br" } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (d: Buffer) => chunks.push(d));
        res.on("end", () => {
          const bytes = Buffer.concat(chunks);
          resolve({ encoding: res.headers["content-encoding"], length: bytes.length, etag: res.headers.etag, bytes });
        });
      })
        .on("error", reject)
        .end(),
    );
    const plain = await get(a, path);
    expect(br.encoding).toBe("br");
    // The same page, compressed (a small test page: since the marks got lighter it compresses to
    // about a third, so the bound is half rather than a third).
    expect(brotliDecompressSync(br.bytes).toString("utf8")).toBe(plain.body);
    expect(br.length).toBeLessThan(Buffer.byteLength(plain.body) / 2);
    expect(br.etag).not.toBe(plain.headers.etag);
    const notModified = await get(a, path, { "if-none-match": br.etag! });
    expect(notModified.status).toBe(304);
    expect(notModified.body).toBe("");
    expect((await get(a, "/articles/no-such-article")).status).toBe(404);
  });
});
