import { requireUser } from "@/lib/auth/session";
import { handleRoute, parseInput, readJson } from "@/lib/http/route";
import { fillFromPage } from "@/lib/snapshots/fill-from-page";
import { ZFetchUrl } from "@/lib/validation/claims";

/** "Fill from page": the source's title, publisher and date from its metadata (issue 18). */
export async function POST(req: Request) {
  return handleRoute(async () => {
    const actor = await requireUser();
    const { url } = parseInput(ZFetchUrl, await readJson(req));
    return Response.json(await fillFromPage(actor, url));
  });
}
