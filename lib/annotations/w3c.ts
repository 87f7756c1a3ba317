// A claim as a W3C Web Annotation (https://www.w3.org/TR/annotation-model/), both ways (issue 19).
// Pure: no database, no framework. The service layer (./annotation-service.ts) supplies rows and URLs.
import type { Selector, TextPositionSelector, TextQuoteSelector } from "@/lib/anchoring";
import { STANCES, VERDICTS, VERDICT_INFO, type TStance, type TVerdict } from "@/lib/verdicts";
import type { SourceDto } from "@/lib/claims/claim-dto";
import { archiveHref } from "@/lib/snapshots/status";

export const ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld";
export const LDP_CONTEXT = "http://www.w3.org/ns/ldp.jsonld";
export const ANNO_PROFILE = ANNO_CONTEXT;
export const ANNO_MEDIA_TYPE = `application/ld+json; profile="${ANNO_PROFILE}"`;

/** Where this Factmark is reachable; every IRI it mints starts with it. No trailing slash. */
export type PublicSite = { publicUrl: string };

export const articleUrl = (site: PublicSite, slug: string) => `${site.publicUrl}/articles/${encodeURIComponent(slug)}`;
/** The container IRI ends with a slash, as LDP containers do (the protocol's examples, section 4). */
export const containerUrl = (site: PublicSite, slug: string) => `${articleUrl(site, slug)}/annotations/`;
export const annotationUrl = (site: PublicSite, slug: string, claimId: string) => `${containerUrl(site, slug)}${encodeURIComponent(claimId)}`;
export const verdictUrl = (site: PublicSite, verdict: TVerdict) => `${site.publicUrl}/verdicts/${verdict}`;

export type AnnotationSource = Omit<SourceDto, "id">;

/** What the mapping needs of a claim (a workspace claim or a published snapshot). */
export type AnnotatedClaim = {
  id: string;
  selectors: [TextQuoteSelector, TextPositionSelector];
  verdict: TVerdict;
  explanation: string;
  tags: string[];
  sources: AnnotationSource[];
  creatorName: string;
  created: Date;
  modified: Date;
  canonical: string | null;
  via: string | null;
};

export type W3cAnnotation = Record<string, unknown> & { id: string; type: "Annotation" };

/** Extension keys a source body carries beyond the model's vocabulary (docs/decisions.md, issue 19). */
export const SOURCE_KEYS = { title: "title", publisher: "publisher", published: "published", accessed: "accessed", excerpt: "excerpt", stance: "stance" } as const;

export function claimToAnnotation(claim: AnnotatedClaim, site: PublicSite, slug: string): W3cAnnotation {
  const bodies: Record<string, unknown>[] = [];
  if (claim.explanation) bodies.push({ type: "TextualBody", purpose: "assessing", format: "text/plain", value: claim.explanation });
  // The verdict twice: its label for people, and its stable IRI (a page that says what it means) for
  // machines. The IRI goes in a SpecificResource because the model forbids `purpose` on a body that
  // is just an IRI (an External Web Resource, model 3.3.5).
  bodies.push({ type: "TextualBody", purpose: "classifying", format: "text/plain", value: VERDICT_INFO[claim.verdict].label });
  bodies.push({ type: "SpecificResource", purpose: "classifying", source: verdictUrl(site, claim.verdict) });
  for (const tag of claim.tags) bodies.push({ type: "TextualBody", purpose: "tagging", value: tag });
  for (const s of claim.sources) {
    bodies.push({
      type: "SpecificResource",
      purpose: "linking",
      source: {
        id: s.url,
        type: "Text",
        [SOURCE_KEYS.title]: s.title,
        ...(s.publisher ? { [SOURCE_KEYS.publisher]: s.publisher } : {}),
        ...(s.publishedAt ? { [SOURCE_KEYS.published]: s.publishedAt } : {}),
      },
      // Issue 18: Factmark's archived copy, as the model's TimeState (4.2.1): `cached` is the copy,
      // `sourceDate` when it was taken.
      ...(s.archive ? { state: { type: "TimeState", cached: `${site.publicUrl}${archiveHref(s.archive.id)}`, sourceDate: s.archive.fetchedAt } } : {}),
      [SOURCE_KEYS.stance]: s.stance,
      ...(s.accessedAt ? { [SOURCE_KEYS.accessed]: s.accessedAt } : {}),
      ...(s.excerpt ? { [SOURCE_KEYS.excerpt]: s.excerpt } : {}),
    });
  }
  return {
    "@context": ANNO_CONTEXT,
    id: annotationUrl(site, slug, claim.id),
    type: "Annotation",
    motivation: "assessing",
    created: claim.created.toISOString(),
    modified: claim.modified.toISOString(),
    creator: { type: "Person", name: claim.creatorName },
    generator: { id: `${site.publicUrl}/`, type: "Software", name: "Factmark", homepage: `${site.publicUrl}/` },
    ...(claim.canonical ? { canonical: claim.canonical } : {}),
    ...(claim.via ? { via: claim.via } : {}),
    body: bodies,
    target: { source: articleUrl(site, slug), selector: [claim.selectors[0], claim.selectors[1]] },
  };
}

// ---------------------------------------------------------------------------------------------
// Import: a W3C annotation (JSON-LD, compacted with the anno context) → claim fields.

/** A claim as read from an incoming annotation, before anchoring and before the claim schema. */
export type IncomingAnnotation = {
  /** The id the sender gave it (kept as `via` unless the sender named its own `via`). */
  id: string | null;
  canonical: string | null;
  via: string | null;
  /** The documents the annotation targets (each `target`'s source, or the target IRI itself). */
  targetSources: string[];
  selectors: Selector[];
  fields: { verdict: TVerdict; explanation: string; tags: string[]; sources: { url: string; title: string; publisher?: string; publishedAt?: string; accessedAt?: string; excerpt?: string; stance: TStance }[] };
};

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);
const asArray = (v: Json): Json[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** An absolute IRI: a scheme, then anything without spaces (RFC 3987), e.g. http:, urn:, mailto:. */
export function isIri(v: Json): v is string {
  return typeof v === "string" && /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]*$/.test(v);
}

// xsd:dateTime as the model requires for created/modified/generated (section 3.3.1).
const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

class Refusal extends Error {}
function refuse(reason: string): never {
  throw new Refusal(reason);
}

function checkTypeIncludes(value: Json, wanted: string, what: string): void {
  const types = asArray(value);
  if (!types.includes(wanted)) refuse(`${what} must have the type "${wanted}".`);
}

function checkSingleIri(value: Json, key: string): void {
  if (value !== undefined && !isIri(value)) refuse(`"${key}" must be a single IRI.`);
}

function checkAgent(value: Json, key: string): void {
  for (const agent of asArray(value)) {
    if (!isIri(agent) && !isObject(agent)) refuse(`"${key}" must be an IRI or an object describing the agent.`);
    if (isObject(agent)) checkSingleIri(agent.id, `${key}.id`);
  }
}

function checkResource(value: Json, where: string): void {
  if (isIri(value)) return;
  if (!isObject(value)) refuse(`Each ${where} must be an IRI or an object.`);
  checkSingleIri(value.id, `${where}.id`);
  for (const key of ["format", "language", "processingLanguage"] as const) {
    if (value[key] !== undefined && typeof value[key] !== "string" && !(key !== "processingLanguage" && Array.isArray(value[key]) && value[key].every((x) => typeof x === "string"))) {
      refuse(`"${where}.${key}" must be a string.`);
    }
  }
  if (value.textDirection !== undefined && !["ltr", "rtl", "auto"].includes(value.textDirection as string)) refuse(`"${where}.textDirection" must be "ltr", "rtl" or "auto".`);
  for (const key of ["created", "modified"] as const) {
    if (value[key] !== undefined && !(typeof value[key] === "string" && DATE_TIME.test(value[key]))) refuse(`"${where}.${key}" must be one xsd:dateTime.`);
  }
  for (const key of ["rights", "canonical", "via"] as const) {
    for (const v of key === "rights" ? asArray(value[key]) : [value[key]]) if (v !== undefined) checkSingleIri(v, `${where}.${key}`);
  }
  const types = asArray(value.type);
  if (types.length > 1 && types.filter((t) => ["Choice", "List", "Composite", "Independents"].includes(t as string)).length > 1) refuse(`A ${where} has more than one set type.`);
  if (types.includes("TextualBody") && typeof value.value !== "string") refuse(`A TextualBody ${where} needs a single string "value".`);
  if (types.some((t) => ["Choice", "List", "Composite", "Independents"].includes(t as string)) && !Array.isArray(value.items)) refuse(`A ${String(types[0])} ${where} needs "items".`);
  if (value.items !== undefined && !types.some((t) => ["Choice", "List", "Composite", "Independents"].includes(t as string))) refuse(`A ${where} with "items" needs a type saying what the items are (Choice, List, Composite or Independents).`);
  if (value.type === undefined && value.id === undefined && value.value === undefined && value.source === undefined) refuse(`A ${where} must say what it is: an id, a source or a value.`);
  if (types.includes("SpecificResource") && value.source === undefined) refuse(`A SpecificResource ${where} needs a "source".`);
  for (const selector of asArray(value.selector)) checkSelector(selector, where);
}

function checkSelector(selector: Json, where: string): void {
  if (isIri(selector)) return;
  if (!isObject(selector) || typeof selector.type !== "string") refuse(`Each selector of a ${where} needs a "type".`);
  if (["FragmentSelector", "CssSelector", "XPathSelector"].includes(selector.type) && typeof selector.value !== "string") {
    refuse(`A ${selector.type} needs one string "value".`);
  }
  if (selector.type === "SvgSelector" && typeof selector.value !== "string" && !isIri(selector.id)) refuse("An SvgSelector needs one string \"value\" or the IRI of its SVG.");
  if (selector.type === "TextQuoteSelector" && (typeof selector.exact !== "string" || (selector.prefix !== undefined && typeof selector.prefix !== "string") || (selector.suffix !== undefined && typeof selector.suffix !== "string"))) {
    refuse("A TextQuoteSelector needs a string \"exact\" (and string prefix/suffix, if any).");
  }
  if ((selector.type === "TextPositionSelector" || selector.type === "DataPositionSelector") && !(Number.isInteger(selector.start) && Number.isInteger(selector.end) && (selector.start as number) >= 0 && (selector.end as number) >= (selector.start as number))) {
    refuse(`A ${selector.type} needs whole numbers start ≤ end, both at least 0.`);
  }
  if (selector.type === "RangeSelector" && (selector.startSelector === undefined || selector.endSelector === undefined)) refuse("A RangeSelector needs a startSelector and an endSelector.");
}

/**
 * The model's MUST rules for one annotation (the checks of the W3C test suite's annotationMusts),
 * as a reason a person can act on; null when the annotation is well-formed.
 */
export function annotationProblem(value: Json): string | null {
  try {
    checkAnnotation(value);
    return null;
  } catch (e) {
    if (e instanceof Refusal) return e.message;
    throw e;
  }
}

function checkAnnotation(value: Json): asserts value is Record<string, Json> {
  if (!isObject(value)) refuse("An annotation must be a JSON object.");
  const context = value["@context"];
  if (!(context === ANNO_CONTEXT || (Array.isArray(context) && context.includes(ANNO_CONTEXT)))) refuse(`"@context" must be (or include) "${ANNO_CONTEXT}".`);
  if (value.id !== undefined && !isIri(value.id)) refuse('"id" must be a single IRI.');
  checkTypeIncludes(value.type, "Annotation", "An annotation");
  if (value.target === undefined) refuse('An annotation needs a "target".');
  for (const target of asArray(value.target)) checkResource(target, "target");
  if (value.body !== undefined && value.bodyValue !== undefined) refuse('An annotation has either "body" or "bodyValue", not both.');
  if (value.bodyValue !== undefined && typeof value.bodyValue !== "string") refuse('"bodyValue" must be one string.');
  for (const body of asArray(value.body)) checkResource(body, "body");
  for (const key of ["created", "modified", "generated"] as const) {
    if (value[key] !== undefined && !(typeof value[key] === "string" && DATE_TIME.test(value[key]))) refuse(`"${key}" must be one xsd:dateTime, e.g. 2026-12-02T07:00:00Z.`);
  }
  checkAgent(value.creator, "creator");
  checkAgent(value.generator, "generator");
  for (const r of asArray(value.rights)) checkSingleIri(r, "rights");
  checkSingleIri(value.canonical, "canonical");
  checkSingleIri(value.via, "via");
}

function verdictOf(body: Record<string, Json>): TVerdict | null {
  const iri = typeof body.source === "string" ? body.source : isObject(body.source) ? body.source.id : body.id;
  if (typeof iri === "string") {
    const fromIri = /\/verdicts\/([A-Z_]+)$/.exec(iri)?.[1];
    if (fromIri && (VERDICTS as readonly string[]).includes(fromIri)) return fromIri as TVerdict;
  }
  if (typeof body.value !== "string") return null;
  const text = body.value.trim().toLowerCase();
  return VERDICTS.find((v) => v.toLowerCase() === text || VERDICT_INFO[v].label.toLowerCase() === text) ?? null;
}

function purposesOf(body: Record<string, Json>, annotationMotivation: Json[]): Json[] {
  const own = asArray(body.purpose);
  return own.length ? own : annotationMotivation;
}

const optionalString = (v: Json) => (typeof v === "string" && v.trim() ? v : undefined);

/** Reads a well-formed W3C annotation as claim fields; refuses what is malformed, with the reason. */
export function parseW3cAnnotation(value: Json): Parsed<IncomingAnnotation> {
  const problem = annotationProblem(value);
  if (problem) return { ok: false, reason: problem };
  const a = value as Record<string, Json>;
  const motivation = asArray(a.motivation);
  let verdict: TVerdict | null = null;
  const explanations: string[] = [];
  const tags: string[] = [];
  const sources: IncomingAnnotation["fields"]["sources"] = [];
  if (typeof a.bodyValue === "string") explanations.push(a.bodyValue);
  for (const body of asArray(a.body)) {
    if (!isObject(body)) continue; // a bare IRI body says nothing a claim can hold
    const purposes = purposesOf(body, motivation);
    if (purposes.includes("classifying")) {
      const found = verdictOf(body);
      if (!found) return { ok: false, reason: `The verdict "${String(body.value ?? body.source ?? body.id)}" is not one of Factmark's verdicts (${VERDICTS.join(", ")}).` };
      if (verdict && verdict !== found) return { ok: false, reason: `The annotation gives two different verdicts (${verdict} and ${found}).` };
      verdict = found;
    } else if (purposes.includes("tagging") && typeof body.value === "string") {
      tags.push(body.value);
    } else if (purposes.includes("linking") || (body.type === "SpecificResource" && !("value" in body))) {
      const source = isObject(body.source) ? body.source : { id: body.source };
      const url = typeof source.id === "string" ? source.id : typeof body.id === "string" ? body.id : null;
      if (!url) return { ok: false, reason: "A linking body needs the URL of its source." };
      const stance = (STANCES as readonly string[]).includes(body[SOURCE_KEYS.stance] as string) ? (body[SOURCE_KEYS.stance] as TStance) : "CONTEXT";
      sources.push({
        url,
        title: optionalString(source[SOURCE_KEYS.title]) ?? optionalString(source.label) ?? url,
        publisher: optionalString(source[SOURCE_KEYS.publisher]),
        publishedAt: optionalString(source[SOURCE_KEYS.published]),
        accessedAt: optionalString(body[SOURCE_KEYS.accessed]),
        excerpt: optionalString(body[SOURCE_KEYS.excerpt]),
        stance,
      });
    } else if (typeof body.value === "string") {
      explanations.push(body.value);
    }
  }
  const targetSources: string[] = [];
  const selectors: Selector[] = [];
  for (const target of asArray(a.target)) {
    if (isIri(target)) {
      targetSources.push(target);
      continue;
    }
    const t = target as Record<string, Json>;
    const source = isIri(t.source) ? t.source : isObject(t.source) && isIri(t.source.id) ? t.source.id : isIri(t.id) ? t.id : null;
    if (source) targetSources.push(source);
    for (const selector of asArray(t.selector)) {
      if (isObject(selector) && selector.type === "TextQuoteSelector") {
        selectors.push({ type: "TextQuoteSelector", exact: selector.exact as string, ...(typeof selector.prefix === "string" ? { prefix: selector.prefix } : {}), ...(typeof selector.suffix === "string" ? { suffix: selector.suffix } : {}) });
      } else if (isObject(selector) && selector.type === "TextPositionSelector") {
        selectors.push({ type: "TextPositionSelector", start: selector.start as number, end: selector.end as number });
      }
    }
  }
  return {
    ok: true,
    value: {
      id: typeof a.id === "string" ? a.id : null,
      canonical: typeof a.canonical === "string" ? a.canonical : null,
      via: typeof a.via === "string" ? a.via : null,
      targetSources,
      selectors,
      fields: { verdict: verdict ?? "UNVERIFIED", explanation: explanations.join("\n\n"), tags, sources },
    },
  };
}
