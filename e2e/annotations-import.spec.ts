// Issue 19, the workspace's Export annotations / Import annotations: a reviewer downloads the
// article's W3C AnnotationCollection, then imports a Hypothesis file. The report comes before
// anything is written (what will be created, what needs re-check and why, what is refused and
// why); Confirm writes the drafts; the same file a second time creates nothing.
import { readFile } from "node:fs/promises";
import { expect, REVIEW_URL, SEED_SLUG, signInAndWait, test } from "./fixtures";

const RUN = Date.now().toString(36);
const EXPLANATION = `Imported from Hypothesis in the import spec (${RUN}).`;
/** Words no other spec claims, so the card below is this import's. */
const QUOTE = "a U.K.-based monitoring group";

/** Hypothesis /api/search rows: one that anchors, one on words the article lacks, one page note. */
function hypothesisFile(origin: string) {
  const uri = `${origin}/articles/${SEED_SLUG}`;
  const row = (id: string, exact: string, text: string) => ({
    id: `${id}-${RUN}`,
    uri,
    user: "acct:newsroom@hypothes.is",
    text,
    tags: ["import-spec"],
    target: [{ source: uri, selector: [{ type: "RangeSelector", startContainer: "/p[3]", startOffset: 0, endContainer: "/p[3]", endOffset: 10 }, { type: "TextQuoteSelector", exact }] }],
  });
  return {
    total: 3,
    rows: [
      row("anchors", QUOTE, EXPLANATION),
      row("nowhere", "words the article never says anywhere at all", "Should not be written."),
      { id: `note-${RUN}`, uri, text: "A page note, not on any words.", tags: [], target: [] },
    ],
  };
}

test("Export downloads the collection; Import reports first, Confirm writes drafts, a second import creates nothing", async ({ page, baseURL }) => {
  await signInAndWait(page, "reviewer@example.org");
  await page.goto(REVIEW_URL);
  await page.locator("summary", { hasText: "Annotations" }).click();

  // Export: the article's W3C AnnotationCollection.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export annotations" }).click()]);
  const exported = JSON.parse(await readFile((await download.path())!, "utf8"));
  expect(exported.type).toBe("AnnotationCollection");
  expect(exported["@context"]).toBe("http://www.w3.org/ns/anno.jsonld");

  // Import a file: the report, and nothing written yet.
  const file = { name: "hypothesis.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(hypothesisFile(baseURL!))) };
  await page.getByLabel("Import annotations (W3C JSON-LD or Hypothesis JSON)").setInputFiles(file);
  await page.getByRole("button", { name: "Import annotations", exact: true }).click();
  const report = page.getByTestId("import-report");
  await expect(report).toContainText("1 will be created as drafts; 1 need re-check; 1 refused; 0 already imported.");
  await expect(report.getByRole("listitem").filter({ hasText: "words the article never says anywhere at all" })).toBeVisible();
  await expect(report.getByRole("listitem").filter({ hasText: "page note" })).toBeVisible();
  const card = page.locator('[data-testid="claim-card"]').filter({ hasText: `“${QUOTE}”` });
  await expect(card).toHaveCount(0);

  // Confirm: the one that anchors becomes a draft on the words.
  await page.getByRole("button", { name: "Confirm import" }).click();
  await expect(card).toHaveCount(1);
  await expect(card).toContainText("draft");
  await expect(page.locator('[data-testid="claim-card"]').filter({ hasText: "words the article never says" })).toHaveCount(0);

  // The next export carries it, with the Hypothesis annotation it came from.
  await page.locator("summary", { hasText: "Annotations" }).click();
  const [again] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export annotations" }).click()]);
  const items = JSON.parse(await readFile((await again.path())!, "utf8")).first.items as { via?: string }[];
  const imported = items.filter((a) => a.via === `https://hypothes.is/a/anchors-${RUN}`);
  expect(imported).toHaveLength(1);
  expect(JSON.stringify(imported[0])).toContain(EXPLANATION);
  expect(JSON.stringify(items)).not.toContain("Should not be written.");

  // The same file again: already imported, nothing to confirm.
  await page.getByLabel("…or paste JSON").fill(JSON.stringify(hypothesisFile(baseURL!)));
  await page.getByRole("button", { name: "Import annotations", exact: true }).click();
  await expect(report).toContainText("0 will be created as drafts; 1 need re-check; 1 refused; 1 already imported.");
  await expect(page.getByRole("button", { name: "Confirm import" })).toBeDisabled();

  // Not JSON: said so, nothing sent.
  await page.getByLabel("…or paste JSON").fill("{ not json");
  await page.getByRole("button", { name: "Import annotations", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "That is not JSON" })).toBeVisible();
});
