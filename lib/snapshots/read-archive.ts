import "server-only";
import { hasRole, REVIEW_ROLES, type SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { archiveStatus, type SourceWarning } from "./status";

export type ArchivedCopy = {
  id: string;
  url: string;
  finalUrl: string | null;
  fetchedAt: string;
  title: string | null;
  publisher: string | null;
  publishedAt: string | null;
  contentType: string | null;
  /** Sanitized at fetch time (lib/import/sanitize.ts): headings, paragraphs, lists, links. */
  html: string | null;
  text: string | null;
  sha256: string | null;
  warning: SourceWarning | null;
};

/**
 * An archived copy (issue 18). Staff may open any; anyone else only a copy of a page that a published,
 * not withdrawn check cites — the same people who can see the check. Authorization is in the query.
 */
export async function getArchivedCopy(user: SessionUser | null, id: string): Promise<ArchivedCopy> {
  const prisma = await getPrisma();
  const row = await prisma.webSnapshot.findFirst({ where: { id, error: null, status: { gte: 200, lt: 300 } } });
  if (!row) throw new AppError("NOT_FOUND", "There is no archived copy at this address.");
  if (!hasRole(user, REVIEW_ROLES)) {
    const cited = await prisma.publishedClaim.findFirst({ where: { retractedAt: null, sources: { array_contains: [{ url: row.url }] } }, select: { claimId: true } });
    if (!cited) throw new AppError("NOT_FOUND", "There is no archived copy at this address.");
  }
  const all = await prisma.webSnapshot.findMany({ where: { url: row.url }, select: { id: true, fetchedAt: true, checkedAt: true, status: true, textSha256: true, sha256: true, error: true } });
  const status = archiveStatus(all);
  return {
    id: row.id,
    url: row.url,
    finalUrl: row.finalUrl,
    fetchedAt: row.fetchedAt.toISOString(),
    title: row.title,
    publisher: row.publisher,
    publishedAt: row.publishedAt?.toISOString().slice(0, 10) ?? null,
    contentType: row.contentType,
    html: row.html,
    text: row.html ? null : row.text,
    sha256: row.sha256,
    warning: status?.id === row.id ? status.warning : null,
  };
}
