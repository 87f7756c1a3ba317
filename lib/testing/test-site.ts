// A small local web site for fetcher, snapshot and e2e tests: a plain Node HTTP server on 127.0.0.1
// whose pages a test sets and changes. (The fetcher only reaches it with FACTMARK_FETCH_ALLOW_LOOPBACK=1.)
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Page = { status?: number; type?: string; body?: string | Buffer; headers?: Record<string, string> };
export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export type TestSite = {
  url: (path: string) => string;
  port: number;
  /** A string is an HTML page's body. */
  set: (path: string, page: Page | Handler | string) => void;
  remove: (path: string) => void;
  hits: (path: string) => number;
  close: () => Promise<void>;
  server: Server;
};

export async function startTestSite(port = 0): Promise<TestSite> {
  const pages = new Map<string, Page | Handler>();
  const counts = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    counts.set(path, (counts.get(path) ?? 0) + 1);
    const page = pages.get(path);
    if (!page) {
      res.writeHead(404, { "content-type": "text/html" }).end("<h1>Not found</h1>");
      return;
    }
    if (typeof page === "function") return page(req, res);
    res.writeHead(page.status ?? 200, { "content-type": page.type ?? "text/html; charset=utf-8", ...page.headers }).end(page.body ?? "");
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    server,
    port: actual,
    url: (path) => `http://127.0.0.1:${actual}${path}`,
    set: (path, page) => void pages.set(path, typeof page === "string" ? { body: page } : page),
    remove: (path) => void pages.delete(path),
    hits: (path) => counts.get(path) ?? 0,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A news-like page with the metadata "Fill from page" reads. */
export function articlePage(o: { title: string; publisher: string; published: string; body: string; byline?: string }): string {
  return `<!doctype html><html><head><title>${o.title} | ${o.publisher}</title>
<meta property="og:title" content="${o.title}"><meta property="og:site_name" content="${o.publisher}">
<meta property="article:published_time" content="${o.published}">${o.byline ? `<meta name="author" content="${o.byline}">` : ""}
</head><body><nav>Home · World</nav><article><h1>${o.title}</h1>${o.body
    .split("\n\n")
    .map((p) => `<p>${p}</p>`)
    .join("")}</article><script>document.title = "x"</script></body></html>`;
}
