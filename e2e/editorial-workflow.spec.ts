import { request as playwrightRequest, type Browser, type Page } from "@playwright/test";
import { expect, REVIEW_URL, SEED_SLUG, selectInArticle, signInAndWait, test, SAME_ORIGIN } from "./fixtures";

// Issue 5: submit → send back with a reason → resubmit → approve → readers see it; the publish lock;
// and a reviewer cannot approve, in the UI or through the API.

const claimsRegion = (page: Page) => page.getByRole("region", { name: "Claims" });
const PUBLISHED_URL = `/api/articles/${SEED_SLUG}/published`;

async function addClaim(page: Page, phrase: string, explanation: string) {
  await page.goto(REVIEW_URL);
  await selectInArticle(page, phrase);
  await page.getByRole("button", { name: "Add claim" }).click();
  const form = page.getByRole("form", { name: "New claim" });
  await form.getByLabel("Verdict").selectOption({ label: "Accurate" });
  await form.getByLabel("Explanation").fill(explanation);
  await form.getByRole("button", { name: "Save claim" }).click();
  const card = claimsRegion(page).locator('[data-testid="claim-card"]', { hasText: phrase });
  await expect(card).toHaveCount(1);
  return (await card.getAttribute("data-claim-id"))!;
}

async function signedIn(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAndWait(page, email);
  return { context, page };
}

async function readerSees(page: Page, claimId: string) {
  // An anonymous reader: a request context with no cookies.
  const anonymous = await playwrightRequest.newContext({ baseURL: new URL(page.url()).origin });
  const res = await anonymous.get(PUBLISHED_URL);
  expect(res.status()).toBe(200);
  const { claims } = (await res.json()) as { claims: { claimId: string; explanation: string; verdict: string }[] };
  await anonymous.dispose();
  return claims.find((c) => c.claimId === claimId) ?? null;
}

async function transition(page: Page, claimId: string, action: string, reason?: string) {
  const claimPage = await page.request.get(`/review/claims/${claimId}`);
  expect(claimPage.ok()).toBe(true);
  const version = Number(/data-version="(\d+)"/.exec(await claimPage.text())![1]);
  return page.request.post(`/api/claims/${claimId}/transitions`, { headers: SAME_ORIGIN, data: { action, version, reason } });
}

test.describe("editorial workflow", () => {
  test("reviewer submits, editor sends it back with a reason, reviewer fixes and resubmits, editor approves, readers see it", async ({ page, browser }) => {
    await signInAndWait(page, "reviewer@example.org");
    const id = await addClaim(page, "executed with knives", "Witnesses quoted by AFP.");
    const card = claimsRegion(page).locator(`[data-claim-id="${id}"]`);
    await card.getByRole("button").first().click();
    await card.getByRole("link", { name: "Review, comments and history" }).click();
    await expect(page.getByRole("heading", { name: "Claim", exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
    await page.getByRole("button", { name: "Submit for review" }).click();
    await expect(page.getByTestId("claim-state")).toContainText("Submitted");

    const editor = await signedIn(browser, "editor@example.org");
    await expect(editor.page.getByTestId("queue-count")).not.toHaveText("0");
    await editor.page.getByTestId("queue-link").click();
    await expect(editor.page.getByRole("heading", { name: "Review queue" })).toBeVisible();
    const row = editor.page.locator(`[data-testid="queue-item"][data-claim-id="${id}"]`);
    await expect(row).toContainText("Rita Reviewer");
    await expect(row).toContainText("Accurate");
    await row.getByRole("link").click();
    await expect(editor.page.getByRole("region", { name: "In the article" }).locator("mark")).toHaveText("executed with knives");
    await expect(editor.page.getByRole("region", { name: "History" })).toContainText("submitted it for review");
    await editor.page.getByRole("button", { name: "Request changes" }).click();
    await expect(editor.page.getByText("Give a reason")).toBeVisible();
    await editor.page.getByLabel("Reason").fill("Name the witnesses' source & link the AFP report.");
    await editor.page.getByRole("button", { name: "Request changes" }).click();
    await expect(editor.page.getByTestId("claim-state")).toContainText("Changes requested");
    await editor.page.getByLabel("Comment").fill("<b>not bold</b> — see the AFP wire.");
    await editor.page.getByRole("button", { name: "Post comment" }).click();
    await expect(editor.page.getByTestId("comment")).toContainText("<b>not bold</b> — see the AFP wire.");

    await page.goto("/");
    await expect(page.getByTestId("unread-count")).toBeVisible();
    await page.getByTestId("notifications-link").click();
    await expect(page.getByTestId("notification").filter({ hasText: "requested changes" })).toContainText("Name the witnesses' source & link the AFP report.");
    await page.getByTestId("notification").filter({ hasText: "requested changes" }).getByRole("link", { name: "Open the claim" }).click();
    await expect(page.getByTestId("claim-state")).toContainText("Changes requested");
    await expect(page.getByRole("region", { name: "History" })).toContainText("Name the witnesses' source & link the AFP report.");
    await expect(page.getByTestId("comment").locator("b")).toHaveCount(0);

    await page.goto(REVIEW_URL);
    await card.getByRole("button").first().click();
    await card.getByRole("button", { name: "Edit claim" }).click();
    const form = page.getByRole("form", { name: "Edit claim" });
    await form.getByLabel("Explanation").fill("Residents quoted by AFP (Agence France-Presse, 23 Oct 2015).");
    await form.getByRole("button", { name: "Save claim" }).click();
    await expect(page.getByTestId("notice")).toHaveText("Changes saved.");
    await page.goto(`/review/claims/${id}`);
    await page.getByRole("button", { name: "Submit for review" }).click();
    await expect(page.getByTestId("claim-state")).toContainText("Submitted");
    expect(await readerSees(page, id)).toBeNull();

    await editor.page.goto(`/review/claims/${id}`);
    const history = editor.page.getByRole("region", { name: "History" });
    await expect(history).toContainText("Witnesses quoted by AFP.");
    await expect(history).toContainText("Residents quoted by AFP (Agence France-Presse, 23 Oct 2015).");
    await editor.page.getByRole("button", { name: "Approve" }).click();
    await expect(editor.page.getByTestId("claim-state")).toContainText("Approved");

    expect(await readerSees(page, id)).toMatchObject({ verdict: "ACCURATE", explanation: "Residents quoted by AFP (Agence France-Presse, 23 Oct 2015)." });
    await page.goto("/notifications");
    await expect(page.getByTestId("notification").first()).toContainText("approved your claim");
    await editor.context.close();
  });

  test("a reviewer cannot reach the approve action, in the UI or by calling it (403)", async ({ page }) => {
    await signInAndWait(page, "reviewer@example.org");
    const id = await addClaim(page, "sleeper cells", "Per SOHR.");
    expect((await transition(page, id, "submit")).status()).toBe(200);
    await page.goto(`/review/claims/${id}`);
    await expect(page.getByTestId("claim-state")).toContainText("Submitted");
    await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Request changes" })).toHaveCount(0);
    const res = await transition(page, id, "approve");
    expect(res.status()).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/Only an editor can approve/);
    const queue = await page.request.get("/review/queue");
    expect(queue.status()).toBe(403);
    expect(await readerSees(page, id)).toBeNull();
  });

  test("an editor's edit of an approved claim leaves the approved version with readers until another editor approves it", async ({ page, browser }) => {
    await signInAndWait(page, "reviewer@example.org");
    const id = await addClaim(page, "100 kilometers southwest", "Distance per Google Maps.");
    expect((await transition(page, id, "submit")).status()).toBe(200);
    const editor = await signedIn(browser, "editor@example.org");
    expect((await transition(editor.page, id, "approve")).status()).toBe(200);
    expect(await readerSees(page, id)).toMatchObject({ explanation: "Distance per Google Maps." });

    await editor.page.goto(REVIEW_URL);
    const card = claimsRegion(editor.page).locator(`[data-claim-id="${id}"]`);
    await card.getByRole("button").first().click();
    await card.getByRole("button", { name: "Edit claim" }).click();
    const form = editor.page.getByRole("form", { name: "Edit claim" });
    // Not "Mostly accurate": the workspace spec counts those in the same database.
    await form.getByLabel("Verdict").selectOption({ label: "Missing context" });
    await form.getByLabel("Explanation").fill("About 95 km by road; 100 km is the usual rounding.");
    await form.getByRole("button", { name: "Save claim" }).click();
    await expect(editor.page.getByTestId("notice")).toHaveText("Changes saved.");

    expect(await readerSees(page, id)).toMatchObject({ verdict: "ACCURATE", explanation: "Distance per Google Maps." });
    await editor.page.goto(`/review/claims/${id}`);
    await expect(editor.page.getByTestId("claim-state")).toContainText("Submitted");
    await expect(editor.page.getByRole("region", { name: "What readers see" })).toContainText("Distance per Google Maps.");
    // The editor made this revision, so they cannot approve it themselves.
    await expect(editor.page.getByRole("button", { name: "Approve" })).toHaveCount(0);

    const admin = await signedIn(browser, "admin@example.org");
    await admin.page.goto(`/review/claims/${id}`);
    await admin.page.getByRole("button", { name: "Approve" }).click();
    await expect(admin.page.getByTestId("claim-state")).toContainText("Approved");
    expect(await readerSees(page, id)).toMatchObject({ verdict: "MISSING_CONTEXT", explanation: "About 95 km by road; 100 km is the usual rounding." });

    // Retract: readers are told the check was withdrawn, and why.
    await admin.page.getByLabel("Reason").fill("The distance source was wrong.");
    await admin.page.getByRole("button", { name: "Retract" }).click();
    await expect(admin.page.getByTestId("claim-state")).toContainText("Retracted");
    expect(await readerSees(page, id)).toMatchObject({ retraction: { reason: "The distance source was wrong." } });
    await editor.context.close();
    await admin.context.close();
  });

  test("two editors approving at once: one succeeds, the other sees the conflict and the current state", async ({ page, browser }) => {
    await signInAndWait(page, "reviewer@example.org");
    const id = await addClaim(page, "ancient city of Palmyra", "Palmyra is an ancient city.");
    expect((await transition(page, id, "submit")).status()).toBe(200);
    const editor = await signedIn(browser, "editor@example.org");
    const admin = await signedIn(browser, "admin@example.org");
    // Live updates would refresh the editor's page first (e2e/live-workspace.spec.ts); without the
    // stream, the version check on the server is the last line of defence, and that is what this tests.
    await editor.page.route("**/api/events**", (route) => route.abort());
    await editor.page.goto(`/review/claims/${id}`);
    await admin.page.goto(`/review/claims/${id}`);
    await admin.page.getByRole("button", { name: "Approve" }).click();
    await expect(admin.page.getByTestId("claim-state")).toContainText("Approved");
    await editor.page.getByLabel("Reason").fill("Say which Palmyra.");
    await editor.page.getByRole("button", { name: "Request changes" }).click();
    const conflict = editor.page.getByTestId("conflict");
    await expect(conflict).toContainText("changed this claim after you opened it");
    await expect(conflict.getByTestId("conflict-state")).toHaveText("Approved");
    await editor.context.close();
    await admin.context.close();
  });
});
