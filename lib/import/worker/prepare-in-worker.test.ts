import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { longestStall } from "@/lib/testing/event-loop";
import { prepareImport } from "../prepare-import";
import { IMPORT_POOL_LIMITS, ImportWorkerPool, type ImportPoolLimits } from "./prepare-in-worker";

const pools: ImportWorkerPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

function testPool(limits: Partial<ImportPoolLimits>, entry = new URL("./pool-test-worker.mjs", import.meta.url)): ImportWorkerPool {
  const pool = new ImportWorkerPool({ ...IMPORT_POOL_LIMITS, ...limits }, entry);
  pools.push(pool);
  return pool;
}

async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (e) {
    return e instanceof AppError ? e.code : `THROWN ${String(e)}`;
  }
}

describe("the import worker pool", () => {
  it("parses in a worker thread, with the same result as in this thread", async () => {
    const html = `<!doctype html><html><head><title>Dam report | News</title><meta name="author" content="Ada"></head><body><nav>Home</nav><article><h1>Dam report</h1><p onclick="x()">The dam <b>holds</b>.</p><script>alert(1)</script><p>It was finished in 1962 and inspected in 2023, when no cracks were found.</p></article></body></html>`;
    const pool = new ImportWorkerPool();
    pools.push(pool);
    expect(await pool.prepare("html", html)).toEqual(prepareImport("html", html));
  }, 60_000);

  it("refuses hostile nesting in this thread, before any worker starts", async () => {
    const pool = testPool({});
    const started = performance.now();
    await expect(pool.prepare("html", `${"<div>".repeat(20_000)}x`)).rejects.toThrow("nests elements 20,000 deep");
    await expect(pool.prepare("markdown", Array.from({ length: 1_000 }, (_, i) => `${"  ".repeat(i)}- x`).join("\n"))).rejects.toThrow("nests lists or quotes 1,000 deep");
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("stops a parse that runs past its time limit with a 400, keeps the event loop free meanwhile, and the next import works", async () => {
    const pool = testPool({ timeLimitMs: 1_500, workers: 1 });
    const spinning = pool.prepare("text", "spin forever");
    const started = performance.now();
    const stall = await longestStall(spinning);
    const elapsed = performance.now() - started;
    await expect(spinning).rejects.toThrow("The article took too long to process (more than 1.5 s)");
    expect(await outcome(spinning)).toBe("INVALID");
    expect(elapsed).toBeGreaterThanOrEqual(1_400);
    expect(elapsed).toBeLessThan(6_000);
    // A worker spinning on the CPU must not hold up this thread: generous for a shared machine.
    expect(stall).toBeLessThan(500);
    expect((await pool.prepare("text", "after the stuck one")).plainText).toBe("after the stuck one");
  }, 30_000);

  it("stops a parse that runs out of memory with a 413", async () => {
    const pool = testPool({ memoryLimitMb: 64, timeLimitMs: 20_000 });
    expect(await outcome(pool.prepare("text", "hoard memory"))).toBe("PAYLOAD_TOO_LARGE");
    expect((await pool.prepare("text", "still working")).plainText).toBe("still working");
  }, 30_000);

  it("reports a worker's crash as an error of ours (a 500), not as the user's fault", async () => {
    const pool = testPool({});
    expect(await outcome(pool.prepare("text", "crash please"))).toMatch(/^THROWN/);
    expect((await pool.prepare("text", "next one")).plainText).toBe("next one");
  }, 30_000);

  it("runs at most `workers` parses at once and refuses beyond the queue with a 429", async () => {
    const pool = testPool({ workers: 2, queueLimit: 3 });
    const jobs = Array.from({ length: 5 }, (_, i) => pool.prepare("text", `sleep 300 job ${i}`));
    const overflow = pool.prepare("text", "sleep 0 one too many");
    expect(await outcome(overflow)).toBe("TOO_MANY_REQUESTS");
    const started = performance.now();
    const results = await Promise.all(jobs);
    expect(results.map((r) => r.plainText)).toEqual(Array.from({ length: 5 }, (_, i) => `sleep 300 job ${i}`));
    // Five 300 ms jobs on two workers take three rounds.
    expect(performance.now() - started).toBeGreaterThanOrEqual(850);
  }, 30_000);
});
