// Shared by the browser and HTTP benchmarks: a production server on its own port and database,
// and deterministic generated claims.
import { appendFileSync } from "node:fs";
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { describe as describeSpan } from "@/lib/anchoring";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { VERDICTS } from "@/lib/verdicts";

/** Deterministic pseudo-random numbers, so every run measures the same claims. */
export function rng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

/**
 * `count` claims of 1–8 whole words on the seed article (overlapping freely), by the reviewers and
 * editor in turn; with `publish`, each also gets its approved snapshot, as an editor's approval would.
 */
export async function generateClaims(prisma: PrismaClient, count: number, opts: { publish: boolean }): Promise<string> {
  const article = await prisma.article.findFirstOrThrow({ include: { versions: true } });
  const version = article.versions[0];
  const users = await prisma.user.findMany({ where: { role: { in: ["REVIEWER", "EDITOR"] } }, orderBy: { email: "asc" } });
  const editor = users.find((u) => u.role === "EDITOR")!;
  const text = version.plainText;
  const words = [...text.matchAll(/\S+/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
  const random = rng(42);
  for (let i = 0; i < count; i++) {
    const first = Math.floor(random() * (words.length - 8));
    const last = first + Math.floor(random() * 8);
    const { start } = words[first];
    const { end } = words[last];
    const d = describeSpan(text, start, end);
    const author = users[i % users.length];
    const verdict = VERDICTS[(i % (VERDICTS.length - 1)) + 1];
    const quote = text.slice(start, end);
    const explanation = `Generated claim ${i} for the benchmark.`;
    const claim = await prisma.claim.create({
      data: { articleId: article.id, articleVersionId: version.id, selectors: [d.quote, d.position], quote, verdict, explanation, authorId: author.id, updatedById: author.id, state: opts.publish ? "APPROVED" : "DRAFT" },
    });
    if (opts.publish) {
      await prisma.publishedClaim.create({
        data: {
          claimId: claim.id, articleId: article.id, claimVersion: 1, selectors: [d.quote, d.position], quote, verdict, explanation,
          sources: [{ url: `https://example.org/source/${i}`, title: `Source ${i}`, publisher: "Example", publishedAt: "2015-10-23", accessedAt: null, excerpt: null, stance: "SUPPORTS" }],
          reviewerId: author.id, approvedById: editor.id, approvedAt: new Date(),
        },
      });
    }
  }
  return article.slug;
}

export function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on("error", () => resolve(false));
    req.on("close", () => resolve(false));
    req.setTimeout(2000, () => req.destroy());
  });
}

/** `npm start`'s entry point on `port` over `databaseUrl`; resolves once /login answers. */
export async function startServer(port: number, databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<ChildProcess> {
  const base = `http://127.0.0.1:${port}`;
  if (await answers(`${base}/login`)) throw new Error(`Port ${port} is already in use; stop whatever serves ${base} first.`);
  const server = spawn(process.execPath, ["lib/cli/start.mjs"], {
    env: { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl, FACTMARK_DEMO: "1", ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  // FACTMARK_SERVER_LOG=<file> keeps the server's output, to find the cause of a 500 after a run.
  const keep = process.env.FACTMARK_SERVER_LOG;
  const record = (d: Buffer) => {
    log += d;
    if (keep) appendFileSync(keep, d);
  };
  server.stdout?.on("data", record);
  server.stderr?.on("data", record);
  for (let i = 0; i < 1200; i++) {
    if (await answers(`${base}/login`)) return server;
    if (server.exitCode !== null) throw new Error(`server exited:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not start:\n${log}`);
}

export async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  const exited = new Promise((r) => server.once("exit", r));
  server.kill("SIGTERM");
  await exited;
}

/** Runs this same script with --prepare in a child process and returns the last line it prints. */
export function runPrepareChild(script: string, args: string[] = []): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, "--prepare", ...args], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout?.on("data", (d) => (out += d));
    child.on("exit", (code) => (code === 0 ? resolve(out.trim().split("\n").pop()!) : reject(new Error(`preparing the database failed (${code})`))));
  });
}
