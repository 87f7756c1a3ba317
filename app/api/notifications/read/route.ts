import { requireUser } from "@/lib/auth/session";
import { handleRoute } from "@/lib/http/route";
import { markNotificationsRead } from "@/lib/workflow/notifications";

export async function POST() {
  return handleRoute(async () => {
    const actor = await requireUser();
    return Response.json({ marked: await markNotificationsRead(actor) });
  });
}
