import "server-only";
import type { SessionUser } from "@/lib/auth/roles";
import { toErrorBody } from "@/lib/errors";
import { saveArticleVersion, type SaveProgress } from "./save-version";

/** The media type of a version save that reports its progress (issue 20, item 6). */
export const PROGRESS_STREAM_TYPE = "application/x-ndjson";

export type SaveStreamLine =
  | ({ type: "progress" } & SaveProgress)
  | { type: "done"; saved: Awaited<ReturnType<typeof saveArticleVersion>> }
  | { type: "error"; status: number; error: ReturnType<typeof toErrorBody>["body"]["error"] };

/**
 * Saves a version and streams one JSON line per claim batch re-anchored, then the result (or the
 * error, with the status it would have had). A stream, not polling: the progress travels on the
 * request's own connection, so it works whichever instance serves it, with nothing kept in the database.
 */
export function streamSaveArticleVersion(actor: SessionUser, slug: string, input: Parameters<typeof saveArticleVersion>[2]): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: SaveStreamLine) => controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      try {
        const saved = await saveArticleVersion(actor, slug, input, { onProgress: (p) => send({ type: "progress", ...p }) });
        send({ type: "done", saved });
      } catch (e) {
        const { status, body } = toErrorBody(e);
        send({ type: "error", status, error: body.error });
      }
      controller.close();
    },
  });
  return new Response(stream, { status: 201, headers: { "content-type": PROGRESS_STREAM_TYPE, "cache-control": "no-store", "x-accel-buffering": "no" } });
}
