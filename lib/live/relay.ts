import "server-only";
// The per-instance relay (issue 15): ONE listening database connection per process, however many
// browsers are subscribed, fans each event out to this instance's subscribers after checking, per
// event and per subscriber, that they may see it (lib/live/audience.ts). Streams never hold a
// pooled connection: a stream costs memory here, not a database connection.
//
// PostgreSQL: a dedicated node-postgres client runs LISTEN; if it drops, it reconnects with
// backoff and catches up from the LiveEvent table, so a listener outage loses nothing.
// PGlite: the embedded database delivers NOTIFY to listeners in the same process.
import { randomUUID } from "node:crypto";
import pg from "pg";
import type { Db } from "@/lib/db/client";
import { getDb, postgresPoolConfig } from "@/lib/db/client";
import type { TRole } from "@/lib/auth/roles";
import { isEditorial } from "@/lib/claims/access";
import { mayReceive, shapeFor, type Subscriber } from "./audience";
import { LIVE_CHANNEL, type LiveEvent } from "./events";
import { eventFrame, textFrame, type LiveFrame } from "./sse-format";

/** How long events stay replayable, and at most how many (docs/decisions.md, issue 15). */
export const REPLAY_WINDOW_MINUTES = Number(process.env.LIVE_REPLAY_MINUTES ?? 10);
export const REPLAY_WINDOW_ROWS = 50_000;
/** A reconnect is answered with at most this many missed events; more than that is a reload. */
export const REPLAY_MAX_EVENTS = 2_000;
export const HEARTBEAT_MS = Number(process.env.LIVE_HEARTBEAT_MS ?? 15_000);
/** A presence row its instance has not refreshed for this long belongs to a stopped instance. */
export const PRESENCE_TTL_SECONDS = 45;
/** How often subscribers' accounts are re-read (deactivated users are cut off, role changes apply). */
const RECHECK_EVERY_HEARTBEATS = 4;
const SEEN_IDS_KEPT = 20_000;
const PING = textFrame(": ping\n\n");

export type LiveClient = {
  id: string;
  user: Subscriber;
  /**
   * Queues one SSE frame without waiting; returns false when the client is closed or too far
   * behind (it is then dropped). The frame's bytes are shared with other subscribers: never mutate them.
   */
  write: (frame: LiveFrame) => boolean;
  close: () => void;
};

type Listener = { stop: () => Promise<void> };

type RowOfEvent = { id: bigint | number | string; type: string; articleId: string | null; claimId: string | null; userId: string | null; data: unknown };

export function toLiveEvent(row: RowOfEvent): LiveEvent {
  return { id: String(row.id), type: row.type, articleId: row.articleId, claimId: row.claimId, userId: row.userId, data: row.data } as LiveEvent;
}

export class Relay {
  readonly instance = randomUUID();
  readonly clients = new Set<LiveClient>();
  private seen = new Set<string>();
  private lastId = 0;
  private listener: Listener | null = null;
  private timers: NodeJS.Timeout[] = [];
  private heartbeats = 0;
  private stopped = false;
  /** Counters for the benchmark and tests. */
  readonly stats = { received: 0, delivered: 0, dropped: 0, listenerReconnects: 0, dispatchCpuMicros: 0 };

  constructor(readonly db: Db) {}

  async start(): Promise<void> {
    const max = await this.db.prisma.$queryRaw<{ max: bigint | null }[]>`SELECT max("id") AS max FROM "LiveEvent"`;
    this.lastId = Number(max[0]?.max ?? 0);
    this.listener = this.db.kind === "pglite" ? await this.listenPglite() : await this.listenPostgres(this.db.url);
    const every = (ms: number, fn: () => Promise<unknown>) => {
      const t = setInterval(() => void fn().catch((e) => console.error("[live]", e instanceof Error ? e.message : e)), ms);
      t.unref();
      this.timers.push(t);
    };
    every(HEARTBEAT_MS, () => this.heartbeat());
    every(60_000, () => this.prune());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    for (const c of [...this.clients]) this.drop(c);
    await this.listener?.stop();
  }

  subscribe(client: LiveClient): () => void {
    this.clients.add(client);
    return () => this.clients.delete(client);
  }

  /**
   * Hands one event to every subscriber who may see it, once. One subscriber's failure (a write
   * that throws, a stream too far behind) drops that subscriber only: the loop goes on to the others.
   */
  dispatch(event: LiveEvent): void {
    if (this.seen.has(event.id)) return;
    this.seen.add(event.id);
    if (this.seen.size > SEEN_IDS_KEPT) this.seen.delete(this.seen.values().next().value as string);
    this.lastId = Math.max(this.lastId, Number(event.id));
    this.stats.received++;
    // CPU time rather than wall time: the benchmark runs on a shared machine (one call per event, not per subscriber).
    const cpuStart = process.cpuUsage();
    // Two shapes at most (with and without the queue count): encode each once, not per subscriber.
    const frames = new Map<boolean, LiveFrame>();
    for (const client of this.clients) {
      let written = false;
      try {
        if (!mayReceive(client.user, event)) continue;
        const editorial = isEditorial(client.user);
        let frame = frames.get(editorial);
        if (frame === undefined) {
          frame = eventFrame(shapeFor(client.user, event));
          frames.set(editorial, frame);
        }
        written = client.write(frame);
      } catch (e) {
        console.error("[live] a subscriber's write failed; dropping it", e instanceof Error ? e.message : e);
      }
      if (written) this.stats.delivered++;
      else {
        this.stats.dropped++;
        this.drop(client);
      }
    }
    const cpu = process.cpuUsage(cpuStart);
    this.stats.dispatchCpuMicros += cpu.user + cpu.system;
  }

  /** Removes a subscriber and closes its stream; a close that throws cannot stop the caller's loop. */
  private drop(client: LiveClient): void {
    this.clients.delete(client);
    try {
      client.close();
    } catch (e) {
      console.error("[live] closing a subscriber failed", e instanceof Error ? e.message : e);
    }
  }

  /**
   * The events after `afterId` that `user` may see, oldest first, or "gap" when some of them have
   * already left the replay window (the client must then reload).
   */
  async replay(user: Subscriber, afterId: number): Promise<LiveEvent[] | "gap"> {
    const prisma = this.db.prisma;
    const [bounds] = await prisma.$queryRaw<{ min: bigint | null; last: bigint | null }[]>`
      SELECT (SELECT min("id") FROM "LiveEvent") AS min, (SELECT last_value FROM "LiveEvent_id_seq") AS last`;
    const floor = bounds.min !== null ? Number(bounds.min) : Number(bounds.last ?? 0) + 1;
    if (afterId < floor - 1) return "gap";
    const rows = await prisma.$queryRaw<RowOfEvent[]>`
      SELECT "id", "type", "articleId", "claimId", "userId", "data" FROM "LiveEvent" WHERE "id" > ${afterId} ORDER BY "id" LIMIT ${REPLAY_MAX_EVENTS + 1}`;
    if (rows.length > REPLAY_MAX_EVENTS) return "gap";
    return rows.map(toLiveEvent).filter((e) => mayReceive(user, e)).map((e) => shapeFor(user, e));
  }

  /** Keeps proxies from closing idle streams; refreshes this instance's presence; re-reads accounts now and then. */
  private async heartbeat(): Promise<void> {
    for (const c of [...this.clients]) {
      let written = false;
      try {
        written = c.write(PING);
      } catch {
        // dropped below, like a subscriber that fell behind
      }
      if (!written) this.drop(c);
    }
    await this.db.prisma.$executeRaw`UPDATE "LivePresence" SET "seenAt" = now() WHERE "instance" = ${this.instance}`;
    if (++this.heartbeats % RECHECK_EVERY_HEARTBEATS === 0 && this.clients.size) await this.recheckAccounts();
  }

  private async recheckAccounts(): Promise<void> {
    const ids = [...new Set([...this.clients].map((c) => c.user.id))];
    const users = await this.db.prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, role: true, active: true } });
    const byId = new Map(users.map((u) => [u.id, u]));
    for (const c of [...this.clients]) {
      const u = byId.get(c.user.id);
      if (!u || !u.active) this.drop(c);
      else c.user.role = u.role as TRole;
    }
  }

  async prune(): Promise<void> {
    await this.db.prisma.$executeRaw`
      DELETE FROM "LiveEvent" WHERE "createdAt" < now() - make_interval(mins => ${REPLAY_WINDOW_MINUTES}::int)
        OR "id" <= (SELECT "id" FROM "LiveEvent" ORDER BY "id" DESC OFFSET ${REPLAY_WINDOW_ROWS} LIMIT 1)`;
    await this.db.prisma.$executeRaw`DELETE FROM "LivePresence" WHERE "seenAt" < now() - make_interval(secs => ${PRESENCE_TTL_SECONDS * 4}::int)`;
  }

  private onPayload(payload: string): void {
    try {
      this.dispatch(JSON.parse(payload) as LiveEvent);
    } catch (e) {
      console.error("[live] unreadable notification", e instanceof Error ? e.message : e);
    }
  }

  private async listenPglite(): Promise<Listener> {
    if (this.db.kind !== "pglite") throw new Error("not PGlite");
    const unlisten = await this.db.pglite.listen(LIVE_CHANNEL, (payload) => this.onPayload(payload));
    const pglite = this.db.pglite;
    return { stop: async () => { if (!pglite.closed) await unlisten(); } };
  }

  private async listenPostgres(url: string): Promise<Listener> {
    let client: pg.Client | null = null;
    let retryTimer: NodeJS.Timeout | null = null;
    let backoff = 500;
    const connect = async (): Promise<void> => {
      const c = new pg.Client({ ...postgresPoolConfig(url), application_name: `factmark-live-${this.instance.slice(0, 8)}` });
      c.on("notification", (msg) => { if (msg.payload) this.onPayload(msg.payload); });
      const lost = () => {
        if (client !== c || this.stopped) return;
        client = null;
        c.removeAllListeners("notification");
        c.end().catch(() => {});
        this.stats.listenerReconnects++;
        schedule();
      };
      c.on("error", lost);
      c.on("end", lost);
      await c.connect();
      await c.query(`LISTEN ${LIVE_CHANNEL}`);
      client = c;
      backoff = 500;
      await this.catchUp();
    };
    const schedule = () => {
      if (this.stopped || retryTimer) return;
      retryTimer = setTimeout(() => {
        retryTimer = null;
        connect().catch((e) => {
          console.error(`[live] listener reconnect failed: ${e instanceof Error ? e.message : e}`);
          backoff = Math.min(backoff * 2, 30_000);
          schedule();
        });
      }, backoff);
      retryTimer.unref();
    };
    await connect();
    return {
      stop: async () => {
        if (retryTimer) clearTimeout(retryTimer);
        const c = client;
        client = null;
        await c?.end().catch(() => {});
      },
    };
  }

  /** After the listener reconnects: what was published meanwhile. A margin covers commits that finished out of id order. */
  private async catchUp(): Promise<void> {
    const rows = await this.db.prisma.$queryRaw<RowOfEvent[]>`
      SELECT "id", "type", "articleId", "claimId", "userId", "data" FROM "LiveEvent" WHERE "id" > ${Math.max(0, this.lastId - 100)} ORDER BY "id"`;
    for (const row of rows) this.dispatch(toLiveEvent(row));
  }
}

const holder = globalThis as typeof globalThis & { __factmarkRelay?: Promise<Relay> };

/** This process's relay, started on first use (never at build time). */
export function getRelay(): Promise<Relay> {
  if (!holder.__factmarkRelay) {
    const starting = (async () => {
      const relay = new Relay(await getDb());
      await relay.start();
      return relay;
    })();
    starting.catch(() => {
      if (holder.__factmarkRelay === starting) holder.__factmarkRelay = undefined;
    });
    holder.__factmarkRelay = starting;
  }
  return holder.__factmarkRelay;
}

export async function stopRelay(): Promise<void> {
  const starting = holder.__factmarkRelay;
  holder.__factmarkRelay = undefined;
  if (starting) await (await starting.catch(() => null))?.stop();
}

