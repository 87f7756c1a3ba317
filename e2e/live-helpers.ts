// Shared by the live collaboration specs (issue 15): people in their own browser contexts, an
// article of the spec's own, and claims written through the API as a colleague would.
import type { Browser, Page } from "@playwright/test";
import { expect, signInAndWait } from "./fixtures";

export const LIVE_TEXT = [
  "The harbour bridge reopened on Monday after eleven weeks of repairs.",
  "The council says the work cost 4.2 million euros, well under the budget of six million.",
  "Ferry traffic fell by a third while the bridge was closed, according to the port authority.",
].join("\n\n");

export type Person = { page: Page; close: () => Promise<void> };

/** A signed-in person in a fresh browser context; baseURL picks the instance. */
export async function person(browser: Browser, email: string, baseURL?: string): Promise<Person> {
  const context = await browser.newContext(baseURL ? { baseURL } : {});
  const page = await context.newPage();
  await signInAndWait(page, email);
  return { page, close: () => context.close() };
}

const originOf = (page: Page) => ({ origin: new URL(page.url()).origin });

export async function importArticle(editor: Page, title: string, content = LIVE_TEXT): Promise<string> {
  const res = await editor.request.post("/api/articles/import", { headers: originOf(editor), data: { format: "text", content, title } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).slug as string;
}

export type ClaimRef = { id: string; version: number };

export async function createClaimVia(page: Page, slug: string, phrase: string, explanation = `Checked: ${phrase}`): Promise<ClaimRef> {
  const { articleVersionId, plainText } = await (await page.request.get(`/api/articles/${slug}/claims`)).json();
  const start = (plainText as string).indexOf(phrase);
  expect(start, phrase).toBeGreaterThanOrEqual(0);
  const res = await page.request.post(`/api/articles/${slug}/claims`, {
    headers: originOf(page),
    data: { articleVersionId, start, end: start + phrase.length, fields: { verdict: "ACCURATE", explanation, tags: [], sources: [] } },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).claim as ClaimRef;
}

export async function updateClaimVia(page: Page, claim: ClaimRef, verdict: string, explanation: string): Promise<ClaimRef> {
  const res = await page.request.patch(`/api/claims/${claim.id}`, { headers: originOf(page), data: { version: claim.version, fields: { verdict, explanation, tags: [], sources: [] } } });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()).claim as ClaimRef;
}

export async function transitionVia(page: Page, claim: ClaimRef, action: string): Promise<ClaimRef> {
  const res = await page.request.post(`/api/claims/${claim.id}/transitions`, { headers: originOf(page), data: { action, version: claim.version } });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()).claim as ClaimRef;
}

export async function deleteClaimVia(page: Page, claim: ClaimRef): Promise<void> {
  const res = await page.request.delete(`/api/claims/${claim.id}`, { headers: originOf(page), data: { version: claim.version } });
  expect(res.status(), await res.text()).toBe(204);
}

/** The workspace's highlight of a claim. */
export const highlightOf = (page: Page, id: string) => page.locator(`[data-testid="review-text"] [data-claim-id="${id}"]`).first();

/** Opens a workspace and waits until its stream is live (the header's status says so). */
export async function openWorkspace(page: Page, slug: string): Promise<void> {
  await page.goto(`/articles/${slug}/review`);
  await page.locator('[data-testid="article-body"][data-ready="true"]').waitFor();
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-live", "live");
}
