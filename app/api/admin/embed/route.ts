import { getSessionUser } from "@/lib/auth/session";
import { saveEmbedSettings } from "@/lib/embed/settings";
import { handleRoute, readJson } from "@/lib/http/route";

/** { allowedOrigins: string[] }: an admin sets the publisher origins that may show checks (issue 14). */
export async function POST(req: Request) {
  return handleRoute(async () => {
    const actor = await getSessionUser();
    return Response.json(await saveEmbedSettings(actor, await readJson(req)));
  });
}
