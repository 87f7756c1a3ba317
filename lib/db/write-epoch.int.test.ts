// The write epoch (issue 21): on the embedded database a revision read is reused until a write
// finishes in this process; on PostgreSQL, which other instances share, every call queries.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES, type TestDatabase } from "@/lib/testing/databases";
import { reuseUntilWrite, writeEpoch } from "./write-epoch";

describe.each(ENGINES)("write epoch on $name", ({ name, create }) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await create();
  });
  afterAll(async () => {
    await t?.drop();
  });

  it(name === "PostgreSQL" ? "is not kept, so every read queries" : "moves after writes only, and a reused read sees every finished write", async () => {
    const prisma = t.db.prisma;
    let queries = 0;
    const count = reuseUntilWrite(async () => t.db, async () => {
      queries++;
      return prisma.user.count();
    });
    expect(await count("users")).toBe(0);
    expect(await count("users")).toBe(0);
    if (name === "PostgreSQL") {
      expect(writeEpoch(t.db)).toBeNull();
      expect(queries).toBe(2);
    } else {
      expect(queries).toBe(1);
      const before = writeEpoch(t.db)!;
      await prisma.user.findMany();
      await prisma.$queryRaw`SELECT 1`;
      expect(writeEpoch(t.db)).toBe(before);
    }
    // A single-statement write and a transaction: both are seen by the next read.
    await prisma.user.create({ data: { email: "epoch@example.org", name: "Epoch", passwordHash: "x", role: "REVIEWER" } });
    expect(await count("users")).toBe(1);
    await prisma.$transaction([prisma.user.create({ data: { email: "epoch2@example.org", name: "Epoch 2", passwordHash: "x", role: "REVIEWER" } })]);
    expect(await count("users")).toBe(2);
    await prisma.$transaction(async (tx) => {
      await tx.user.create({ data: { email: "epoch3@example.org", name: "Epoch 3", passwordHash: "x", role: "REVIEWER" } });
    });
    expect(await count("users")).toBe(3);
    if (name !== "PostgreSQL") expect(queries).toBe(4);
  });
});
