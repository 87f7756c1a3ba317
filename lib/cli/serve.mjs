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
import { createServer } from "node:http";
import path from "node:path";
import { readerCacheListener } from "../http/reader-cache.mjs";

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

function handleWithNext(req, res) {
  handle(req, res).catch((error) => {
    console.error("[factmark] request failed", error);
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
    res.end("Internal error");
  });
}

// The anonymous reader page from memory (issue 21, lib/http/reader-cache.mjs); Next answers the rest.
const listener = readerCacheListener({
  next: handleWithNext,
  host: hostname,
  port,
  key: peerKey,
  buildId: readFileSync(path.join(root, ".next", "BUILD_ID"), "utf8").trim(),
  // Set by instrumentation.ts once the database is ready; until then Next answers every request.
  revisionOf: (slug) => globalThis.__factmarkReaderRevision?.(slug) ?? null,
});

const server = createServer((req, res) => {
  req.headers["x-factmark-peer"] = req.socket.remoteAddress ?? "";
  req.headers["x-factmark-peer-key"] = peerKey;
  listener(req, res);
});
server.listen(port, hostname, () => console.log(`Factmark listening on http://${hostname}:${port}`));

function stop() {
  server.close(() => process.exit(0));
  // Open keep-alive connections would hold close() up.
  server.closeIdleConnections();
  // Live event streams (issue 15) never go idle: give requests in flight a second, then cut the
  // streams; their browsers reconnect (to another instance behind a load balancer) and replay.
  setTimeout(() => server.closeAllConnections(), 1_000).unref();
  setTimeout(() => process.exit(0), 5_000).unref();
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

// For `npm run bench:live` only, and only when FACTMARK_HEAP_REPORT=1: on SIGUSR2, collect garbage
// (when node runs with --expose-gc) and print one line of memory figures, so "memory back after
// every subscriber left" compares live heaps rather than RSS that the allocator has not returned
// yet. The live relay's subscriber count shows streams that were never unregistered.
if (process.env.FACTMARK_HEAP_REPORT === "1") {
  process.on("SIGUSR2", async () => {
    const collected = typeof globalThis.gc === "function";
    // Twice: the first pass runs finalizers whose objects the second one frees.
    if (collected) {
      globalThis.gc();
      globalThis.gc();
    }
    const relay = await globalThis.__factmarkRelay?.catch(() => null);
    const m = process.memoryUsage();
    // Per V8 space: tells compiled code (code_space) and caches (old_space) apart from big buffers.
    const { getHeapSpaceStatistics, writeHeapSnapshot } = await import("node:v8");
    // Diagnosing a difference: a snapshot per report into this folder (large; never in production).
    if (process.env.FACTMARK_HEAP_SNAPSHOT_DIR) writeHeapSnapshot(`${process.env.FACTMARK_HEAP_SNAPSHOT_DIR}/heap-${Date.now()}.heapsnapshot`);
    const spaces = Object.fromEntries(getHeapSpaceStatistics().map((sp) => [sp.space_name, sp.space_used_size]));
    const report = { gc: collected, spaces, rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers, subscribers: relay?.clients.size ?? null, relayStats: relay?.stats ?? null };
    console.log(`[factmark] heap ${JSON.stringify(report)}`);
  });
}
