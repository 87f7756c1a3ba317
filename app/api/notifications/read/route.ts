import { requireUser } from "@/lib/auth/session";
import { handleRoute, readJson } from "@/lib/http/route";
import { markNotificationsRead } from "@/lib/workflow/notifications";

export async function POST(req: Request) {
  return handleRoute(async () => {
    const actor = await requireUser();
    await readJson(req); // no fields; read for the same-origin and JSON checks
    return Response.json({ marked: await markNotificationsRead(actor) });
  });
}
