// The page-side twin of params.ts: a malformed slug or id in a page's address is the not-found
// page, never a query that PostgreSQL refuses with a 500 (issue 12, item 7).
import { notFound } from "next/navigation";
import type { z } from "zod";
import { ZRowId, ZSlug } from "./text";

function parseOrNotFound<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const r = schema.safeParse(raw);
  if (!r.success) notFound();
  return r.data;
}

export const pageSlug = (raw: string): string => parseOrNotFound(ZSlug, raw);
export const pageId = (raw: string): string => parseOrNotFound(ZRowId, raw);
