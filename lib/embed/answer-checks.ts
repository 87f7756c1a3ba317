import "server-only";
import { noneMatch } from "@/lib/annotations/container";
import { ownOrigin } from "@/lib/auth/callback";
import { errorResponse } from "@/lib/errors";
import { parseInput } from "@/lib/http/route";
import { baseEmbedHeaders, EMBED_CACHE_CONTROL, judgeOrigin, NO_STORE } from "./cors";
import { readEmbedChecks } from "./published-checks";
import { ZEmbedQuery } from "./schemas";
import { getAllowedOrigins } from "./settings";

/**
 * GET /api/embed/checks?article=<slug> | ?url=<page address>: the published checks the embed script
 * draws (issue 14). CORS for the allowed origins only (lib/embed/cors.ts), a strong ETag from the
 * article's readerRevision with 304s, and errors that carry the CORS headers too, so the script on an
 * allowed page can read why (no such article) instead of seeing a network error.
 */
export async function answerEmbedChecks(req: Request): Promise<Response> {
  const origin = req.headers.get("origin");
  let headers = baseEmbedHeaders({ allowed: false });
  try {
    const verdict = judgeOrigin(origin, origin === null ? [] : await getAllowedOrigins(), ownOrigin());
    headers = baseEmbedHeaders(verdict);
    if (!verdict.allowed) {
      headers.set("cache-control", NO_STORE);
      return Response.json({ error: { code: "FORBIDDEN", message: `The origin ${origin} is not allowed to show Factmark checks. An admin adds it under Allowed origins on /admin/embed.` } }, { status: 403, headers });
    }
    const params = new URL(req.url).searchParams;
    const query = parseInput(ZEmbedQuery, { article: params.get("article") ?? undefined, url: params.get("url") ?? undefined });
    const answer = await readEmbedChecks(query, (etag) => noneMatch(req.headers.get("if-none-match"), etag));
    headers.set("cache-control", answer.etag ? EMBED_CACHE_CONTROL : NO_STORE);
    if (answer.etag) headers.set("etag", answer.etag);
    if (answer.status === "not-modified") return new Response(null, { status: 304, headers });
    headers.set("content-type", "application/json; charset=utf-8");
    return new Response(answer.body, { status: 200, headers });
  } catch (e) {
    const res = errorResponse(e);
    headers.forEach((value, name) => res.headers.set(name, value));
    res.headers.set("cache-control", NO_STORE);
    return res;
  }
}
