// Similar-claim lookup speed with 10,000 generated published checks, on PostgreSQL and PGlite.
import { createPgliteDatabase, createPostgresDatabase, shareWithServices, type TestDatabase } from "@/lib/testing/databases";
import { seedDatabase } from "@/lib/seed/seed";
import type { SessionUser } from "@/lib/auth/roles";

const CHECKS = 10_000;
const LOOKUPS = 200;
const PLACES = ["Aleppo", "Homs", "Mosul", "Kyiv", "Lagos", "Dhaka", "Lima", "Quito", "Manila", "Gaza", "Tigray", "Darfur"];
const SUBJECTS = ["civilians were killed", "people were displaced", "workers were laid off", "homes were destroyed", "students were arrested", "patients were treated"];
const CAUSES = ["in air strikes", "by the floods", "after the strike", "during the protests", "in the fire", "by the militia"];

function generatedClaim(i: number): string {
  const n = 10 + ((i * 7919) % 9000);
  return `${n} ${SUBJECTS[i % SUBJECTS.length]} ${CAUSES[(i >> 3) % CAUSES.length]} in ${PLACES[(i >> 1) % PLACES.length]} in ${2000 + (i % 25)}, officials said`;
}

async function fill(t: TestDatabase) {
  const prisma = t.db.prisma;
  await seedDatabase(prisma, { demoUsers: true });
  const reviewer = await prisma.user.findUniqueOrThrow({ where: { email: "reviewer@example.org" } });
  const editor = await prisma.user.findUniqueOrThrow({ where: { email: "editor@example.org" } });
  const article = await prisma.article.create({ data: { slug: "bench-archive", title: "Archive", versions: { create: { number: 1, plainText: "archive", doc: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "archive" }] }] } } } }, include: { versions: true } });
  for (let from = 0; from < CHECKS; from += 1000) {
    const batch = Array.from({ length: Math.min(1000, CHECKS - from) }, (_, k) => from + k);
    await prisma.claim.createMany({ data: batch.map((i) => ({ id: `bench-${i}`, articleId: article.id, articleVersionId: article.versions[0].id, selectors: [], quote: generatedClaim(i), verdict: "ACCURATE" as const, state: "APPROVED" as const, authorId: reviewer.id, updatedById: reviewer.id })) });
    await prisma.publishedClaim.createMany({ data: batch.map((i) => ({ claimId: `bench-${i}`, articleId: article.id, claimVersion: 1, selectors: [], quote: generatedClaim(i), verdict: "ACCURATE" as const, explanation: "Generated.", sources: [], reviewerId: reviewer.id, approvedById: editor.id, approvedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000) })) });
  }
  return { id: reviewer.id, name: reviewer.name, email: reviewer.email, role: reviewer.role } as SessionUser;
}

export async function runSimilarBench(): Promise<{ rows: string[] }> {
  const { findCheckedBefore } = await import("../checked-before");
  const rows: string[] = [];
  for (const [name, create] of [["PostgreSQL", createPostgresDatabase], ["PGlite", createPgliteDatabase]] as const) {
    const t = await create();
    const release = shareWithServices(t);
    try {
      const actor = await fill(t);
      const seedSlug = (await t.db.prisma.article.findFirstOrThrow({ where: { slug: { not: "bench-archive" } } })).slug;
      const b0 = performance.now();
      await findCheckedBefore(actor, seedSlug, generatedClaim(1));
      const firstMs = performance.now() - b0;
      const times: number[] = [];
      let hits = 0;
      for (let q = 0; q < LOOKUPS; q++) {
        const i = (q * 37) % CHECKS;
        // A paraphrase of a stored claim: the same figures, other words around them.
        const query = generatedClaim(i).replace(", officials said", "").replace(" were ", " ");
        const t0 = performance.now();
        const found = await findCheckedBefore(actor, seedSlug, query);
        times.push(performance.now() - t0);
        if (found[0]?.claimId === `bench-${i}`) hits++;
      }
      times.sort((a, b) => a - b);
      const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
      rows.push(`| similar-claim lookup, ${CHECKS.toLocaleString("en")} published checks, ${name}: p50 / p95 over ${LOOKUPS} lookups (first lookup, building the index: ${firstMs.toFixed(0)} ms; right check first in ${hits}/${LOOKUPS}) | ${p(0.5)} / ${p(0.95)} ms | p95 ≤ 50 ms |`);
    } finally {
      release();
      await t.drop();
    }
  }
  return { rows };
}
