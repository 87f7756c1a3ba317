import { Readability } from "@mozilla/readability";
import { JSDOM } from "jsdom";
import { marked } from "marked";
import { checkDocShape, plainText, ZArticleDoc, type TArticleDoc, type TBlock } from "@/lib/articles/document";
import { normalizeDoc } from "@/lib/articles/normalize-doc";
import { AppError } from "@/lib/errors";
import { docOf, htmlToBlocks, textToBlocks } from "./html-to-doc";
import { checkImportText } from "./limits";
import { checkHtmlShape, checkMarkdownShape } from "./nesting-limits";
import { sanitizeArticleHtml } from "./sanitize";

export const IMPORT_FORMATS = ["text", "markdown", "html"] as const;
export type TImportFormat = (typeof IMPORT_FORMATS)[number];

export type ImportMetadata = { title: string | null; byline: string | null; sourceUrl: string | null; publishedAt: string | null };
export type PreparedImport = { doc: TArticleDoc; plainText: string; metadata: ImportMetadata; words: number; extracted: boolean };

const FULL_PAGE = /<!doctype html|<html[\s>]|<body[\s>]|<head[\s>]/i;

function day(value: string | null | undefined): string | null {
  if (!value) return null;
  const d = new Date(value.trim());
  return Number.isNaN(d.getTime()) ? null : d.toISOString().slice(0, 10);
}

function clean(value: string | null | undefined, max = 300): string | null {
  const v = value?.replace(/\s+/g, " ").trim();
  return v ? v.slice(0, max) : null;
}

function httpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const u = new URL(value.trim());
    return u.protocol === "http:" || u.protocol === "https:" ? u.toString() : null;
  } catch {
    return null;
  }
}

/** A full web page: metadata from its <head>, and its main article through Readability. */
function extractPage(html: string): { html: string; metadata: ImportMetadata; extracted: boolean } {
  // jsdom runs no scripts and loads no resources unless asked to; we ask for neither.
  const dom = new JSDOM(html);
  const doc = dom.window.document;
  const meta = (selector: string) => doc.querySelector(selector)?.getAttribute("content") ?? null;
  const author = meta('meta[name="author"]') ?? meta('meta[property="article:author"]');
  const metadata: ImportMetadata = {
    title: clean(meta('meta[property="og:title"]') ?? meta('meta[name="twitter:title"]')),
    byline: clean(author && !/^https?:/i.test(author) ? author : null),
    sourceUrl: httpUrl(doc.querySelector('link[rel="canonical"]')?.getAttribute("href") ?? meta('meta[property="og:url"]')),
    publishedAt: day(
      meta('meta[property="article:published_time"]') ??
        meta('meta[name="date"]') ??
        meta('meta[itemprop="datePublished"]') ??
        doc.querySelector("time[datetime]")?.getAttribute("datetime"),
    ),
  };
  const bodyHtml = doc.body?.innerHTML ?? "";
  const titleTag = clean(doc.querySelector("title")?.textContent);
  const h1 = clean(doc.querySelector("h1")?.textContent);
  // "Dam report | Example News" with <h1>Dam report</h1>: the headline, without the site's name.
  const pageTitle = h1 && titleTag?.startsWith(h1) ? h1 : (titleTag ?? h1);
  const article = new Readability(doc).parse();
  if (article?.content && article.textContent?.trim()) {
    metadata.title ??= h1 && titleTag?.startsWith(h1) ? h1 : (clean(article.title) ?? pageTitle);
    metadata.byline ??= clean(article.byline);
    metadata.publishedAt ??= day(article.publishedTime);
    return { html: article.content, metadata, extracted: true };
  }
  metadata.title ??= pageTitle;
  return { html: bodyHtml, metadata, extracted: false };
}

function firstHeading(blocks: TBlock[]): string | null {
  const h = blocks.find((b) => b.type === "heading");
  return h && h.type === "heading" ? clean((h.content ?? []).map((n) => (n.type === "text" ? n.text : " ")).join("")) : null;
}

/**
 * The cheap, linear checks an import passes before any parser sees it (issue 7 limits; issue 12 nesting
 * bounds). Throws AppError INVALID / PAYLOAD_TOO_LARGE with the limit in its message.
 */
export function checkImportInput(format: TImportFormat, content: string): void {
  checkImportText(content);
  if (format === "html") checkHtmlShape(content);
  else if (format === "markdown") checkMarkdownShape(content);
}

/**
 * Turns pasted or uploaded text into the stored document (issue 7): plain text, Markdown (rendered by
 * marked, then cleaned like HTML) or HTML (cleaned by sanitize-html; a full page is first reduced to its
 * main article by Readability). Expects input that passed checkImportInput. This is the expensive part:
 * the app runs it in a worker thread (lib/import/worker) so that it cannot block other requests.
 */
export function parseImport(format: TImportFormat, content: string): PreparedImport {
  let blocks: TBlock[];
  let metadata: ImportMetadata = { title: null, byline: null, sourceUrl: null, publishedAt: null };
  let extracted = false;
  if (format === "text") {
    blocks = textToBlocks(content);
  } else {
    let html = content;
    if (format === "markdown") {
      html = marked.parse(content, { async: false, gfm: true }) as string;
      checkHtmlShape(html);
    }
    if (format === "html" && FULL_PAGE.test(html)) {
      const page = extractPage(html);
      html = page.html;
      metadata = page.metadata;
      extracted = page.extracted;
    }
    blocks = htmlToBlocks(sanitizeArticleHtml(html));
  }
  metadata.title ??= firstHeading(blocks);
  const raw = docOf(blocks);
  checkDocShape(raw, "The imported article");
  const normalized = normalizeDoc(raw);
  if (!normalized.content.length) throw new AppError("INVALID", "No article text was found in this input. Check the format you chose.", { content: ["No text found."] });
  const parsed = ZArticleDoc.safeParse(normalized);
  if (!parsed.success) throw new AppError("INVALID", "The imported document has a shape Factmark cannot store.");
  const text = plainText(parsed.data);
  return { doc: parsed.data, plainText: text, metadata, words: countWords(text), extracted };
}

/** Checks and parses in the calling thread: for tests, scripts and benchmarks. The app uses prepareImportInWorker. */
export function prepareImport(format: TImportFormat, content: string): PreparedImport {
  checkImportInput(format, content);
  return parseImport(format, content);
}

export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0;
}

/** Puts the title first as the headline (heading 1), as the seeded articles have it. */
export function withHeadline(doc: TArticleDoc, title: string): TArticleDoc {
  const [first, ...rest] = doc.content;
  const headline: TBlock = { type: "heading", attrs: { level: 1 }, content: [{ type: "text", text: title }] };
  if (first?.type === "heading" && first.attrs.level === 1) {
    const text = (first.content ?? []).map((n) => (n.type === "text" ? n.text : "\n")).join("");
    return text.trim() === title.trim() ? doc : { type: "doc", content: [headline, ...rest] };
  }
  return { type: "doc", content: [headline, ...doc.content] };
}
