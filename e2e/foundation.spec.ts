import { expect, SEED_SLUG, SEED_TITLE, signIn, signInAndWait, test, SAME_ORIGIN } from "./fixtures";

test("an anonymous reader opens the index, clicks the seed article and reads it", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: SEED_TITLE, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/articles/${SEED_SLUG}$`));
  await expect(page.getByRole("heading", { level: 1, name: SEED_TITLE })).toBeVisible();
  const body = page.getByTestId("article-body");
  await expect(body.getByText(/The militant group killed at least 116 civilians/)).toBeVisible();
  // The caption is its own, visibly distinct block.
  await expect(body.locator(".article-caption")).toContainText("Reuters/Mohamed Azakir");
  await expect(page.getByRole("link", { name: "Review" })).toHaveCount(0);
});

test("the article is readable with JavaScript disabled", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`/articles/${SEED_SLUG}`);
  await expect(page.getByRole("heading", { level: 1, name: SEED_TITLE })).toBeVisible();
  await expect(page.getByText(/identified 67 civilians killed/)).toBeVisible();
  await context.close();
});

test("a reviewer signs in, sees their name and role, and the Review affordance", async ({ page }) => {
  await signInAndWait(page, "reviewer@example.org");
  await expect(page.getByTestId("current-user")).toHaveText(/Rita Reviewer\s+Reviewer/);
  await page.goto(`/articles/${SEED_SLUG}`);
  await page.getByRole("link", { name: "Review" }).click();
  await expect(page).toHaveURL(new RegExp(`/articles/${SEED_SLUG}/review$`));
  await expect(page.getByRole("heading", { level: 1, name: /^Review: In Syrian Christian Town/ })).toBeAttached();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
});

test("a wrong password shows the error and the user stays signed out", async ({ page }) => {
  await signIn(page, "editor@example.org", "not-the-password");
  await expect(page.getByTestId("login-error")).toHaveText("Wrong email or password.");
  // An unknown email gets the very same message: no user enumeration.
  await signIn(page, "nobody@example.org", "whatever");
  await expect(page.getByTestId("login-error")).toHaveText("Wrong email or password.");
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  const session = await page.request.get("/api/auth/session");
  expect(await session.json()).toEqual({});
});

test("empty fields are caught on the form with messages beside them", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter your email address.")).toBeVisible();
  await expect(page.getByText("Enter your password.")).toBeVisible();
});

test("an anonymous visitor has no Review affordance and is sent to sign in from a reviewer URL", async ({ page }) => {
  await page.goto(`/articles/${SEED_SLUG}`);
  await expect(page.getByRole("heading", { level: 1, name: SEED_TITLE })).toBeVisible();
  await expect(page.getByRole("link", { name: "Review" })).toHaveCount(0);
  await page.goto(`/articles/${SEED_SLUG}/review`);
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("a reader account gets no Review affordance and a 403 on a reviewer URL", async ({ page }) => {
  await signInAndWait(page, "reader@example.org");
  await page.goto(`/articles/${SEED_SLUG}`);
  await expect(page.getByRole("link", { name: "Review" })).toHaveCount(0);
  const response = await page.goto(`/articles/${SEED_SLUG}/review`);
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
});

test("an unknown slug shows the 404 page", async ({ page }) => {
  const response = await page.goto("/articles/no-such-article");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("bad input to the sign-in endpoint gets a clear 4xx, never a stack trace", async ({ request }) => {
  const cases = [
    { headers: { "content-type": "application/json" }, data: "{not json", status: 400, message: /not valid JSON/ },
    { headers: { "content-type": "application/x-www-form-urlencoded" }, data: "email=&password=", status: 400, message: /Enter your email/ },
    { headers: { "content-type": "application/x-www-form-urlencoded" }, data: `email=a%40example.org&password=${"x".repeat(5000)}`, status: 400, message: /too long/ },
  ];
  for (const c of cases) {
    const res = await request.post("/api/auth/callback/credentials", { headers: { ...c.headers, ...SAME_ORIGIN }, data: c.data });
    expect(res.status()).toBe(c.status);
    const text = await res.text();
    expect(text).toMatch(c.message);
    expect(text).not.toMatch(/\bat .*\.(js|ts):\d+/);
  }
});
