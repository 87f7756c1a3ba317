import { readGuardedJson } from "@/lib/http/request-guard";
import { MAX_IMPORT_BYTES, MAX_IMPORT_LABEL } from "./limits";

/**
 * Reads an import or version request's JSON body, through the same cross-site and media type checks
 * as every write. The article itself may be 2 MB (lib/import/limits.ts), and JSON escaping can double
 * HTML's size, so the body may be up to 5 MB; the article's own size is checked after. A saved
 * version is a document tree, deeper than other bodies, but a real article's lists and quotes nest a
 * few levels, not a hundred.
 */
export async function readImportJson(req: Request): Promise<unknown> {
  return readGuardedJson(req, {
    maxBytes: MAX_IMPORT_BYTES * 2.5,
    maxDepth: 200,
    tooLargeMessage: `The article is larger than ${MAX_IMPORT_LABEL}. Import a shorter text.`,
  });
}
