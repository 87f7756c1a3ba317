import "server-only";
import { describe as describeSpan } from "@/lib/anchoring";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { TCreateClaim } from "@/lib/validation/claims";
import { checkSpanBoundaries } from "@/lib/validation/text";
import { assertCanReview } from "./access";
import type { ClaimDto } from "./claim-dto";
import { CLAIM_INCLUDE, claimSnapshot, toClaimDto } from "./claim-rows";
import { queueSnapshots } from "@/lib/snapshots/take-snapshot";
import { sourceRows } from "./write-sources";
import { publishClaimChange } from "@/lib/live/publish";

export const MAX_QUOTE_LENGTH = 5000;

export async function createClaim(actor: SessionUser, input: TCreateClaim): Promise<ClaimDto> {
  assertCanReview(actor);
  const prisma = await getPrisma();
  const version = await prisma.articleVersion.findUnique({ where: { id: input.articleVersionId }, select: { id: true, articleId: true, number: true, plainText: true } });
  if (!version) throw new AppError("NOT_FOUND", "That article version does not exist.");
  const latest = await prisma.articleVersion.findFirst({ where: { articleId: version.articleId }, orderBy: { number: "desc" }, select: { id: true } });
  if (latest?.id !== version.id) {
    throw new AppError("CONFLICT", "The article has changed since you opened it. Reload the page and select the words again.");
  }
  const text = version.plainText;
  if (input.start >= input.end || input.end > text.length) throw new AppError("INVALID", "The selection is outside the article's text. Select the words again.");
  // Half an emoji cannot be stored (PostgreSQL refuses a lone surrogate), so say so instead of failing.
  const splitProblem = checkSpanBoundaries(text, input.start, input.end);
  if (splitProblem) throw new AppError("INVALID", splitProblem);
  const quote = text.slice(input.start, input.end);
  if (!quote.trim()) throw new AppError("INVALID", "Select some words of the article, not just spaces.");
  if (quote.length > MAX_QUOTE_LENGTH) throw new AppError("INVALID", `A claim can cover at most ${MAX_QUOTE_LENGTH.toLocaleString("en")} characters; select a shorter passage.`);
  let selectors;
  try {
    const described = describeSpan(text, input.start, input.end);
    selectors = [described.quote, described.position];
  } catch (e) {
    throw new AppError("INVALID", e instanceof Error ? e.message : "The selection cannot be described.");
  }

  const basedOn = input.basedOnClaimId ? await findReusableCheck(input.basedOnClaimId) : null;

  return prisma.$transaction(async (tx) => {
    const row = await tx.claim.create({
      data: {
        articleId: version.articleId,
        articleVersionId: version.id,
        selectors,
        quote,
        verdict: input.fields.verdict,
        explanation: input.fields.explanation,
        tags: input.fields.tags,
        authorId: actor.id,
        updatedById: actor.id,
        basedOnClaimId: basedOn?.claimId ?? null,
        sources: { create: sourceRows(input.fields.sources) },
      },
      include: CLAIM_INCLUDE,
    });
    // In the same transaction: a saved source always has its snapshot queued (issue 18).
    await queueSnapshots(tx, input.fields.sources.map((s) => s.url));
    await tx.claimEvent.create({ data: { claimId: row.id, actorId: actor.id, type: "CREATED", after: { quote, ...claimSnapshot(row), ...(basedOn ? { basedOn: basedOn.label } : {}) } } });
    await publishClaimChange(tx, actor, row, "created");
    return toClaimDto(row, actor, text);
  });
}

/** Only a live published check can be reused; the history names it in words. */
async function findReusableCheck(claimId: string): Promise<{ claimId: string; label: string }> {
  const prisma = await getPrisma();
  const check = await prisma.publishedClaim.findFirst({ where: { claimId, retractedAt: null }, select: { claimId: true, quote: true, approvedAt: true, article: { select: { title: true } } } });
  if (!check) throw new AppError("INVALID", "basedOnClaimId: that published check does not exist or was withdrawn.");
  return { claimId: check.claimId, label: `“${check.quote}” in “${check.article.title}”, approved ${check.approvedAt.toISOString().slice(0, 10)}` };
}
