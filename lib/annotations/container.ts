// The Web Annotation Protocol's container, pure parts (https://www.w3.org/TR/annotation-protocol/,
// sections 4 and 5): what the client prefers, which page it asked for, and the JSON-LD of the
// collection and its pages. The route handlers add the database and the HTTP.
import { createHash } from "node:crypto";
import { ANNO_CONTEXT, LDP_CONTEXT, type W3cAnnotation } from "./w3c";

export const PAGE_SIZE = 100;

export const LDP_RESOURCE = "http://www.w3.org/ns/ldp#Resource";
export const LDP_BASIC_CONTAINER = "http://www.w3.org/ns/ldp#BasicContainer";
export const LDP_CONSTRAINED_BY = "http://www.w3.org/ns/ldp#constrainedBy";
export const PROTOCOL_SPEC = "http://www.w3.org/TR/annotation-protocol/";
export const PREFER_MINIMAL = "http://www.w3.org/ns/ldp#PreferMinimalContainer";
export const PREFER_IRIS = "http://www.w3.org/ns/oa#PreferContainedIRIs";
export const PREFER_DESCRIPTIONS = "http://www.w3.org/ns/oa#PreferContainedDescriptions";

export type ContainedView = "minimal" | "iris" | "descriptions";

/**
 * Reads `Prefer: return=representation; include="…"` (RFC 7240, protocol 5.1). The three forms
 * the protocol names; several include IRIs may be listed space-separated. Without one the server
 * chooses, and Factmark gives full descriptions (what most clients want).
 */
export function preferredView(prefer: string | null): { view: ContainedView; applied: boolean } {
  if (!prefer) return { view: "descriptions", applied: false };
  const include = /(?:^|;)\s*include\s*=\s*"([^"]*)"/i.exec(prefer)?.[1] ?? /(?:^|;)\s*include\s*=\s*([^;\s]+)/i.exec(prefer)?.[1];
  if (!/return\s*=\s*representation/i.test(prefer) || !include) return { view: "descriptions", applied: false };
  const iris = include.split(/\s+/);
  if (iris.includes(PREFER_MINIMAL)) return { view: "minimal", applied: true };
  if (iris.includes(PREFER_IRIS)) return { view: "iris", applied: true };
  if (iris.includes(PREFER_DESCRIPTIONS)) return { view: "descriptions", applied: true };
  return { view: "descriptions", applied: false };
}

export type PageRequest = { page: number | null; iris: boolean };

/** `?page=N` (0-based) and `?iris=1|0`; null page means the container itself. Throws on nonsense. */
export function readPageRequest(search: URLSearchParams): PageRequest | { error: string } {
  const pageText = search.get("page");
  const irisText = search.get("iris");
  if (irisText !== null && irisText !== "0" && irisText !== "1") return { error: 'The "iris" parameter is 1 (IRIs) or 0 (descriptions).' };
  if (pageText === null) return { page: null, iris: irisText === "1" };
  if (!/^\d{1,9}$/.test(pageText)) return { error: 'The "page" parameter is a page number from 0.' };
  return { page: Number(pageText), iris: irisText === "1" };
}

export const lastPageIndex = (total: number) => Math.max(0, Math.ceil(total / PAGE_SIZE) - 1);

const pageUrl = (container: string, iris: boolean, page: number) => `${container}?iris=${iris ? 1 : 0}&page=${page}`;
const collectionUrl = (container: string, iris: boolean) => `${container}?iris=${iris ? 1 : 0}`;

type Item = W3cAnnotation;

/** One AnnotationPage (model 5.2): `items` are the annotations of that page, IRIs or descriptions. */
export function buildPage(input: { container: string; iris: boolean; page: number; total: number; modified: Date | null; items: Item[]; embedded?: boolean }) {
  const last = lastPageIndex(input.total);
  return {
    ...(input.embedded ? {} : { "@context": ANNO_CONTEXT }),
    id: pageUrl(input.container, input.iris, input.page),
    type: "AnnotationPage",
    partOf: {
      id: collectionUrl(input.container, input.iris),
      type: "AnnotationCollection",
      total: input.total,
      ...(input.modified ? { modified: input.modified.toISOString() } : {}),
      ...(input.total > 0 ? { first: pageUrl(input.container, input.iris, 0), last: pageUrl(input.container, input.iris, last) } : {}),
    },
    startIndex: input.page * PAGE_SIZE,
    ...(input.page < last ? { next: pageUrl(input.container, input.iris, input.page + 1) } : {}),
    ...(input.page > 0 ? { prev: pageUrl(input.container, input.iris, input.page - 1) } : {}),
    items: input.iris ? input.items.map((a) => a.id) : input.items.map(withoutContext),
  };
}

function withoutContext(annotation: Item): Item {
  const copy = { ...annotation };
  delete copy["@context"];
  return copy;
}

/**
 * The container (protocol 4.1): an ldp:BasicContainer that is also an AnnotationCollection. With
 * contained IRIs or descriptions, the first page is embedded; a minimal container only links it.
 */
export function buildContainer(input: { container: string; label: string; view: ContainedView; total: number; modified: Date | null; firstPageItems: Item[] }) {
  const iris = input.view === "iris";
  const last = lastPageIndex(input.total);
  const first =
    input.total === 0
      ? undefined
      : input.view === "minimal"
        ? pageUrl(input.container, iris, 0)
        : buildPage({ container: input.container, iris, page: 0, total: input.total, modified: input.modified, items: input.firstPageItems, embedded: true });
  return {
    "@context": [ANNO_CONTEXT, LDP_CONTEXT],
    id: input.container,
    type: ["BasicContainer", "AnnotationCollection"],
    label: input.label,
    total: input.total,
    ...(input.modified ? { modified: input.modified.toISOString() } : {}),
    ...(first !== undefined ? { first, last: pageUrl(input.container, iris, last) } : {}),
  };
}

/** A strong ETag over the exact bytes sent, so any change to what a client sees changes it. */
export function etagOf(body: string): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
}

/** Whether an If-None-Match header matches the ETag (weak comparison, RFC 9110 13.1.2). */
export function noneMatch(header: string | null, etag: string): boolean {
  if (header === null) return false;
  if (header.trim() === "*") return true;
  const bare = (t: string) => t.trim().replace(/^W\//, "");
  return header.split(",").some((t) => bare(t) === bare(etag));
}

/** Whether If-Match names this ETag (strong comparison, RFC 9110 13.1.1). */
export function ifMatch(header: string, etag: string): boolean {
  if (header.trim() === "*") return true;
  return header.split(",").some((t) => t.trim() === etag);
}

/**
 * Content negotiation (protocol 4.2): JSON-LD with the anno profile unless the client asks only for
 * plain JSON. Null when the Accept header rules out both (→ 406).
 */
export function negotiate(accept: string | null): "ld+json" | "json" | null {
  if (!accept || !accept.trim()) return "ld+json";
  const ranges = accept.split(",").map((part) => {
    const [range, ...params] = part.split(";").map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith("q="));
    return { range, q: q ? Number(q.slice(2)) : 1 };
  });
  const quality = (type: string) => Math.max(0, ...ranges.filter((r) => r.range === type || r.range === `${type.split("/")[0]}/*` || r.range === "*/*").map((r) => (Number.isFinite(r.q) ? r.q : 0)));
  const ld = quality("application/ld+json");
  const json = quality("application/json");
  if (ld <= 0 && json <= 0) return null;
  return json > ld ? "json" : "ld+json";
}

/**
 * A self-contained AnnotationCollection for a file download: one embedded page holds every
 * annotation, so the file can be imported again without fetching anything.
 */
export function buildExportCollection(input: { container: string; label: string; total: number; modified: Date | null; items: Item[] }) {
  const pageId = `${input.container}?iris=0&page=all`;
  return {
    "@context": ANNO_CONTEXT,
    id: input.container,
    type: "AnnotationCollection",
    label: input.label,
    total: input.total,
    ...(input.modified ? { modified: input.modified.toISOString() } : {}),
    ...(input.total > 0
      ? { first: { id: pageId, type: "AnnotationPage", startIndex: 0, items: input.items.map(withoutContext) }, last: pageId }
      : {}),
  };
}
