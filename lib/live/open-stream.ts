import "server-only";
// One signed-in user's event stream (issue 15): replay after Last-Event-ID, then live events from
// this instance's relay, heartbeats, and (for a review workspace) presence on the article.
import { randomUUID } from "node:crypto";
import { hasRole, REVIEW_ROLES, type SessionUser } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { writePresence } from "./publish";
import { getRelay, PRESENCE_TTL_SECONDS, type LiveClient, type Relay } from "./relay";
import { createFrameStream } from "./frame-stream";
import { eventFrame, formatControl, formatEvent, textFrame, type LiveFrame } from "./sse-format";

const RETRY = textFrame("retry: 3000\n\n");

export type StreamOptions = { lastEventId: number | null; articleSlug: string | null; once?: boolean; signal?: AbortSignal };

async function findArticleForPresence(relay: Relay, user: SessionUser, slug: string): Promise<string> {
  if (!hasRole(user, REVIEW_ROLES)) throw new AppError("FORBIDDEN", "Only reviewers, editors and admins share presence on an article.");
  const article = await relay.db.prisma.article.findUnique({ where: { slug }, select: { id: true } });
  if (!article) throw new AppError("NOT_FOUND", "There is no article at this address.");
  return article.id;
}

async function joinArticle(relay: Relay, user: SessionUser, articleId: string, streamId: string): Promise<void> {
  await writePresence(relay.db.prisma, { streamId, userId: user.id, articleId, instance: relay.instance }, true, PRESENCE_TTL_SECONDS);
}

/** The replay as one finished response: for scripts and checks that cannot hold a stream open. */
async function replayOnce(relay: Relay, user: SessionUser, lastEventId: number | null): Promise<Response> {
  const missed = lastEventId === null ? [] : await relay.replay({ id: user.id, role: user.role }, lastEventId);
  const body = missed === "gap" ? formatControl("reload", { reason: "gap" }) : missed.map(formatEvent).join("") + formatControl("ready", { instance: relay.instance.slice(0, 8) });
  return new Response(body, { headers: SSE_HEADERS });
}

const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  // nginx: do not buffer this response (README, "Running several instances").
  "x-accel-buffering": "no",
};

async function leaveArticle(relay: Relay, user: SessionUser, articleId: string, streamId: string): Promise<void> {
  await writePresence(relay.db.prisma, { streamId, userId: user.id, articleId, instance: relay.instance }, false, PRESENCE_TTL_SECONDS);
}

export async function openEventStream(user: SessionUser, opts: StreamOptions): Promise<Response> {
  const relay = await getRelay();
  const streamId = randomUUID();
  const articleId = opts.articleSlug ? await findArticleForPresence(relay, user, opts.articleSlug) : null;
  if (opts.once) return replayOnce(relay, user, opts.lastEventId);
  let cleanedUp = false;
  let unsubscribe = () => {};
  let closeStream = () => {};

  const cleanup = () => {
    if (cleanedUp) return;
    cleanedUp = true;
    unsubscribe();
    closeStream();
    if (articleId) leaveArticle(relay, user, articleId, streamId).catch((e) => console.error("[live] presence leave failed", e instanceof Error ? e.message : e));
  };

  const start = async (write: (frame: LiveFrame) => boolean) => {
    // Live events that arrive while the replay is read wait here, so none is lost or sent twice.
    let pending: LiveFrame[] | null = [];
    const sentIds = new Set<string>();
    const client: LiveClient = {
      id: streamId,
      user: { id: user.id, role: user.role },
      write: (frame) => {
        if (pending) {
          pending.push(frame);
          return true;
        }
        return write(frame);
      },
      close: cleanup,
    };
    unsubscribe = relay.subscribe(client);
    write(RETRY);
    try {
      // Joined after subscribing, so this stream hears its own join (the list of who is here).
      if (articleId) {
        await joinArticle(relay, user, articleId, streamId);
        // The browser left while the join was written: take it back (cleanup ran before the row existed).
        if (cleanedUp) await leaveArticle(relay, user, articleId, streamId);
      }
      if (opts.lastEventId !== null) {
        const missed = await relay.replay(client.user, opts.lastEventId);
        if (missed === "gap") write(textFrame(formatControl("reload", { reason: "gap" })));
        else
          for (const e of missed) {
            sentIds.add(e.id);
            write(eventFrame(e));
          }
      }
    } catch (e) {
      console.error("[live] stream start failed", e instanceof Error ? e.message : e);
      write(textFrame(formatControl("reload", { reason: "replay-failed" })));
    }
    const queued = pending;
    pending = null;
    for (const frame of queued) if (frame.id === null || !sentIds.has(frame.id)) write(frame);
    write(textFrame(formatControl("ready", { instance: relay.instance.slice(0, 8) })));
  };

  const out = createFrameStream({ onStart: start, onCancel: cleanup });
  closeStream = out.close;
  opts.signal?.addEventListener("abort", cleanup, { once: true });

  return new Response(out.stream, { headers: SSE_HEADERS });
}
