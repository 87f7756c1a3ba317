import { chromium, type Browser, type BrowserContext } from "@playwright/test";
import type { Client } from "./client";

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
}

/** A browser context signed in as the client (its session cookies copied), or anonymous. */
export async function contextAs(browser: Browser, client: Client): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: client.base, viewport: { width: 1200, height: 900 } });
  const url = new URL(client.base);
  await context.addCookies([...client.cookies].map(([name, value]) => ({ name, value, domain: url.hostname, path: "/", httpOnly: true, sameSite: "Lax" as const })));
  return context;
}
