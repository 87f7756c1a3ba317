// Import annotations (issue 19): W3C JSON-LD or Hypothesis JSON. `confirm: false` answers the report
// only; `confirm: true` writes the drafts in one transaction. Reviewers, editors and admins.
import { commitImport, previewImport } from "@/lib/annotations/annotation-service";
import { ZImportAnnotations } from "@/lib/annotations/schemas";
import { requireUser } from "@/lib/auth/session";
import { readGuardedJson } from "@/lib/http/request-guard";
import { handleRoute, parseInput } from "@/lib/http/route";
import { parseSlugParam } from "@/lib/validation/params";

type Ctx = { params: Promise<{ slug: string }> };

/** An export of a large article is bigger than the protocol's 1 MB for one annotation. */
const IMPORT_LIMITS = { maxBytes: 8 * 1024 * 1024, maxDepth: 64, tooLargeMessage: "The file is too large to import (8 MB at most); split it." };

export async function POST(req: Request, { params }: Ctx) {
  return handleRoute(async () => {
    const actor = await requireUser();
    const slug = parseSlugParam((await params).slug);
    const { document, confirm } = parseInput(ZImportAnnotations, await readGuardedJson(req, IMPORT_LIMITS));
    return Response.json(confirm ? await commitImport(actor, slug, document) : { ...(await previewImport(actor, slug, document)), created: 0 });
  });
}
