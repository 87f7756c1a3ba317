// The database after the probes (run on the stopped app's embedded database): every claim's quote
// is its article version's text at its offsets, and no row points at nothing.
import { PGlite } from "@electric-sql/pglite";

export type ConsistencyResult = { claims: number; rows: number; problems: string[] };

type Sel = { type: string; exact?: string; start?: number; end?: number };

/** Code-point slice, as TextPositionSelector counts (lib/anchoring/types.ts). */
function sliceCodePoints(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join("");
}

const ORPHAN_CHECKS: [string, string][] = [
  ["claim whose article is missing", `SELECT c.id FROM "Claim" c LEFT JOIN "Article" a ON a.id = c."articleId" WHERE a.id IS NULL`],
  ["claim on a version of another article", `SELECT c.id FROM "Claim" c JOIN "ArticleVersion" v ON v.id = c."articleVersionId" WHERE v."articleId" <> c."articleId"`],
  ["source without its claim", `SELECT s.id FROM "Source" s LEFT JOIN "Claim" c ON c.id = s."claimId" WHERE c.id IS NULL`],
  ["claim event without its claim", `SELECT e.id FROM "ClaimEvent" e LEFT JOIN "Claim" c ON c.id = e."claimId" WHERE c.id IS NULL`],
  ["comment without its claim", `SELECT m.id FROM "ClaimComment" m LEFT JOIN "Claim" c ON c.id = m."claimId" WHERE c.id IS NULL`],
  ["published check without its claim", `SELECT p."claimId" FROM "PublishedClaim" p LEFT JOIN "Claim" c ON c.id = p."claimId" WHERE c.id IS NULL`],
  ["published check under another article than its claim", `SELECT p."claimId" FROM "PublishedClaim" p JOIN "Claim" c ON c.id = p."claimId" WHERE c."articleId" <> p."articleId"`],
  ["retracted claim live for readers", `SELECT c.id FROM "Claim" c JOIN "PublishedClaim" p ON p."claimId" = c.id WHERE c.state = 'RETRACTED' AND p."retractedAt" IS NULL`],
  ["article version without its article", `SELECT v.id FROM "ArticleVersion" v LEFT JOIN "Article" a ON a.id = v."articleId" WHERE a.id IS NULL`],
  ["article without any version", `SELECT a.id FROM "Article" a WHERE NOT EXISTS (SELECT 1 FROM "ArticleVersion" v WHERE v."articleId" = a.id)`],
  ["assignment without article or reviewer", `SELECT s.id FROM "Assignment" s LEFT JOIN "Article" a ON a.id = s."articleId" LEFT JOIN "User" u ON u.id = s."reviewerId" WHERE a.id IS NULL OR u.id IS NULL`],
  ["notification without its user", `SELECT n.id FROM "Notification" n LEFT JOIN "User" u ON u.id = n."userId" WHERE u.id IS NULL`],
  ["notification about a missing claim", `SELECT n.id FROM "Notification" n LEFT JOIN "Claim" c ON c.id = n."claimId" WHERE n."claimId" IS NOT NULL AND c.id IS NULL`],
  ["invitation without its user", `SELECT i.id FROM "Invitation" i LEFT JOIN "User" u ON u.id = i."userId" WHERE u.id IS NULL`],
  ["account event without its user", `SELECT e.id FROM "AccountEvent" e LEFT JOIN "User" u ON u.id = e."userId" WHERE u.id IS NULL`],
];

export async function checkConsistency(dataDir: string): Promise<ConsistencyResult> {
  const db = new PGlite(dataDir);
  const problems: string[] = [];
  let rows = 0;
  try {
    const claims = await db.query<{ id: string; quote: string; selectors: Sel[]; plainText: string; deletedAt: string | null }>(
      `SELECT c.id, c.quote, c.selectors, v."plainText", c."deletedAt" FROM "Claim" c JOIN "ArticleVersion" v ON v.id = c."articleVersionId"`,
    );
    for (const c of claims.rows) {
      const quoteSel = c.selectors?.find((s) => s.type === "TextQuoteSelector");
      const pos = c.selectors?.find((s) => s.type === "TextPositionSelector");
      if (!quoteSel || !pos || typeof pos.start !== "number" || typeof pos.end !== "number") {
        problems.push(`claim ${c.id}: selectors missing (${JSON.stringify(c.selectors).slice(0, 120)})`);
        continue;
      }
      const atOffsets = sliceCodePoints(c.plainText, pos.start, pos.end);
      if (atOffsets !== c.quote) problems.push(`claim ${c.id}: quote ${JSON.stringify(c.quote.slice(0, 60))} ≠ its version's text at [${pos.start}, ${pos.end}) ${JSON.stringify(atOffsets.slice(0, 60))}`);
      if (quoteSel.exact !== c.quote) problems.push(`claim ${c.id}: TextQuoteSelector.exact ≠ quote`);
    }
    const published = await db.query<{ claimId: string; quote: string; selectors: Sel[] }>(`SELECT "claimId", quote, selectors FROM "PublishedClaim"`);
    for (const p of published.rows) {
      const exact = p.selectors?.find((s) => s.type === "TextQuoteSelector")?.exact;
      if (exact !== p.quote) problems.push(`published check ${p.claimId}: its quote ≠ its own TextQuoteSelector`);
    }
    const total = await db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM "Claim") + (SELECT count(*) FROM "Source") + (SELECT count(*) FROM "ClaimEvent") + (SELECT count(*) FROM "ClaimComment") + (SELECT count(*) FROM "PublishedClaim") + (SELECT count(*) FROM "ArticleVersion") + (SELECT count(*) FROM "Article") + (SELECT count(*) FROM "Notification") + (SELECT count(*) FROM "Assignment") + (SELECT count(*) FROM "User") AS n`,
    );
    rows = Number(total.rows[0].n);
    for (const [what, sql] of ORPHAN_CHECKS) {
      const r = await db.query<Record<string, string>>(sql);
      for (const row of r.rows.slice(0, 5)) problems.push(`${what}: ${Object.values(row)[0]}`);
      if (r.rows.length > 5) problems.push(`${what}: … ${r.rows.length - 5} more`);
    }
    return { claims: claims.rows.length, rows, problems };
  } finally {
    await db.close();
  }
}
