import "server-only";
import { assertAdmin } from "@/lib/accounts/authorize";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { parseInput } from "@/lib/http/route";
import { ZEmbedSettings } from "./schemas";

/** The single settings row's id. */
const SETTINGS_ID = "embed";

/**
 * The publisher origins allowed to read published checks from their pages (issue 14). Read from the
 * database on every request that needs it: one primary-key read, and a change an admin saves on one
 * instance holds on every instance at once (the app keeps no state between instances).
 */
export async function getAllowedOrigins(): Promise<string[]> {
  const prisma = await getPrisma();
  const row = await prisma.embedSettings.findUnique({ where: { id: SETTINGS_ID }, select: { allowedOrigins: true } });
  return row?.allowedOrigins ?? [];
}

export async function readEmbedSettings(actor: SessionUser | null): Promise<{ allowedOrigins: string[] }> {
  assertAdmin(actor);
  return { allowedOrigins: await getAllowedOrigins() };
}

/** An admin replaces the list of allowed origins; each is normalised to scheme://host[:port]. */
export async function saveEmbedSettings(actor: SessionUser | null, input: unknown): Promise<{ allowedOrigins: string[] }> {
  const admin = assertAdmin(actor);
  const { allowedOrigins } = parseInput(ZEmbedSettings, input);
  const prisma = await getPrisma();
  const row = await prisma.embedSettings.upsert({
    where: { id: SETTINGS_ID },
    create: { id: SETTINGS_ID, allowedOrigins, updatedById: admin.id },
    update: { allowedOrigins, updatedById: admin.id },
    select: { allowedOrigins: true },
  });
  return { allowedOrigins: row.allowedOrigins };
}
