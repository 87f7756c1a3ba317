import { DriverAdapterError } from "@prisma/driver-adapter-utils";
import { describe, expect, it, vi } from "vitest";
import { isDatabaseUnavailable } from "./unavailable";
import { AppError, errorResponse } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

// Built from the real classes with the fields captured (2026-12-02) from Prisma 7.10 +
// @prisma/adapter-pg against a PostgreSQL 15 cluster that was stopped with `pg_ctlcluster … stop
// -m fast` under a live pool, and against a port nothing listens on.
const clientVersion = "7.10.0";

function knownRequestError(message: string, code: string, cause: Record<string, unknown>) {
  const driverAdapterError = new DriverAdapterError(cause as ConstructorParameters<typeof DriverAdapterError>[0]);
  return new Prisma.PrismaClientKnownRequestError(message, { code, clientVersion, meta: { driverAdapterError } });
}

const captured = {
  // A pooled connection the server closed while stopping (also: a query in flight during the stop).
  adminShutdown: knownRequestError(
    "Invalid `prisma.$queryRaw()` invocation:\n\n\nRaw query failed. Code: `57P01`. Message: `terminating connection due to administrator command`",
    "P2010",
    { originalCode: "57P01", originalMessage: "terminating connection due to administrator command", kind: "postgres", code: "57P01", severity: "FATAL", message: "terminating connection due to administrator command" },
  ),
  // The next query, while the server is down.
  notReachableQuery: knownRequestError("Invalid `prisma.$queryRaw()` invocation:\n\n\nRaw query failed. Code: `N/A`. Message: `Can't reach database server at 127.0.0.1:3159`", "P2010", {
    kind: "DatabaseNotReachable",
    host: "127.0.0.1",
    port: 3159,
  }),
  // An interactive transaction ($transaction(async tx => …)) while the server is down.
  notReachableTransaction: knownRequestError("Can't reach database server at 127.0.0.1:3159", "P1001", { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 3159 }),
  // node-postgres rethrown unchanged by the adapter when the socket dies mid-query.
  connectionTerminated: new Error("Connection terminated unexpectedly"),
  poolConnectTimeout: new Error("timeout exceeded when trying to connect"),
  starting: knownRequestError("Raw query failed. Code: `57P03`. Message: `the database system is starting up`", "P2010", {
    originalCode: "57P03",
    kind: "postgres",
    code: "57P03",
    severity: "FATAL",
    message: "the database system is starting up",
  }),
  initialization: new Prisma.PrismaClientInitializationError("Can't reach database server at `127.0.0.1:5432`", clientVersion, "P1001"),
  pgliteClosed: new Error("PGlite is closed"),
};

const notOutages = {
  uniqueViolation: knownRequestError("Unique constraint failed on the fields: (`slug`)", "P2002", { kind: "UniqueConstraintViolation", constraint: { fields: ["slug"] } }),
  syntaxError: knownRequestError("Raw query failed. Code: `42601`.", "P2010", { originalCode: "42601", kind: "postgres", code: "42601", severity: "ERROR", message: "syntax error" }),
  notFound: new Prisma.PrismaClientKnownRequestError("No record was found for an update.", { code: "P2025", clientVersion }),
  appError: new AppError("INVALID", "Bad input."),
  typeError: new TypeError("Cannot read properties of undefined (reading 'id')"),
  plainString: "Connection terminated",
};

describe("isDatabaseUnavailable", () => {
  it.each(Object.entries(captured))("recognises %s", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each(Object.entries(notOutages))("leaves %s alone", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it("finds the outage behind a wrapping error's cause", () => {
    expect(isDatabaseUnavailable(new Error("session check failed", { cause: captured.notReachableQuery }))).toBe(true);
  });

  it("terminates on a cause cycle", () => {
    const a = new Error("a") as Error & { cause?: unknown };
    const b = new Error("b", { cause: a });
    a.cause = b;
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});

describe("errorResponse during a database outage", () => {
  it.each(Object.entries(captured))("answers %s with 503, a reason and Retry-After", async (_name, error) => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const response = errorResponse(error);
    warn.mockRestore();
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe("5");
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("UNAVAILABLE");
    expect(body.error.message).toMatch(/not reachable.*nothing was saved/);
  });

  it("still answers a real bug with a logged 500 and no Retry-After", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = errorResponse(notOutages.typeError);
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
    expect(response.status).toBe(500);
    expect(response.headers.get("Retry-After")).toBeNull();
  });
});
