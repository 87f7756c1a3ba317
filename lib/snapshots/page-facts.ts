// What a fetched web page says about itself (issue 18): title, publisher and date from its metadata,
// its readable text (Readability) and a sanitized HTML copy of the article. This is the expensive part
// (jsdom + Readability): the app runs it in the import worker pool (lib/import/worker), never on the
// server's event loop; extract.ts checks the page's shape first and sends it there.
import { Readability } from "@mozilla/readability";
import { JSDOM } from "jsdom";
import { sanitizeArticleHtml } from "@/lib/import/sanitize";
import { sha256 } from "@/lib/fetch/safe-fetch";

export type PageFacts = {
  title: string | null;
  publisher: string | null;
  /** YYYY-MM-DD */
  publishedAt: string | null;
  text: string | null;
  html: string | null;
  textSha256: string | null;
};

const clean = (v: string | null | undefined, max = 300) => {
  const s = v?.replace(/\s+/g, " ").trim();
  return s ? s.slice(0, max) : null;
};

function day(v: string | null | undefined): string | null {
  if (!v) return null;
  const d = new Date(v.trim());
  return Number.isNaN(d.getTime()) ? null : d.toISOString().slice(0, 10);
}

/** Text is compared after collapsing white space, so re-indented markup is not "a change". */
export const textHash = (text: string) => sha256(text.replace(/\s+/g, " ").trim());

/** Facts of an HTML page fetched from `url`. Expects HTML that passed checkHtmlShape. */
export function pageFactsFromHtml(html: string, url: string): PageFacts {
  // jsdom runs no scripts and loads nothing unless asked; we ask for neither.
  const dom = new JSDOM(html, { url });
  const doc = dom.window.document;
  const meta = (selector: string) => doc.querySelector(selector)?.getAttribute("content") ?? null;
  const titleTag = clean(doc.querySelector("title")?.textContent);
  const h1 = clean(doc.querySelector("h1")?.textContent);
  let ld: Record<string, unknown> | null = null;
  for (const s of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      const v = JSON.parse(s.textContent ?? "");
      const item = Array.isArray(v) ? v[0] : v;
      if (item && typeof item === "object") ld = item as Record<string, unknown>;
      break;
    } catch {
      // not JSON; ignore
    }
  }
  const ldPublisher = ld?.publisher && typeof ld.publisher === "object" ? (ld.publisher as { name?: unknown }).name : null;
  const title = clean(meta('meta[property="og:title"]') ?? meta('meta[name="twitter:title"]') ?? (h1 && titleTag?.startsWith(h1) ? h1 : titleTag) ?? h1);
  const publisher = clean(meta('meta[property="og:site_name"]') ?? meta('meta[name="application-name"]') ?? (typeof ldPublisher === "string" ? ldPublisher : null)) ?? new URL(url).hostname.replace(/^www\./, "");
  const publishedAt = day(
    meta('meta[property="article:published_time"]') ??
      meta('meta[name="date"]') ??
      meta('meta[itemprop="datePublished"]') ??
      (typeof ld?.datePublished === "string" ? ld.datePublished : null) ??
      doc.querySelector("time[datetime]")?.getAttribute("datetime"),
  );
  const article = new Readability(doc).parse();
  const text = clean(article?.textContent, 1_000_000) ?? clean(doc.body?.textContent, 1_000_000);
  const articleHtml = article?.content ? sanitizeArticleHtml(article.content) : null;
  return { title, publisher, publishedAt, text, html: articleHtml, textSha256: text ? textHash(text) : null };
}
