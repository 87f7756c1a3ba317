import "server-only";
// The daily digest of the review queue (issue 18), for editors and admins who turned it on. Scheduled
// under a per-user-per-day dedupe key, so any number of instances add it once a day.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { enqueueJobs } from "@/lib/jobs/queue";
import { emailEnabled } from "./settings";
import { EMAIL_JOB, type EmailPayload } from "./send-email";

/** Hour (UTC) after which the day's digest is queued; FACTMARK_DIGEST_HOUR_UTC, default 7. */
export function digestHour(env: Record<string, string | undefined> = process.env): number {
  const h = Number(env.FACTMARK_DIGEST_HOUR_UTC);
  return Number.isInteger(h) && h >= 0 && h <= 23 ? h : 7;
}

export async function scheduleDigests(prisma: PrismaClient, now = new Date()): Promise<number> {
  if (!emailEnabled() || now.getUTCHours() < digestHour()) return 0;
  const day = now.toISOString().slice(0, 10);
  const editors = await prisma.user.findMany({ where: { active: true, role: { in: ["EDITOR", "ADMIN"] }, emailKinds: { has: "DIGEST" } }, select: { id: true } });
  if (!editors.length) return 0;
  const waiting = await prisma.claim.findMany({ where: { state: "SUBMITTED", deletedAt: null }, orderBy: { submittedAt: "asc" }, take: 10, select: { quote: true, submittedAt: true, article: { select: { title: true } } } });
  const total = await prisma.claim.count({ where: { state: "SUBMITTED", deletedAt: null } });
  const lines = total
    ? [`${total} claim${total === 1 ? "" : "s"} wait${total === 1 ? "s" : ""} for review. The oldest:`, ...waiting.map((c) => `• “${c.quote.slice(0, 140)}” in “${c.article.title}”, submitted ${c.submittedAt?.toISOString().slice(0, 10) ?? "?"}`)]
    : ["No claims wait for review today."];
  const payload = (userId: string): EmailPayload => ({ userId, kind: "DIGEST", subject: `Review queue, ${day}: ${total} waiting`, lines, link: { path: "/review/queue", label: "Open the review queue" } });
  return enqueueJobs(prisma, editors.map((e) => ({ kind: EMAIL_JOB, payload: payload(e.id), dedupeKey: `digest:${e.id}:${day}`, maxAttempts: 5 })));
}
