// A stand-in for the parsing worker in prepare-in-worker.test.ts: its content says how to misbehave.
import { parentPort } from "node:worker_threads";

const hoard = [];
parentPort.on("message", (job) => {
  if (job.content.startsWith("spin")) for (;;);
  if (job.content.startsWith("hoard")) for (;;) hoard.push(new Array(1_000_000).fill(job.id));
  if (job.content.startsWith("crash")) throw new Error("worker bug");
  const ms = Number(/^sleep (\d+)/.exec(job.content)?.[1] ?? 0);
  setTimeout(() => parentPort.postMessage({ id: job.id, ok: true, result: { doc: { type: "doc", content: [] }, plainText: job.content, metadata: {}, words: 1, extracted: false } }), ms);
});
parentPort.postMessage("ready");
