import "server-only";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { etagOf, noneMatch } from "@/lib/annotations/container";
import { AppError, errorResponse } from "@/lib/errors";

/** Where `npm run build:embed` (lib/embed/build.mjs) writes the bundle; `npm run build` and `npm start` run it. */
export const EMBED_BUNDLE = path.join("lib", "embed", "dist", "embed.js");

/**
 * Five minutes: the snippet's address never changes (publishers paste it once), so the script cannot
 * be cache-busted by a new URL; a fix reaches every publisher page within five minutes, and a
 * revalidation after that is a 304.
 */
export const SCRIPT_CACHE_CONTROL = "public, max-age=300";

let loaded: { mtimeMs: number; body: string; etag: string } | null = null;

async function loadBundle(): Promise<{ body: string; etag: string }> {
  const file = path.join(process.cwd(), EMBED_BUNDLE);
  const info = await stat(file).catch(() => null);
  if (!info) throw new AppError("UNAVAILABLE", "The embed script has not been built: run `npm run build` (or `npm run build:embed`).");
  if (loaded?.mtimeMs !== info.mtimeMs) {
    const body = await readFile(file, "utf8");
    loaded = { mtimeMs: info.mtimeMs, body, etag: etagOf(body) };
  }
  return loaded;
}

/** GET /embed.js: the bundle, cacheable by anyone, loadable from any page (it is public code). */
export async function serveEmbedScript(req: Request): Promise<Response> {
  try {
    const { body, etag } = await loadBundle();
    const headers = new Headers({
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": SCRIPT_CACHE_CONTROL,
      etag,
      // Publisher pages may load it with crossorigin/integrity, or under Cross-Origin-Embedder-Policy.
      "access-control-allow-origin": "*",
      "cross-origin-resource-policy": "cross-origin",
    });
    if (noneMatch(req.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
    return new Response(body, { status: 200, headers });
  } catch (e) {
    return errorResponse(e);
  }
}
