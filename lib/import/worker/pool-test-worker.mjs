// A stand-in for the parsing worker in prepare-in-worker.test.ts: its content says how to misbehave.
import { parentPort } from "node:worker_threads";

const hoard = [];
parentPort.on("message", (job) => {
  // An import job carries `content`, a page-facts job `html`.
  const content = job.content ?? job.html;
  if (content.startsWith("spin")) for (;;);
  if (content.startsWith("hoard")) for (;;) hoard.push(new Array(1_000_000).fill(job.id));
  if (content.startsWith("crash")) throw new Error("worker bug");
  const ms = Number(/^sleep (\d+)/.exec(content)?.[1] ?? 0);
  setTimeout(() => parentPort.postMessage({ id: job.id, ok: true, result: { doc: { type: "doc", content: [] }, plainText: content, metadata: {}, words: 1, extracted: false } }), ms);
});
parentPort.postMessage("ready");
