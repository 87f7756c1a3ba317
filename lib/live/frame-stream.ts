// The byte stream behind one SSE response (issue 15). Kept apart from open-stream.ts so the
// isolation rules below are testable without a database:
// - A subscriber that stops reading (a stalled tab, a slow proxy) must cost bounded memory and
//   must not hold anyone else up: frames are queued without waiting, and once more than
//   MAX_QUEUED_BYTES wait unread, write() answers false and the relay drops the subscriber (its
//   browser reconnects and replays what it missed).
// - The queue is measured in BYTES. A ReadableStream's default strategy counts chunks, so the old
//   check "desiredSize < -1,000,000" meant a million queued frames (hundreds of MB), not 1 MB.
// - Writing to a stream that is already closed or errored never throws into the caller: the
//   relay's loop over subscribers would stop at the first failing one.
import type { LiveFrame } from "./sse-format";

export const MAX_QUEUED_BYTES = 1_000_000;
/** Bytes a stream may hold before it counts as behind (Next pulls as the socket drains). */
const HIGH_WATER_BYTES = 64 * 1024;

export type FrameStream = {
  stream: ReadableStream<Uint8Array>;
  /** Queues a frame; false when the stream is closed or too far behind (the caller drops it). */
  write: (frame: LiveFrame) => boolean;
  /** Ends the stream (idempotent). */
  close: () => void;
  readonly closed: boolean;
};

/**
 * `onStart` runs as the stream is created (replay, presence) and is handed `write`, since the
 * returned object does not exist yet at that point; `onCancel` runs when the reader goes away.
 */
export function createFrameStream(
  hooks: { onStart?: (write: FrameStream["write"]) => Promise<void> | void; onCancel?: () => void } = {},
  maxQueuedBytes = MAX_QUEUED_BYTES,
): FrameStream {
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    try {
      controller?.close();
    } catch {
      // already closed or errored by the reader
    }
  };
  const write = (frame: LiveFrame): boolean => {
    if (closed || !controller) return false;
    if ((controller.desiredSize ?? 0) < HIGH_WATER_BYTES - maxQueuedBytes) return false;
    try {
      controller.enqueue(frame.bytes);
      return true;
    } catch {
      closed = true;
      return false;
    }
  };
  const stream = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        return hooks.onStart?.(write);
      },
      cancel() {
        closed = true;
        hooks.onCancel?.();
      },
    },
    { highWaterMark: HIGH_WATER_BYTES, size: (chunk) => chunk.byteLength },
  );
  return {
    stream,
    write,
    close,
    get closed() {
      return closed;
    },
  };
}
