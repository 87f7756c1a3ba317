// A Hypothesis API annotation (https://h.readthedocs.io/en/latest/api-reference/, /api/search rows
// or one /api/annotations/<id>) → the same shape as an incoming W3C annotation (issue 19).
import type { Selector } from "@/lib/anchoring";
import type { IncomingAnnotation, Parsed } from "./w3c";

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Hypothesis's own page for an annotation: a stable IRI, kept as `via` so a second import matches. */
export const hypothesisAnnotationUrl = (id: string) => `https://hypothes.is/a/${encodeURIComponent(id)}`;

/** A Hypothesis annotation has `uri` and a `target` array, and no JSON-LD context. */
export function looksLikeHypothesis(value: Json): boolean {
  return isObject(value) && value["@context"] === undefined && typeof value.uri === "string" && Array.isArray(value.target);
}

export function parseHypothesisAnnotation(value: Json): Parsed<IncomingAnnotation> {
  if (!isObject(value)) return { ok: false, reason: "A Hypothesis annotation must be a JSON object." };
  if (typeof value.id !== "string" || !value.id) return { ok: false, reason: 'A Hypothesis annotation needs its "id".' };
  if (typeof value.uri !== "string") return { ok: false, reason: 'A Hypothesis annotation needs the "uri" of the page it is on.' };
  const target = Array.isArray(value.target) ? value.target[0] : undefined;
  if (!isObject(target)) return { ok: false, reason: "A Hypothesis annotation without a target is a page note, not a claim on words; it cannot be imported." };
  const selectors: Selector[] = [];
  for (const selector of Array.isArray(target.selector) ? target.selector : []) {
    if (!isObject(selector)) continue;
    if (selector.type === "TextQuoteSelector" && typeof selector.exact === "string") {
      selectors.push({ type: "TextQuoteSelector", exact: selector.exact, ...(typeof selector.prefix === "string" ? { prefix: selector.prefix } : {}), ...(typeof selector.suffix === "string" ? { suffix: selector.suffix } : {}) });
    } else if (selector.type === "TextPositionSelector" && Number.isInteger(selector.start) && Number.isInteger(selector.end)) {
      // Hypothesis counts positions in the page's DOM text, not in Factmark's plain text; the anchoring
      // engine uses it only as a hint beside the quote, so a different count costs nothing.
      selectors.push({ type: "TextPositionSelector", start: selector.start as number, end: selector.end as number });
    }
    // RangeSelector (XPath into the page's DOM) means nothing on Factmark's text and is ignored.
  }
  if (!selectors.some((s) => s.type === "TextQuoteSelector")) return { ok: false, reason: "The annotation has no TextQuoteSelector, so there are no words to place it on." };
  const tags = Array.isArray(value.tags) ? value.tags.filter((t): t is string => typeof t === "string") : [];
  const source = typeof target.source === "string" ? target.source : value.uri;
  return {
    ok: true,
    value: {
      id: value.id,
      canonical: null,
      via: hypothesisAnnotationUrl(value.id),
      targetSources: [source],
      selectors,
      fields: { verdict: "UNVERIFIED", explanation: typeof value.text === "string" ? value.text : "", tags, sources: [] },
    },
  };
}
