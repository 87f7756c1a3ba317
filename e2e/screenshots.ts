// npm run screenshots — the README's pictures of the reader page and the review workspace, taken
// from the running app (issue 17), so they can be refreshed whenever the pages change.
// Against an app that already runs: SCREENSHOTS_URL=http://127.0.0.1:3000 npm run screenshots (it
// must have the demo users). Otherwise it starts the production build (`npm run build` first) on a
// fresh embedded database. Either way it publishes a few checks on the seed article first.
import { mkdirSync, rmSync } from "node:fs";
import { chromium, type Page } from "@playwright/test";
import { DEMO_PASSWORD, SEED_SLUG } from "./fixtures";
import { startServer, stopServer } from "./bench/server";

const PORT = Number(process.env.SCREENSHOTS_PORT ?? 3251);
const DATA = ".data/screenshots";
const OUT = "docs/screenshots";
const CHECKS = [
  { quote: "at least 116 civilians", verdict: "DISPUTED", explanation: "SOHR counts 116; a local committee counts 67." },
  { quote: "executed with knives", verdict: "MOSTLY_ACCURATE", explanation: "Witnesses quoted by AFP say so; some were shot." },
  { quote: "Syrian Observatory for Human Rights", verdict: "ACCURATE", explanation: "The Britain-based monitor, as named." },
];

async function signIn(page: Page, base: string, email: string) {
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}

async function publishChecks(reviewer: Page, editor: Page, base: string) {
  const headers = { origin: base, "content-type": "application/json" };
  const ws = (await (await reviewer.request.get(`${base}/api/articles/${SEED_SLUG}/claims`)).json()) as { articleVersionId: string; plainText: string; claims: { quote: string }[] };
  for (const c of CHECKS) {
    if (ws.claims.some((x) => x.quote === c.quote)) continue;
    const at = ws.plainText.indexOf(c.quote);
    if (at < 0) continue;
    const res = await reviewer.request.post(`${base}/api/articles/${SEED_SLUG}/claims`, {
      headers,
      data: { articleVersionId: ws.articleVersionId, start: at, end: at + c.quote.length, fields: { verdict: c.verdict, explanation: c.explanation, tags: [], sources: [{ url: "https://www.syriahr.com/en/", title: "SOHR report", stance: "SUPPORTS" }] } },
    });
    if (!res.ok()) throw new Error(`creating a claim failed: ${res.status()} ${await res.text()}`);
    let claim = ((await res.json()) as { claim: { id: string; version: number } }).claim;
    for (const [who, action] of [[reviewer, "submit"], [editor, "approve"]] as const) {
      const t = await who.request.post(`${base}/api/claims/${claim.id}/transitions`, { headers, data: { action, version: claim.version } });
      if (!t.ok()) throw new Error(`${action} failed: ${t.status()} ${await t.text()}`);
      claim = ((await t.json()) as { claim: typeof claim }).claim;
    }
  }
}

const given = process.env.SCREENSHOTS_URL;
const base = given ?? `http://127.0.0.1:${PORT}`;
if (!given) rmSync(DATA, { recursive: true, force: true });
const server = given ? null : await startServer(PORT, `pglite:${DATA}`);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
try {
  mkdirSync(OUT, { recursive: true });
  const reviewer = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
  const editor = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
  await signIn(reviewer, base, "reviewer@example.org");
  await signIn(editor, base, "editor@example.org");
  await publishChecks(reviewer, editor, base);

  const reader = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
  await reader.goto(`${base}/articles/${SEED_SLUG}`);
  await reader.locator("mark.claim-mark").first().waitFor();
  await reader.screenshot({ path: `${OUT}/reader.png` });
  await reviewer.goto(`${base}/articles/${SEED_SLUG}/review`);
  await reviewer.locator('[data-testid="article-body"][data-ready="true"]').waitFor();
  await reviewer.screenshot({ path: `${OUT}/workspace.png` });
  console.log(`wrote ${OUT}/reader.png and ${OUT}/workspace.png from ${base}`);
} finally {
  await browser.close();
  if (server) await stopServer(server);
}
