import { z } from "zod";
import { AppError } from "@/lib/errors";

const ZId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

/** A malformed id is simply a user that does not exist. */
export function parseUserId(raw: unknown): string {
  const r = ZId.safeParse(raw);
  if (!r.success) throw new AppError("NOT_FOUND", "There is no such user.");
  return r.data;
}
