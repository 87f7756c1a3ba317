import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { plainText, type TArticleDoc } from "@/lib/articles/document";
import { buildClaimReview } from "./claimreview";
import { checkClaimReview } from "./claimreview-rules";
import type { PublishedClaimView } from "./published";
import { claimReviewScriptsHtml, evidenceHtml, evidenceListHtml, readerArticleHtml } from "./reader-html";
import { enhanceMarks } from "./reader-marks";

const HOSTILE = `</script><img src=x onerror="alert(1)">"'&`;
const doc: TArticleDoc = {
  type: "doc",
  content: [
    { type: "paragraph", content: [{ type: "text", text: "The Observatory said at least 116 civilians were executed in the town." }] },
    { type: "paragraph", content: [{ type: "text", text: "A committee identified 67 civilians." }] },
  ],
};
const text = plainText(doc);
const span = (words: string) => ({ start: text.indexOf(words), end: text.indexOf(words) + words.length });
const claim = (id: string, words: string, over: Partial<PublishedClaimView> = {}): PublishedClaimView => ({
  id,
  quote: words,
  verdict: "DISPUTED",
  explanation: "SOHR counts 116; another group counts 67.",
  sources: [{ url: "https://www.syriahr.com/en/", title: "SOHR report", publisher: "SOHR", publishedAt: "2015-10-23", accessedAt: null, excerpt: "116 executed", stance: "SUPPORTS" }],
  reviewer: "Rita Reviewer",
  approvedBy: "Eddie Editor",
  approvedAt: "2026-11-29T10:00:00.000Z",
  retraction: null,
  changedSince: null,
  placement: span(words),
  ...over,
});
/** A mark's words, without its verdict icon. */
const wordsOf = (m: Element) => [...m.childNodes].filter((n) => !(n as Element).classList?.contains("verdict-icon")).map((n) => n.textContent).join("");
const parse = (html: string) => JSDOM.fragment(`<div>${html}</div>`).firstElementChild!;

describe("readerArticleHtml", () => {
  const outer = claim("outer", "at least 116 civilians were executed", { verdict: "FALSE" });
  const inner = claim("inner", "116 civilians");
  const withdrawn = claim("gone", "identified 67 civilians", { retraction: { at: "2026-11-29T12:00:00.000Z", by: "Eddie Editor", reason: "Bad source" } });
  const html = readerArticleHtml(doc, [outer, inner, withdrawn]);
  const root = parse(html);
  enhanceMarks(root);
  const marks = [...root.querySelectorAll<HTMLElement>("mark")];

  it("sends no button attributes: without JavaScript a mark opens nothing (the browser adds them)", () => {
    const bare = [...parse(html).querySelectorAll<HTMLElement>("mark")];
    expect(bare.length).toBe(marks.length);
    for (const m of bare) for (const a of ["role", "tabindex", "aria-label", "aria-haspopup"]) expect(m.hasAttribute(a), a).toBe(false);
    expect(bare.find((m) => m.dataset.claimId === "inner")?.dataset.claims).toBe("inner outer");
    expect(bare.find((m) => m.dataset.claimId === "gone")?.dataset.claims).toBeUndefined();
  });

  it("marks every checked word with one focusable, named mark per piece, never one inside another", () => {
    expect(root.querySelector("mark mark")).toBeNull();
    for (const m of marks) {
      expect(m.dataset.claimId).toBeTruthy();
      expect(m.dataset.verdict).toBeTruthy();
      expect(m.getAttribute("role")).toBe("button");
      expect(m.getAttribute("tabindex")).toMatch(/^(0|-1)$/);
    }
    const markedWords = (id: string) => marks.filter((m) => m.dataset.claims?.split(" ").includes(id)).map(wordsOf).join("");
    expect(markedWords("outer")).toBe("at least 116 civilians were executed");
    expect(markedWords("inner")).toBe("116 civilians");
  });

  it("gives the innermost check the overlapping words, listing every check over them", () => {
    const overlap = marks.find((m) => m.dataset.claimId === "inner")!;
    expect(overlap.dataset.claims).toBe("inner outer");
    expect(overlap.getAttribute("aria-label")).toBe("Claim rated Credible sources disagree (and 1 more check here): 116 civilians");
    expect(marks.filter((m) => m.dataset.claimId === "outer").map((m) => m.getAttribute("aria-label"))).toEqual(["Claim rated False: at least ", "Claim rated False:  were executed"]);
  });

  it("makes each check's first mark its one tab stop, with the verdict icon", () => {
    for (const id of ["outer", "inner", "gone"]) {
      const first = marks.filter((m) => m.dataset.claimId === id && m.dataset.first === "true");
      expect(first).toHaveLength(1);
      expect(first[0].id).toBe(`mark-${id}`);
      expect(first[0].getAttribute("tabindex")).toBe("0");
      expect(first[0].querySelector(".verdict-icon[aria-hidden=true]")).not.toBeNull();
    }
    expect(marks.find((m) => m.dataset.claimId === "gone")?.getAttribute("aria-label")).toMatch(/^Check withdrawn: /);
  });
});

describe("evidence", () => {
  it("escapes everything a reviewer typed", () => {
    const hostile = claim("h", "116 civilians", {
      quote: HOSTILE,
      explanation: HOSTILE,
      reviewer: HOSTILE,
      sources: [{ url: `https://example.org/"onmouseover="alert(1)`, title: HOSTILE, publisher: HOSTILE, publishedAt: null, accessedAt: null, excerpt: HOSTILE, stance: "REFUTES" }],
    });
    const root = parse(evidenceListHtml([hostile]));
    expect(root.querySelector("img, script")).toBeNull();
    expect(root.querySelector("[onmouseover]")).toBeNull();
    expect(root.querySelector(".evidence-explanation")?.textContent).toBe(HOSTILE);
    const link = root.querySelector(".evidence-sources a")!;
    expect(link.textContent).toBe(HOSTILE);
    expect(link.getAttribute("href")).toBe(`https://example.org/"onmouseover="alert(1)`);
    expect(link.getAttribute("rel")).toBe("noopener noreferrer nofollow");
  });

  it("links only http(s) sources", () => {
    const root = parse(evidenceHtml(claim("j", "116 civilians", { sources: [{ url: "javascript:alert(1)", title: "Bad", publisher: null, publishedAt: null, accessedAt: null, excerpt: null, stance: "CONTEXT" }] })));
    expect(root.querySelector("a")).toBeNull();
    expect(root.querySelector(".evidence-sources li")?.textContent).toContain("Bad");
  });

  it("shows the verdict, sources, stance and who checked and approved it", () => {
    const root = parse(evidenceListHtml([claim("c", "116 civilians")]));
    expect(root.querySelector("li")?.id).toBe("claim-c");
    expect(root.querySelector(".verdict-badge")?.textContent).toContain("Credible sources disagree");
    expect(root.querySelector(".evidence-sources li")?.textContent).toBe("SOHR report — SOHR, 23 October 2015 Supports the claim116 executed");
    expect(root.querySelector(".evidence-byline")?.textContent).toBe("Checked by Rita Reviewer; approved by Eddie Editor on 29 November 2026.");
    expect(root.querySelector('a[href="#mark-c"]')?.textContent).toBe("Show in the article");
  });

  it("shows a withdrawn check as withdrawn, with who, when and why, and no sources", () => {
    const root = parse(evidenceHtml(claim("w", "116 civilians", { retraction: { at: "2026-11-30T09:00:00.000Z", by: "Eddie Editor", reason: "The source was retracted." } })));
    expect(root.querySelector(".verdict-badge")?.textContent).toBe("Check withdrawn");
    expect(root.textContent).toContain("withdrawn by Eddie Editor on 30 November 2026. Reason: The source was retracted.");
    expect(root.querySelector(".evidence-sources")).toBeNull();
  });

  it("says when the article changed under an approved check", () => {
    const root = parse(evidenceHtml(claim("s", "116 civilians", { changedSince: "2026-12-01T08:00:00.000Z" })));
    expect(root.querySelector(".changed-note")?.textContent).toContain("The article changed here after this check (1 December 2026)");
  });
});

describe("claimReviewScriptsHtml", () => {
  it("puts each ClaimReview in its own script, which no quote can close", () => {
    const ctx = { baseUrl: "https://checks.example.org", publisher: "Example" };
    const article = { slug: "al-qaryatain", title: "Town", byline: null, sourceUrl: null, publishedAt: null };
    const reviews = [claim("a", "116 civilians", { quote: HOSTILE }), claim("b", "67 civilians")].map((c) => buildClaimReview(c, article, ctx)!);
    const root = parse(claimReviewScriptsHtml(reviews));
    const scripts = [...root.querySelectorAll('script[type="application/ld+json"]')];
    expect(scripts).toHaveLength(2);
    expect(root.querySelector("img")).toBeNull();
    const parsed = scripts.map((s) => JSON.parse(s.textContent!));
    expect(parsed[0].claimReviewed).toBe(HOSTILE);
    for (const r of parsed) expect(checkClaimReview(r, `${ctx.baseUrl}/articles/al-qaryatain`).errors).toEqual([]);
  });
});
