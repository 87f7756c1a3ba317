// Export annotations (issue 19): the article's claims as one W3C AnnotationCollection, every
// annotation embedded, as a download. Reviewers, editors and admins, by session or token.
import { buildExportCollection } from "@/lib/annotations/container";
import { exportAnnotations, publicSite } from "@/lib/annotations/annotation-service";
import { handleProtocol, readViewer } from "@/lib/annotations/protocol-http";
import { ANNO_MEDIA_TYPE, containerUrl } from "@/lib/annotations/w3c";
import { AppError } from "@/lib/errors";
import { parseSlugParam } from "@/lib/validation/params";

type Ctx = { params: Promise<{ slug: string }> };

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: Ctx) {
  return handleProtocol("annotation", async () => {
    const slug = parseSlugParam((await params).slug);
    const viewer = await readViewer(req);
    if (!viewer) throw new AppError("UNAUTHENTICATED", "Please sign in first.");
    const all = await exportAnnotations(viewer, slug);
    const body = buildExportCollection({ container: containerUrl(publicSite(), slug), label: all.label, total: all.total, modified: all.modified, items: all.items });
    return new Response(JSON.stringify(body, null, 2), {
      headers: { "Content-Type": ANNO_MEDIA_TYPE, "Content-Disposition": `attachment; filename="${slug}-annotations.jsonld"`, "Cache-Control": "private, no-store" },
    });
  });
}
