import "server-only";
// Email goes out from the job queue only (issue 18): queueing is part of the transaction that causes
// it, so a crash or restart loses nothing, and the queue's rules keep two instances from sending the
// same email. Preferences are checked again when sending: unsubscribing stops what is already queued.
import nodemailer, { type Transporter } from "nodemailer";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { enqueueJobs, type JobRow } from "@/lib/jobs/queue";
import { publicBaseUrl } from "@/lib/publishing/site";
import { EMAIL_KIND_LABELS, isEmailKind, type TEmailKind } from "./kinds";
import { composeMessage, type MessageInput } from "./messages";
import { emailEnabled, mailFrom, oneClickUrl, smtpUrl, unsubscribeUrl } from "./settings";

export const EMAIL_JOB = "EMAIL";

/** What a queued email says. `userId` + `kind` for notices a user can turn off; `to` for invitations. */
export type EmailPayload = {
  userId?: string;
  to?: string;
  kind: TEmailKind | "INVITATION";
  subject: string;
  lines: string[];
  link?: { path: string; label: string };
};

type Db = Pick<PrismaClient, "job">;

/** Queues an email when email is on (SMTP_URL); otherwise does nothing, as Factmark did before. */
export async function queueEmail(db: Db | Prisma.TransactionClient, payload: EmailPayload, dedupeKey?: string): Promise<void> {
  if (!emailEnabled()) return;
  await enqueueJobs(db, [{ kind: EMAIL_JOB, payload: payload as unknown as Prisma.InputJsonValue, dedupeKey, maxAttempts: 10 }]);
}

let transport: { url: string; t: Transporter } | null = null;
function getTransport(url: string): Transporter {
  if (transport?.url !== url) {
    // Time limits far below the queue's lease (5 min), so a job is never still sending when it could be retaken.
    transport = { url, t: nodemailer.createTransport(url, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 }) };
  }
  return transport.t;
}

/** Job handler for EMAIL. Returns without sending when the user turned the kind off or is inactive. */
export async function sendEmailJob(prisma: PrismaClient, raw: unknown, job: Pick<JobRow, "id">): Promise<{ sent: boolean; erasePayload: true }> {
  const url = smtpUrl();
  // Not sent for now: without SMTP_URL the job is kept (payload and all) until email is on again.
  if (!url) throw new Error("Email is off (SMTP_URL is not set).");
  const p = raw as EmailPayload;
  let to = p.to ?? null;
  let greeting = "Hello,";
  let unsubscribe: MessageInput["unsubscribe"];
  if (p.userId) {
    const user = await prisma.user.findUnique({ where: { id: p.userId }, select: { email: true, name: true, active: true, emailKinds: true } });
    if (!user || !user.active) return SKIPPED;
    if (isEmailKind(p.kind) && !user.emailKinds.includes(p.kind)) return SKIPPED;
    to = user.email;
    greeting = `Hello ${user.name},`;
    if (isEmailKind(p.kind)) unsubscribe = { href: unsubscribeUrl(p.userId, p.kind), what: EMAIL_KIND_LABELS[p.kind] };
  }
  if (!to) return SKIPPED;
  const message = composeMessage({ subject: p.subject, greeting, lines: p.lines, link: p.link ? { href: `${publicBaseUrl()}${p.link.path}`, label: p.link.label } : undefined, unsubscribe });
  await getTransport(url).sendMail({
    from: mailFrom(),
    to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    // The job's id names the message: a retry after a crash carries the same Message-ID, so mail
    // systems that de-duplicate on it show one copy.
    messageId: `<${job.id}@factmark>`,
    headers: p.userId && isEmailKind(p.kind) ? { "List-Unsubscribe": `<${oneClickUrl(p.userId, p.kind)}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } : undefined,
  });
  return { sent: true, erasePayload: true };
}

const SKIPPED = { sent: false, erasePayload: true } as const;
