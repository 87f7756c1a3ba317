// One annotation (a claim) of the article's Web Annotation Protocol container (issue 19).
import { deleteAnnotation, getAnnotation, replaceAnnotation } from "@/lib/annotations/annotation-service";
import { handleProtocol, optionsResponse, protocolHeaders, readAnnotationBody, readViewer, representation, requireWriter } from "@/lib/annotations/protocol-http";
import { parseIdParam, parseSlugParam } from "@/lib/validation/params";

type Ctx = { params: Promise<{ slug: string; id: string }> };

function parsePathParams(raw: { slug: string; id: string }) {
  return { slug: parseSlugParam(raw.slug), id: parseIdParam(raw.id, "annotation") };
}

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: Ctx) {
  return handleProtocol("annotation", async () => {
    const { slug, id } = parsePathParams(await params);
    const found = await getAnnotation(await readViewer(req), slug, id);
    return representation(req, "annotation", found.annotation);
  });
}

export const HEAD = GET;

export async function OPTIONS() {
  return optionsResponse("annotation");
}

export async function PUT(req: Request, { params }: Ctx) {
  return handleProtocol("annotation", async () => {
    const { slug, id } = parsePathParams(await params);
    const actor = await requireWriter(req);
    const body = await readAnnotationBody(req);
    const replaced = await replaceAnnotation(actor, slug, id, body, req.headers.get("if-match"));
    return representation(req, "annotation", replaced.annotation);
  });
}

export async function DELETE(req: Request, { params }: Ctx) {
  return handleProtocol("annotation", async () => {
    const { slug, id } = parsePathParams(await params);
    const actor = await requireWriter(req);
    await deleteAnnotation(actor, slug, id, req.headers.get("if-match"));
    return new Response(null, { status: 204, headers: protocolHeaders("annotation") });
  });
}
