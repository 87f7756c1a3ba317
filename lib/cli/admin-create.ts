// npm run admin:create -- --email you@example.org --name "Your Name"
// Creates an admin on the database DATABASE_URL names. The password is read from standard input
// when it is not a terminal (`printf '%s' "$PW" | npm run admin:create -- …`), and asked for twice
// at a hidden prompt otherwise: never from the command line, where `ps` and shell history show it.
import { parseArgs } from "node:util";
import { createInterface } from "node:readline";
import { createAdminFromShell } from "@/lib/accounts/first-admin";
import { isAppError } from "@/lib/errors";
import { openDb } from "@/lib/db/client";
import { migratePglite } from "@/lib/db/migrate";
import { databaseUrl } from "@/lib/db/url";

const USAGE = 'Usage: npm run admin:create -- --email you@example.org --name "Your Name"   (the password is asked for, or read from standard input)';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // One trailing newline is what `echo` adds; anything else is part of the password.
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const output = rl as unknown as { _writeToOutput: (s: string) => void };
    let prompted = false;
    output._writeToOutput = (s: string) => {
      // Show the question once, then nothing of what is typed.
      if (!prompted) {
        process.stdout.write(s);
        prompted = true;
      }
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write("\n");
      resolve(answer);
    });
  });
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readStdin();
  const first = await askHidden("Password for the new admin: ");
  const second = await askHidden("The same password again: ");
  if (first !== second) throw new Error("The two passwords do not match. Nothing was created.");
  return first;
}

async function main() {
  let values: { email?: string; name?: string };
  try {
    ({ values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } }, strict: true }));
  } catch (e) {
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
  }
  if (!values.email || !values.name) throw new Error(USAGE);
  const password = await readPassword();
  const db = await openDb(databaseUrl());
  try {
    if (db.kind === "pglite") await migratePglite(db.pglite);
    const admin = await createAdminFromShell(db.prisma, { email: values.email, name: values.name, password });
    console.log(`Created admin ${admin.email} (${admin.name}). Sign in at /login.`);
  } finally {
    await db.close();
  }
}

main().catch((e) => {
  const message = isAppError(e) ? e.message : e instanceof Error ? e.message : String(e);
  console.error(`admin:create failed: ${message}`);
  process.exit(1);
});
