// Issue 14: verified highlights on the publisher's own page with one script tag. Factmark runs on its
// own origin; the publisher's pages are served by a second (allowed) and a third (not allowed) origin
// with a strict Content-Security-Policy (e2e/embed/publisher.ts). This spec makes its own articles, so
// no other spec's checks are on them.
import AxeBuilder from "@axe-core/playwright";
import { test as base, type Browser, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import { parseSeedArticle } from "../lib/articles/seed-article";
import { arabicPage, ARABIC_STORY, newsroomPage, startPublisher, type PublisherPage } from "./embed/publisher";
import { createClaims, expect, SAME_ORIGIN, signInAndWait, test } from "./fixtures";

const FACTMARK_PORT = Number(process.env.E2E_PORT ?? 3100);
const FACTMARK = `http://127.0.0.1:${FACTMARK_PORT}`;
const ALLOWED_PORT = FACTMARK_PORT + 1;
const OTHER_PORT = FACTMARK_PORT + 2;
const PUBLISHER = `http://127.0.0.1:${ALLOWED_PORT}`;
const OTHER = `http://127.0.0.1:${OTHER_PORT}`;
const DRAFT_MARKER = "QXEMBEDDRAFT4471";
const RUN = Date.now().toString(36);

const seed = parseSeedArticle(readFileSync("prisma/seed-data/al-qaryatain.txt", "utf8"));
const STORY = { title: seed.title, caption: seed.caption, paragraphs: seed.paragraphs };

const Q = {
  caption: "Assyrians hold banners as they march in solidarity",
  linked: "executions committed in the days before the Syrian regime recaptured the town",
  spaced: "a U.K.-based monitoring group with an extensive network of contacts",
  edited: "liberated the town on October 21",
  draft: "found the bodies on the streets",
  arabicA: "أعدم ما لا يقل عن مئة وستة عشر مدنياً",
  arabicB: "على بعد نحو مئة كيلومتر جنوب غرب مدينة تدمر",
};


async function signedIn(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAndWait(page, email);
  return { context, request: page.request };
}

type Signed = Awaited<ReturnType<typeof signedIn>>;

async function importArticle(editor: Signed, title: string, content: string, sourceUrl: string | null): Promise<string> {
  const res = await editor.request.post("/api/articles/import", { headers: SAME_ORIGIN, data: { format: "text", content, title, sourceUrl } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).slug as string;
}

let seedSlug = "";
let arabicSlug = "";
const servers: Server[] = [];
const script = (attrs = "") => `<script src="${FACTMARK}/embed.js"${attrs} async></script>`;

function pages(): PublisherPage[] {
  return [
    // 1. The seed article in the newsroom's markup, found by its canonical address; one sentence edited after the check.
    {
      path: "/news/al-qaryatain",
      html: newsroomPage({ story: STORY, script: script(), canonical: `${PUBLISHER}/news/al-qaryatain`, linkInside: { phrase: Q.linked, linked: "days before" }, spaceOut: Q.spaced, edits: [[Q.edited, "retook the town on October 21"]] }),
    },
    // 2. The same article, the text root named by data-factmark-root, a checked phrase repeated outside it.
    { path: "/news/al-qaryatain-root", html: newsroomPage({ story: STORY, script: script(` data-factmark-article="${seedSlug}" data-factmark-root="#story"`), rootAttribute: true, outsideRoot: Q.linked }) },
    // 3. Right-to-left Arabic, on a dark page.
    { path: "/ar/story", html: arabicPage({ story: ARABIC_STORY, script: script(` data-factmark-article="${arabicSlug}"`) }) },
  ];
}

/** What the page highlights: per highlight name, the highlighted strings with whitespace collapsed. */
async function highlights(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const out: Record<string, string[]> = {};
    CSS.highlights.forEach((h, name) => {
      out[name] = [...h].map((r) => (r as Range).toString().replace(/\s+/g, " "));
    });
    return out;
  });
}

async function drawn(page: Page) {
  return page.evaluate(() => (window as unknown as { FactmarkEmbed: { ready: Promise<unknown> } }).FactmarkEmbed.ready);
}

/** The widget's focused element (inside its shadow root): its accessible name. */
async function focusedMark(page: Page): Promise<string | null> {
  return page.evaluate(() => document.querySelector("factmark-embed")?.shadowRoot?.activeElement?.getAttribute("aria-label") ?? null);
}

// File-level hooks: the page-4 test below is outside the serial block and uses the same servers.
test.beforeAll(async ({ browser }) => {
  // Two articles, seven claims and two sign-ins: minutes on a loaded 2-core machine.
  test.setTimeout(240_000);
  const reviewer = await signedIn(browser, "reviewer@example.org");
  const editor = await signedIn(browser, "editor@example.org");
  const content = [STORY.caption, ...STORY.paragraphs].join("\n\n");
  seedSlug = await importArticle(editor, `Publisher copy ${RUN}: ${STORY.title}`, content, `${PUBLISHER}/news/al-qaryatain`);
  await createClaims(reviewer, editor, seedSlug, [
    { quote: Q.caption, verdict: "MISSING_CONTEXT", explanation: "The march was in Beirut, not in Syria.", publish: true },
    {
      quote: Q.linked,
      verdict: "DISPUTED",
      explanation: "SOHR counts 116 executed; the Palmyra Coordination Committee identified 67.",
      publish: true,
      sources: [
        { url: "https://www.syriahr.com/en/", title: "SOHR casualty report", publisher: "Syrian Observatory for Human Rights", stance: "SUPPORTS" },
        { url: "https://example.org/palmyra-67", title: "Palmyra Coordination Committee count", stance: "REFUTES" },
      ],
    },
    { quote: Q.spaced, verdict: "ACCURATE", explanation: "SOHR is based in Coventry and relies on contacts inside Syria.", publish: true },
    { quote: Q.edited, verdict: "FALSE", explanation: "'Liberated' is contested.", publish: true },
    { quote: Q.draft, verdict: "FALSE", explanation: `Draft note ${DRAFT_MARKER}`, publish: false },
  ]);
  arabicSlug = await importArticle(editor, `${ARABIC_STORY.title} ${RUN}`, [ARABIC_STORY.caption, ...ARABIC_STORY.paragraphs].join("\n\n"), null);
  await createClaims(reviewer, editor, arabicSlug, [
    { quote: Q.arabicA, verdict: "DISPUTED", explanation: "Other monitors counted 67 civilians.", publish: true },
    { quote: Q.arabicB, verdict: "ACCURATE", explanation: "Matches maps of the area.", publish: true },
  ]);
  await reviewer.context.close();
  await editor.context.close();
  servers.push(await startPublisher(ALLOWED_PORT, FACTMARK, pages), await startPublisher(OTHER_PORT, FACTMARK, pages));
});

test.afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

test.describe.serial("embed script on a publisher's page", () => {
  test.describe.configure({ timeout: 120_000 });
  test("an admin allows the publisher's origin on /admin/embed", async ({ page }) => {
    await signInAndWait(page, "admin@example.org");
    await page.goto("/admin/users");
    await page.getByRole("link", { name: "Embed settings" }).click();
    await expect(page).toHaveURL(/\/admin\/embed$/);
    await expect(page.getByRole("heading", { name: "Embed", level: 1 })).toBeVisible();
    const field = page.getByLabel("Allowed origins");
    await field.fill(`${PUBLISHER}/path-is-refused`);
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.locator("#allowed-origins-error")).toContainText("has a path");
    await field.fill(`${PUBLISHER}/\nhttps://news.example.org`);
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Saved: 2 origins may show checks.")).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Allowed origins")).toHaveValue(`${PUBLISHER}\nhttps://news.example.org`);
  });

  test("the checks endpoint answers CORS for allowed origins only, with published checks only, and revalidates with a strong ETag", async ({ request }) => {
    const url = `/api/embed/checks?article=${seedSlug}`;
    const allowed = await request.get(url, { headers: { origin: PUBLISHER, "accept-encoding": "gzip" } });
    expect(allowed.status()).toBe(200);
    const h = allowed.headers();
    // Compressed on the wire (Next gzips a route's answer), and a shared cache keeps one copy per encoding.
    expect(h["content-encoding"]).toBe("gzip");
    expect(h["vary"]).toMatch(/Accept-Encoding/i);
    expect(h["access-control-allow-origin"]).toBe(PUBLISHER);
    expect(h["vary"]).toMatch(/Origin/);
    expect(h["cache-control"]).toBe("public, max-age=60");
    expect(h["etag"]).toMatch(/^"[^"]+"$/);
    const body = await allowed.text();
    expect(body).not.toContain(DRAFT_MARKER);
    const payload = JSON.parse(body);
    expect(payload.checks.map((c: { quote: string }) => c.quote).sort()).toEqual([Q.caption, Q.linked, Q.spaced, Q.edited].sort());

    const again = await request.get(url, { headers: { origin: PUBLISHER, "if-none-match": h["etag"] } });
    expect(again.status()).toBe(304);
    expect(again.headers()["access-control-allow-origin"]).toBe(PUBLISHER);

    const byUrl = await request.get(`/api/embed/checks?url=${encodeURIComponent(`${PUBLISHER}/news/al-qaryatain#comments`)}`, { headers: { origin: PUBLISHER } });
    expect((await byUrl.json()).article.slug).toBe(seedSlug);

    const refused = await request.get(url, { headers: { origin: OTHER } });
    expect(refused.status()).toBe(403);
    expect(refused.headers()["access-control-allow-origin"]).toBeUndefined();
    expect(await refused.text()).not.toContain(Q.linked);
    const bad = await request.get("/api/embed/checks?article=x&url=https%3A%2F%2Fa.example", { headers: { origin: PUBLISHER } });
    expect(bad.status()).toBe(400);
    expect(bad.headers()["access-control-allow-origin"]).toBe(PUBLISHER);
    expect((await request.get("/api/embed/checks?article=no-such-article-here", { headers: { origin: PUBLISHER } })).status()).toBe(404);

    const js = await request.get("/embed.js", { headers: { "accept-encoding": "gzip" } });
    expect(js.headers()["content-type"]).toMatch(/javascript/);
    expect(js.headers()["content-encoding"]).toBe("gzip");
    expect(js.headers()["cross-origin-resource-policy"]).toBe("cross-origin");
  });

  test("page 1: highlights land on exactly the checked words, the edited sentence's check is counted as not placed, the text is unchanged", async ({ page }) => {
    await page.goto(`${PUBLISHER}/news/al-qaryatain?noembed`);
    const before = await page.evaluate(() => ({ text: document.querySelector("article")!.textContent, globals: Object.getOwnPropertyNames(window), height: document.querySelector("article")!.getBoundingClientRect().height }));
    await page.goto(`${PUBLISHER}/news/al-qaryatain`);
    expect(await drawn(page)).toEqual({ status: "drawn", placed: 3, notPlaced: 1, article: seedSlug });
    const after = await page.evaluate(() => ({ text: document.querySelector("article")!.textContent, globals: Object.getOwnPropertyNames(window), height: document.querySelector("article")!.getBoundingClientRect().height }));
    expect(after.text).toBe(before.text);
    expect(after.height).toBe(before.height);
    expect(after.globals.filter((g) => !before.globals.includes(g))).toEqual(["FactmarkEmbed"]);

    expect(await highlights(page)).toEqual({
      "factmark-missing-context": [Q.caption],
      "factmark-disputed": [Q.linked],
      "factmark-accurate": [Q.spaced],
    });

    // The host's CSS (button { font-size: 40px !important; background: magenta }) does not reach the widget.
    const toggle = page.getByRole("button", { name: "Fact checks: 3" });
    await expect(toggle).toHaveCSS("font-size", "14px");
    await expect(toggle).not.toHaveCSS("background-color", "rgb(255, 0, 255)");
    await toggle.click();
    const panel = page.getByRole("region", { name: "Fact checks on this article" });
    await expect(panel).toContainText("1 check could not be placed on this version of the page.");
    await expect(panel).toContainText("Credible sources disagree: 1");
    await expect(panel.getByRole("link", { name: "Read every check on Factmark" })).toHaveAttribute("href", `${FACTMARK}/articles/${seedSlug}`);
  });

  test("page 1: keyboard (n, p, Enter, Esc), the evidence popover, a click on the words, and axe with the popover open", async ({ page }) => {
    await page.goto(`${PUBLISHER}/news/al-qaryatain`);
    await drawn(page);
    await page.getByRole("button", { name: "Fact checks: 3" }).focus();
    await page.keyboard.press("n");
    expect(await focusedMark(page)).toBe(`Missing context: “${Q.caption}”`);
    await page.keyboard.press("n");
    expect(await focusedMark(page)).toBe(`Credible sources disagree: “${Q.linked}”`);
    await page.keyboard.press("n");
    expect(await focusedMark(page)).toBe(`Accurate: “${Q.spaced}”`);
    await page.keyboard.press("p");
    expect(await focusedMark(page)).toBe(`Credible sources disagree: “${Q.linked}”`);

    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText("Credible sources disagree");
    await expect(dialog).toContainText("SOHR counts 116 executed");
    await expect(dialog.getByRole("link", { name: "SOHR casualty report" })).toHaveAttribute("href", "https://www.syriahr.com/en/");
    await expect(dialog).toContainText(/Checked by .+, approved by .+ on \d{4}-\d{2}-\d{2}\./);
    await expect(dialog).toHaveCSS("background-color", "rgb(255, 255, 255)");
    await expect(dialog).toHaveCSS("animation-name", "fm-in");
    await expect(page.getByRole("button", { name: `Credible sources disagree: “${Q.linked}”` })).toHaveAttribute("aria-expanded", "true");

    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    expect(await focusedMark(page)).toBe(`Credible sources disagree: “${Q.linked}”`);

    // A click on highlighted words opens their check; the page's own link inside them still works as a link.
    const box = await page.evaluate((quote) => {
      let range: Range | null = null;
      CSS.highlights.get("factmark-accurate")!.forEach((r) => {
        if ((r as Range).toString().replace(/\s+/g, " ") === quote) range = r as Range;
      });
      const rect = (range as unknown as Range).getClientRects()[0];
      return { x: rect.left + 5, y: rect.top + rect.height / 2 };
    }, Q.spaced);
    await page.mouse.click(box.x, box.y);
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText("Accurate");
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
  });

  test("page 2: data-factmark-root limits the widget to that element", async ({ page }) => {
    await page.goto(`${PUBLISHER}/news/al-qaryatain-root`);
    expect(await drawn(page)).toEqual({ status: "drawn", placed: 4, notPlaced: 0, article: seedSlug });
    const outside = await page.evaluate(() => {
      const story = document.getElementById("story")!;
      let n = 0;
      CSS.highlights.forEach((h) => h.forEach((r) => void (story.contains((r as Range).commonAncestorContainer) ? 0 : n++)));
      return n;
    });
    expect(outside).toBe(0);
    expect(await highlights(page)).toMatchObject({ "factmark-false": [Q.edited], "factmark-disputed": [Q.linked] });
    // Drawing again (FactmarkEmbed.refresh) replaces the widget instead of adding a second one.
    const sheets = await page.evaluate(() => document.adoptedStyleSheets.length);
    const again = await page.evaluate(() => (window as unknown as { FactmarkEmbed: { refresh(): Promise<unknown> } }).FactmarkEmbed.refresh());
    expect(again).toEqual({ status: "drawn", placed: 4, notPlaced: 0, article: seedSlug });
    expect(await page.evaluate(() => [document.querySelectorAll("factmark-embed").length, document.adoptedStyleSheets.length])).toEqual([1, sheets]);
  });

  test("page 3: right-to-left Arabic keeps its letters joined and its text unchanged, on a dark page", async ({ page }) => {
    const measure = () =>
      page.evaluate(() => {
        const article = document.querySelector("article")!;
        return {
          text: article.textContent,
          nodes: [...article.querySelectorAll("p")].map((p) => p.childNodes.length),
          // The width of every word: a word cut by a mark would be shaped as two pieces and change width.
          words: [...article.querySelectorAll("p")].flatMap((p) => {
            const out: number[] = [];
            const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
              const t = walker.currentNode as Text;
              for (const m of t.data.matchAll(/\S+/g)) {
                const r = document.createRange();
                r.setStart(t, m.index!);
                r.setEnd(t, m.index! + m[0].length);
                out.push(Math.round(r.getBoundingClientRect().width * 100) / 100);
              }
            }
            return out;
          }),
        };
      });
    // prefers-reduced-motion is honoured: no animation on the popover.
    await page.emulateMedia({ reducedMotion: "reduce" });
    await page.goto(`${PUBLISHER}/ar/story?noembed`);
    const before = await measure();
    await page.goto(`${PUBLISHER}/ar/story`);
    expect(await drawn(page)).toEqual({ status: "drawn", placed: 2, notPlaced: 0, article: arabicSlug });
    expect(await measure()).toEqual(before);
    expect(await highlights(page)).toEqual({ "factmark-disputed": [Q.arabicA], "factmark-accurate": [Q.arabicB] });
    // No highlight starts or ends inside a word.
    const cuts = await page.evaluate(() => {
      const letter = /[\p{L}\p{M}\p{N}]/u;
      let n = 0;
      CSS.highlights.forEach((h) =>
        h.forEach((r) => {
          const range = r as Range;
          const s = range.startContainer as Text;
          const e = range.endContainer as Text;
          if (letter.test(s.data[range.startOffset - 1] ?? "") || letter.test(e.data[range.endOffset] ?? "")) n++;
        }),
      );
      return n;
    });
    expect(cuts).toBe(0);
    await page.getByRole("button", { name: `Credible sources disagree: “${Q.arabicA}”` }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("dialog")).toContainText("Other monitors counted 67 civilians.");
    // A dark host page gets the dark widget (readable contrast), and reduced motion means no animation.
    await expect(page.getByRole("dialog")).toHaveCSS("background-color", "rgb(22, 27, 34)");
    await expect(page.getByRole("dialog")).toHaveCSS("animation-name", "none");
    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });

  test("an editor finds the Embed code on the article's page and copies it", async ({ browser }) => {
    const context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
    const page = await context.newPage();
    await signInAndWait(page, "editor@example.org");
    await page.goto(`/articles/${seedSlug}`);
    await expect(page.getByRole("heading", { name: "Embed code" })).toBeVisible();
    const snippet = `<script src="${FACTMARK}/embed.js" data-factmark-article="${seedSlug}" async></script>`;
    await expect(page.getByTestId("embed-snippet")).toHaveText(snippet);
    await page.getByRole("button", { name: "Copy embed code" }).click();
    await expect(page.getByText("Copied.")).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);
    const axe = await new AxeBuilder({ page }).include("#embed-code-heading").include('[data-testid="embed-snippet"]').withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
    await context.close();
  });
});

// The browser itself logs the refused cross-origin fetch as an error, so this test does not use the
// console-error fixture; it checks what the script says instead.
base("page 4: on an origin that is not allowed nothing is drawn, and the console says why once", async ({ page }) => {
  const messages: string[] = [];
  page.on("console", (m) => messages.push(m.text()));
  await page.goto(`${OTHER}/news/al-qaryatain`);
  const state = await drawn(page);
  expect(state).toEqual({ status: "failed", reason: "not loaded" });
  expect(await page.evaluate(() => ({ highlights: CSS.highlights.size, hosts: document.querySelectorAll("factmark-embed").length }))).toEqual({ highlights: 0, hosts: 0 });
  const ours = messages.filter((m) => m.startsWith("[Factmark]"));
  expect(ours).toHaveLength(1);
  expect(ours[0]).toContain(`If this site (${OTHER}) should show them`);
  expect(ours[0]).toContain("Allowed origins");
});
