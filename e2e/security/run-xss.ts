// Stored XSS (issue 12): every payload goes through the fields people type or import, then every
// page that shows them is opened in Chromium as each role that may open it. An execution is a call
// to the exposed top.__xss(id), or any dialog.
import { contextAs, launchChromium } from "./browser";
import { ROLE_NAMES, type Reply, type RoleName } from "./client";
import type { ClaimRef, Fixtures } from "./fixtures";
import { buildPayloads, type Payload } from "./xss-payloads";

export type XssResult = { payloads: number; pages: number; roles: number; pageLoads: number; stored: number; executions: string[]; errors: string[] };

type Target = { path: string; roles: readonly RoleName[] };
const SIGNED_IN: RoleName[] = ["reader", "reviewer", "reviewer2", "editor", "admin"];
const REVIEW: RoleName[] = ["reviewer", "reviewer2", "editor", "admin"];
const EDIT: RoleName[] = ["editor", "admin"];

/** Splits payloads into groups whose joined text stays under `max` characters. */
function chunks(payloads: Payload[], max: number): Payload[][] {
  const out: Payload[][] = [[]];
  let size = 0;
  for (const p of payloads) {
    if (size + p.text.length + 1 > max && out[out.length - 1].length) {
      out.push([]);
      size = 0;
    }
    out[out.length - 1].push(p);
    size += p.text.length + 1;
  }
  return out;
}

export async function runXss(fx: Fixtures, log: (s: string) => void): Promise<XssResult> {
  const payloads = buildPayloads();
  const result: XssResult = { payloads: payloads.length, pages: 0, roles: ROLE_NAMES.length, pageLoads: 0, stored: 0, executions: [], errors: [] };
  let refused = 0;
  const store = async (what: string, r: Promise<Reply>): Promise<Reply> => {
    const reply = await r;
    if (reply.status >= 200 && reply.status < 300) result.stored++;
    else if (reply.status >= 500) result.errors.push(`storing ${what} → ${reply.status}`);
    else refused++;
    return reply;
  };
  const pick = (i: number) => payloads[i % payloads.length];
  const urlPayloads = payloads.filter((p) => p.text.startsWith("https://"));
  const { editor, admin, reviewer } = fx.as;

  // Article bodies: every payload imported as HTML and as Markdown; titles, bylines and source links.
  // A body with NUL or a lone surrogate is refused as binary (as it should be): then it is imported without those.
  const printable = payloads.filter((p) => !/[\u0000-\u0008]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(p.text));
  const htmlOf = (list: Payload[]) => `<article><h1>${pick(0).text}</h1>${list.map((p) => `<p>Paragraph ${p.id}: ${p.text}</p>`).join("\n")}</article>`;
  const markdownOf = (list: Payload[]) => list.map((p) => `Paragraph ${p.id}: ${p.text}`).join("\n\n");
  let html = htmlOf(payloads);
  const importAs = async (format: "html" | "markdown", content: string, title: string, byline: string, sourceUrl: string | null) => {
    const r = await store(`${format} import`, editor.send("POST", "/api/articles/import", { json: { format, content, title, byline, sourceUrl, publishedAt: "2024-02-10" } }));
    if (r.status === 201) return (r.json as { slug: string }).slug;
    // A refused title, link or character must not keep the rest from being probed.
    const safeContent = format === "html" ? htmlOf(printable) : markdownOf(printable);
    if (format === "html") html = safeContent;
    const plain = await store(`${format} import (printable payloads, plain metadata)`, editor.send("POST", "/api/articles/import", { json: { format, content: safeContent, title: `XSS ${format} body`, byline: null, sourceUrl: null } }));
    if (plain.status !== 201) result.errors.push(`${format} import refused: ${plain.status} ${plain.text.slice(0, 160)}`);
    return (plain.json as { slug?: string } | null)?.slug ?? null;
  };
  const htmlSlug = await importAs("html", html, pick(1).text, pick(2).text, urlPayloads[0]?.text ?? null);
  const mdSlug = await importAs("markdown", markdownOf(payloads), pick(3).text, pick(4).text, urlPayloads[1]?.text ?? null);
  for (const p of payloads) await store(`title ${p.id}`, editor.send("POST", "/api/articles/import", { json: { format: "text", content: `Text of the article titled with ${p.id}.`, title: p.text, byline: p.text.slice(0, 300) } }));
  if (!htmlSlug || !mdSlug) return result;

  // A correction note on a new version (same document, so the claims below sit on it).
  const preview = await editor.send("POST", "/api/articles/import/preview", { json: { format: "html", content: html } });
  const { articleVersionId } = await fx.latest(htmlSlug);
  if (preview.status === 200) {
    await store("correction note", editor.send("POST", `/api/articles/${encodeURIComponent(htmlSlug)}/versions`, { json: { baseVersionId: articleVersionId, doc: (preview.json as { doc: unknown }).doc, correctionNote: pick(5).text } }));
  }

  // Claims: explanations, tags, sources (title, publisher, link, excerpt), comments, reasons.
  const claims: ClaimRef[] = [];
  const groups = chunks(payloads, 1500);
  for (const [g, group] of groups.entries()) {
    const span = await fx.span(htmlSlug);
    const sources = group.slice(0, 20).map((p, i) => ({
      url: urlPayloads[i % urlPayloads.length]?.text ?? "https://example.org/",
      title: p.text.slice(0, 300),
      publisher: p.text.slice(0, 200),
      excerpt: p.text,
      publishedAt: "2024-01-0" + ((i % 9) + 1),
      stance: "CONTEXT",
    }));
    const tags = group.filter((p) => p.text.length <= 40).slice(0, 10).map((p) => p.text);
    let r = await store(`claim ${g}`, reviewer.send("POST", `/api/articles/${encodeURIComponent(htmlSlug)}/claims`, { json: { ...span, fields: { verdict: "MISLEADING", explanation: group.map((p) => p.text).join("\n"), tags, sources } } }));
    if (r.status !== 201) {
      // One refused field or character must not hide the others: store the printable payloads alone.
      const ok = group.filter((p) => printable.includes(p));
      r = await store(`claim ${g} (printable payloads)`, reviewer.send("POST", `/api/articles/${encodeURIComponent(htmlSlug)}/claims`, { json: { ...span, fields: { verdict: "MISLEADING", explanation: ok.map((p) => p.text).join("\n"), tags: [], sources: [] } } }));
    }
    const claim = (r.json as { claim?: { id: string; version: number } } | null)?.claim;
    if (claim) claims.push({ id: claim.id, version: claim.version, slug: htmlSlug });
  }
  for (const [i, p] of payloads.entries()) {
    const claim = claims[i % Math.max(1, claims.length)];
    if (claim) await store(`comment ${p.id}`, (i % 2 ? editor : reviewer).send("POST", `/api/claims/${claim.id}/comments`, { json: { body: p.text } }));
  }
  // Workflow: two published, one retracted with a payload reason, one sent back with a payload reason.
  const move = async (claim: ClaimRef, who: typeof editor, action: string, reason?: string) => {
    const r = await store(`${action} ${claim.id}`, who.send("POST", `/api/claims/${claim.id}/transitions`, { json: { action, version: claim.version, reason } }));
    const v = (r.json as { claim?: { version: number } } | null)?.claim?.version;
    if (v) claim.version = v;
  };
  for (const [i, claim] of claims.entries()) {
    await move(claim, reviewer, "submit");
    if (i % 4 === 3) await move(claim, editor, "requestChanges", pick(6 + i).text);
    else {
      await move(claim, editor, "approve");
      if (i % 4 === 2) await move(claim, editor, "retract", pick(7 + i).text);
    }
  }

  // People: a payload as the reviewer's own name (readers see "Checked by …"), and accounts made by the admin.
  const shortOnes = payloads.filter((p) => p.text.length <= 100);
  const originalName = reviewer.name;
  await store("profile name", reviewer.send("POST", "/api/account/profile", { json: { name: shortOnes[0].text } }));
  let someUser = "";
  for (const p of shortOnes.slice(1, 25)) {
    const r = await store(`user name ${p.id}`, admin.send("POST", "/api/admin/users", { json: { name: p.text, email: `xss-${p.id.toLowerCase()}-${Date.now()}@example.org`, role: "REVIEWER", method: "invitation" } }));
    someUser ||= (r.json as { user?: { id: string } } | null)?.user?.id ?? "";
  }
  // Assignments tell the reviewers about the articles, payload titles included.
  await store("assignment", editor.send("PUT", `/api/articles/${encodeURIComponent(htmlSlug)}/assignments`, { json: { reviewerIds: [fx.as.reviewer.userId, fx.as.reviewer2.userId] } }));
  log(`xss: ${result.stored} fields stored, ${refused} refused by validation`);

  const targets: Target[] = [
    { path: "/", roles: ROLE_NAMES },
    { path: `/?q=${encodeURIComponent(pick(0).text)}`, roles: ROLE_NAMES },
    { path: `/?q=${encodeURIComponent("xss")}`, roles: ["anonymous"] },
    { path: `/articles/${encodeURIComponent(htmlSlug)}`, roles: ROLE_NAMES },
    { path: `/articles/${encodeURIComponent(mdSlug)}`, roles: ROLE_NAMES },
    { path: `/articles/${encodeURIComponent(htmlSlug)}/review`, roles: REVIEW },
    { path: `/articles/${encodeURIComponent(mdSlug)}/review`, roles: ["reviewer"] },
    ...claims.map((c) => ({ path: `/review/claims/${c.id}`, roles: REVIEW })),
    { path: "/review/queue", roles: EDIT },
    { path: `/articles/${encodeURIComponent(htmlSlug)}/versions`, roles: EDIT },
    { path: `/articles/${encodeURIComponent(htmlSlug)}/edit`, roles: EDIT },
    { path: "/notifications", roles: SIGNED_IN },
    { path: "/account", roles: ["reviewer"] },
    { path: "/admin/users", roles: ["admin"] },
    { path: `/admin/users?q=${encodeURIComponent(shortOnes[1].text)}`, roles: ["admin"] },
    ...(someUser ? [{ path: `/admin/users/${someUser}`, roles: ["admin"] as RoleName[] }] : []),
  ];
  result.pages = targets.length;

  const browser = await launchChromium();
  try {
    for (const role of ROLE_NAMES) {
      const context = await contextAs(browser, fx.as[role]);
      let current = "";
      await context.exposeBinding("__xss", (_source, id: unknown) => {
        result.executions.push(`${String(id)} ran on ${current} as ${role}`);
      });
      // Nothing leaves the machine.
      await context.route(/.*/, (route) => (new URL(route.request().url()).origin === fx.base ? route.continue() : route.abort()));
      const page = await context.newPage();
      // The detector must be able to fail: a known execution has to be seen.
      const before = result.executions.length;
      await page.setContent(`<img src=x onerror="top.__xss('CONTROL')">`);
      await page.waitForTimeout(300);
      if (result.executions.length !== before + 1) result.errors.push(`the execution detector did not see the control payload as ${role}`);
      result.executions.length = before;
      page.on("dialog", (d) => {
        result.executions.push(`dialog ${JSON.stringify(d.message())} on ${current} as ${role}`);
        void d.dismiss().catch(() => undefined);
      });
      for (const t of targets) {
        if (!t.roles.includes(role)) continue;
        current = t.path.length > 90 ? t.path.slice(0, 90) + "…" : t.path;
        try {
          const res = await page.goto(t.path, { waitUntil: "load", timeout: 30_000 });
          result.pageLoads++;
          if (res && res.status() >= 500) result.errors.push(`${current} as ${role} → ${res.status()}`);
          await page.waitForTimeout(400);
          // Hover handlers and focus handlers get their chance too.
          for (let y = 50; y < 900; y += 170) for (let x = 60; x < 1200; x += 270) await page.mouse.move(x, y);
          await page.keyboard.press("Tab");
          await page.mouse.wheel(0, 4000);
          await page.waitForTimeout(200);
        } catch (e) {
          result.errors.push(`${current} as ${role}: ${(e as Error).message.split("\n")[0]}`);
        }
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
  await reviewer.send("POST", "/api/account/profile", { json: { name: originalName } });
  log(`xss: ${result.pageLoads} page loads, ${result.executions.length} executions`);
  return result;
}
