import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/roles";
import { codeOf } from "@/lib/testing/code-of";
import { ENGINES, type TestDatabase } from "@/lib/testing/databases";

// Issue 14: the embed's settings and published-checks reads against both databases.

const current = vi.hoisted(() => ({ prisma: null as unknown }));
vi.mock("@/lib/db/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/db/client")>()),
  getPrisma: async () => current.prisma,
}));

const { getAllowedOrigins, saveEmbedSettings } = await import("./settings");
const { readEmbedChecks, sourceUrlVariants } = await import("./published-checks");
const { answerEmbedChecks } = await import("./answer-checks");

const TEXT = "The dam holds forty million cubic metres of water, officials said on Tuesday.";
const never = () => false;

describe.each(ENGINES)("embed on $name", ({ create }) => {
  let t: TestDatabase;
  let admin: SessionUser;
  let editor: SessionUser;
  let articleId = "";
  beforeAll(async () => {
    t = await create();
    current.prisma = t.db.prisma;
    const p = t.db.prisma;
    const make = (email: string, role: "ADMIN" | "EDITOR") => p.user.create({ data: { email, name: email.split("@")[0], role, passwordHash: "x" } });
    const a = await make("admin@example.org", "ADMIN");
    const e = await make("editor@example.org", "EDITOR");
    admin = { id: a.id, name: a.name, email: a.email, role: "ADMIN" };
    editor = { id: e.id, name: e.name, email: e.email, role: "EDITOR" };
    const article = await p.article.create({ data: { slug: "dam-story", title: "Dam", sourceUrl: "https://news.example.org/dam", tags: [] } });
    articleId = article.id;
    const version = await p.articleVersion.create({ data: { articleId, number: 1, plainText: TEXT, doc: {} } });
    const claim = (quote: string, n: number) =>
      p.claim.create({
        data: {
          articleId,
          articleVersionId: version.id,
          quote,
          selectors: [{ type: "TextQuoteSelector", exact: quote, prefix: "", suffix: "" }, { type: "TextPositionSelector", start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length }],
          verdict: "FALSE",
          explanation: `Draft explanation ${n}`,
          tags: [],
          authorId: e.id,
          updatedById: e.id,
        },
      });
    // A draft claim and a published one; a second published one is withdrawn.
    await claim("officials said on Tuesday", 0);
    const published = await claim("forty million cubic metres", 1);
    const withdrawn = await claim("The dam holds", 2);
    for (const [c, retractedAt] of [[published, null], [withdrawn, new Date()]] as const) {
      await p.publishedClaim.create({
        data: { claimId: c.id, articleId, claimVersion: 1, selectors: c.selectors as object, quote: c.quote, verdict: "FALSE", explanation: "Thirty million, says the ministry.", sources: [{ url: "https://example.org/m", title: "Ministry", publisher: null, publishedAt: null, accessedAt: null, excerpt: null, stance: "REFUTES" }], reviewerId: e.id, approvedById: a.id, approvedAt: new Date(), retractedAt, retractedById: retractedAt ? a.id : null },
      });
    }
  });
  afterAll(async () => t.drop());

  it("an admin saves the allowed origins, normalised; others are refused and change nothing", async () => {
    expect(await getAllowedOrigins()).toEqual([]);
    expect(await saveEmbedSettings(admin, { allowedOrigins: ["https://News.Example.org/", "https://news.example.org", "http://127.0.0.1:3221"] })).toEqual({ allowedOrigins: ["https://news.example.org", "http://127.0.0.1:3221"] });
    expect(await codeOf(saveEmbedSettings(editor, { allowedOrigins: ["https://evil.example"] }))).toBe("FORBIDDEN");
    expect(await codeOf(saveEmbedSettings(null, { allowedOrigins: [] }))).toBe("UNAUTHENTICATED");
    expect(await codeOf(saveEmbedSettings(admin, { allowedOrigins: ["https://example.org/path"] }))).toBe("INVALID");
    expect(await getAllowedOrigins()).toEqual(["https://news.example.org", "http://127.0.0.1:3221"]);
    expect(await saveEmbedSettings(admin, { allowedOrigins: [] })).toEqual({ allowedOrigins: [] });
  });

  it("returns the published, unwithdrawn checks only, by slug or by the page's address", async () => {
    const bySlug = await readEmbedChecks({ article: "dam-story" }, never);
    if (bySlug.status !== "ok") throw new Error("expected a body");
    const payload = JSON.parse(bySlug.body);
    expect(payload.checks.map((c: { quote: string }) => c.quote)).toEqual(["forty million cubic metres"]);
    expect(payload.checks[0]).toMatchObject({ selector: { type: "TextQuoteSelector", exact: "forty million cubic metres" }, checkedBy: "editor", approvedBy: "admin", sources: [{ title: "Ministry", stance: "REFUTES" }] });
    expect(bySlug.body).not.toContain("Draft explanation");
    expect(payload.article.url).toMatch(/\/articles\/dam-story$/);
    for (const url of ["https://news.example.org/dam", "https://news.example.org/dam/", "https://news.example.org/dam#comments"]) {
      const byUrl = await readEmbedChecks({ url }, never);
      expect(byUrl.status === "ok" && JSON.parse(byUrl.body).article.slug, url).toBe("dam-story");
    }
    expect(await codeOf(readEmbedChecks({ url: "https://news.example.org/other" }, never))).toBe("NOT_FOUND");
    expect(await codeOf(readEmbedChecks({ article: "no-such-story" }, never))).toBe("NOT_FOUND");
  });

  it("serves a revision it has built from memory (no query of the checks), and builds again when the revision moves", async () => {
    const real = t.db.prisma;
    let builds = 0;
    // Counts the one query that only a build makes; everything else goes to the real client.
    current.prisma = new Proxy(real, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (prop !== "publishedClaim") return value;
        return new Proxy(value as object, {
          get: (d, p) => (p === "findMany" ? (...args: unknown[]) => (builds++, (d as { findMany: (...a: unknown[]) => unknown }).findMany(...args)) : Reflect.get(d, p)),
        });
      },
    });
    try {
      const first = await readEmbedChecks({ article: "dam-story" }, never);
      const second = await readEmbedChecks({ article: "dam-story" }, never);
      expect(second).toEqual(first);
      expect(builds).toBeLessThanOrEqual(1);
      const before = builds;
      // An approval's side effect: the trigger bumps readerRevision, so the next read builds a new body.
      await real.article.update({ where: { id: articleId }, data: { title: "Dam (updated)" } });
      const third = await readEmbedChecks({ article: "dam-story" }, never);
      expect(builds).toBe(before + 1);
      expect(third.etag).not.toBe(first.etag);
      expect(third.status === "ok" && JSON.parse(third.body).article.title).toBe("Dam (updated)");
    } finally {
      current.prisma = real;
    }
  });

  it("answers Factmark's own pages and the allowed publishers, and refuses every other origin with a reason", async () => {
    vi.stubEnv("NEXTAUTH_URL", "http://factmark.test:3000");
    try {
      await saveEmbedSettings(admin, { allowedOrigins: ["https://news.example.org"] });
      const ask = (origin: string | null) => answerEmbedChecks(new Request("http://factmark.test:3000/api/embed/checks?article=dam-story", { headers: origin ? { origin } : {} }));
      const own = await ask("http://factmark.test:3000");
      expect(own.status).toBe(200);
      expect(own.headers.get("access-control-allow-origin")).toBeNull();
      const publisher = await ask("https://news.example.org");
      expect(publisher.status).toBe(200);
      expect(publisher.headers.get("access-control-allow-origin")).toBe("https://news.example.org");
      expect((await publisher.json()).checks).toHaveLength(1);
      const other = await ask("http://factmark.test:3001");
      expect(other.status).toBe(403);
      expect(other.headers.get("cache-control")).toBe("no-store");
      expect((await other.json()).error.message).toContain("/admin/embed");
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("answers not-modified for the current ETag, and a change readers see gives a new one", async () => {
    const first = await readEmbedChecks({ article: "dam-story" }, never);
    expect(first.etag).toMatch(/^"[^"]+"$/);
    const again = await readEmbedChecks({ article: "dam-story" }, (etag) => etag === first.etag);
    expect(again).toEqual({ status: "not-modified", etag: first.etag });
    // Withdrawing the check bumps the article's readerRevision (database trigger): a new ETag, and the check is gone.
    await t.db.prisma.publishedClaim.updateMany({ where: { articleId, retractedAt: null }, data: { retractedAt: new Date() } });
    const after = await readEmbedChecks({ article: "dam-story" }, (etag) => etag === first.etag);
    expect(after.status).toBe("ok");
    expect(after.etag).not.toBe(first.etag);
    expect(after.status === "ok" && JSON.parse(after.body).checks).toEqual([]);
  });
});

describe("sourceUrlVariants", () => {
  it("drops the fragment and tries the address with and without a trailing slash", () => {
    expect(sourceUrlVariants("https://n.example/a#x")).toEqual(["https://n.example/a#x", "https://n.example/a", "https://n.example/a/"]);
    expect(sourceUrlVariants("https://n.example/a/")).toEqual(["https://n.example/a/", "https://n.example/a"]);
    expect(sourceUrlVariants("https://n.example/a?id=1")).toEqual(["https://n.example/a?id=1"]);
  });
});
