// Path segments from the URL, checked before they reach a query (issue 12, item 7): a NUL or a
// 30-digit number used to reach PostgreSQL and come back as a 500. A malformed segment names
// nothing that can exist, so it is a 404 with a reason.
import { AppError } from "@/lib/errors";
import { ZRowId, ZSlug, ZVersionNumber } from "./text";

export function parseSlugParam(raw: string): string {
  const r = ZSlug.safeParse(raw);
  if (!r.success) throw new AppError("NOT_FOUND", "There is no article at this address: an article's address is lower-case letters, digits and hyphens.");
  return r.data;
}

export function parseIdParam(raw: string, what: string): string {
  const r = ZRowId.safeParse(raw);
  if (!r.success) throw new AppError("NOT_FOUND", `There is no such ${what}: the id in the address is malformed.`);
  return r.data;
}

export function parseVersionNumberParam(raw: string): number {
  const r = ZVersionNumber.safeParse(raw);
  if (!r.success) throw new AppError("NOT_FOUND", "There is no such version: a version number is a whole number from 1.");
  return r.data;
}
