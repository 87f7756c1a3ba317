// Server-Sent Events framing (https://html.spec.whatwg.org/multipage/server-sent-events.html).
// The id line is what the browser sends back as Last-Event-ID when it reconnects.
import type { LiveEvent } from "./events";

export function formatEvent(event: LiveEvent): string {
  // JSON.stringify never emits a raw newline, so the data fits on one line.
  return `id: ${event.id}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** A control message without an id (it must not move the client's Last-Event-ID). */
export function formatControl(name: "ready" | "reload", data: unknown = {}): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Last-Event-ID as a number, or null when absent or not an event id this server wrote. */
export function parseLastEventId(raw: string | null | undefined): number | null {
  if (!raw || !/^\d{1,15}$/.test(raw.trim())) return null;
  return Number(raw.trim());
}

/**
 * One SSE frame as bytes, with the event id it carries (null for control frames and pings). The
 * relay encodes an event once per shape and hands the same bytes to every subscriber allowed that
 * shape: at 500 subscribers, encoding per subscriber was 500 copies of every event.
 */
export type LiveFrame = { id: string | null; bytes: Uint8Array };

const encoder = new TextEncoder();

export function eventFrame(event: LiveEvent): LiveFrame {
  return { id: event.id, bytes: encoder.encode(formatEvent(event)) };
}

export function textFrame(text: string): LiveFrame {
  return { id: null, bytes: encoder.encode(text) };
}
