// Fetched pages are parsed in the worker pool after a cheap shape check (issue 18; the rule that heavy
// parsing of untrusted input never blocks the event loop).
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import type { FetchResult } from "@/lib/fetch/safe-fetch";
import { IMPORT_POOL_LIMITS, ImportWorkerPool } from "@/lib/import/worker/prepare-in-worker";
import { longestStall } from "@/lib/testing/event-loop";
import { articlePage } from "@/lib/testing/test-site";
import { extractFacts } from "./extract";
import { pageFactsFromHtml, type PageFacts } from "./page-facts";

const pool = new ImportWorkerPool({ ...IMPORT_POOL_LIMITS, workers: 1, timeLimitMs: 60_000 });
const inPool = (html: string, url: string) => pool.extractPageFacts(html, url);
afterAll(() => pool.close());

const URL_ = "https://news.example/report";
const page = (html: string): Pick<FetchResult, "body" | "charset" | "contentType" | "url"> => ({ body: Buffer.from(html), charset: "utf-8", contentType: "text/html", url: URL_ });

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "not refused";
  } catch (e) {
    return e instanceof AppError ? `${e.code} ${e.message}` : `THROWN ${String(e)}`;
  }
}

describe("page facts", () => {
  it("are parsed in a worker, with the same result as in this thread", async () => {
    const html = articlePage({ title: "Dam report", publisher: "Valley Times", published: "2026-03-02T10:00:00Z", body: "The dam was inspected in March and found sound.\n\nInspectors noted minor cracks." });
    const facts = await extractFacts(page(html), inPool);
    expect(facts).toEqual(pageFactsFromHtml(html, URL_));
    expect(facts).toMatchObject({ title: "Dam report", publisher: "Valley Times", publishedAt: "2026-03-02" });
  }, 60_000);

  it("refuse deep nesting and a huge flat page (within 5 MB) in this thread, quickly, with the limit named", async () => {
    let parsed = 0;
    const neverParse = async () => {
      parsed++;
      throw new Error("the parser must not see this page");
    };
    const deep = `<!doctype html><html><body>${"<div>".repeat(20_000)}x</body></html>`;
    const flat = `<!doctype html><html><body>${"<p>x</p>".repeat(600_000)}</body></html>`;
    expect(flat.length).toBeLessThan(5 * 1024 * 1024);
    const started = performance.now();
    expect(await refusal(extractFacts(page(deep), neverParse))).toMatch(/^INVALID The page nests elements 20,00\d deep; Factmark accepts at most 100 levels\.$/);
    expect(await refusal(extractFacts(page(flat), neverParse))).toMatch(/^INVALID The page has 600,00\d HTML elements; Factmark accepts at most 100,000\.$/);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(parsed).toBe(0);
  });

  it("stop a page that passes the shape check but runs past the worker's time limit, with a reason", async () => {
    // The stand-in worker spins forever on a job whose content starts with "spin".
    const slow = new ImportWorkerPool({ ...IMPORT_POOL_LIMITS, workers: 1, timeLimitMs: 1_000 }, new URL("../import/worker/pool-test-worker.mjs", import.meta.url));
    try {
      const started = performance.now();
      expect(await refusal(extractFacts(page("spin <p>forever</p>"), (html, url) => slow.extractPageFacts(html, url)))).toBe("INVALID The page took too long to process (more than 1 s); Factmark did not read it.");
      expect(performance.now() - started).toBeLessThan(10_000);
    } finally {
      await slow.close();
    }
  }, 30_000);

  it("keep this thread responsive while a large legitimate page is parsed", async () => {
    const paragraphs = Array.from({ length: 15_000 }, (_, i) => `Paragraph ${i} of the inspection report says the dam was sound in March.`).join("\n\n");
    const html = articlePage({ title: "Long report", publisher: "Valley Times", published: "2026-03-02", body: paragraphs });
    const out: { facts?: PageFacts } = {};
    const started = performance.now();
    // Shape check and decoding (in this thread) count as well as the parse (in the worker).
    const stall = await longestStall(async () => (out.facts = await extractFacts(page(html), inPool)));
    const elapsed = performance.now() - started;
    const facts = out.facts!;
    console.log(`[extract.test] ${(html.length / 1e6).toFixed(1)} MB page parsed in ${Math.round(elapsed)} ms; longest event-loop stall ${Math.round(stall)} ms`);
    expect(facts.title).toBe("Long report");
    // (The stored text is capped at 1,000,000 characters.)
    expect(facts.text?.includes("Paragraph 9999 of the inspection report")).toBe(true);
    // The parse takes seconds; the event loop never waits more than a fraction of it (generous for a shared machine).
    expect(elapsed).toBeGreaterThan(1_000);
    expect(stall).toBeLessThan(Math.min(500, elapsed / 4));
  }, 120_000);
});
