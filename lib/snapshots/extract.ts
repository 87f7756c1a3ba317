import "server-only";
// Facts of a fetched page (issue 18), shared by source snapshots and "Fill from page"; articles from a
// URL go through the import pipeline instead. Plain text and PDF are cheap and stay here; HTML is
// checked for nesting and element count in this thread (linear), then parsed in the worker pool.
import { bodyText, type FetchResult } from "@/lib/fetch/safe-fetch";
import { checkHtmlShape } from "@/lib/import/nesting-limits";
import { extractPageFactsInWorker } from "@/lib/import/worker/prepare-in-worker";
import { textHash, type PageFacts } from "./page-facts";

export { textHash, type PageFacts };

type Page = Pick<FetchResult, "body" | "charset" | "contentType" | "url">;

/**
 * Throws AppError when the page is refused: INVALID (nesting, element count, time limit),
 * PAYLOAD_TOO_LARGE (memory limit), TOO_MANY_REQUESTS (the pool's queue is full).
 */
export async function extractFacts(result: Page, parse: (html: string, url: string) => Promise<PageFacts> = extractPageFactsInWorker): Promise<PageFacts> {
  if (result.contentType === "text/plain") {
    const text = bodyText(result).slice(0, 1_000_000);
    return { title: null, publisher: new URL(result.url).hostname, publishedAt: null, text, html: null, textSha256: textHash(text) };
  }
  if (result.contentType !== "text/html" && result.contentType !== "application/xhtml+xml") {
    // PDF: kept as bytes' hash only; the archived copy says so.
    return { title: null, publisher: new URL(result.url).hostname, publishedAt: null, text: null, html: null, textSha256: null };
  }
  const html = bodyText(result);
  checkHtmlShape(html, "The page");
  return parse(html, result.url);
}
