import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { expect, SAME_ORIGIN, signInAndWait, test } from "./fixtures";

// Issue 17: an editor opens the dashboard from the header, filters by reviewer, switches a chart to
// its table and downloads its CSV; the numbers are checked against what the database holds (the
// claims this spec wrote through the API, read back through the claims API).
// Everything here is the spec's own: a new reviewer and a new article.

const run = Date.now().toString(36);
const JSON_WRITE = { ...SAME_ORIGIN, "content-type": "application/json" };
const FIELDS = { verdict: "FALSE", explanation: "Checked for the dashboard spec.", tags: [`dash-${run}`], sources: [] };

async function newReviewer(admin: Page, browser: Browser, name: string) {
  const email = `dana-${run}@example.org`;
  const password = "dana picks a long passphrase";
  const created = await admin.request.post("/api/admin/users", { headers: JSON_WRITE, data: { name, email, role: "REVIEWER", method: "invitation" } });
  expect(created.status(), await created.text()).toBe(201);
  const { user, invitation } = (await created.json()) as { user: { id: string }; invitation: { path: string } };
  const context = await browser.newContext();
  const page = await context.newPage();
  const accepted = await page.request.post("/api/account/invitation", { headers: JSON_WRITE, data: { token: invitation.path.split("/").pop(), newPassword: password, confirmNewPassword: password } });
  expect(accepted.status(), await accepted.text()).toBe(200);
  await signInAndWait(page, email, password);
  return { id: user.id, page, context };
}

async function transition(page: Page, claim: { id: string; version: number }, action: string, reason?: string) {
  const res = await page.request.post(`/api/claims/${claim.id}/transitions`, { headers: JSON_WRITE, data: { action, version: claim.version, reason } });
  expect(res.ok(), await res.text()).toBe(true);
  return ((await res.json()) as { claim: { id: string; version: number; state: string } }).claim;
}

async function downloadCsv(page: Page, section: string) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId(section).getByRole("link", { name: "Download CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^factmark-[a-z-]+-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  return readFileSync(await download.path(), "utf8");
}

test("an editor filters the dashboard by reviewer, reads a chart as a table and downloads its CSV", async ({ page, browser }) => {
  // Axe over seven SVG charts is slow on a loaded machine.
  test.setTimeout(300_000);
  await signInAndWait(page, "admin@example.org");
  const reviewerName = `Dana Dashboard ${run}`;
  const reviewer = await newReviewer(page, browser, reviewerName);

  // An article of the spec's own, and the reviewer's history on it: 3 claims drafted, 2 submitted,
  // 1 sent back, 1 approved.
  const content = `The bridge opened in 1931 after four years of work.\n\nIt carried 12,000 cars a day by ${run}, the city said.\n\nIts main span is 503 metres long.`;
  const imported = await page.request.post("/api/articles/import", { headers: JSON_WRITE, data: { format: "text", content, title: `Bridge story ${run}` } });
  expect(imported.ok(), await imported.text()).toBe(true);
  const { slug } = (await imported.json()) as { slug: string };
  const ws = (await (await reviewer.page.request.get(`/api/articles/${slug}/claims`)).json()) as { articleVersionId: string; plainText: string };
  const claims: { id: string; version: number }[] = [];
  for (const quote of ["opened in 1931", "12,000 cars a day", "503 metres long"]) {
    const at = ws.plainText.indexOf(quote);
    const res = await reviewer.page.request.post(`/api/articles/${slug}/claims`, { headers: JSON_WRITE, data: { articleVersionId: ws.articleVersionId, start: at, end: at + quote.length, fields: FIELDS } });
    expect(res.status(), await res.text()).toBe(201);
    claims.push(((await res.json()) as { claim: { id: string; version: number } }).claim);
  }
  const sentBack = await transition(reviewer.page, claims[0], "submit");
  const approved = await transition(reviewer.page, claims[1], "submit");
  const editor = await browser.newContext();
  const ep = await editor.newPage();
  await signInAndWait(ep, "editor@example.org");
  await transition(ep, sentBack, "requestChanges", "Name the source.");
  await transition(ep, approved, "approve");

  // What the database now holds for this article, read back through the API.
  const stored = (await (await ep.request.get(`/api/articles/${slug}/claims`)).json()) as { claims: { state: string }[] };
  const byState = (s: string) => stored.claims.filter((c) => c.state === s).length;
  expect(stored.claims).toHaveLength(3);

  // The editor opens the dashboard from the header and filters by the reviewer.
  await ep.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Dashboard" }).click();
  await expect(ep.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  const filters = ep.getByRole("form", { name: "Filter the dashboard" });
  await filters.getByLabel("Reviewer").selectOption({ label: reviewerName });
  await ep.getByRole("button", { name: "Apply filters" }).click();
  await expect(ep).toHaveURL(new RegExp(`[?&]reviewer=${reviewer.id}`));
  // The filter is in the address: a reload (a shared link) shows the same view.
  await ep.reload();
  await expect(filters.getByLabel("Reviewer")).toHaveValue(reviewer.id);

  const reviewers = ep.getByTestId("chart-reviewers");
  await expect(reviewers.locator("svg[role=img]")).toBeVisible();
  const table = reviewers.getByRole("table");
  await expect(table).toBeHidden();
  await reviewers.getByText("Show as table").click();
  await expect(table).toBeVisible();
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table.getByRole("row").nth(1)).toHaveText(new RegExp(`${reviewerName}\\s*3\\s*2\\s*1\\s*1`));

  expect(await downloadCsv(ep, "chart-reviewers")).toBe(`Reviewer,Drafted,Submitted,Approved,Sent back\r\n${reviewerName},3,2,1,1\r\n`);
  const perArticle = await downloadCsv(ep, "chart-articles");
  expect(perArticle).toBe(
    `Article,Draft,Submitted,Changes requested,Approved,Retracted\r\nBridge story ${run},${byState("DRAFT")},${byState("SUBMITTED")},${byState("CHANGES_REQUESTED")},${byState("APPROVED")},${byState("RETRACTED")}\r\n`,
  );
  expect(perArticle).toContain(",1,0,1,1,0\r\n");
  // The published chart counts the one approval and the one send-back: a 50% send-back rate.
  expect(await downloadCsv(ep, "chart-published")).toMatch(/^Week of,Published,Sent back,Send-back rate %\r\n\d{4}-\d{2}-\d{2},1,1,50\r\n$/);

  // Readable without JavaScript too, and axe finds nothing to fix.
  const axe = await new AxeBuilder({ page: ep }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);

  // A reviewer has no dashboard: no link, and the page and the CSV are refused.
  await expect(reviewer.page.getByRole("link", { name: "Dashboard" })).toHaveCount(0);
  expect((await reviewer.page.goto("/dashboard"))?.status()).toBe(403);
  expect((await reviewer.page.request.get("/api/dashboard/reviewers")).status()).toBe(403);
  expect((await ep.request.get("/api/dashboard/reviewers?from=2026-13-01")).status()).toBe(400);
  await editor.close();
  await reviewer.context.close();
});
