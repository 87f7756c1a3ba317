// The article's Web Annotation Protocol container (issue 19): /articles/<slug>/annotations/ — the
// trailing slash is kept by next.config.js (skipTrailingSlashRedirect + its own redirect rule).
import { buildContainer, buildPage, preferredView, readPageRequest } from "@/lib/annotations/container";
import { cachedPublicRepresentation, createAnnotation, listAnnotations, publicSite } from "@/lib/annotations/annotation-service";
import { handleProtocol, optionsResponse, readAnnotationBody, readViewer, representation, requireWriter, serializedRepresentation } from "@/lib/annotations/protocol-http";
import { containerUrl } from "@/lib/annotations/w3c";
import { AppError } from "@/lib/errors";
import { parseSlugParam } from "@/lib/validation/params";

type Ctx = { params: Promise<{ slug: string }> };

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: Ctx) {
  return handleProtocol("container", async () => {
    const slug = parseSlugParam((await params).slug);
    const viewer = await readViewer(req);
    const request = readPageRequest(new URL(req.url).searchParams);
    if ("error" in request) throw new AppError("INVALID", request.error);
    const container = containerUrl(publicSite(), slug);
    // Anonymous answers are the same for everyone, so they come from a cache keyed by the article's readerRevision.
    const answer = (variant: string, build: () => Promise<unknown>, extra: Record<string, string>) =>
      viewer ? build().then((value) => representation(req, "container", value, extra)) : cachedPublicRepresentation(slug, variant, build).then((bytes) => serializedRepresentation(req, "container", bytes, extra));
    if (request.page !== null) {
      const { page, iris } = request;
      return answer(`page=${page}&iris=${iris}`, async () => {
        const listing = await listAnnotations(viewer, slug, page);
        if (page > 0 && listing.items.length === 0) throw new AppError("NOT_FOUND", "There is no such page of this container.");
        return buildPage({ container, iris, page, total: listing.total, modified: listing.modified, items: listing.items });
      }, { "Content-Location": `${container}?iris=${iris ? 1 : 0}&page=${page}` });
    }
    const { view, applied } = preferredView(req.headers.get("prefer"));
    const extra: Record<string, string> = { "Content-Location": container };
    if (applied) extra["Preference-Applied"] = "return=representation";
    return answer(`view=${view}`, async () => {
      const listing = await listAnnotations(viewer, slug, 0, view === "minimal" ? 0 : undefined);
      return buildContainer({ container, label: listing.containerLabel, view, total: listing.total, modified: listing.modified, firstPageItems: listing.items });
    }, extra);
  });
}

export const HEAD = GET;

export async function OPTIONS() {
  return optionsResponse("container");
}

export async function POST(req: Request, { params }: Ctx) {
  return handleProtocol("container", async () => {
    const slug = parseSlugParam((await params).slug);
    const actor = await requireWriter(req);
    const created = await createAnnotation(actor, slug, await readAnnotationBody(req));
    return representation(req, "annotation", created.annotation, { Location: created.location }, 201);
  });
}
