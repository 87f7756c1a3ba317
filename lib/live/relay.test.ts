// The relay's fan-out without a database (issue 15): one failing or stalled subscriber must not
// stop delivery to the others, and an event is encoded once per shape, not once per subscriber.
import { describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import type { TRole } from "@/lib/auth/roles";
import type { LiveEvent } from "./events";
import { createFrameStream, MAX_QUEUED_BYTES } from "./frame-stream";
import { Relay, type LiveClient } from "./relay";
import type { LiveFrame } from "./sse-format";

// dispatch() never touches the database; start() is not called.
const relay = () => new Relay({} as Db);

let nextId = 1;
const claimEvent = (state: "DRAFT" | "SUBMITTED" = "SUBMITTED", explanation = ""): LiveEvent => ({
  id: String(nextId++),
  type: "claim",
  articleId: "a1",
  claimId: "c1",
  userId: null,
  // A padded actor name stands in for a bigger event where the test needs bytes.
  data: { change: "updated", version: 2, state, authorId: "rev1", actor: { id: "rev1", name: `Rita${explanation}` }, queueCount: 3 },
});

function recorder(role: TRole, id = `${role}-${Math.random()}`) {
  const frames: LiveFrame[] = [];
  const client: LiveClient = { id, user: { id, role }, write: (f) => (frames.push(f), true), close: vi.fn() };
  return { client, frames };
}

describe("relay fan-out", () => {
  it("a subscriber whose write throws is dropped and the others still receive the event", () => {
    const r = relay();
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const broken: LiveClient = {
      id: "broken",
      user: { id: "broken", role: "EDITOR" },
      write: () => {
        throw new TypeError("Invalid state: Controller is already closed");
      },
      close: vi.fn(),
    };
    // Subscribed first: the Set is iterated in insertion order, so the failure comes before the others.
    r.subscribe(broken);
    const healthy = [recorder("EDITOR"), recorder("REVIEWER"), recorder("ADMIN")];
    for (const h of healthy) r.subscribe(h.client);

    expect(() => r.dispatch(claimEvent())).not.toThrow();
    for (const h of healthy) expect(h.frames).toHaveLength(1);
    expect(r.clients.has(broken)).toBe(false);
    expect(broken.close).toHaveBeenCalledOnce();
    expect(r.stats).toMatchObject({ received: 1, delivered: 3, dropped: 1 });

    // The next event reaches everyone left, and the broken one is not tried again.
    r.dispatch(claimEvent());
    for (const h of healthy) expect(h.frames).toHaveLength(2);
    error.mockRestore();
  });

  it("a subscriber whose close() throws does not stop the loop either", () => {
    const r = relay();
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    r.subscribe({ id: "x", user: { id: "x", role: "EDITOR" }, write: () => false, close: () => { throw new Error("boom"); } });
    const after = recorder("EDITOR");
    r.subscribe(after.client);
    r.dispatch(claimEvent());
    expect(after.frames).toHaveLength(1);
    error.mockRestore();
  });

  it("a stalled stream (nobody reading) is dropped after its byte budget; a reading one gets every event", async () => {
    const r = relay();
    const stalled = createFrameStream();
    const stalledClose = vi.fn(stalled.close);
    r.subscribe({ id: "stalled", user: { id: "s", role: "EDITOR" }, write: stalled.write, close: stalledClose });

    const reading = createFrameStream();
    r.subscribe({ id: "reading", user: { id: "r", role: "EDITOR" }, write: reading.write, close: reading.close });
    const reader = reading.stream.getReader();
    const ids: string[] = [];
    const decoder = new TextDecoder();

    const draining = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        ids.push(/^id: (\d+)/.exec(decoder.decode(value))![1]);
      }
    })();

    const padding = "x".repeat(4_000);
    const events = Math.ceil((MAX_QUEUED_BYTES * 1.5) / padding.length);
    for (let i = 0; i < events; i++) {
      r.dispatch(claimEvent("SUBMITTED", padding));
      // The reader keeps up: it drains what was queued for it between events.
      await new Promise((ok) => setImmediate(ok));
    }
    reading.close();
    await draining;
    expect(stalledClose).toHaveBeenCalledOnce();
    expect(r.clients.size).toBe(1);
    expect(ids).toHaveLength(events);
    expect(new Set(ids).size).toBe(events);
  });

  it("encodes an event once per shape: subscribers of the same shape share the same bytes", () => {
    const r = relay();
    const editors = [recorder("EDITOR"), recorder("ADMIN"), recorder("EDITOR")];
    const reviewers = [recorder("REVIEWER"), recorder("REVIEWER")];
    for (const s of [...editors, ...reviewers]) r.subscribe(s.client);
    r.dispatch(claimEvent());

    const editorBytes = editors[0].frames[0].bytes;
    for (const e of editors) expect(e.frames[0].bytes).toBe(editorBytes);
    const reviewerBytes = reviewers[0].frames[0].bytes;
    for (const e of reviewers) expect(e.frames[0].bytes).toBe(reviewerBytes);
    // ...and the two shapes differ where authorization says so: only editors get the queue count.
    const text = (b: Uint8Array) => new TextDecoder().decode(b);
    expect(text(editorBytes)).toContain('"queueCount":3');
    expect(text(reviewerBytes)).not.toContain("queueCount");
  });
});

describe("frame stream", () => {
  it("writing after the reader cancelled answers false instead of throwing", async () => {
    const onCancel = vi.fn();
    const s = createFrameStream({ onCancel });
    await s.stream.cancel();
    expect(onCancel).toHaveBeenCalledOnce();
    expect(s.write({ id: null, bytes: new Uint8Array(1) })).toBe(false);
  });

  it("counts queued bytes, not chunks", () => {
    const s = createFrameStream({}, 10_000);
    const chunk = { id: null, bytes: new Uint8Array(1_000) };
    let accepted = 0;
    while (s.write(chunk) && accepted < 10_000) accepted++;
    // With the default chunk-counting strategy this would have accepted all 10,000 chunks.
    expect(accepted).toBeGreaterThan(10);
    expect(accepted).toBeLessThan(100);
  });
});
