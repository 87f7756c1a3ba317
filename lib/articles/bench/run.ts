/**
 * Import + re-anchoring benchmark (issue 7): `npm run bench:import`.
 * A 20,000-word article is imported as an HTML page (Readability, sanitize-html, jsdom, the zod check,
 * one transaction), 1,000 claims are placed on it, then an edited version is saved through the real
 * service: the diff, 1,000 re-anchored claims and their writes, all in the version's transaction.
 * Median of 5 runs on the embedded database (PGlite) and on PostgreSQL when one is reachable.
 * Writes docs/benchmarks.md between <!-- import:start --> and <!-- import:end -->. Not part of the tests.
 */
import { performance } from "node:perf_hooks";
import { describe as describeSpan, OffsetConverter } from "@/lib/anchoring";
import type { SessionUser, TRole } from "@/lib/auth/roles";
import { createPgliteDatabase, createPostgresDatabase, type TestDatabase, shareWithServices } from "@/lib/testing/databases";
import { seedDatabase } from "@/lib/seed/seed";
import { median, writeBenchmarkSection } from "@/e2e/bench/benchmarks-doc";
import { mulberry32 } from "@/e2e/bench/random";
import { createArticle } from "../create-article";
import type { TArticleDoc } from "../document";
import { saveArticleVersion } from "../save-version";

const WORDS = 20_000;
const CLAIMS = 1_000;
const RUNS = 5;

const VOCAB = "the council said river bridge water report minister budget school hospital police court election city village road flood storm harvest price tax rail port energy coal wind solar museum library union strike trade export import census survey".split(" ");

function buildParagraphs(rand: () => number): string[] {
  const paragraphs: string[] = [];
  let words = 0;
  let n = 0;
  while (words < WORDS) {
    const sentences: string[] = [];
    for (let s = 0; s < 5; s++) {
      const len = 14 + Math.floor(rand() * 10);
      const w = Array.from({ length: len }, (_, i) => (i === 3 ? String(100 + Math.floor(rand() * 9000)) : VOCAB[Math.floor(rand() * VOCAB.length)]));
      w[0] = w[0][0].toUpperCase() + w[0].slice(1);
      sentences.push(`${w.join(" ")} (item ${n++}).`);
      words += len + 2;
    }
    paragraphs.push(sentences.join(" "));
  }
  return paragraphs;
}

function page(title: string, paragraphs: string[]): string {
  return `<!doctype html><html><head><title>${title} | Bench News</title><meta name="author" content="Bench Writer"><script>var tracking = 1;</script></head>
<body><nav><a href="/">Home</a><a href="/news">News</a></nav><main><article><h1>${title}</h1>${paragraphs.map((p) => `<p onclick="x()">${p}</p>`).join("\n")}</article></main><footer>© Bench News</footer></body></html>`;
}

type Run = { importMs: number; saveMs: number; reanchorMs: number; moved: number; changed: number; needsRecheck: number; words: number; claims: number };

async function once(t: TestDatabase, editor: SessionUser, reviewer: SessionUser, i: number): Promise<Run> {
  const rand = mulberry32(1000 + i);
  const paragraphs = buildParagraphs(rand);
  const title = `Bench article ${i} ${t.kind}`;
  let t0 = performance.now();
  const { slug, versionId } = await createArticle(editor, { format: "html", content: page(title, paragraphs), title, byline: null, sourceUrl: null, publishedAt: null });
  const importMs = performance.now() - t0;

  const v = await t.db.prisma.articleVersion.findUniqueOrThrow({ where: { id: versionId } });
  const text = v.plainText;
  const conv = new OffsetConverter(text);
  // 1,000 claims: sentences, numbers with their noun, and short 2-word quotes that repeat.
  const sentenceStarts: number[] = [];
  for (let m = /[A-Z][^.]*\(item \d+\)\./g, r = m.exec(text); r; r = m.exec(text)) sentenceStarts.push(r.index, r.index + r[0].length);
  const spans: { start: number; end: number }[] = [];
  for (let k = 0; spans.length < CLAIMS; k++) {
    const s = (k * 7) % (sentenceStarts.length / 2);
    const start = sentenceStarts[2 * s];
    const end = sentenceStarts[2 * s + 1];
    if (k % 3 === 0) spans.push({ start, end });
    else if (k % 3 === 1) spans.push({ start, end: Math.min(end, start + 40) });
    else spans.push({ start: start + 10, end: Math.min(end, start + 25) });
  }
  await t.db.prisma.claim.createMany({
    data: spans.map((sp) => {
      const d = describeSpan(text, sp.start, sp.end, conv);
      return { articleId: v.articleId, articleVersionId: v.id, selectors: [d.quote, d.position], quote: d.quote.exact, authorId: reviewer.id, updatedById: reviewer.id };
    }),
  });

  // The edit: 10 paragraphs reworded in one number, 2 deleted, 2 new ones, and one moved.
  const doc = JSON.parse(JSON.stringify(v.doc)) as TArticleDoc;
  const body = doc.content.slice(1);
  for (let k = 0; k < 10; k++) {
    const p = body[5 + k * 17];
    if (p?.type === "paragraph" && p.content?.[0]?.type === "text") p.content[0].text = p.content[0].text.replace(/\d{3,4}/, "9999");
  }
  body.splice(40, 1);
  body.splice(80, 1);
  body.splice(20, 0, { type: "paragraph", content: [{ type: "text", text: "A new paragraph added by the correction desk." }] });
  body.splice(120, 0, { type: "paragraph", content: [{ type: "text", text: "Another added paragraph with fresh details." }] });
  const [moved] = body.splice(150, 1);
  body.splice(10, 0, moved);
  doc.content = [doc.content[0], ...body];

  t0 = performance.now();
  const saved = await saveArticleVersion(editor, slug, { baseVersionId: v.id, doc, correctionNote: "Bench correction." });
  const saveMs = performance.now() - t0;
  return { importMs, saveMs, reanchorMs: saved.report.ms, moved: saved.report.moved, changed: saved.report.changed, needsRecheck: saved.report.needsRecheck, words: text.split(/\s+/).length, claims: spans.length };
}

async function bench(create: () => Promise<TestDatabase>): Promise<{ kind: string; runs: Run[] } | null> {
  let t: TestDatabase;
  try {
    t = await create();
  } catch (e) {
    console.warn(`skipped: ${(e as Error).message}`);
    return null;
  }
  const releaseAppDatabase = shareWithServices(t);
  try {
    await seedDatabase(t.db.prisma, { demoUsers: true });
    const user = async (email: string): Promise<SessionUser> => {
      const u = await t.db.prisma.user.findUniqueOrThrow({ where: { email } });
      return { id: u.id, name: u.name, email: u.email, role: u.role as TRole };
    };
    const editor = await user("editor@example.org");
    const reviewer = await user("reviewer@example.org");
    await once(t, editor, reviewer, 99); // warm-up: JIT, jsdom, Prisma query plans
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await once(t, editor, reviewer, i));
    return { kind: t.kind === "pglite" ? "embedded PGlite" : "PostgreSQL", runs };
  } finally {
    releaseAppDatabase();
    await t.drop();
  }
}

const results = [await bench(createPgliteDatabase), await bench(createPostgresDatabase)].filter((r): r is { kind: string; runs: Run[] } => r !== null);
const ms = (n: number) => `${Math.round(n)} ms`;
const rows = results.map(({ kind, runs }) => {
  const r = runs[0];
  const total = runs.map((x) => x.importMs + x.saveMs);
  return `| ${kind} | ${r.words.toLocaleString("en")} | ${r.claims.toLocaleString("en")} | ${ms(median(runs.map((x) => x.importMs)))} | ${ms(median(runs.map((x) => x.saveMs)))} | ${ms(median(runs.map((x) => x.reanchorMs)))} | ${ms(median(total))} (max ${ms(Math.max(...total))}) | ${r.moved} / ${r.changed} / ${r.needsRecheck} |`;
});
const markdown = `## Import and re-anchoring (issue 7)

\`npm run bench:import\`, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${RUNS} runs after one warm-up (median; the machine is shared by other work).
An HTML page of ~${WORDS.toLocaleString("en")} words (nav, footer, a script, event handlers) is imported through the real service
(Readability → sanitize-html → Tiptap JSON → zod → one transaction); ${CLAIMS.toLocaleString("en")} claims are placed on it (sentences,
40-character openings and 15-character fragments); then an edited version (10 numbers changed, 2 paragraphs deleted, 2 added, 1 moved)
is saved through \`saveArticleVersion\`: the diff, every claim re-anchored and written, in the version's transaction.
"Re-anchoring" is the part of the save after the version row is created (plan + writes). Target: ≤ 1 s end to end on the server.

| database | words | claims | import | save new version | of which re-anchoring | import + save | moved / changed / needs re-check |
|---|---|---|---|---|---|---|---|
${rows.join("\n")}
`;
console.log(markdown);
writeBenchmarkSection("import", markdown);
process.exit(0);
