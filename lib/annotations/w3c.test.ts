import { describe, expect, it } from "vitest";
import { describe as describeSpan } from "@/lib/anchoring";
import { buildContainer, buildExportCollection, buildPage, PAGE_SIZE } from "./container";
import { readImportDocument } from "./import-document";
import { correctSamples, failedMusts, incorrectSamples } from "./testing/w3c-schemas";
import { annotationProblem, claimToAnnotation, parseW3cAnnotation, type AnnotatedClaim } from "./w3c";

const site = { publicUrl: "https://factmark.example" };
const TEXT = "The city said unemployment fell to 4.2% in March, the lowest in a decade.";
const QUOTE = "unemployment fell to 4.2% in March";

function claim(overrides: Partial<AnnotatedClaim> = {}): AnnotatedClaim {
  const start = TEXT.indexOf(QUOTE);
  const d = describeSpan(TEXT, start, start + QUOTE.length);
  return {
    id: "claim1",
    selectors: [d.quote, d.position],
    verdict: "MISLEADING",
    explanation: "The figure is seasonally adjusted; the raw rate rose.",
    tags: ["economy", "jobs"],
    sources: [
      { url: "https://stats.example/march", title: "March labour figures", publisher: "Stats Office", publishedAt: "2026-04-02", accessedAt: "2026-04-03", excerpt: "4.2% (SA)", stance: "CONTEXT" },
      { url: "https://news.example/a", title: "Raw rate rose", publisher: null, publishedAt: null, accessedAt: null, excerpt: null, stance: "REFUTES" },
    ],
    creatorName: "Rita Reviewer",
    created: new Date("2026-12-01T10:00:00Z"),
    modified: new Date("2026-12-01T11:00:00Z"),
    canonical: null,
    via: null,
    ...overrides,
  };
}

describe("claim → W3C annotation", () => {
  it("states the model's required and Factmark's promised fields", () => {
    const a = claimToAnnotation(claim(), site, "city-jobs");
    expect(a).toMatchObject({
      "@context": "http://www.w3.org/ns/anno.jsonld",
      id: "https://factmark.example/articles/city-jobs/annotations/claim1",
      type: "Annotation",
      motivation: "assessing",
      creator: { type: "Person", name: "Rita Reviewer" },
      generator: { type: "Software", name: "Factmark" },
      target: { source: "https://factmark.example/articles/city-jobs" },
    });
    const bodies = a.body as Record<string, unknown>[];
    expect(bodies).toContainEqual({ type: "TextualBody", purpose: "assessing", format: "text/plain", value: "The figure is seasonally adjusted; the raw rate rose." });
    expect(bodies).toContainEqual(expect.objectContaining({ type: "TextualBody", purpose: "classifying", value: "Misleading" }));
    expect(bodies).toContainEqual({ type: "SpecificResource", purpose: "classifying", source: "https://factmark.example/verdicts/MISLEADING" });
    expect(bodies.filter((b) => b.purpose === "tagging").map((b) => b.value)).toEqual(["economy", "jobs"]);
    expect(bodies.filter((b) => b.purpose === "linking")).toHaveLength(2);
  });

  it("names the archived copy of a source as a TimeState (issue 18)", () => {
    const c = claim();
    c.sources[0] = { ...c.sources[0], archive: { id: "snap1", fetchedAt: "2026-11-01T00:00:00.000Z", warning: "CHANGED" } };
    const a = claimToAnnotation(c, site, "city-jobs");
    const linking = (a.body as Record<string, unknown>[]).filter((b) => b.purpose === "linking");
    expect(linking[0].state).toEqual({ type: "TimeState", cached: "https://factmark.example/archive/snap1", sourceDate: "2026-11-01T00:00:00.000Z" });
    expect(linking[1]).not.toHaveProperty("state");
    expect(failedMusts("annotations/annotationMusts.test", a)).toEqual([]);
  }, 60_000); // the first schema compile is slow on a loaded machine

  it("passes every MUST assertion of the W3C annotation test suite", () => {
    expect(failedMusts("annotations/annotationMusts.test", claimToAnnotation(claim(), site, "city-jobs"))).toEqual([]);
    expect(failedMusts("annotations/annotationMusts.test", claimToAnnotation(claim({ explanation: "", verdict: "UNVERIFIED", tags: [], sources: [] }), site, "s"))).toEqual([]);
  });

  it("the schema check itself fails a broken annotation (so the test above can fail)", () => {
    const broken = { ...claimToAnnotation(claim(), site, "s"), created: "yesterday" };
    expect(failedMusts("annotations/annotationMusts.test", broken).join()).toMatch(/created/i);
  });

  it("collections and pages pass the suite's collection and page MUSTs", () => {
    const items = Array.from({ length: 3 }, (_, i) => claimToAnnotation(claim({ id: `c${i}` }), site, "s"));
    const container = "https://factmark.example/articles/s/annotations/";
    for (const view of ["descriptions", "iris", "minimal"] as const) {
      const c = buildContainer({ container, label: "Checks", view, total: 3, modified: new Date(), firstPageItems: items });
      expect(failedMusts("collections/collectionMusts.test", c), view).toEqual([]);
    }
    const exported = buildExportCollection({ container, label: "Checks", total: 3, modified: new Date(), items });
    expect(failedMusts("collections/collectionMusts.test", exported)).toEqual([]);
    const read = readImportDocument(JSON.parse(JSON.stringify(exported)));
    expect("items" in read && read.items.map((i) => i.parsed.ok)).toEqual([true, true, true]);
    const page = buildPage({ container, iris: false, page: 1, total: 250, modified: new Date(), items });
    expect(failedMusts("collections/pages/pageMusts.test", page)).toEqual([]);
    expect(page).toMatchObject({ startIndex: PAGE_SIZE, next: `${container}?iris=0&page=2`, prev: `${container}?iris=0&page=0`, partOf: { total: 250, first: `${container}?iris=0&page=0`, last: `${container}?iris=0&page=2` } });
  });
});

describe("W3C annotation → claim fields", () => {
  it("round-trips every claim field", () => {
    const original = claim({ canonical: "urn:uuid:6f1a1c9e-0000-4000-8000-000000000001", via: "https://elsewhere.example/anno/9" });
    const parsed = parseW3cAnnotation(JSON.parse(JSON.stringify(claimToAnnotation(original, site, "s"))));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.fields).toEqual({
      verdict: original.verdict,
      explanation: original.explanation,
      tags: original.tags,
      sources: [
        { url: "https://stats.example/march", title: "March labour figures", publisher: "Stats Office", publishedAt: "2026-04-02", accessedAt: "2026-04-03", excerpt: "4.2% (SA)", stance: "CONTEXT" },
        { url: "https://news.example/a", title: "Raw rate rose", publisher: undefined, publishedAt: undefined, accessedAt: undefined, excerpt: undefined, stance: "REFUTES" },
      ],
    });
    expect(parsed.value.selectors).toEqual(original.selectors);
    expect(parsed.value.targetSources).toEqual(["https://factmark.example/articles/s"]);
    expect(parsed.value.canonical).toBe(original.canonical);
    expect(parsed.value.via).toBe(original.via);
  });

  it.each(incorrectSamples())("refuses the suite's incorrect sample $name", ({ name, text }) => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      // Not JSON (the import refuses it before parsing). Many samples only have a trailing comma:
      // without it, the annotation must still be refused for the fault the sample is about.
      try {
        value = JSON.parse(text.replace(/,(\s*[}\]])/g, "$1"));
      } catch {
        return expect(() => JSON.parse(text)).toThrow();
      }
    }
    expect(parseW3cAnnotation(value).ok).toBe(false);
    // Most samples also carry an array id; with a valid one, each must still be refused for its own fault.
    const label = (value as { label?: string }).label ?? "";
    // anno15 ("bad language") misspells its key as "langauage", an unknown key the model allows, so
    // its array id is its only fault.
    if (Array.isArray((value as { id?: unknown }).id) && label !== "multiple identifiers" && name !== "anno15.json") {
      expect(parseW3cAnnotation({ ...(value as object), id: "http://example.org/1" })).toEqual({ ok: false, reason: expect.any(String) });
    }
  });

  it("accepts the suite's correct samples as well-formed", () => {
    const annotations = correctSamples().filter(({ text }) => JSON.parse(text).type === "Annotation");
    expect(annotations.length).toBeGreaterThan(30);
    const problems = annotations.map(({ name, text }) => [name, annotationProblem(JSON.parse(text))]).filter(([, p]) => p !== null);
    expect(problems).toEqual([]);
  });

  it("refuses a verdict it does not know, with the reason", () => {
    const a = claimToAnnotation(claim(), site, "s");
    const bodies = (a.body as Record<string, unknown>[]).filter((b) => b.purpose !== "classifying").concat({ type: "TextualBody", purpose: "classifying", value: "Pants on fire" });
    const result = parseW3cAnnotation({ ...a, body: bodies });
    expect(result).toEqual({ ok: false, reason: expect.stringContaining("Pants on fire") });
  });
});

describe("import documents", () => {
  const one = claimToAnnotation(claim(), site, "s");

  it("reads a single annotation, a collection with an embedded page, a page, and Hypothesis JSON", () => {
    const container = "https://factmark.example/articles/s/annotations/";
    const collection = buildContainer({ container, label: "x", view: "descriptions", total: 1, modified: null, firstPageItems: [one] });
    const page = buildPage({ container, iris: false, page: 0, total: 1, modified: null, items: [one] });
    for (const doc of [one, collection, page]) {
      const read = readImportDocument(JSON.parse(JSON.stringify(doc)));
      expect("items" in read && read.items.map((i) => i.parsed.ok)).toEqual([true]);
    }
    const hypothesisRow = {
      id: "AbC123",
      uri: "https://news.example/story",
      text: "Needs a source.",
      tags: ["economy"],
      user: "acct:rita@hypothes.is",
      target: [{ source: "https://news.example/story", selector: [{ type: "RangeSelector", startContainer: "/p[1]", endContainer: "/p[1]", startOffset: 0, endOffset: 5 }, { type: "TextPositionSelector", start: 14, end: 48 }, { type: "TextQuoteSelector", exact: QUOTE, prefix: "The city said ", suffix: ", the lowest" }] }],
    };
    for (const doc of [{ total: 1, rows: [hypothesisRow] }, hypothesisRow]) {
      const read = readImportDocument(doc);
      if (!("items" in read)) throw new Error(read.error);
      const [item] = read.items;
      expect(item.parsed).toMatchObject({ ok: true, value: { via: "https://hypothes.is/a/AbC123", targetSources: ["https://news.example/story"], fields: { explanation: "Needs a source.", tags: ["economy"], verdict: "UNVERIFIED" } } });
      expect(item.quote).toBe(QUOTE);
    }
  });

  it("refuses a collection that only links its pages, with the reason", () => {
    const read = readImportDocument({ "@context": "http://www.w3.org/ns/anno.jsonld", type: "AnnotationCollection", total: 5, first: "https://x.example/?page=0" });
    expect(read).toEqual({ error: expect.stringContaining("first page is only a link") });
  });
});
