import { describe, expect, it } from "vitest";
import { claimFields, QUOTE, seededClaimsDb } from "@/lib/testing/claims-fixture";
import { getPrisma } from "@/lib/db/client";
import { createClaim } from "@/lib/claims/create-claim";
import type { TArticleDoc } from "./document";
import { REANCHOR_BATCH } from "./save-version";
import { streamSaveArticleVersion, type SaveStreamLine } from "./save-version-stream";

// Issue 20, item 6: a save that re-anchors many claims reports progress per claim batch, then the report.

const db = seededClaimsDb();

async function readLines(res: Response): Promise<SaveStreamLine[]> {
  return (await res.text()).split("\n").filter(Boolean).map((l) => JSON.parse(l) as SaveStreamLine);
}

describe("saving a version with progress", () => {
  it("streams one progress line per claim batch, then the report", async () => {
    const count = REANCHOR_BATCH + 50;
    const start = db.text.indexOf(QUOTE);
    for (let i = 0; i < count; i++) await createClaim(db.users.reviewer, { articleVersionId: db.versionId, start, end: start + QUOTE.length, fields: claimFields() });
    const prisma = await getPrisma();
    const latest = await prisma.articleVersion.findFirstOrThrow({ where: { id: db.versionId }, select: { doc: true } });
    const doc = latest.doc as unknown as TArticleDoc;
    const edited = { ...doc, content: [...doc.content, { type: "paragraph", content: [{ type: "text", text: "An added paragraph." }] }] };

    const res = streamSaveArticleVersion(db.users.editor, db.slug, { baseVersionId: db.versionId, doc: edited, correctionNote: null });
    expect(res.headers.get("content-type")).toBe("application/x-ndjson");
    const lines = await readLines(res);
    const progress = lines.filter((l) => l.type === "progress");
    expect(progress).toEqual([
      { type: "progress", done: 0, total: count },
      { type: "progress", done: REANCHOR_BATCH, total: count },
      { type: "progress", done: count, total: count },
    ]);
    const done = lines.at(-1);
    expect(done).toMatchObject({ type: "done", saved: { version: { number: 2 }, report: { moved: count } } });
  });

  it("ends with the error and its status when the save is refused", async () => {
    const res = streamSaveArticleVersion(db.users.editor, db.slug, { baseVersionId: db.versionId, doc: { type: "doc", content: [] }, correctionNote: null });
    const lines = await readLines(res);
    expect(lines.at(-1)).toMatchObject({ type: "error", status: 400, error: { message: expect.any(String) } });
  });
});
