// Live events (issue 15) on both engines: publishing in the write's transaction (a rollback sends
// nothing), replay after Last-Event-ID, and per-event, per-subscriber authorization.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser, TRole } from "@/lib/auth/roles";
import { createClaim } from "@/lib/claims/create-claim";
import { deleteClaim, updateClaim } from "@/lib/claims/update-claim";
import { listClaimDtos } from "@/lib/claims/get-workspace";
import { getCurrentArticle } from "@/lib/articles/read-articles";
import { seedDatabase } from "@/lib/seed/seed";
import { claimFields, QUOTE } from "@/lib/testing/claims-fixture";
import { ENGINES, shareWithServices, type TestDatabase } from "@/lib/testing/databases";
import { transitionClaim } from "@/lib/workflow/transition-claim";
import { addComment } from "@/lib/workflow/add-comment";
import type { LiveEvent } from "./events";
import { publishLive, writePresence } from "./publish";
import { Relay, type LiveClient } from "./relay";

type Captured = { client: LiveClient; events: LiveEvent[] };

function capture(user: SessionUser): Captured {
  const events: LiveEvent[] = [];
  const client: LiveClient = {
    id: user.id,
    user: { id: user.id, role: user.role },
    write: (frame) => {
      const data = /^data: (.*)$/m.exec(new TextDecoder().decode(frame.bytes))?.[1];
      if (data) events.push(JSON.parse(data) as LiveEvent);
      return true;
    },
    close: () => {},
  };
  return { client, events };
}

async function until(check: () => boolean, what: string, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(ENGINES)("live events on $name", ({ create }) => {
  let t: TestDatabase;
  let relay: Relay;
  let unshare = () => {};
  const users: Record<string, SessionUser> = {};
  let slug = "";
  let versionId = "";
  let text = "";

  beforeAll(async () => {
    t = await create();
    unshare = shareWithServices(t);
    await seedDatabase(t.db.prisma, { demoUsers: true });
    for (const u of await t.db.prisma.user.findMany()) users[u.email.split("@")[0]] = { id: u.id, name: u.name, email: u.email, role: u.role as TRole };
    const v = await t.db.prisma.articleVersion.findFirstOrThrow({ include: { article: true } });
    slug = v.article.slug;
    versionId = v.id;
    text = v.plainText;
    relay = new Relay(t.db);
    await relay.start();
  });
  afterAll(async () => {
    await relay?.stop();
    unshare();
    await t?.drop();
  });

  const span = () => ({ start: text.indexOf(QUOTE), end: text.indexOf(QUOTE) + QUOTE.length });

  it("a committed write is heard by the relay; a rolled-back one sends nothing", async () => {
    const admin = capture(users.admin);
    const stop = relay.subscribe(admin.client);
    try {
      const article = await t.db.prisma.article.findFirstOrThrow();
      await t.db.prisma
        .$transaction(async (tx) => {
          await publishLive(tx, { type: "assignment", articleId: article.id, claimId: null, userId: null, data: { slug: "rolled-back", reviewerIds: [] } });
          throw new Error("roll back");
        })
        .catch(() => {});
      await t.db.prisma.$transaction(async (tx) => {
        await publishLive(tx, { type: "assignment", articleId: article.id, claimId: null, userId: null, data: { slug: "committed", reviewerIds: [] } });
      });
      await until(() => admin.events.length >= 1, "the committed event");
      await new Promise((r) => setTimeout(r, 300));
      expect(admin.events.map((e) => (e.type === "assignment" ? e.data.slug : e.type))).toEqual(["committed"]);
      // Nor is a rolled-back event kept for replay.
      expect(await t.db.prisma.liveEvent.count({ where: { data: { path: ["slug"], equals: "rolled-back" } } })).toBe(0);
    } finally {
      stop();
    }
  });

  it("a failed service write (409) publishes nothing", async () => {
    const claim = await createClaim(users.reviewer, { articleVersionId: versionId, ...span(), fields: claimFields() });
    await updateClaim(users.editor, claim.id, { version: claim.version, fields: claimFields({ verdict: "FALSE" }) });
    const before = await t.db.prisma.liveEvent.count();
    await expect(updateClaim(users.reviewer, claim.id, { version: claim.version, fields: claimFields() })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await t.db.prisma.liveEvent.count()).toBe(before);
  });

  it("each subscriber receives exactly what the workspace shows them, and only their own notifications", async () => {
    const subs = Object.fromEntries(["reader", "reviewer", "reviewer2", "editor"].map((name) => [name, capture(users[name])]));
    const stops = Object.values(subs).map((s) => relay.subscribe(s.client));
    try {
      const draft = await createClaim(users.reviewer, { articleVersionId: versionId, ...span(), fields: claimFields({ explanation: "A draft of reviewer one." }) });
      const other = await createClaim(users.reviewer2, { articleVersionId: versionId, ...span(), fields: claimFields({ explanation: "Reviewer two's claim." }) });
      const submitted = await transitionClaim(users.reviewer2, other.id, { action: "submit", version: other.version });
      await addComment(users.editor, draft.id, { body: "Looks fine." });
      await until(() => subs.editor.events.filter((e) => e.type === "claim").length >= 4, "the editor's claim events");
      await until(() => subs.reviewer.events.some((e) => e.type === "notification"), "the reviewer's notification");
      await new Promise((r) => setTimeout(r, 300));

      // Readers see no unpublished claim, in the workspace or the stream.
      expect(subs.reader.events).toEqual([]);
      // The oracle: the claims each reviewer's workspace lists are the claims their stream named.
      const article = await getCurrentArticle(slug);
      for (const name of ["reviewer", "reviewer2", "editor"]) {
        const shown = new Set((await listClaimDtos(users[name], article)).map((c) => c.id));
        const streamed = new Set(subs[name].events.flatMap((e) => (e.type === "claim" ? [e.claimId] : [])));
        for (const id of streamed) expect(shown.has(id), `${name} was sent claim ${id} the workspace hides`).toBe(true);
        for (const id of [draft.id, other.id]) expect(streamed.has(id), `${name} missed claim ${id}`).toBe(true);
      }
      // Notifications go to their addressee only: the comment to the draft's author, the submission to editors.
      const notified = (name: string) => subs[name].events.filter((e) => e.type === "notification").map((e) => e.userId);
      expect(notified("reviewer")).toEqual([users.reviewer.id]);
      expect(notified("reviewer2")).toEqual([]);
      expect(notified("editor").every((id) => id === users.editor.id)).toBe(true);
      expect(notified("editor").length).toBeGreaterThan(0);
      // The queue count is for editors.
      const stateEvent = (name: string) => subs[name].events.find((e) => e.type === "claim" && e.claimId === submitted.id && e.data.change === "state");
      expect(stateEvent("editor")).toMatchObject({ data: { state: "SUBMITTED", queueCount: expect.any(Number) } });
      expect(stateEvent("reviewer")?.data).not.toHaveProperty("queueCount");
    } finally {
      for (const stop of stops) stop();
    }
  });

  it("presence: joining and leaving announce who is still here, to review roles only", async () => {
    const editor = capture(users.editor);
    const reader = capture(users.reader);
    const stops = [relay.subscribe(editor.client), relay.subscribe(reader.client)];
    try {
      const article = await t.db.prisma.article.findFirstOrThrow();
      const row = (user: SessionUser, streamId: string) => ({ streamId, userId: user.id, articleId: article.id, instance: relay.instance });
      await writePresence(t.db.prisma, row(users.reviewer, "s1"), true, 45);
      await writePresence(t.db.prisma, row(users.reviewer2, "s2"), true, 45);
      await writePresence(t.db.prisma, row(users.reviewer, "s1"), false, 45);
      await until(() => editor.events.filter((e) => e.type === "presence").length >= 3, "three presence events");
      const lists = editor.events.flatMap((e) => (e.type === "presence" ? [e.data.users.map((u) => u.name)] : []));
      expect(lists).toEqual([["Rita Reviewer"], ["Rita Reviewer", "Rob Reviewer"], ["Rob Reviewer"]]);
      expect(reader.events).toEqual([]);
      expect(await t.db.prisma.livePresence.count()).toBe(1);
    } finally {
      for (const stop of stops) stop();
    }
  });

  it("replays what a reconnecting subscriber missed, filtered for them, and asks for a reload past the window", async () => {
    const [{ max }] = await t.db.prisma.$queryRaw<{ max: bigint }[]>`SELECT max("id") AS max FROM "LiveEvent"`;
    const lastSeen = Number(max);
    const claim = await createClaim(users.reviewer, { articleVersionId: versionId, ...span(), fields: claimFields() });
    await deleteClaim(users.reviewer, claim.id, claim.version);

    const forReviewer = await relay.replay({ id: users.reviewer2.id, role: "REVIEWER" }, lastSeen);
    expect(forReviewer !== "gap" && forReviewer.map((e) => (e.type === "claim" ? `${e.claimId}:${e.data.change}` : e.type))).toEqual([`${claim.id}:created`, `${claim.id}:deleted`]);
    expect(await relay.replay({ id: users.reader.id, role: "READER" }, lastSeen)).toEqual([]);
    expect(await relay.replay({ id: users.reviewer.id, role: "REVIEWER" }, Number(max) + 2)).toEqual([]);

    // Prune everything older than the newest event: a client that last saw lastSeen has a gap.
    await t.db.prisma.$executeRaw`DELETE FROM "LiveEvent" WHERE "id" < (SELECT max("id") FROM "LiveEvent")`;
    expect(await relay.replay({ id: users.reviewer.id, role: "REVIEWER" }, lastSeen)).toBe("gap");
    await t.db.prisma.$executeRaw`DELETE FROM "LiveEvent"`;
    expect(await relay.replay({ id: users.reviewer.id, role: "REVIEWER" }, lastSeen)).toBe("gap");
  });
});
