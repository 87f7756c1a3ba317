// Runs npm scripts at the same time and reports each one's output in full after it ends, so that
// `npm test` runs lint and the type check together: each is mostly single-threaded, and the
// machines this project runs on have two cores. Exits non-zero if any script failed.
import { spawn } from "node:child_process";

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
  console.error("usage: node lib/cli/run-side-by-side.mjs <npm script> [<npm script> …]");
  process.exit(2);
}

function runScript(name) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn("npm", ["run", "--silent", name], { stdio: ["ignore", "pipe", "pipe"] });
    const output = [];
    child.stdout.on("data", (chunk) => output.push(chunk));
    child.stderr.on("data", (chunk) => output.push(chunk));
    child.on("error", (error) => resolve({ name, code: 1, output: Buffer.from(String(error)), seconds: 0 }));
    child.on("close", (code, signal) =>
      resolve({ name, code: code ?? (signal ? 1 : 0), output: Buffer.concat(output), seconds: (Date.now() - started) / 1000 }),
    );
  });
}

const results = await Promise.all(scripts.map(runScript));
for (const { name, code, output, seconds } of results) {
  process.stdout.write(`\n=== npm run ${name}: ${code === 0 ? "passed" : `FAILED (exit ${code})`} in ${seconds.toFixed(1)} s\n`);
  process.stdout.write(output);
}
process.exit(results.some((r) => r.code !== 0) ? 1 : 0);
