import "server-only";
import type { SessionUser } from "@/lib/auth/roles";
import { assertCanReview } from "@/lib/claims/access";
import { getPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { takeSnapshot } from "./take-snapshot";

export type PageMetadata = { url: string; finalUrl: string | null; title: string | null; publisher: string | null; publishedAt: string | null; snapshotId: string };

/**
 * "Fill from page" (issue 18): fetches the source now, through the safe fetcher, and returns what its
 * metadata says, for the reviewer to edit before saving. The fetch is kept as the page's snapshot, so
 * the archived copy is the page the reviewer looked at.
 */
export async function fillFromPage(actor: SessionUser, url: string): Promise<PageMetadata> {
  assertCanReview(actor);
  const prisma = await getPrisma();
  const snap = await takeSnapshot(prisma, url);
  if (snap.error) throw new AppError("UNPROCESSABLE", `Factmark could not read this page: ${snap.error.replace(/^[A-Z_]+: /, "")}`, { url: [snap.error.replace(/^[A-Z_]+: /, "")] });
  if (snap.status !== null && (snap.status < 200 || snap.status > 299)) throw new AppError("UNPROCESSABLE", `The page answered with status ${snap.status}.`, { url: [`The page answered with status ${snap.status}.`] });
  const f = snap.facts;
  const row = await prisma.webSnapshot.findUniqueOrThrow({ where: { id: snap.id }, select: { finalUrl: true } });
  return { url, finalUrl: row.finalUrl, title: f?.title ?? null, publisher: f?.publisher ?? null, publishedAt: f?.publishedAt ?? null, snapshotId: snap.id };
}
