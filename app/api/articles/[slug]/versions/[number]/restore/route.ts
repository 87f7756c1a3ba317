import { requireUser } from "@/lib/auth/session";
import { restoreVersion } from "@/lib/articles/versions";
import { AppError } from "@/lib/errors";
import { handleRoute, parseInput, readJson } from "@/lib/http/route";
import { ZRestoreVersion } from "@/lib/validation/articles";

type Ctx = { params: Promise<{ slug: string; number: string }> };

export async function POST(req: Request, { params }: Ctx) {
  return handleRoute(async () => {
    const actor = await requireUser();
    const { slug, number } = await params;
    const n = Number(number);
    if (!Number.isInteger(n) || n < 1) throw new AppError("NOT_FOUND", "There is no such version.");
    const input = parseInput(ZRestoreVersion, await readJson(req));
    return Response.json(await restoreVersion(actor, slug, n, input), { status: 201 });
  });
}
