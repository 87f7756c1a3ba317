import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDb, type Db } from "./client";
import { isDatabaseUnavailable } from "./unavailable";
import { errorResponse } from "@/lib/errors";
import { createPostgresDatabase, type TestDatabase } from "@/lib/testing/databases";

// The unit test keeps captured shapes; this one makes the real failures happen, without stopping
// the shared PostgreSQL: a port nobody listens on, a server that closes our backend (57P01),
// and one that accepts the connection but never answers (the pool's connect timeout).
async function failureOf(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected the call to fail");
}

function responseOf(error: unknown): Response {
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  try {
    return errorResponse(error);
  } finally {
    warn.mockRestore();
  }
}

describe("real database outages read as 503 UNAVAILABLE", () => {
  let live: TestDatabase;
  let silent: Server;
  let silentPort: number;

  beforeAll(async () => {
    live = await createPostgresDatabase({ migrate: false });
    silent = createServer(() => {}); // accepts, then says nothing
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    silentPort = (silent.address() as { port: number }).port;
  });
  afterAll(async () => {
    await live?.drop();
    silent?.close();
  });

  it("a refused connection, for a query and for a transaction", async () => {
    const db: Db = await openDb("postgresql://postgres@127.0.0.1:1/postgres");
    try {
      for (const error of [await failureOf(() => db.prisma.$queryRaw`SELECT 1`), await failureOf(() => db.prisma.$transaction(async (tx) => tx.$queryRaw`SELECT 1`))]) {
        expect(isDatabaseUnavailable(error)).toBe(true);
        const response = responseOf(error);
        expect(response.status).toBe(503);
        expect(response.headers.get("Retry-After")).toBe("5");
      }
    } finally {
      await db.close();
    }
  });

  it("the server closing our connection (57P01), and the pool recovering by itself afterwards", async () => {
    const error = await failureOf(() => live.db.prisma.$queryRaw`SELECT pg_terminate_backend(pg_backend_pid())`);
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(responseOf(error).status).toBe(503);
    expect(await live.db.prisma.$queryRaw`SELECT 1 AS ok`).toEqual([{ ok: 1 }]);
  });

  it("a server that never answers fails within the pool's connect timeout instead of hanging", async () => {
    const db = await openDb(`postgresql://postgres@127.0.0.1:${silentPort}/postgres`);
    try {
      const started = performance.now();
      const error = await failureOf(() => db.prisma.$queryRaw`SELECT 1`);
      expect(performance.now() - started).toBeLessThan(9_000);
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(responseOf(error).status).toBe(503);
    } finally {
      await db.close();
    }
  }, 20_000);
});
