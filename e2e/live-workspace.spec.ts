// Live collaboration in the review workspace (issue 15), on one instance: a colleague's claims
// appear, change and disappear without a reload and without touching the form being typed in;
// "Also here"; the "saved this claim while you were editing" notice; and the paused status while the stream is down. Each test works on an article of its own.
import { expect, selectInArticle, test } from "./fixtures";
import { createClaimVia, deleteClaimVia, highlightOf, importArticle, openWorkspace, person, transitionVia, updateClaimVia } from "./live-helpers";

test.describe("live workspace", () => {
  // Three signed-in browsers on a shared 2-core machine: signing in alone can take many seconds.
  test.describe.configure({ timeout: 150_000 });
  test("a colleague's claim appears, changes and disappears while the form keeps what I typed", async ({ browser }) => {
    const editor = await person(browser, "editor@example.org");
    const me = await person(browser, "reviewer@example.org");
    const colleague = await person(browser, "reviewer2@example.org");
    try {
      const slug = await importArticle(editor.page, `Live workspace ${Date.now()}`);
      await openWorkspace(me.page, slug);
      await openWorkspace(colleague.page, slug);

      // Also here: each sees the other, by name.
      await expect(me.page.getByRole("region", { name: "Also here" })).toContainText("Rob Reviewer");
      await expect(colleague.page.getByRole("region", { name: "Also here" })).toContainText("Rita Reviewer");

      // I start a claim and type into its form.
      await selectInArticle(me.page, "eleven weeks of repairs");
      await me.page.getByRole("button", { name: "Add claim" }).click();
      const form = me.page.getByRole("form", { name: "New claim" });
      await form.getByLabel("Explanation").fill("Half-typed: the council's own notice says eleven weeks.");

      // My colleague's claim appears in my highlights within a second or two...
      let theirs = await createClaimVia(colleague.page, slug, "4.2 million euros");
      await expect(highlightOf(me.page, theirs.id)).toHaveAttribute("data-verdict", "ACCURATE", { timeout: 2_000 });
      // ...changes...
      theirs = await updateClaimVia(colleague.page, theirs, "FALSE", "The invoice says 5.1 million.");
      await expect(highlightOf(me.page, theirs.id)).toHaveAttribute("data-verdict", "FALSE", { timeout: 2_000 });
      // ...and disappears.
      await deleteClaimVia(colleague.page, theirs);
      await expect(highlightOf(me.page, theirs.id)).toHaveCount(0, { timeout: 2_000 });

      // Nothing I typed was lost, and my claim saves.
      await expect(form.getByLabel("Explanation")).toHaveValue("Half-typed: the council's own notice says eleven weeks.");
      await form.getByRole("button", { name: "Save claim" }).click();
      const mine = me.page.getByRole("region", { name: "Claims" }).locator('[data-testid="claim-card"]', { hasText: "eleven weeks of repairs" });
      await expect(mine).toHaveCount(1);
      // ...and it reaches my colleague.
      await expect(colleague.page.locator('[data-testid="review-text"] [data-claim-id]')).toHaveCount(1, { timeout: 2_000 });

      // When my colleague leaves, Also here says so.
      await colleague.page.goto("/");
      await expect(me.page.getByRole("region", { name: "Also here" })).toContainText("Nobody else has this article open.", { timeout: 5_000 });
    } finally {
      await Promise.all([editor.close(), me.close(), colleague.close()]);
    }
  });

  test("the form warns before I save over a colleague's change; the 409 still guards the save", async ({ browser }) => {
    const editor = await person(browser, "editor@example.org");
    const me = await person(browser, "reviewer@example.org");
    try {
      const slug = await importArticle(editor.page, `Live conflict ${Date.now()}`);
      const claim = await createClaimVia(me.page, slug, "fell by a third", "First take.");
      await openWorkspace(me.page, slug);
      await me.page.getByRole("region", { name: "Claims" }).locator(`[data-claim-id="${claim.id}"]`).getByRole("button").first().click();
      await me.page.getByRole("region", { name: "Claims" }).locator(`[data-claim-id="${claim.id}"]`).getByRole("button", { name: "Edit claim" }).click();
      const form = me.page.getByRole("form", { name: "Edit claim" });
      await form.getByLabel("Explanation").fill("My second take, not saved yet.");

      await updateClaimVia(editor.page, claim, "MISLEADING", "The editor's take: a third of weekday trips only.");
      const notice = form.getByTestId("live-change");
      await expect(notice).toContainText("Eddie Editor saved this claim while you were editing", { timeout: 2_000 });
      await notice.getByRole("button", { name: "Show their version" }).click();
      await expect(notice.getByTestId("live-change-explanation")).toHaveText("The editor's take: a third of weekday trips only.");
      await expect(form.getByLabel("Explanation")).toHaveValue("My second take, not saved yet.");

      // Saving anyway is refused with the 409, as before.
      await form.getByRole("button", { name: "Save claim" }).click();
      await expect(form.getByTestId("conflict")).toContainText("Eddie Editor saved this claim after you opened it");
      await expect(notice).toHaveCount(0);
    } finally {
      await Promise.all([editor.close(), me.close()]);
    }
  });

  test("the review queue refreshes itself: a reviewer's submission appears, an approval takes it away, without a reload", async ({ browser }) => {
    const editor = await person(browser, "editor@example.org");
    const reviewer = await person(browser, "reviewer@example.org");
    try {
      const slug = await importArticle(editor.page, `Live queue ${Date.now()}`);
      const claim = await createClaimVia(reviewer.page, slug, "fell by a third", "Port authority figures agree.");

      await editor.page.goto("/review/queue");
      await expect(editor.page.getByTestId("live-status")).toHaveAttribute("data-live", "live");
      // A reload would drop this marker: the row must come from the live refresh, not a new page.
      await editor.page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
      const row = editor.page.locator(`[data-testid="queue-item"][data-claim-id="${claim.id}"]`);
      await expect(row).toHaveCount(0);
      const queueCount = Number(await editor.page.getByTestId("queue-count").textContent({ timeout: 5_000 }));

      const submitted = await transitionVia(reviewer.page, claim, "submit");
      // Explicit timeouts throughout: a missing refresh fails here in seconds instead of waiting for the test's limit.
      await expect(row).toHaveCount(1, { timeout: 5_000 });
      await expect(row).toContainText("fell by a third");
      await expect(row).toContainText("Rita Reviewer");
      await expect(editor.page.getByTestId("queue-count")).toHaveText(String(queueCount + 1), { timeout: 5_000 });
      // The submission notifies editors; the header's unread count appears without a reload too.
      await expect(editor.page.getByTestId("unread-count")).toBeVisible({ timeout: 5_000 });

      // Approved (here through the API, as from another tab): it leaves the queue.
      await transitionVia(editor.page, submitted, "approve");
      await expect(row).toHaveCount(0, { timeout: 5_000 });
      await expect(editor.page.getByTestId("queue-count")).toHaveText(String(queueCount), { timeout: 5_000 });
      expect(await editor.page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    } finally {
      await Promise.all([editor.close(), reviewer.close()]);
    }
  });

  test("while the stream is down the page says so, and it comes back by itself", async ({ browser }) => {
    const me = await person(browser, "reviewer2@example.org");
    try {
      await me.page.route("**/api/events**", (route) => route.fulfill({ status: 503, contentType: "application/json", body: '{"error":{"code":"UNAVAILABLE","message":"down"}}' }));
      await me.page.goto("/");
      await expect(me.page.getByTestId("live-status")).toHaveText("Live updates paused, retrying");
      await me.page.unroute("**/api/events**");
      await expect(me.page.getByTestId("live-status")).toHaveAttribute("data-live", "live", { timeout: 10_000 });
      await expect(me.page.getByTestId("live-status")).toHaveText("");
    } finally {
      await me.close();
    }
  });
});
