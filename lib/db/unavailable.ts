// Is this error "the database cannot be reached right now" (issue 12, Reliability)? Such a failure
// says nothing about the request or the user: it must read as 503 + Retry-After, never as a 500
// or, worse, as a sign-out. The shapes below were captured from Prisma 7 + @prisma/adapter-pg
// against a PostgreSQL cluster that was stopped, refused connections or killed our backend
// (lib/db/unavailable.test.ts keeps those objects), plus PGlite after close().
// Duck-typed on `name`/`code`, not instanceof: Next bundles Prisma's runtime more than once.

/** Prisma engine codes for "can't reach / timed out / connection closed / pool timeout". */
const PRISMA_UNAVAILABLE_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);

/** Adapter error kinds (driver-adapter-utils) that mean the connection, not the query, failed. */
const ADAPTER_UNAVAILABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);

/** Node socket errors seen when the server is gone or going. */
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH"]);

// PostgreSQL SQLSTATEs: class 08 is "connection exception"; 57P01-57P03 are admin/crash
// shutdown and "cannot connect now" (starting up or shutting down); 53300 too many connections.
function isUnavailableSqlState(code: string): boolean {
  return code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03" || code === "53300";
}

// node-postgres throws plain Errors without a code when a socket dies or the pool cannot connect
// in time; @prisma/adapter-pg rethrows them unchanged.
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /Can't reach database server/i,
  /PGlite is clos(ed|ing)/i,
];

type Inspectable = { name?: unknown; code?: unknown; kind?: unknown; message?: unknown; meta?: unknown; cause?: unknown; driverAdapterError?: unknown; originalCode?: unknown };

function isUnavailableNode(node: Inspectable): boolean {
  if (node.name === "PrismaClientInitializationError") return true;
  const code = typeof node.code === "string" ? node.code : undefined;
  if (code && PRISMA_UNAVAILABLE_CODES.has(code)) return true;
  if (code && SOCKET_CODES.has(code)) return true;
  if (typeof node.kind === "string") {
    if (ADAPTER_UNAVAILABLE_KINDS.has(node.kind)) return true;
    if (node.kind === "postgres" && code && isUnavailableSqlState(code)) return true;
  }
  if (typeof node.originalCode === "string" && isUnavailableSqlState(node.originalCode)) return true;
  // A bare pg DatabaseError (severity + code) from a hand-written query.
  if (code && /^[0-9A-Z]{5}$/.test(code) && "severity" in node && isUnavailableSqlState(code)) return true;
  const message = typeof node.message === "string" ? node.message : "";
  return UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message));
}

/** Walks the error, Prisma's meta.driverAdapterError and the cause chain (bounded: causes can cycle). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const pending: unknown[] = [error];
  for (let visited = 0; pending.length && visited < 16; visited++) {
    const node = pending.shift();
    if (!node || typeof node !== "object") continue;
    const inspectable = node as Inspectable;
    if (isUnavailableNode(inspectable)) return true;
    if (inspectable.meta && typeof inspectable.meta === "object") pending.push((inspectable.meta as Inspectable).driverAdapterError);
    pending.push(inspectable.cause);
  }
  return false;
}
