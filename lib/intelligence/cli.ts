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
  for await (const line of lines) {
    buffer += JSON.stringify(scoreLine(line)) + "\n";
    if (buffer.length > 64 * 1024) {
      if (!process.stdout.write(buffer)) await new Promise((resolve) => process.stdout.once("drain", resolve));
      buffer = "";
    }
  }
  process.stdout.write(buffer);
}

main().catch((error: unknown) => {
  process.stderr.write(`checkworthy: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
