/**
 * Command-line contract of issue 16 §1 (exactly as written there):
 *   npm run --silent checkworthy
 * JSON lines {"id": string, "text": string} on stdin; one line out per line in, in order:
 * {"id", "score", "checkWorthy", "reasons"}. A bad line gives {"id", "error"} and the run
 * continues. Nothing else goes to stdout.
 */
import { createInterface } from "node:readline";
import { scoreLine } from "./cli-line";

async function main() {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  // Output is buffered and flushed in chunks: one write per line costs more than the scoring.
  let buffer = "";
  let firstLineAt = 0;
  let count = 0;
  for await (const line of lines) {
    if (!count++) firstLineAt = performance.now();
    buffer += JSON.stringify(scoreLine(line)) + "\n";
    if (buffer.length > 64 * 1024) {
      if (!process.stdout.write(buffer)) await new Promise((resolve) => process.stdout.once("drain", resolve));
      buffer = "";
    }
  }
  process.stdout.write(buffer);
  // For the benchmark: time from the first line read to the last line written, start-up excluded. Never on stdout.
  if (process.env.CHECKWORTHY_TIMING === "1") process.stderr.write(`checkworthy-timing ${count} ${(performance.now() - firstLineAt).toFixed(1)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`checkworthy: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
