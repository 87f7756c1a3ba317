// Dashboard filters (issue 17), read from the page's address and the CSV route's: the same zod
// schema on both, so a shared link and its downloads show the same numbers.
import { z } from "zod";
import { ZRowId, ZSlug } from "./text";

/** The longest range one view may cover; older data is a second view away. */
export const MAX_RANGE_DAYS = 3 * 366;
/** The range shown when the address names none: the last twelve weeks. */
export const DEFAULT_RANGE_DAYS = 84;

const DAY_MS = 86_400_000;
const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-12-04.").refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "Not a real date.");

export const ZDashboardFilters = z.object({
  from: z.preprocess(emptyToUndefined, ZDay.optional()),
  to: z.preprocess(emptyToUndefined, ZDay.optional()),
  article: z.preprocess(emptyToUndefined, ZSlug.optional()),
  tag: z.preprocess(emptyToUndefined, z.string().trim().min(1).max(100).regex(/^[^\u0000-\u001f]*$/, "A tag has no control characters.").optional()),
  reviewer: z.preprocess(emptyToUndefined, ZRowId.optional()),
});
export type TDashboardFilters = z.output<typeof ZDashboardFilters>;

/** Filters with the range filled in: `from` and `to` are days (UTC), both included. */
export type DashboardView = { from: string; to: string; article?: string; tag?: string; reviewer?: string };

export const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The filters an address asks for, or the defaults for what it gets wrong: a bad value in a shared
 * link is dropped rather than an error page (as on the review queue). A reversed range is swapped.
 */
export function resolveDashboardView(raw: Record<string, unknown>, now = new Date()): DashboardView {
  const pick = (k: keyof TDashboardFilters) => {
    const one = ZDashboardFilters.shape[k].safeParse(typeof raw[k] === "string" ? raw[k] : undefined);
    return one.success ? (one.data as string | undefined) : undefined;
  };
  let to = pick("to") ?? dayOf(now);
  let from = pick("from") ?? dayOf(new Date(Date.parse(`${to}T00:00:00Z`) - DEFAULT_RANGE_DAYS * DAY_MS));
  if (from > to) [from, to] = [to, from];
  if (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`) > MAX_RANGE_DAYS * DAY_MS) from = dayOf(new Date(Date.parse(`${to}T00:00:00Z`) - MAX_RANGE_DAYS * DAY_MS));
  const view: DashboardView = { from, to };
  for (const k of ["article", "tag", "reviewer"] as const) {
    const v = pick(k);
    if (v) view[k] = v;
  }
  return view;
}

/** The address query of a view, for links and CSV downloads that keep the filters. */
export function dashboardQuery(view: DashboardView): string {
  const q = new URLSearchParams();
  for (const k of ["from", "to", "article", "tag", "reviewer"] as const) if (view[k]) q.set(k, view[k]!);
  return q.toString();
}
