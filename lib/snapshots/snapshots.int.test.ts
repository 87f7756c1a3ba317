// Source snapshots (issue 18): what is stored, when a re-check adds a row, the change and gone
// warnings, failures recorded and retried through the queue, and the reader cache told.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ENGINES, shareWithServices, type TestDatabase } from "@/lib/testing/databases";
import { articlePage, startTestSite, type TestSite } from "@/lib/testing/test-site";
import { runJobsOnce } from "@/lib/jobs/queue";
import { AppError } from "@/lib/errors";
import { fillFromPage } from "./fill-from-page";
import { archivesFor, queueSnapshots, runSnapshotJob, scheduleRechecks, SNAPSHOT_JOB, takeSnapshot } from "./take-snapshot";

const PAGE = articlePage({ title: "Dam inspection report", publisher: "Valley Times", published: "2026-03-02T10:00:00Z", byline: "R. Hale", body: "The dam was inspected in March and found sound.\n\nInspectors noted minor cracks in the spillway." });

describe.each(ENGINES)("source snapshots on $name", ({ create }) => {
  let t: TestDatabase;
  let site: TestSite;
  let unshare: () => void;
  beforeAll(async () => {
    vi.stubEnv("FACTMARK_FETCH_ALLOW_LOOPBACK", "1");
    t = await create();
    unshare = shareWithServices(t);
    site = await startTestSite();
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    unshare();
    await site.close();
    await t.drop();
  });

  it("stores final URL, status, title, publisher, date, readable text, sanitized HTML and hashes", async () => {
    site.set("/report", PAGE);
    site.set("/old-report", { status: 301, headers: { location: "/report" } });
    const r = await takeSnapshot(t.db.prisma, site.url("/old-report"));
    expect(r.error).toBeNull();
    const row = await t.db.prisma.webSnapshot.findUniqueOrThrow({ where: { id: r.id } });
    expect(row).toMatchObject({ url: site.url("/old-report"), finalUrl: site.url("/report"), status: 200, title: "Dam inspection report", publisher: "Valley Times", contentType: "text/html" });
    expect(row.publishedAt?.toISOString().slice(0, 10)).toBe("2026-03-02");
    expect(row.text).toContain("minor cracks in the spillway");
    expect(row.html).toContain("<p>The dam was inspected");
    expect(row.html).not.toMatch(/<script|<nav/);
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(row.textSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("a re-check that finds the same page moves checkedAt only; a changed page adds a row and warns", async () => {
    const url = site.url("/report");
    const first = await takeSnapshot(t.db.prisma, url);
    const before = await t.db.prisma.webSnapshot.findUniqueOrThrow({ where: { id: first.id } });
    await new Promise((r) => setTimeout(r, 20));
    const again = await takeSnapshot(t.db.prisma, url);
    expect(again.id).toBe(first.id);
    const after = await t.db.prisma.webSnapshot.findUniqueOrThrow({ where: { id: first.id } });
    expect(after.checkedAt.getTime()).toBeGreaterThan(before.checkedAt.getTime());
    expect((await archivesFor(t.db.prisma, [url])).get(url)).toMatchObject({ id: first.id, warning: null });

    site.set("/report", articlePage({ title: "Dam inspection report", publisher: "Valley Times", published: "2026-03-02T10:00:00Z", body: "The dam was inspected in March and found unsafe.\n\nInspectors noted major cracks in the spillway." }));
    const changed = await takeSnapshot(t.db.prisma, url);
    expect(changed.id).not.toBe(first.id);
    expect((await archivesFor(t.db.prisma, [url])).get(url)).toMatchObject({ id: first.id, warning: "CHANGED" });

    site.set("/report", { status: 410, body: "gone" });
    await takeSnapshot(t.db.prisma, url);
    expect((await archivesFor(t.db.prisma, [url])).get(url)).toMatchObject({ id: first.id, warning: "GONE" });
  });

  it("a failed fetch is recorded with its reason and retried with back-off by the queue", async () => {
    site.set("/flaky", { type: "application/json", body: "{}" });
    await queueSnapshots(t.db.prisma, [site.url("/flaky")]);
    await queueSnapshots(t.db.prisma, [site.url("/flaky")]); // queued once
    expect(await t.db.prisma.job.count({ where: { kind: SNAPSHOT_JOB } })).toBe(1);
    const handlers = { [SNAPSHOT_JOB]: (p: unknown) => runSnapshotJob(t.db.prisma, p) };
    expect(await runJobsOnce(t.db.prisma, "w", handlers)).toBe(1);
    const failed = await t.db.prisma.webSnapshot.findFirstOrThrow({ where: { url: site.url("/flaky") } });
    expect(failed.error).toMatch(/^CONTENT_TYPE: /);
    const job = await t.db.prisma.job.findFirstOrThrow({ where: { kind: SNAPSHOT_JOB } });
    expect(job.doneAt).toBeNull();
    expect(job.lastError).toMatch(/CONTENT_TYPE/);
    expect(job.runAt.getTime()).toBeGreaterThan(Date.now());
    // The site is fixed; the retry (once due) succeeds and the archived copy exists.
    site.set("/flaky", articlePage({ title: "Fixed", publisher: "P", published: "2026-01-01", body: "Now a page." }));
    await t.db.prisma.job.update({ where: { id: job.id }, data: { runAt: new Date(Date.now() - 1000) } });
    expect(await runJobsOnce(t.db.prisma, "w", handlers)).toBe(1);
    expect((await t.db.prisma.job.findUniqueOrThrow({ where: { id: job.id } })).doneAt).not.toBeNull();
    expect((await archivesFor(t.db.prisma, [site.url("/flaky")])).get(site.url("/flaky"))?.warning).toBeNull();
  });

  it("a refused address is recorded and not retried", async () => {
    await queueSnapshots(t.db.prisma, ["http://169.254.169.254/latest/meta-data/"]);
    const handlers = { [SNAPSHOT_JOB]: (p: unknown) => runSnapshotJob(t.db.prisma, p) };
    await runJobsOnce(t.db.prisma, "w", handlers);
    const row = await t.db.prisma.webSnapshot.findFirstOrThrow({ where: { url: "http://169.254.169.254/latest/meta-data/" } });
    expect(row.error).toMatch(/^BLOCKED_ADDRESS: /);
    expect((await t.db.prisma.job.findFirstOrThrow({ where: { dedupeKey: "snapshot:first:http://169.254.169.254/latest/meta-data/" } })).doneAt).not.toBeNull();
  });

  it("a page refused by the parsing limits is recorded with the reason, not retried, and Fill from page answers 422", async () => {
    const url = site.url("/nested");
    site.set("/nested", `<!doctype html><html><head><title>Nested</title></head><body>${"<div>".repeat(20_000)}x</body></html>`);
    await queueSnapshots(t.db.prisma, [url]);
    const handlers = { [SNAPSHOT_JOB]: (p: unknown) => runSnapshotJob(t.db.prisma, p) };
    const started = performance.now();
    expect(await runJobsOnce(t.db.prisma, "w", handlers)).toBe(1);
    expect(performance.now() - started).toBeLessThan(10_000);
    const row = await t.db.prisma.webSnapshot.findFirstOrThrow({ where: { url } });
    // 20,000 <div>s inside <html> and <body>.
    expect(row.error).toBe("PAGE_REFUSED: The page nests elements 20,002 deep; Factmark accepts at most 100 levels.");
    expect((await t.db.prisma.job.findFirstOrThrow({ where: { dedupeKey: `snapshot:first:${url}` } })).doneAt).not.toBeNull();
    expect((await archivesFor(t.db.prisma, [url])).get(url)).toBeUndefined();
    const reviewer = { id: "r", name: "R", email: "r@example.org", role: "REVIEWER" as const };
    const refusal = await fillFromPage(reviewer, url).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).status).toBe(422);
    expect((refusal as AppError).message).toBe("Factmark could not read this page: The page nests elements 20,002 deep; Factmark accepts at most 100 levels.");
  });

  it("re-checks are scheduled once per interval, whoever schedules them", async () => {
    await t.db.prisma.job.deleteMany();
    await t.db.prisma.webSnapshot.updateMany({ data: { checkedAt: new Date(Date.now() - 48 * 3600_000) } });
    // Only URLs fetched successfully at least once are re-checked (the metadata address never was).
    const urls = (await t.db.prisma.webSnapshot.findMany({ where: { error: null, status: { gte: 200, lt: 300 } }, distinct: ["url"], select: { url: true } })).length;
    expect(urls).toBeGreaterThan(0);
    expect(await scheduleRechecks(t.db.prisma)).toBe(urls);
    expect(await scheduleRechecks(t.db.prisma)).toBe(0);
  });

  it("a new snapshot of a cited URL bumps the citing articles' readerRevision", async () => {
    const url = site.url("/cited");
    site.set("/cited", articlePage({ title: "Cited", publisher: "P", published: "2026-01-01", body: "Version one." }));
    const user = await t.db.prisma.user.create({ data: { email: `s${Date.now()}@example.org`, name: "S", passwordHash: "x", role: "EDITOR" } });
    const article = await t.db.prisma.article.create({ data: { slug: `cited-${Date.now()}`, title: "A", tags: [], versions: { create: { number: 1, plainText: "Some words here.", doc: { type: "doc", content: [] } } } }, include: { versions: true } });
    const claim = await t.db.prisma.claim.create({ data: { articleId: article.id, articleVersionId: article.versions[0].id, selectors: [], quote: "Some", authorId: user.id, updatedById: user.id } });
    await t.db.prisma.publishedClaim.create({ data: { claimId: claim.id, articleId: article.id, claimVersion: 1, selectors: [], quote: "Some", verdict: "FALSE", explanation: "", sources: [{ url, title: "Cited", publisher: null, publishedAt: null, accessedAt: null, excerpt: null, stance: "REFUTES" }], reviewerId: user.id, approvedById: user.id, approvedAt: new Date() } });
    const rev = async () => (await t.db.prisma.article.findUniqueOrThrow({ where: { id: article.id } })).readerRevision;
    const r0 = await rev();
    await takeSnapshot(t.db.prisma, url);
    const r1 = await rev();
    expect(r1).toBeGreaterThan(r0);
    await takeSnapshot(t.db.prisma, url); // unchanged: nothing for readers
    expect(await rev()).toBe(r1);
    site.set("/cited", articlePage({ title: "Cited", publisher: "P", published: "2026-01-01", body: "Version two, rewritten." }));
    await takeSnapshot(t.db.prisma, url);
    expect(await rev()).toBeGreaterThan(r1);
  });
});
