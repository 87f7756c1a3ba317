// Server-side hand-off of the reader body's HTML from the page (a server component) to
// PublishedArticleBody's server render (a client component). They run in the same process but in
// different module graphs (react-server and SSR), so the map lives on globalThis. Handing the HTML
// over as a prop would put all of it into the RSC payload a second time (issue 21: the payload was
// 129 KB of a 590 KB page with 200 checks); this way the payload carries only the key.

export type ReaderBodyHtml = { article: string; evidence: string; jsonLd: string };

const LIMIT = 50;
const holder = globalThis as typeof globalThis & { __factmarkReaderHtml?: Map<string, ReaderBodyHtml> };

function store(): Map<string, ReaderBodyHtml> {
  holder.__factmarkReaderHtml ??= new Map();
  return holder.__factmarkReaderHtml;
}

/** Files the HTML built for `contentKey`; the oldest entries beyond the limit are dropped. */
export function offerReaderHtml(contentKey: string, html: ReaderBodyHtml): void {
  const map = store();
  map.delete(contentKey);
  map.set(contentKey, html);
  for (const key of map.keys()) if (map.size > LIMIT) map.delete(key);
}

/** The HTML filed for `contentKey`, on the server; always undefined in the browser. */
export function takeReaderHtml(contentKey: string): ReaderBodyHtml | undefined {
  if (typeof window !== "undefined") return undefined;
  return store().get(contentKey);
}
