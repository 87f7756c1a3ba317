#!/usr/bin/env node
// The production server `npm start` runs: Next's request handler behind a plain Node HTTP server,
// so the socket's address can be handed to the app. Next's route handlers are not given it, and
// `next start` puts it in X-Forwarded-For only when the client sent none, so a forged header would
// pass for the client's address (issue 12, item 5). Every request here gets x-factmark-peer set to
// the socket address, and x-factmark-peer-key to a key made at start-up that no client knows;
// whatever a client sent under those names is overwritten. lib/http/client-address.ts believes
// the peer header only with the key.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, request } from "node:http";
import path from "node:path";
import { createReaderCache } from "../http/reader-cache.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const port = Number(process.env.PORT || "3000");
const hostname = process.env.HOST || "127.0.0.1";
const peerKey = randomBytes(32).toString("base64url");
process.env.FACTMARK_PEER_KEY = peerKey;

// As `next start` does, and before Next is loaded: some of its modules read it at import time.
process.env.NODE_ENV = "production";
const { default: next } = await import("next");
const app = next({ dev: false, dir: root, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

// The anonymous reader page from memory (issue 21, lib/http/reader-cache.mjs). A page is rendered
// by Next through a request this server makes to itself, with no cookie, marked with a header only
// this process knows so that it is not answered from the cache it is filling.
const RENDER_HEADER = "x-factmark-reader-render";
const buildId = readFileSync(path.join(root, ".next", "BUILD_ID"), "utf8").trim();
const readerCache = createReaderCache({
  buildId,
  // Set by instrumentation.ts once the database is ready; until then Next answers every request.
  revisionOf: (slug) => globalThis.__factmarkReaderRevision?.(slug) ?? null,
  render: (slug) =>
    new Promise((resolve, reject) => {
      const req = request({ host: hostname, port, path: `/articles/${slug}`, headers: { [RENDER_HEADER]: peerKey, "accept-encoding": "identity" } }, (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end();
    }),
});

function handleWithNext(req, res) {
  handle(req, res).catch((error) => {
    console.error("[factmark] request failed", error);
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
    res.end("Internal error");
  });
}

const server = createServer((req, res) => {
  req.headers["x-factmark-peer"] = req.socket.remoteAddress ?? "";
  req.headers["x-factmark-peer-key"] = peerKey;
  if (req.headers[RENDER_HEADER] !== undefined) {
    const ours = req.headers[RENDER_HEADER] === peerKey;
    delete req.headers[RENDER_HEADER];
    if (ours) return handleWithNext(req, res);
  }
  readerCache.handle(req, res).then(
    (answered) => answered || handleWithNext(req, res),
    (error) => {
      // The cache is an optimisation: when it fails (the database restarting), Next answers.
      console.error("[factmark] reader cache failed", error);
      if (!res.headersSent) handleWithNext(req, res);
      else res.end();
    },
  );
});
server.listen(port, hostname, () => console.log(`Factmark listening on http://${hostname}:${port}`));

function stop() {
  server.close(() => process.exit(0));
  // Open keep-alive connections would hold close() up.
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 5_000).unref();
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
