// The event stream's query (issue 15): which article's presence to join, where to resume.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { parseLastEventId } from "@/lib/live/sse-format";
import { ZSlug } from "./text";

export const ZEventStreamQuery = z.object({
  article: ZSlug.optional(),
  /** The browser's own reconnects send the Last-Event-ID header; a page that reopens the stream passes it here. */
  lastEventId: z.string().regex(/^\d{1,15}$/, "lastEventId: an event id is digits.").optional(),
  /** Answer with the replay and close (scripts and checks that cannot hold a stream open). */
  once: z.enum(["1"]).optional(),
});

export type TEventStreamQuery = { articleSlug: string | null; lastEventId: number | null; once: boolean };

export function parseEventStreamQuery(url: URL, lastEventIdHeader: string | null): TEventStreamQuery {
  const r = ZEventStreamQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!r.success) throw new AppError("INVALID", r.error.issues[0]?.message ?? "Invalid query.");
  return {
    articleSlug: r.data.article ?? null,
    lastEventId: parseLastEventId(lastEventIdHeader) ?? parseLastEventId(r.data.lastEventId),
    once: r.data.once === "1",
  };
}
