// Email (issue 18) against a real SMTP server started here (smtp-server): contents (plain text and
// HTML, links, one-click unsubscribe), preferences, "off without SMTP_URL", the daily digest, and the
// queue's rules for email: a crashed sender's email still goes out, and two instances never send one twice.
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { openDb, type Db } from "@/lib/db/client";
import { ENGINES, shareWithServices, type TestDatabase } from "@/lib/testing/databases";
import { runJobsOnce, startWorker, takeJobs } from "@/lib/jobs/queue";
import { issueInvitation } from "@/lib/accounts/create-invitation";
import { scheduleDigests } from "./digest";
import { unsubscribe } from "./preferences";
import { EMAIL_JOB, queueEmail, sendEmailJob } from "./send-email";
import { unsubscribeToken } from "./settings";

type Mail = { to: string[]; raw: string };
const PORT = 2526;

/**
 * Headers unfolded, and quoted-printable bodies decoded, so tests can read the message. Only the
 * body is decoded: a header such as List-Unsubscribe carries `t=<token>`, and a token that starts
 * with two hex digits would otherwise be "decoded" into another character.
 */
function readable(raw: string): string {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? "" : raw.slice(split);
  const decodedBody = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
  return head.replace(/\r?\n[ \t]+/g, " ") + decodedBody.replace(/\r?\n[ \t]+/g, " ");
}

describe.each(ENGINES)("email on $name", ({ create, name }) => {
  let t: TestDatabase;
  let second: Db;
  let unshare: () => void;
  let smtp: SMTPServer;
  const inbox: Mail[] = [];
  const handlers = (db: Db) => ({ [EMAIL_JOB]: (p: unknown, job: { id: string }) => sendEmailJob(db.prisma, p, job) });
  let editor: { id: string; email: string };

  beforeAll(async () => {
    vi.stubEnv("SMTP_URL", `smtp://127.0.0.1:${PORT}`);
    vi.stubEnv("NEXTAUTH_SECRET", "email-test-secret");
    vi.stubEnv("FACTMARK_PUBLIC_URL", "http://factmark.test");
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: readable(Buffer.concat(chunks).toString("utf8")) });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(PORT, "127.0.0.1", resolve));
    t = await create();
    second = name === "PostgreSQL" ? await openDb(t.url) : t.db;
    unshare = shareWithServices(t);
    editor = await t.db.prisma.user.create({ data: { email: "ed@example.org", name: "Edna Editor", passwordHash: "x", role: "EDITOR" } });
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    unshare();
    if (second !== t.db) await second.close();
    await t.drop();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });
  beforeEach(async () => {
    inbox.length = 0;
    await t.db.prisma.job.deleteMany();
  });

  it("emails an invitation link, in a plain-text and an HTML part, and keeps no copy of the link once sent", async () => {
    const invited = await t.db.prisma.user.create({ data: { email: "new@example.org", name: "Nia <New>", passwordHash: "x", role: "REVIEWER" } });
    const issued = await t.db.prisma.$transaction((tx) => issueInvitation(tx, invited.id, editor.id));
    expect(await runJobsOnce(t.db.prisma, "w", handlers(t.db))).toBe(1);
    expect(inbox).toHaveLength(1);
    const mail = inbox[0];
    expect(mail.to).toEqual(["new@example.org"]);
    expect(mail.raw).toContain("Subject: Your Factmark invitation");
    expect(mail.raw).toMatch(/Content-Type: text\/plain/);
    expect(mail.raw).toMatch(/Content-Type: text\/html/);
    expect(mail.raw).toContain(`http://factmark.test${issued.path}`);
    expect(mail.raw).toContain("Nia &lt;New&gt;"); // escaped in the HTML part
    expect(mail.raw).not.toContain("List-Unsubscribe"); // not a notice one can turn off
    const job = await t.db.prisma.job.findFirstOrThrow();
    expect(JSON.stringify(job.payload)).not.toContain(issued.token);
  });

  it("sends a notice the user wants, with one-click unsubscribe; after unsubscribing, queued ones are not sent", async () => {
    await queueEmail(t.db.prisma, { userId: editor.id, kind: "APPROVED", subject: "Approved: dam claim", lines: ["Your claim was approved."], link: { path: "/review/claims/x", label: "Open the claim" } });
    await runJobsOnce(t.db.prisma, "w", handlers(t.db));
    expect(inbox).toHaveLength(1);
    const token = unsubscribeToken(editor.id, "APPROVED");
    expect(inbox[0].raw).toContain(`List-Unsubscribe: <http://factmark.test/api/email/unsubscribe?u=${editor.id}&k=APPROVED&t=${token}>`);
    expect(inbox[0].raw).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(inbox[0].raw).toContain(`http://factmark.test/unsubscribe?u=${editor.id}&k=APPROVED&t=${token}`);
    expect(inbox[0].raw).toContain("http://factmark.test/review/claims/x");

    await queueEmail(t.db.prisma, { userId: editor.id, kind: "APPROVED", subject: "Approved again", lines: ["x"] });
    await expect(unsubscribe({ u: editor.id, k: "APPROVED", t: unsubscribeToken(editor.id, "SENT_BACK") })).rejects.toThrow(/not valid/);
    await expect(unsubscribe({ u: editor.id, k: "APPROVED", t: "forged" })).rejects.toThrow(/not valid/);
    await unsubscribe({ u: editor.id, k: "APPROVED", t: token });
    expect((await t.db.prisma.user.findUniqueOrThrow({ where: { id: editor.id } })).emailKinds).not.toContain("APPROVED");
    await runJobsOnce(t.db.prisma, "w", handlers(t.db));
    expect(inbox).toHaveLength(1);
    await t.db.prisma.user.update({ where: { id: editor.id }, data: { emailKinds: { push: "APPROVED" } } });
  });

  it("without SMTP_URL nothing is queued or sent", async () => {
    vi.stubEnv("SMTP_URL", "");
    try {
      await queueEmail(t.db.prisma, { userId: editor.id, kind: "APPROVED", subject: "s", lines: ["l"] });
      expect(await t.db.prisma.job.count()).toBe(0);
      expect(await scheduleDigests(t.db.prisma, new Date("2026-12-04T12:00:00Z"))).toBe(0);
    } finally {
      vi.stubEnv("SMTP_URL", `smtp://127.0.0.1:${PORT}`);
    }
  });

  it("queues the daily digest once a day for editors who opted in, and it lists the queue", async () => {
    const noon = new Date("2026-12-04T12:00:00Z");
    expect(await scheduleDigests(t.db.prisma, noon)).toBe(0); // not opted in
    await t.db.prisma.user.update({ where: { id: editor.id }, data: { emailKinds: { push: "DIGEST" } } });
    expect(await scheduleDigests(t.db.prisma, new Date("2026-12-04T03:00:00Z"))).toBe(0); // before the hour
    expect(await scheduleDigests(t.db.prisma, noon)).toBe(1);
    expect(await scheduleDigests(t.db.prisma, noon)).toBe(0); // another instance, same day
    await runJobsOnce(t.db.prisma, "w", handlers(t.db));
    expect(inbox).toHaveLength(1);
    expect(inbox[0].raw).toContain("Subject: Review queue, 2026-12-04: 0 waiting");
    expect(inbox[0].raw).toContain("http://factmark.test/review/queue");
  });

  it("an email taken by a sender that crashed is sent by another once the lease runs out", async () => {
    await queueEmail(t.db.prisma, { to: "crash@example.org", kind: "INVITATION", subject: "After a crash", lines: ["x"] });
    const [taken] = await takeJobs(t.db.prisma, "crashed", { leaseMs: 1500 });
    expect(taken).toBeDefined(); // ... and the process dies here, before sending
    expect(await runJobsOnce(second.prisma, "alive", handlers(second))).toBe(0);
    await new Promise((r) => setTimeout(r, 1700));
    expect(await runJobsOnce(second.prisma, "alive", handlers(second))).toBe(1);
    expect(inbox.map((m) => m.to[0])).toEqual(["crash@example.org"]);
  });

  it("two instances sending from one queue never send the same email twice", async () => {
    const N = 30;
    for (let i = 0; i < N; i++) await queueEmail(t.db.prisma, { to: `r${i}@example.org`, kind: "INVITATION", subject: `Message ${i}`, lines: ["x"] });
    const a = startWorker({ prisma: async () => t.db.prisma, handlers: handlers(t.db), id: "instance-a", pollMs: 20 });
    const b = startWorker({ prisma: async () => second.prisma, handlers: handlers(second), id: "instance-b", pollMs: 20 });
    const deadline = Date.now() + 60_000;
    while (inbox.length < N && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300)); // room for a duplicate to show up
    await Promise.all([a.stop(), b.stop()]);
    const recipients = inbox.map((m) => m.to[0]);
    expect(recipients).toHaveLength(N);
    expect(new Set(recipients).size).toBe(N);
    const ids = inbox.map((m) => /Message-ID: (<[^>]+>)/i.exec(m.raw)?.[1]);
    expect(new Set(ids).size).toBe(N);
  });
});
