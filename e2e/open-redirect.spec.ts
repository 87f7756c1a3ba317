// Open redirect after sign-in (issue 12, item 2): whatever callbackUrl says, the browser stays on
// the app's origin, and no value makes the login page fail.
import { expect, SAME_ORIGIN, test } from "./fixtures";

const APP = SAME_ORIGIN.origin;

const HOSTILE = [
  "/\t/evil.example/phish",
  "/\n/evil.example/phish",
  "//evil.example/phish",
  "/\\evil.example",
  "\\/evil.example",
  "https://evil.example/phish",
  "javascript:alert(document.domain)",
  "/%2F%2Fevil.example",
  "http://127.0.0.1:9/elsewhere",
];

for (const callback of ["/\t/evil.example/phish", "https://evil.example/phish"]) {
  test(`signing in with callbackUrl ${JSON.stringify(callback)} stays on the app`, async ({ page }) => {
    await page.goto(`/login?callbackUrl=${encodeURIComponent(callback)}`);
    await page.getByLabel("Email").fill("reviewer@example.org");
    await page.getByLabel("Password").fill("factmark-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    expect(new URL(page.url()).origin).toBe(APP);
  });
}

test("a signed-in visit to /login follows only same-origin callbacks, and never fails", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("reviewer@example.org");
  await page.getByLabel("Password").fill("factmark-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  const answers: string[] = [];
  for (const callback of [...HOSTILE, "/%0A/evil.example", "/\r\n/evil.example"]) {
    const res = await page.request.get(`/login?callbackUrl=${encodeURIComponent(callback)}`, { maxRedirects: 0 });
    const location = res.headers()["location"] ?? "";
    const target = new URL(location, APP);
    answers.push(`${JSON.stringify(callback)} → ${res.status()} ${target.origin}`);
  }
  expect(answers.filter((a) => !/→ 30[37] /.test(a) || !a.endsWith(APP))).toEqual([]);
  const kept = await page.request.get(`/login?callbackUrl=${encodeURIComponent("/review/queue?x=1")}`, { maxRedirects: 0 });
  expect(kept.headers()["location"]).toMatch(/^(http:\/\/127\.0\.0\.1:\d+)?\/review\/queue\?x=1$/);
});
