import "server-only";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { notifyUser } from "./notify";
import { publishLive } from "@/lib/live/publish";

export type AssignmentsDto = { slug: string; reviewers: { id: string; name: string }[] };

/**
 * An editor sets who checks an article. The change is logged (ArticleEvent); each new assignee is
 * told, and so is each one removed (issue 20, item 3), so nobody keeps working on an article that
 * is no longer theirs.
 */
export async function setAssignments(actor: SessionUser, slug: string, reviewerIds: string[]): Promise<AssignmentsDto> {
  if (actor.role !== "EDITOR" && actor.role !== "ADMIN") throw new AppError("FORBIDDEN", "Only editors and admins assign articles.");
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const article = await tx.article.findUnique({ where: { slug }, select: { id: true, title: true } });
    if (!article) throw new AppError("NOT_FOUND", "That article does not exist.");
    const wanted = [...new Set(reviewerIds)];
    const valid = await tx.user.findMany({ where: { id: { in: wanted }, active: true, role: { in: ["REVIEWER", "EDITOR", "ADMIN"] } }, select: { id: true, name: true } });
    if (valid.length !== wanted.length) throw new AppError("INVALID", "Articles can be assigned only to active reviewers and editors.");
    const current = await tx.assignment.findMany({ where: { articleId: article.id }, include: { reviewer: { select: { id: true, name: true } } } });
    const currentIds = current.map((a) => a.reviewerId);
    const added = wanted.filter((id) => !currentIds.includes(id));
    const removed = currentIds.filter((id) => !wanted.includes(id));
    if (!added.length && !removed.length) return { slug, reviewers: current.map((a) => a.reviewer) };
    if (removed.length) await tx.assignment.deleteMany({ where: { articleId: article.id, reviewerId: { in: removed } } });
    if (added.length) await tx.assignment.createMany({ data: added.map((reviewerId) => ({ articleId: article.id, reviewerId, assignedById: actor.id })) });
    const names = (ids: string[]) => [...current.map((a) => a.reviewer), ...valid].filter((u, i, all) => ids.includes(u.id) && all.findIndex((x) => x.id === u.id) === i).map((u) => u.name).sort();
    await tx.articleEvent.create({
      data: { articleId: article.id, actorId: actor.id, type: "ASSIGNMENTS_CHANGED", before: { reviewers: names(currentIds) }, after: { reviewers: names(wanted) } },
    });
    await publishLive(tx, { type: "assignment", articleId: article.id, claimId: null, userId: null, data: { slug, reviewerIds: wanted } });
    for (const id of added) await notifyUser(tx, actor, id, "ASSIGNED", `${actor.name} assigned you the article “${article.title}”.`);
    for (const id of removed) await notifyUser(tx, actor, id, "UNASSIGNED", `${actor.name} removed you from the article “${article.title}”; it is no longer assigned to you.`);
    return { slug, reviewers: valid.sort((a, b) => a.name.localeCompare(b.name)) };
  });
}

export type ArticleAssignments = { slug: string; title: string; reviewers: { id: string; name: string }[] };

/** Every article with its assignees, and everyone who can be assigned: the queue page's assignment panel. */
export async function listAssignments(actor: SessionUser): Promise<{ articles: ArticleAssignments[]; people: { id: string; name: string; role: string }[] }> {
  if (actor.role !== "EDITOR" && actor.role !== "ADMIN") throw new AppError("FORBIDDEN", "Only editors and admins assign articles.");
  const prisma = await getPrisma();
  const [articles, people] = await Promise.all([
    prisma.article.findMany({ orderBy: { title: "asc" }, select: { slug: true, title: true, assignments: { select: { reviewer: { select: { id: true, name: true } } } } } }),
    prisma.user.findMany({ where: { active: true, role: { in: ["REVIEWER", "EDITOR", "ADMIN"] } }, orderBy: { name: "asc" }, select: { id: true, name: true, role: true } }),
  ]);
  return { articles: articles.map((a) => ({ slug: a.slug, title: a.title, reviewers: a.assignments.map((x) => x.reviewer) })), people };
}
