// Issue 19: a reviewer creates an API token on /account, a script POSTs a W3C annotation with it,
// the claim appears as a draft in the workspace, an editor approves it, and an anonymous GET of the
// article's container lists it. Also: a reader cannot write with a token; a revoked token is a 401.
import { request as playwrightRequest, type Browser, type Page } from "@playwright/test";
import { expect, SEED_SLUG, signInAndWait, test } from "./fixtures";

const CONTAINER = `/articles/${SEED_SLUG}/annotations/`;
const ANNO = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

async function signedIn(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAndWait(page, email);
  return { context, page };
}

async function createToken(page: Page, name: string): Promise<string> {
  await page.goto("/account");
  const section = page.getByRole("region", { name: "API tokens" });
  await section.getByLabel("Token name").fill(name);
  await section.getByRole("button", { name: "Create token" }).click();
  const field = section.getByLabel("New token");
  await expect(field).toHaveValue(/^fmk_/);
  await expect(section.getByRole("row", { name: new RegExp(name) })).toBeVisible();
  return field.inputValue();
}

function annotation(origin: string, exact: string, explanation: string) {
  return {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    type: "Annotation",
    body: [
      { type: "TextualBody", purpose: "assessing", value: explanation },
      { type: "TextualBody", purpose: "classifying", value: "Accurate" },
    ],
    target: { source: `${origin}/articles/${SEED_SLUG}`, selector: [{ type: "TextQuoteSelector", exact }] },
  };
}

test("a script with a reviewer's token creates a draft; an editor approves it; the anonymous container lists it", async ({ page, browser, baseURL }) => {
  await signInAndWait(page, "reviewer@example.org");
  const token = await createToken(page, "newsroom script");

  const script = await playwrightRequest.newContext({ baseURL });
  const posted = await script.post(CONTAINER, {
    headers: { authorization: `Bearer ${token}`, "content-type": ANNO },
    data: JSON.stringify(annotation(baseURL!, "words that appear nowhere in this article", "x")),
  });
  expect(posted.status()).toBe(422);
  expect((await posted.json()).error.details).toEqual({ reason: "orphaned" });
  const good = await script.post(CONTAINER, {
    headers: { authorization: `Bearer ${token}`, "content-type": ANNO },
    data: JSON.stringify(annotation(baseURL!, "the Agence France-Presse news agency", "The agency that reported the count.")),
  });
  expect(good.status(), await good.text()).toBe(201);
  const created = await good.json();
  const id = created.id.split("/").pop();
  expect(good.headers()["location"]).toBe(created.id);

  await page.goto(`/articles/${SEED_SLUG}/review`);
  const card = page.locator(`[data-testid="claim-card"][data-claim-id="${id}"]`);
  await expect(card).toContainText("the Agence France-Presse news agency");
  await page.goto(`/review/claims/${id}`);
  await expect(page.getByTestId("claim-state")).toContainText("Draft");
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByTestId("claim-state")).toContainText("Submitted");

  const anonymous = await playwrightRequest.newContext({ baseURL });
  const before = await (await anonymous.get(CONTAINER)).json();
  expect(JSON.stringify(before)).not.toContain(created.id);

  const editor = await signedIn(browser, "editor@example.org");
  await editor.page.goto(`/review/claims/${id}`);
  await editor.page.getByRole("button", { name: "Approve" }).click();
  await expect(editor.page.getByTestId("claim-state")).toContainText("Approved");

  const listed = await anonymous.get(CONTAINER);
  expect(listed.status()).toBe(200);
  expect(listed.headers()["content-type"]).toBe(ANNO);
  const body = await listed.json();
  expect(body.id.endsWith(CONTAINER)).toBe(true);
  expect(body.first.items.map((a: { id: string }) => a.id)).toContain(created.id);

  // Revoking stops the token at once.
  await page.goto("/account");
  await page.getByRole("region", { name: "API tokens" }).getByRole("button", { name: "Revoke newsroom script" }).click();
  await expect(page.getByRole("region", { name: "API tokens" })).toContainText("Revoked");
  const refused = await script.post(CONTAINER, { headers: { authorization: `Bearer ${token}`, "content-type": ANNO }, data: JSON.stringify(annotation(baseURL!, "at least 116 civilians", "x")) });
  expect(refused.status()).toBe(401);
  await editor.context.close();
  await Promise.all([script.dispose(), anonymous.dispose()]);
});

test("a reader's token cannot write (403), and the container keeps its trailing slash", async ({ page, baseURL }) => {
  await signInAndWait(page, "reader@example.org");
  const token = await createToken(page, "reader script");
  const script = await playwrightRequest.newContext({ baseURL });
  const res = await script.post(CONTAINER, { headers: { authorization: `Bearer ${token}`, "content-type": ANNO }, data: JSON.stringify(annotation(baseURL!, "at least 116 civilians", "x")) });
  expect(res.status()).toBe(403);
  const container = await script.get(CONTAINER, { maxRedirects: 0 });
  expect(container.status()).toBe(200);
  const slashless = await script.get(`/articles/${SEED_SLUG}/`, { maxRedirects: 0 });
  expect(slashless.status()).toBe(308);
  await script.dispose();
});
