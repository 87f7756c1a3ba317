import "server-only";
// Everything the app's background worker runs, registered in one place (issue 18).
import { startBackgroundWorker } from "./background";

export async function startAppWorker(): Promise<void> {
  try {
    await startBackgroundWorker();
  } catch (e) {
    // The site works without it (jobs wait in the database); say so rather than stop the server.
    console.error(`[jobs] the background worker did not start: ${e instanceof Error ? e.message : String(e)}`);
  }
}
