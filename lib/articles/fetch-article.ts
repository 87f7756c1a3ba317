import "server-only";
import type { SessionUser } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { bodyText, FetchRefused, safeFetch } from "@/lib/fetch/safe-fetch";
import type { PreparedImport } from "@/lib/import/prepare-import";
import { prepareImportInWorker } from "@/lib/import/worker/prepare-in-worker";
import { assertCanEditArticles } from "./authorize";

/**
 * "Article URL → Fetch" on /articles/new (issue 18): the page comes through the safe fetcher and then
 * the same Readability + sanitize pipeline as a pasted page, into the preview.
 */
export async function fetchArticle(actor: SessionUser | null, url: string): Promise<PreparedImport & { format: "html" | "text"; content: string }> {
  assertCanEditArticles(actor);
  let result;
  try {
    result = await safeFetch(url);
  } catch (e) {
    if (e instanceof FetchRefused) throw new AppError("UNPROCESSABLE", `Factmark could not fetch this page: ${e.message}`, { url: [e.message] });
    throw e;
  }
  if (result.status < 200 || result.status > 299) throw new AppError("UNPROCESSABLE", `The page answered with status ${result.status}.`, { url: [`The page answered with status ${result.status}.`] });
  if (result.contentType === "application/pdf") throw new AppError("UNPROCESSABLE", "This is a PDF; Factmark imports web pages and plain text. Copy the text in instead.", { url: ["PDFs cannot be imported."] });
  const format = result.contentType === "text/plain" ? "text" : "html";
  const content = bodyText(result);
  const prepared = await prepareImportInWorker(format, content);
  prepared.metadata.sourceUrl ??= result.url;
  return { ...prepared, format, content };
}
