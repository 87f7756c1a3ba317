import "server-only";
import { randomInt } from "node:crypto";
import { cache } from "react";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";
import { getPrisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordAccountEvent } from "./audit";
import { DUPLICATE_EMAIL, isUniqueViolation, parseInput } from "./errors";
import { passwordProblem } from "./password-policy";
import { ZSetupAdmin, ZShellAdmin } from "./setup-schema";
import { hashToken } from "./tokens";

// A newsroom that starts on its own database has no user at all. The first admin is created with
// a one-time code that only someone who can read the server's log has (`/setup`), or from a shell
// on the server (`npm run admin:create`). Both stop mattering once any admin exists.

export const SETUP_CODE_INVALID = "That setup code is not valid. Use the newest code in the server's log: each start prints a new one and cancels the earlier ones.";
export const SETUP_DONE = "Factmark is already set up: an admin exists. Sign in, or ask an admin for an account.";

/** 20 characters without look-alikes (about 115 bits), printed as four groups of five. */
function newSetupCode(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const chars = Array.from({ length: 20 }, () => alphabet[randomInt(alphabet.length)]).join("");
  return chars.match(/.{5}/g)!.join("-");
}

/** The normalised form that is hashed: what ZSetupCode leaves of a typed code. */
function hashSetupCode(code: string): string {
  return hashToken(code.replace(/[\s-]/g, "").toUpperCase());
}

export async function adminExists(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.user.count({ where: { role: "ADMIN" } })) > 0;
}

/**
 * At server start: when no admin exists, replaces every earlier setup code with a new one and
 * returns it for the log; otherwise clears any leftover code and returns null.
 */
export async function issueSetupCodeIfNoAdmin(prisma: PrismaClient): Promise<string | null> {
  if (await adminExists(prisma)) {
    await prisma.setupCode.deleteMany({});
    return null;
  }
  const code = newSetupCode();
  await prisma.$transaction([prisma.setupCode.deleteMany({}), prisma.setupCode.create({ data: { codeHash: hashSetupCode(code) } })]);
  return code;
}

/** For the /setup page and its title: whether it may be shown at all (one query per request). */
export const isSetupOpen = cache(async function isSetupOpen(): Promise<boolean> {
  return !(await adminExists(await getPrisma()));
});

type CreatedAdmin = { id: string; name: string; email: string };

async function createAdmin(
  prisma: PrismaClient,
  data: { name: string; email: string; password: string },
  spendCode: ((tx: Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0]) => Promise<void>) | null,
  method: "setup-code" | "shell",
): Promise<CreatedAdmin> {
  const problem = passwordProblem(data.password);
  if (problem) throw new AppError("INVALID", problem, { password: [problem] });
  const passwordHash = await hashPassword(data.password);
  try {
    return await prisma.$transaction(async (tx) => {
      // Spending the code deletes its row, which locks it: of two requests with the same code,
      // the second waits for the first and then finds nothing to delete.
      await spendCode?.(tx);
      const user = await tx.user.create({
        data: { name: data.name, email: data.email, role: "ADMIN", passwordHash },
        select: { id: true, name: true, email: true },
      });
      await tx.setupCode.deleteMany({});
      await recordAccountEvent(tx, { userId: user.id, actorId: user.id, type: "CREATED", details: { name: user.name, email: user.email, role: "ADMIN", method } });
      return user;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", DUPLICATE_EMAIL, { email: [DUPLICATE_EMAIL] });
    throw e;
  }
}

/** POST /api/setup: anonymous, the setup code is the credential. */
export async function setupFirstAdmin(input: unknown): Promise<CreatedAdmin> {
  const prisma = await getPrisma();
  if (await adminExists(prisma)) throw new AppError("NOT_FOUND", SETUP_DONE);
  const data = parseInput(ZSetupAdmin, input);
  return createAdmin(
    prisma,
    data,
    async (tx) => {
      const spent = await tx.setupCode.deleteMany({ where: { codeHash: hashSetupCode(data.code) } });
      if (spent.count !== 1) throw new AppError("FORBIDDEN", SETUP_CODE_INVALID, { code: [SETUP_CODE_INVALID] });
      // Checked again under the code's lock: an admin made from a shell meanwhile closes setup.
      if ((await tx.user.count({ where: { role: "ADMIN" } })) > 0) throw new AppError("NOT_FOUND", SETUP_DONE);
    },
    "setup-code",
  );
}

/**
 * `npm run admin:create`: whoever runs a shell on the server already controls its database, so no
 * code is asked for, and an admin can be added even when others exist (for example to recover a
 * newsroom whose only admin lost their password).
 */
export async function createAdminFromShell(prisma: PrismaClient, input: unknown): Promise<CreatedAdmin> {
  return createAdmin(prisma, parseInput(ZShellAdmin, input), null, "shell");
}
