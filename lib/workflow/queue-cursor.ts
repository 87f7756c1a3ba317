// The review queue's page position, carried in the address (?after=…) so a page can be bookmarked
// and reloaded. Pure: the queue page and its tests share it.

export type QueueCursor = { submittedAt: Date | null; createdAt: Date; id: string };

export function encodeQueueCursor(c: QueueCursor): string {
  return Buffer.from(JSON.stringify([c.submittedAt?.toISOString() ?? null, c.createdAt.toISOString(), c.id])).toString("base64url");
}

const date = (v: unknown): Date | null => {
  if (typeof v !== "string" || v.length > 40) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
};

/** The cursor in `raw`, or null for none or anything that is not one (the queue then starts at its first page). */
export function decodeQueueCursor(raw: string | undefined): QueueCursor | null {
  if (!raw || raw.length > 200) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) return null;
  const [s, c, id] = parsed as unknown[];
  const createdAt = date(c);
  const submittedAt = s === null ? null : date(s);
  if (!createdAt || (s !== null && !submittedAt) || typeof id !== "string" || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) return null;
  return { submittedAt, createdAt, id };
}
