// Similar-claim lookup, "Reuse this check" and suggestion dismissals against both databases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describe as describeSpan } from "@/lib/anchoring";
import { buildArticleDoc, plainText } from "@/lib/articles/document";
import { getCurrentArticle } from "@/lib/articles/read-articles";
import type { SessionUser } from "@/lib/auth/roles";
import { createClaim } from "@/lib/claims/create-claim";
import { listClaimDtos } from "@/lib/claims/get-workspace";
import type { Verdict } from "@/lib/generated/prisma/enums";
import { seedDatabase } from "@/lib/seed/seed";
import { ENGINES, shareWithServices, type TestDatabase } from "@/lib/testing/databases";
import { buildClaimReviewFeed } from "@/lib/publishing/feed";
import { findAppearances } from "./appearances";
import { findCheckedBefore } from "./checked-before";
import { dismissSuggestion } from "./dismiss-suggestion";
import { getWorkspaceIntelligence } from "./workspace-intelligence";

const OTHER_TEXT = "Monitors said ISIS executed at least 116 civilians in Al-Qaryatain before the army returned. The town lies in Homs province.";

describe.each(ENGINES)("checked before on $name", ({ create }) => {
  let t: TestDatabase;
  let release = () => {};
  let seedSlug = "";
  let reviewer: SessionUser;
  let reviewer2: SessionUser;
  let reader: SessionUser;
  let publishedId = "";
  let retractedId = "";

  beforeAll(async () => {
    t = await create();
    release = shareWithServices(t);
    await seedDatabase(t.db.prisma, { demoUsers: true });
    const prisma = t.db.prisma;
    const user = async (email: string) => {
      const u = await prisma.user.findUniqueOrThrow({ where: { email } });
      return { id: u.id, name: u.name, email: u.email, role: u.role } as SessionUser;
    };
    reviewer = await user("reviewer@example.org");
    reviewer2 = await user("reviewer2@example.org");
    reader = await user("reader@example.org");
    const editor = await user("editor@example.org");
    seedSlug = (await prisma.article.findFirstOrThrow()).slug;

    const doc = buildArticleDoc({ title: "Another report on Al-Qaryatain", paragraphs: [OTHER_TEXT] });
    const text = plainText(doc);
    const other = await prisma.article.create({ data: { slug: "another-report", title: "Another report on Al-Qaryatain", versions: { create: { number: 1, plainText: text, doc } } }, include: { versions: true } });
    const publish = async (quote: string, verdict: Verdict, retracted = false) => {
      const start = text.indexOf(quote);
      const d = describeSpan(text, start, start + quote.length);
      const row = await prisma.claim.create({ data: { articleId: other.id, articleVersionId: other.versions[0].id, selectors: [d.quote, d.position], quote, verdict, explanation: `Checked: ${quote}`, state: "APPROVED", authorId: reviewer.id, updatedById: reviewer.id } });
      await prisma.publishedClaim.create({
        data: {
          claimId: row.id, articleId: other.id, claimVersion: 1, selectors: [d.quote, d.position], quote, verdict, explanation: `Checked: ${quote}`,
          sources: [{ url: "https://www.syriahr.com/en/", title: "SOHR report", publisher: "SOHR", publishedAt: "2015-10-23", accessedAt: null, excerpt: "116", stance: "SUPPORTS" }],
          reviewerId: reviewer.id, approvedById: editor.id, approvedAt: new Date("2026-11-30T10:00:00Z"),
          ...(retracted ? { retractedAt: new Date(), retractedById: editor.id, retractionReason: "withdrawn" } : {}),
        },
      });
      return row.id;
    };
    publishedId = await publish("ISIS executed at least 116 civilians in Al-Qaryatain", "DISPUTED");
    retractedId = await publish("The town lies in Homs province", "ACCURATE", true);
  });
  afterAll(async () => {
    release();
    await t?.drop();
  });

  it("finds the published check from another article that says nearly the same, with verdict, article and date", async () => {
    const found = await findCheckedBefore(reviewer, seedSlug, "killed at least 116 civilians in executions");
    expect(found[0]).toMatchObject({ claimId: publishedId, verdict: "DISPUTED", article: { slug: "another-report", title: "Another report on Al-Qaryatain" }, approvedAt: "2026-11-30T10:00:00.000Z" });
    expect(found[0].sources[0].title).toBe("SOHR report");
  });

  it("leaves out checks of the same article, withdrawn checks and claims with other figures", async () => {
    expect(await findCheckedBefore(reviewer, "another-report", "ISIS executed at least 116 civilians in Al-Qaryatain")).toEqual([]);
    expect((await findCheckedBefore(reviewer, seedSlug, "The town lies in Homs province")).map((c) => c.claimId)).not.toContain(retractedId);
    expect(await findCheckedBefore(reviewer, seedSlug, "identified 67 civilians killed in Al-Qaryatain")).toEqual([]);
  });

  it("refuses readers and unknown articles", async () => {
    await expect(findCheckedBefore(reader, seedSlug, "116 civilians")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(findCheckedBefore(reviewer, "no-such-article", "116 civilians")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("records what a reused claim was based on, in the claim and its history", async () => {
    const article = await getCurrentArticle(seedSlug);
    const start = article.version.plainText.indexOf("at least 116 civilians");
    const fields = { verdict: "DISPUTED" as const, explanation: "Reused", tags: [], sources: [] };
    const claim = await createClaim(reviewer, { articleVersionId: article.version.id, start, end: start + 22, fields, basedOnClaimId: publishedId });
    const row = await t.db.prisma.claim.findUniqueOrThrow({ where: { id: claim.id }, include: { events: true } });
    expect(row.basedOnClaimId).toBe(publishedId);
    expect(JSON.stringify(row.events[0].after)).toContain("Another report on Al-Qaryatain");
    await expect(createClaim(reviewer, { articleVersionId: article.version.id, start, end: start + 22, fields, basedOnClaimId: retractedId })).rejects.toMatchObject({ code: "INVALID" });

    // Once the reused claim is approved too, the ClaimReview of either lists both articles.
    const editor = await t.db.prisma.user.findUniqueOrThrow({ where: { email: "editor@example.org" } });
    await t.db.prisma.claim.update({ where: { id: claim.id }, data: { state: "APPROVED" } });
    await t.db.prisma.publishedClaim.create({ data: { claimId: claim.id, articleId: row.articleId, claimVersion: 1, selectors: row.selectors as object, quote: row.quote, verdict: "DISPUTED", explanation: "Reused", sources: [], reviewerId: reviewer.id, approvedById: editor.id, approvedAt: new Date("2026-12-01T10:00:00Z") } });
    const appearances = await findAppearances([publishedId, claim.id]);
    expect(appearances.get(publishedId)!.map((a) => a.slug).sort()).toEqual(["another-report", seedSlug].sort());
    expect(appearances.get(claim.id)!.map((a) => a.slug).sort()).toEqual(["another-report", seedSlug].sort());
    const feed = await buildClaimReviewFeed(null);
    const review = feed.dataFeedElement.find((r) => r.claimReviewed === "at least 116 civilians")!;
    expect(Array.isArray(review.itemReviewed.appearance)).toBe(true);
    expect((review.itemReviewed.appearance as { headline: string }[]).map((a) => a.headline)).toContain("Another report on Al-Qaryatain");
  });

  it("hides a dismissed suggestion for that reviewer on that version only", async () => {
    const article = await getCurrentArticle(seedSlug);
    const before = await getWorkspaceIntelligence(reviewer, article, await listClaimDtos(reviewer, article));
    expect(before.conflicts.map((c) => c.label)).toEqual(["116 (Syrian Observatory for Human Rights) vs 67 (Palmyra Coordination Committee)"]);
    const target = before.suggestions[0];
    await dismissSuggestion(reviewer, seedSlug, { articleVersionId: article.version.id, suggestionKey: target.key });
    await dismissSuggestion(reviewer, seedSlug, { articleVersionId: article.version.id, suggestionKey: target.key });
    const mine = await getWorkspaceIntelligence(reviewer, article, []);
    const theirs = await getWorkspaceIntelligence(reviewer2, article, []);
    expect(mine.suggestions.map((s) => s.key)).not.toContain(target.key);
    expect(theirs.suggestions.map((s) => s.key)).toContain(target.key);
    await expect(dismissSuggestion(reader, seedSlug, { articleVersionId: article.version.id, suggestionKey: target.key })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(dismissSuggestion(reviewer, "another-report", { articleVersionId: article.version.id, suggestionKey: target.key })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
  it("finds figures in other articles' current versions that disagree with this article's, and only those", async () => {
    const prisma = t.db.prisma;
    const addArticle = async (slug: string, title: string, ...texts: string[]) => {
      const article = await prisma.article.create({ data: { slug, title } });
      for (const [i, paragraph] of texts.entries()) {
        const doc = buildArticleDoc({ title, paragraphs: [paragraph] });
        await prisma.articleVersion.create({ data: { articleId: article.id, number: i + 1, plainText: plainText(doc), doc } });
      }
    };
    await addArticle("monitors-count", "Monitors count 40", "Monitors said ISIS executed 40 civilians in Al-Qaryatain.");
    await addArticle("mosul-toll", "Mosul toll", "ISIS killed 40 civilians in Mosul, officials said.");
    // Its first version disagreed; the current one gives the seed's own figure.
    await addArticle("corrected-count", "Corrected count", "Monitors said ISIS executed 90 civilians in Al-Qaryatain.", "Monitors said ISIS executed 67 civilians in Al-Qaryatain.");
    const article = await getCurrentArticle(seedSlug);
    const { conflicts } = await getWorkspaceIntelligence(reviewer, article, []);
    const cross = conflicts.filter((c) => c.article);
    expect(cross.map((c) => [c.label, c.article!.slug])).toEqual([
      ["116 (Syrian Observatory for Human Rights) vs 40", "monitors-count"],
      ["67 (Palmyra Coordination Committee) vs 40", "monitors-count"],
    ]);
    expect(article.version.plainText.slice(cross[0].first.start, cross[0].first.end)).toBe("116 civilians");
    expect(cross[0].second).toMatchObject({ text: "40 civilians", passage: "Monitors said ISIS executed 40 civilians in Al-Qaryatain." });
    expect(conflicts.filter((c) => !c.article).map((c) => c.label)).toEqual(["116 (Syrian Observatory for Human Rights) vs 67 (Palmyra Coordination Committee)"]);

    // The other side sees the seed's figures, learnt from the database.
    const other = await getCurrentArticle("monitors-count");
    const seen = (await getWorkspaceIntelligence(reviewer, other, [])).conflicts.map((c) => [c.first.figure, c.second.figure, c.article?.slug]);
    expect(seen.filter(([, , slug]) => slug === seedSlug)).toEqual([["40", "116", seedSlug], ["40", "67", seedSlug]]);
    // The earlier report's "at least 116" and the corrected count's 67 disagree with 40 as well; Mosul's 40 is another event.
    expect(seen.filter(([, , slug]) => slug !== seedSlug)).toEqual([["40", "116", "another-report"], ["40", "67", "corrected-count"]]);
  });
});
