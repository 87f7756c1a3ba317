// The rules every piece of typed or imported text obeys before it reaches the database (issue 12,
// items 7 and 8). Client-safe: the forms show the same messages as the routes.
//
// - Storable: PostgreSQL refuses the NUL character in text and jsonb, and a lone UTF-16 surrogate
//   cannot be encoded as UTF-8, so either one used to end in a 500. We refuse them with a reason
//   instead of stripping them: input is never silently changed.
// - Names (a person's name, a byline) are shown to readers ("Checked by …"). Bidi overrides and
//   isolates can make a name read as something else, and control characters have no place in one.
//   They are refused, not stripped (docs/decisions.md, "Hostile text").
import { z } from "zod";

const NUL = /\u0000/;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// C0 and C1 controls and DEL; bidi embeddings, overrides, isolates and marks (U+061C ALM, U+200E LRM,
// U+200F RLM, U+202A–U+202E, U+2066–U+2069); line and paragraph separators; the byte-order mark.
// Zero-width joiners (U+200C, U+200D) stay: emoji sequences and Persian or Indic names need them.
const NOT_IN_A_NAME = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]/;

export const NUL_MESSAGE = "contains a NUL character (U+0000), which cannot be stored. Remove it and try again.";
export const SURROGATE_MESSAGE = "contains a broken character (half of an emoji or other symbol). Type or paste that part again.";
export const NAME_CONTROL_MESSAGE = "cannot contain control or text-direction characters (such as U+202E): readers would see a different name than the one stored.";

/** Half of a surrogate pair: not a character, and not encodable as UTF-8. */
export function hasLoneSurrogate(value: string): boolean {
  return LONE_SURROGATE.test(value);
}

/** Why `value` cannot be stored as text, or null when it can. `what` starts the message ("The comment"). */
export function findUnstorableText(value: string, what = "This text"): string | null {
  if (NUL.test(value)) return `${what} ${NUL_MESSAGE}`;
  if (hasLoneSurrogate(value)) return `${what} ${SURROGATE_MESSAGE}`;
  return null;
}

/** Why `value` cannot be a name shown to readers, or null when it can. */
export function findUnsafeName(value: string, what = "The name"): string | null {
  return findUnstorableText(value, what) ?? (NOT_IN_A_NAME.test(value) ? `${what} ${NAME_CONTROL_MESSAGE}` : null);
}

/**
 * A string that can be stored. Chain trims and lengths after it: `storableText("The title").trim().max(300)`.
 * The check runs on the raw input, so nothing is removed before it is judged.
 */
export function storableText(what = "This text", params?: Parameters<typeof z.string>[0]) {
  return z.string(params).superRefine((value, ctx) => {
    const problem = findUnstorableText(value, what);
    if (problem) ctx.addIssue({ code: "custom", message: problem, abort: true });
  });
}

/** A person's name or a byline: storable, and without control or text-direction characters. */
export function nameText(what = "The name", params?: Parameters<typeof z.string>[0]) {
  return z.string(params).superRefine((value, ctx) => {
    const problem = findUnsafeName(value, what);
    if (problem) ctx.addIssue({ code: "custom", message: problem, abort: true });
  });
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Why `value` is not a calendar date written YYYY-MM-DD, or null when it is. JavaScript's Date rolls
 * 2024-02-30 over to March 1 and accepts year 0, which PostgreSQL's timestamp cannot hold; both are refused.
 */
export function findInvalidDate(value: string, what = "The date"): string | null {
  const m = ISO_DATE.exec(value);
  if (!m) return `${what} must be a date written YYYY-MM-DD, like 2015-10-23.`;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1) return `${what}: the year must be between 0001 and 9999.`;
  const probe = new Date(Date.UTC(2000, month - 1, day));
  probe.setUTCFullYear(year);
  if (month < 1 || month > 12 || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return `${what}: ${value} is not a date.`;
  return null;
}

/** An optional YYYY-MM-DD date: empty means none; anything else must exist on the calendar. */
export function optionalDate(what: string) {
  return z
    .string()
    .nullish()
    .transform((v) => (v?.trim() ? v.trim() : null))
    .superRefine((v, ctx) => {
      const problem = v === null ? null : findInvalidDate(v, what);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}

/**
 * A claim's span must not start or end between the two halves of a surrogate pair (an emoji, say):
 * its quote would hold half a character, which cannot be stored. Returns the reason, or null.
 */
export function checkSpanBoundaries(text: string, start: number, end: number): string | null {
  const splits = (at: number) => at > 0 && at < text.length && /[\uD800-\uDBFF]/.test(text[at - 1]) && /[\uDC00-\uDFFF]/.test(text[at]);
  return splits(start) || splits(end) ? "The selection cuts a character (an emoji or other symbol) in half. Select the words again." : null;
}

/** An article's URL slug, as lib/articles/slug.ts makes them (with -2, -3… for duplicates). */
export const ZSlug = z.string().min(1).max(120).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);

/** A row id as the database makes them (cuid); a bad one is a row that does not exist. */
export const ZRowId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

/** The largest PostgreSQL int: a bigger number used as a query parameter fails in the database (a 500). */
export const MAX_INT4 = 2_147_483_647;

/** A version number in a URL: a positive integer a PostgreSQL int can hold. */
export const ZVersionNumber = z
  .string()
  .regex(/^[1-9]\d{0,9}$/)
  .transform(Number)
  .refine((n) => n <= MAX_INT4);

/** A row's version counter in a body (optimistic concurrency): a positive PostgreSQL int. */
export const ZRowVersion = z.number({ error: "Send the version you read (reload the page)." }).int("A version is a whole number.").min(1, "A version starts at 1.").max(MAX_INT4, "There is no such version: reload the page.");

export const MAX_SEARCH_LENGTH = 200;

/** A search box's `?q=`: bounded and storable; an empty one means no search. */
export function searchQuery(what = "The search") {
  return storableText(what)
    .max(MAX_SEARCH_LENGTH, `${what} is too long (${MAX_SEARCH_LENGTH} characters at most).`)
    .transform((v) => v.trim() || undefined)
    .optional();
}

/** The first value of a search param (Next gives an array when a name repeats). */
export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
