// One uploaded or pasted import (issue 19): a W3C annotation, AnnotationCollection or AnnotationPage
// (JSON-LD), or Hypothesis API JSON (an /api/search result or one annotation). Split into items.
import { looksLikeHypothesis, parseHypothesisAnnotation } from "./hypothesis";
import { parseW3cAnnotation, type IncomingAnnotation, type Parsed } from "./w3c";

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);
const typesOf = (v: Record<string, Json>) => (Array.isArray(v.type) ? v.type : [v.type]);

export type ImportItem = { index: number; quote: string | null; parsed: Parsed<IncomingAnnotation> };

function parseOne(value: Json): Parsed<IncomingAnnotation> {
  return looksLikeHypothesis(value) ? parseHypothesisAnnotation(value) : parseW3cAnnotation(value);
}

function quoteOf(value: Json): string | null {
  if (!isObject(value)) return null;
  for (const target of Array.isArray(value.target) ? value.target : [value.target]) {
    if (!isObject(target)) continue;
    for (const selector of Array.isArray(target.selector) ? target.selector : [target.selector]) {
      if (isObject(selector) && selector.type === "TextQuoteSelector" && typeof selector.exact === "string") return selector.exact;
    }
  }
  return null;
}

/** The annotations in a document, each parsed or refused with its reason; throws on a document of no known kind. */
export function readImportDocument(document: Json): { items: ImportItem[] } | { error: string } {
  let raw: Json[];
  if (Array.isArray(document)) raw = document;
  else if (!isObject(document)) return { error: "The file is not a JSON object or array of annotations." };
  else if (Array.isArray(document.rows)) raw = document.rows; // Hypothesis /api/search
  else if (typesOf(document).includes("AnnotationPage")) {
    if (!Array.isArray(document.items)) return { error: 'The AnnotationPage has no "items".' };
    raw = document.items;
  } else if (typesOf(document).includes("AnnotationCollection")) {
    const first = document.first;
    if (first === undefined && (document.total === 0 || document.total === undefined)) raw = [];
    else if (!isObject(first) || !Array.isArray(first.items)) return { error: "The AnnotationCollection does not embed its annotations (its first page is only a link); export it with its pages, or import each page." };
    else raw = first.items;
  } else raw = [document];
  // Annotations embedded in a collection or page are in the scope of the document's @context.
  const context = isObject(document) ? document["@context"] : undefined;
  const inScope = (value: Json) => (context !== undefined && isObject(value) && value["@context"] === undefined && !looksLikeHypothesis(value) ? { "@context": context, ...value } : value);
  return { items: raw.map((value, index) => ({ index, quote: quoteOf(value), parsed: parseOne(inScope(value)) })) };
}
