import "server-only";
import type { SessionUser } from "@/lib/auth/roles";
import { assertCanReview } from "@/lib/claims/access";
import type { ClaimDto } from "@/lib/claims/claim-dto";
import { CLAIM_INCLUDE, toClaimDto } from "@/lib/claims/claim-rows";
import { getPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { attachArchives } from "@/lib/snapshots/attach";
import type { TVerdict } from "@/lib/verdicts";
import type { CommentDto } from "./add-comment";
import { diffSnapshots, type FieldChange } from "./history";
import { decide, TRANSITION_ACTIONS, type TTransitionAction } from "./state-machine";

export type HistoryEntry = { id: string; type: string; actor: string; at: string; changes: FieldChange[] };
export type PublishedDto = {
  claimVersion: number;
  verdict: TVerdict;
  explanation: string;
  quote: string;
  sources: { url: string; title: string; publisher: string | null; stance: string }[];
  approvedBy: string;
  approvedAt: string;
  retractedAt: string | null;
  retractionReason: string | null;
};
export type ClaimPage = {
  claim: ClaimDto;
  article: { slug: string; title: string };
  /** The claim's words with the surrounding paragraph, as the current article has them. */
  context: { before: string; quote: string; after: string } | null;
  /** The approved revision readers see, when it is not the claim as it stands (a pending revision or a retraction). */
  published: PublishedDto | null;
  history: HistoryEntry[];
  comments: CommentDto[];
  /** The transitions this user may make now. */
  actions: TTransitionAction[];
};

function paragraphAround(text: string, start: number, end: number) {
  const prev = text.lastIndexOf("\n\n", start);
  const from = prev < 0 ? 0 : prev + 2;
  const next = text.indexOf("\n\n", end);
  const to = next < 0 ? text.length : next;
  return { before: text.slice(from, start), quote: text.slice(start, end), after: text.slice(end, to) };
}

export async function getClaimPage(actor: SessionUser, id: string): Promise<ClaimPage> {
  assertCanReview(actor);
  const prisma = await getPrisma();
  const row = await prisma.claim.findFirst({
    where: { id, deletedAt: null },
    include: {
      ...CLAIM_INCLUDE,
      article: { select: { slug: true, title: true, versions: { orderBy: { number: "desc" }, take: 1, select: { plainText: true } } } },
      published: { include: { approvedBy: { select: { name: true } } } },
      events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { actor: { select: { name: true } } } },
      comments: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { author: { select: { id: true, name: true } } } },
    },
  });
  if (!row) throw new AppError("NOT_FOUND", "This claim does not exist or was deleted.");
  const text = row.article.versions[0]?.plainText ?? "";
  const [claim] = await attachArchives(prisma, [toClaimDto(row, actor, text)]);
  const who = { role: actor.role, isAuthor: row.authorId === actor.id, isLastEditor: row.updatedById === actor.id };
  const p = row.published;
  return {
    claim,
    article: { slug: row.article.slug, title: row.article.title },
    context: claim.placement.status === "placed" ? paragraphAround(text, claim.placement.start, claim.placement.end) : null,
    published: p
      ? {
          claimVersion: p.claimVersion,
          verdict: p.verdict,
          explanation: p.explanation,
          quote: p.quote,
          sources: (p.sources as PublishedDto["sources"]) ?? [],
          approvedBy: p.approvedBy.name,
          approvedAt: p.approvedAt.toISOString(),
          retractedAt: p.retractedAt?.toISOString() ?? null,
          retractionReason: p.retractionReason,
        }
      : null,
    history: row.events.map((e) => ({ id: e.id, type: e.type, actor: e.actor.name, at: e.createdAt.toISOString(), changes: diffSnapshots(e.before, e.after) })),
    comments: row.comments.map((c) => ({ id: c.id, body: c.body, author: c.author, createdAt: c.createdAt.toISOString() })),
    actions: TRANSITION_ACTIONS.filter((a) => decide(a, row.state, who, { published: !!p && !p.retractedAt }).ok),
  };
}
