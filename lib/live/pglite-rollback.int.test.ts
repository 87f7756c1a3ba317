// The embedded database and interactive transactions that end in a rollback (issue 15: a submit
// was seen to hang on PGlite while an editor had the queue open). pglite-prisma-adapter's
// rollback() calls PGlite's tx.rollback() without awaiting it; these tests pin down that this
// cannot leave a transaction open: PGlite queues the ROLLBACK on its query mutex before the COMMIT
// its transaction() helper then sends (a no-op), so every path below ends outside a transaction
// and the next write goes through. Each write is bounded by a deadline, so a hang fails the test
// instead of stalling it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgliteDatabase, type TestDatabase } from "@/lib/testing/databases";
import type { LiveEvent } from "./events";
import { publishLive } from "./publish";
import { Relay, type LiveClient } from "./relay";

const within = <T>(ms: number, what: string, p: Promise<T>): Promise<T> =>
  Promise.race([p, new Promise<never>((_, fail) => setTimeout(() => fail(new Error(`${what}: no answer within ${ms} ms (hang)`)), ms))]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("PGlite: a rolled-back interactive transaction leaves no transaction open", () => {
  let t: TestDatabase;
  let relay: Relay;
  let articleId = "";
  const heard: LiveEvent[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => void unhandled.push(e);

  beforeAll(async () => {
    t = await createPgliteDatabase();
    const author = await t.db.prisma.user.create({ data: { email: "e@example.org", name: "Ed", role: "EDITOR", passwordHash: "x" } });
    const article = await t.db.prisma.article.create({ data: { slug: "rollback", title: "Rollback" } });
    void author;
    articleId = article.id;
    relay = new Relay(t.db);
    await relay.start();
    const client: LiveClient = {
      id: "c",
      user: { id: "admin", role: "ADMIN" },
      write: (f) => {
        const data = /^data: (.*)$/m.exec(new TextDecoder().decode(f.bytes))?.[1];
        if (data) heard.push(JSON.parse(data) as LiveEvent);
        return true;
      },
      close: () => {},
    };
    relay.subscribe(client);
    process.on("unhandledRejection", onUnhandled);
  });
  afterAll(async () => {
    process.off("unhandledRejection", onUnhandled);
    await relay?.stop();
    await t?.drop();
  });

  const pglite = () => {
    if (t.db.kind !== "pglite") throw new Error("PGlite only");
    return t.db.pglite;
  };
  const publish = (tx: Parameters<typeof publishLive>[0], slug: string) =>
    publishLive(tx, { type: "assignment", articleId, claimId: null, userId: null, data: { slug, reviewerIds: [] } });
  const commitOne = (slug: string) => within(5_000, `committing ${slug}`, t.db.prisma.$transaction((tx) => publish(tx, slug)));
  const slugsHeard = () => heard.flatMap((e) => (e.type === "assignment" ? [e.data.slug] : []));

  it("a transaction that throws after writing: rolled back, closed, and the next write commits", async () => {
    await expect(
      within(5_000, "the failing transaction", t.db.prisma.$transaction(async (tx) => {
        await publish(tx, "thrown");
        // The check below can fail: inside the transaction PGlite reports one open.
        expect(pglite().isInTransaction()).toBe(true);
        throw new Error("409 stand-in");
      })),
    ).rejects.toThrow("409 stand-in");
    expect(pglite().isInTransaction()).toBe(false);
    expect(await t.db.prisma.liveEvent.count({ where: { data: { path: ["slug"], equals: "thrown" } } })).toBe(0);
    await commitOne("after-throw");
    await within(5_000, "the relay hearing the next write", (async () => { while (!slugsHeard().includes("after-throw")) await sleep(20); })());
    expect(slugsHeard()).not.toContain("thrown");
  });

  it("a statement error inside the transaction (aborted transaction) rolls back cleanly", async () => {
    await expect(
      within(5_000, "the failing statement", t.db.prisma.$transaction(async (tx) => {
        await publish(tx, "before-error");
        await tx.$executeRaw`SELECT 1 / 0`;
      })),
    ).rejects.toThrow();
    expect(pglite().isInTransaction()).toBe(false);
    await commitOne("after-error");
  });

  it("a transaction past its timeout is rolled back by Prisma and does not block the next one", async () => {
    await expect(
      within(10_000, "the expired transaction", t.db.prisma.$transaction(async (tx) => {
        await publish(tx, "expired");
        await sleep(600);
        await publish(tx, "expired-2");
      }, { timeout: 200 })),
    ).rejects.toThrow(/expired transaction|Transaction already closed|timeout/i);
    expect(pglite().isInTransaction()).toBe(false);
    await commitOne("after-timeout");
    expect(await t.db.prisma.liveEvent.count({ where: { data: { path: ["slug"], equals: "expired" } } })).toBe(0);
  });

  it("a transaction that could not start in time (maxWait) is discarded without holding the database", async () => {
    // One transaction holds PGlite (it serializes transactions) while a second gives up waiting.
    const holder = t.db.prisma.$transaction(async (tx) => {
      await publish(tx, "holder");
      await sleep(800);
    }, { timeout: 5_000 });
    await sleep(50);
    await expect(within(5_000, "the impatient transaction", t.db.prisma.$transaction((tx) => publish(tx, "impatient"), { maxWait: 100 }))).rejects.toThrow(/start a transaction/i);
    await within(5_000, "the holder", holder);
    // Prisma rolls the late-starting transaction back once PGlite hands it over; after that the
    // database is free again.
    await commitOne("after-maxwait");
    expect(pglite().isInTransaction()).toBe(false);
    expect(await t.db.prisma.liveEvent.count({ where: { data: { path: ["slug"], equals: "impatient" } } })).toBe(0);
  });

  it("twenty concurrent writes, half of them rolled back: all settle, the committed half is heard once each", async () => {
    const results = await within(
      30_000,
      "twenty concurrent transactions",
      Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          t.db.prisma.$transaction(async (tx) => {
            await publish(tx, `burst-${i}`);
            if (i % 2) throw new Error(`rollback ${i}`);
          }, { maxWait: 20_000 }),
        ),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10);
    expect(pglite().isInTransaction()).toBe(false);
    await within(5_000, "the burst's events", (async () => { while (slugsHeard().filter((s) => s.startsWith("burst-")).length < 10) await sleep(20); })());
    await sleep(200);
    const burst = slugsHeard().filter((s) => s.startsWith("burst-"));
    expect(burst.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `burst-${i * 2}`).sort());
    expect(unhandled).toEqual([]);
  });
});
