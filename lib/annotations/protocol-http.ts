import "server-only";
// HTTP of the Web Annotation Protocol (https://www.w3.org/TR/annotation-protocol/): who is calling,
// the request body, and the headers every container and annotation response carries. Route
// handlers under app/articles/[slug]/annotations stay a few lines each by calling these.
import { getApiUserOrSession } from "@/lib/auth/session";
import type { SessionUser } from "@/lib/auth/roles";
import { AppError, toErrorBody } from "@/lib/errors";
import { assertSameOrigin, jsonDepthExceeds, parseMediaType, readBoundedText } from "@/lib/http/request-guard";
import { publicBaseUrl } from "@/lib/publishing/site";
import { LDP_BASIC_CONTAINER, LDP_CONSTRAINED_BY, LDP_RESOURCE, negotiate, noneMatch, PROTOCOL_SPEC, etagOf } from "./container";
import { ANNO_MEDIA_TYPE } from "./w3c";

export const CONTAINER_ALLOW = "GET, HEAD, OPTIONS, POST";
export const ANNOTATION_ALLOW = "GET, HEAD, OPTIONS, PUT, DELETE";
export const MAX_BODY_BYTES = 1024 * 1024;
/** The page that states this server's own constraints (protocol 4.1: ldp:constrainedBy). */
export const CONSTRAINTS_PATH = "/verdicts#annotation-constraints";

/** The caller of a read: a token's owner, the signed-in user, or nobody. A bad token is a 401. */
export async function readViewer(req: Request): Promise<SessionUser | null> {
  return (await getApiUserOrSession(req)).user;
}

/**
 * The caller of a write. A bearer token is enough; a cookie-only request must also pass the CSRF
 * rule (same Origin), because a browser attaches cookies to a forged cross-site request on its own.
 */
export async function requireWriter(req: Request): Promise<SessionUser> {
  // Refused before any lookup: a cookie-only write from another origin never reaches the session.
  if (!req.headers.has("authorization") && req.headers.has("cookie")) assertSameOrigin(req);
  const { user, viaToken } = await getApiUserOrSession(req);
  if (!user) throw new AppError("UNAUTHENTICATED", "Writes need a personal API token: send Authorization: Bearer <token> (create one on /account).");
  if (!viaToken) assertSameOrigin(req);
  return user;
}

/** The JSON body of a POST or PUT: JSON-LD or JSON, at most 1 MB (413), anything else 415. */
export async function readAnnotationBody(req: Request): Promise<unknown> {
  const type = parseMediaType(req.headers.get("content-type"));
  if (!type || (type.essence !== "application/ld+json" && type.essence !== "application/json")) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", `Send the annotation as JSON-LD: Content-Type: ${ANNO_MEDIA_TYPE}.`);
  }
  const raw = await readBoundedText(req, MAX_BODY_BYTES, "The annotation is too large (1 MB at most).");
  if (!raw.trim()) throw new AppError("INVALID", "The request has no body: send one annotation as JSON-LD.");
  if (jsonDepthExceeds(raw, 64)) throw new AppError("INVALID", "The annotation is nested too deeply.");
  try {
    return JSON.parse(raw);
  } catch {
    throw new AppError("INVALID", "The request body is not valid JSON.");
  }
}

function linkHeader(kind: "container" | "annotation"): string {
  const links = [`<${LDP_RESOURCE}>; rel="type"`];
  if (kind === "container") {
    links.unshift(`<${LDP_BASIC_CONTAINER}>; rel="type"`);
    links.push(`<${PROTOCOL_SPEC}>; rel="${LDP_CONSTRAINED_BY}"`, `<${publicBaseUrl()}${CONSTRAINTS_PATH}>; rel="${LDP_CONSTRAINED_BY}"`);
  }
  return links.join(", ");
}

export function protocolHeaders(kind: "container" | "annotation"): Headers {
  const headers = new Headers({ Link: linkHeader(kind), Allow: kind === "container" ? CONTAINER_ALLOW : ANNOTATION_ALLOW, Vary: kind === "container" ? "Accept, Prefer, Authorization, Cookie" : "Accept, Authorization, Cookie" });
  if (kind === "container") headers.set("Accept-Post", `${ANNO_MEDIA_TYPE}, application/json`);
  return headers;
}

/**
 * A JSON-LD representation with its ETag, answering 304 to a matching If-None-Match and an empty
 * body to HEAD. The body is the bytes that are hashed, so the ETag changes whenever they do.
 */
export function representation(req: Request, kind: "container" | "annotation", value: unknown, extra: Record<string, string> = {}, status = 200): Response {
  const body = JSON.stringify(value);
  return serializedRepresentation(req, kind, { body, etag: etagOf(body) }, extra, status);
}

/** The same, for bytes already serialized and hashed (the anonymous container cache). */
export function serializedRepresentation(req: Request, kind: "container" | "annotation", { body, etag }: { body: string | Uint8Array; etag: string }, extra: Record<string, string> = {}, status = 200): Response {
  const format = negotiate(req.headers.get("accept"));
  if (!format) throw new AppError("NOT_ACCEPTABLE", `This server speaks JSON-LD: accept ${ANNO_MEDIA_TYPE} or application/json.`);
  const headers = protocolHeaders(kind);
  headers.set("ETag", etag);
  headers.set("Content-Type", format === "json" ? "application/json; charset=utf-8" : ANNO_MEDIA_TYPE);
  // Private: what a token or session sees may be drafts; only anonymous answers may be shared.
  headers.set("Cache-Control", req.headers.has("authorization") || req.headers.has("cookie") ? "private, no-cache" : "public, no-cache");
  for (const [k, v] of Object.entries(extra)) headers.set(k, v);
  if (status === 200 && (req.method === "GET" || req.method === "HEAD") && noneMatch(req.headers.get("if-none-match"), etag)) {
    return new Response(null, { status: 304, headers });
  }
  if (req.method === "HEAD") return new Response(null, { status, headers });
  if (typeof body === "string") return new Response(body, { status, headers });
  // Cached bytes go out as one chunk of a stream: a Uint8Array body is copied by the Response
  // constructor on every request (undici's extractBody slices it), ~0.3 ms for a 116 KB page, a
  // third of the container's time per request (profiled with bench:annotations' setup). The chunk
  // is never written to, so sharing it between responses is safe.
  headers.set("Content-Length", String(body.byteLength));
  return new Response(new ReadableStream<Uint8Array>({ start(controller) { controller.enqueue(body); controller.close(); } }), { status, headers });
}

export function optionsResponse(kind: "container" | "annotation"): Response {
  return new Response(null, { status: 204, headers: protocolHeaders(kind) });
}

/** Runs a protocol handler; an AppError becomes its status with a JSON reason (401 says how to authenticate). */
export async function handleProtocol(kind: "container" | "annotation", fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (e) {
    const { status, body, headers } = toErrorBody(e);
    const out = protocolHeaders(kind);
    for (const [k, v] of Object.entries(headers ?? {})) out.set(k, v);
    if (status === 401) out.set("WWW-Authenticate", 'Bearer realm="factmark"');
    out.set("Content-Type", "application/json; charset=utf-8");
    return new Response(JSON.stringify(body), { status, headers: out });
  }
}
