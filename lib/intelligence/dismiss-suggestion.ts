import "server-only";
import type { SessionUser } from "@/lib/auth/roles";
import { assertCanReview } from "@/lib/claims/access";
import { getPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { TDismissSuggestion } from "./schemas";

/** Hides one suggestion for this reviewer on one version of the article named by the URL. */
export async function dismissSuggestion(actor: SessionUser, slug: string, input: TDismissSuggestion): Promise<void> {
  assertCanReview(actor);
  const prisma = await getPrisma();
  const version = await prisma.articleVersion.findFirst({ where: { id: input.articleVersionId, article: { slug } }, select: { id: true, plainText: true } });
  if (!version) throw new AppError("NOT_FOUND", "That article version does not exist.");
  const [start, end] = input.suggestionKey.split("-").map(Number);
  if (end > version.plainText.length || start >= end) throw new AppError("INVALID", "suggestionKey: the span is outside this version's text.");
  await prisma.suggestionDismissal.upsert({
    where: { userId_articleVersionId_suggestionKey: { userId: actor.id, articleVersionId: version.id, suggestionKey: input.suggestionKey } },
    create: { userId: actor.id, articleVersionId: version.id, suggestionKey: input.suggestionKey },
    update: {},
  });
}
