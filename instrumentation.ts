// Runs once per server process, before the first request.
export async function register() {
  // Node.js server only, and never during `next build`.
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { prepareDbOrExit } = await import("./lib/db/prepare");
    await prepareDbOrExit();
    // Snapshots and email run from the database queue in every instance (issue 18).
    const { startAppWorker } = await import("./lib/jobs/app-worker");
    await startAppWorker();
  }
}
