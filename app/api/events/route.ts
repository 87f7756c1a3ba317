import { requireUser } from "@/lib/auth/session";
import { handleRoute } from "@/lib/http/route";
import { openEventStream } from "@/lib/live/open-stream";
import { parseEventStreamQuery } from "@/lib/validation/live";

// Server-Sent Events: one stream per signed-in user (issue 15). Never cached, never static.
export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  return handleRoute(async () => {
    const user = await requireUser();
    const query = parseEventStreamQuery(new URL(req.url), req.headers.get("last-event-id"));
    return openEventStream(user, { ...query, signal: req.signal });
  });
}
