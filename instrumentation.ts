// Runs once per server process, before the first request.
export async function register() {
  // Node.js server only, and never during `next build`.
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { prepareDbOrExit } = await import("./lib/db/prepare");
    await prepareDbOrExit();
    // The custom server's anonymous reader cache (lib/cli/serve.mjs) asks this for the revision of
    // a page before every answer; it shares this process's database connection.
    const { readerRevisionKey } = await import("./lib/publishing/reader-revision");
    (globalThis as typeof globalThis & { __factmarkReaderRevision?: typeof readerRevisionKey }).__factmarkReaderRevision = readerRevisionKey;
    // Snapshots and email run from the database queue in every instance (issue 18).
    const { startAppWorker } = await import("./lib/jobs/app-worker");
    await startAppWorker();
  }
}
