import "server-only";
// Everything the app's background worker runs, registered in one place (issue 18).
import { getPrisma } from "@/lib/db/client";
import { scheduleDigests } from "@/lib/email/digest";
import { EMAIL_JOB, sendEmailJob } from "@/lib/email/send-email";
import { registerJobs, startBackgroundWorker } from "./background";

export async function startAppWorker(): Promise<void> {
  try {
    registerJobs({ [EMAIL_JOB]: async (payload, job) => sendEmailJob(await getPrisma(), payload, job) }, [{ name: "daily digest", everyMs: 5 * 60_000, run: scheduleDigests }]);
    await startBackgroundWorker();
  } catch (e) {
    // The site works without it (jobs wait in the database); say so rather than stop the server.
    console.error(`[jobs] the background worker did not start: ${e instanceof Error ? e.message : String(e)}`);
  }
}
