import "server-only";
// GET /api/health (issue 15, "Several instances"): what a load balancer asks before sending an
// instance traffic. Healthy means the database answers and every migration in prisma/migrations
// is applied; anything else is a 503 with the reason, so a half-deployed instance stays out.
import { getDb } from "./client";
import { pendingMigrations } from "./prepare";

export type Health = { status: "ok" | "unavailable"; database: "ok" | "unreachable"; pendingMigrations: string[] };

export async function checkHealth(): Promise<Health> {
  try {
    const db = await getDb();
    await db.prisma.$queryRaw`SELECT 1`;
    const pending = await pendingMigrations(db);
    return { status: pending.length ? "unavailable" : "ok", database: "ok", pendingMigrations: pending };
  } catch {
    return { status: "unavailable", database: "unreachable", pendingMigrations: [] };
  }
}
