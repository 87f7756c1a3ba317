// Several instances (issue 15): two production servers on two ports against ONE throwaway
// PostgreSQL database (PostgreSQL is always there in CI, so this never skips). A reviewer on
// instance A, a reviewer and an editor on instance B: each sees the others' changes live within
// 2 s, and an approval on B shows on A's reader page on the next request. Everything one instance
// learns reaches the other only through the database (LISTEN/NOTIFY and the tables).
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { expect, selectInArticle, test } from "./fixtures";
import { createClaimVia, highlightOf, importArticle, openWorkspace, person, transitionVia, updateClaimVia, type Person } from "./live-helpers";

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const PORT_A = Number(process.env.LIVE_E2E_PORT_A ?? 3231);
const PORT_B = Number(process.env.LIVE_E2E_PORT_B ?? 3232);
const base = (port: number) => `http://127.0.0.1:${port}`;

const dbName = `factmark_e2e_live_${Date.now()}_${randomBytes(3).toString("hex")}`;
const dbUrl = ADMIN_URL.replace(/\/[^/]*$/, `/${dbName}`);
const servers: ChildProcess[] = [];
const logs: string[] = [];

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function startServer(port: number): Promise<void> {
  const child = spawn(process.execPath, ["lib/cli/serve.mjs"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: dbUrl,
      FACTMARK_DEMO: "1",
      NEXTAUTH_SECRET: "live-e2e-secret-shared-by-both-instances",
      NEXTAUTH_URL: base(port),
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  servers.push(child);
  child.stdout?.on("data", (d) => logs.push(`[${port}] ${d}`));
  child.stderr?.on("data", (d) => logs.push(`[${port}] ${d}`));
  const end = Date.now() + 150_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`instance on ${port} exited (${child.exitCode}):\n${logs.join("")}`);
    const res = await fetch(`${base(port)}/api/health`).catch(() => null);
    if (res?.status === 200) return;
    if (Date.now() > end) throw new Error(`instance on ${port} did not become healthy:\n${logs.join("")}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

test.describe("two instances, one PostgreSQL database", () => {
  test.describe.configure({ timeout: 240_000 });

  test.beforeAll(async () => {
    test.setTimeout(360_000);
    await admin(`CREATE DATABASE "${dbName}"`);
    execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: dbUrl }, stdio: "pipe" });
    // One after the other: the first one seeds the demo users, the second finds them.
    await startServer(PORT_A);
    await startServer(PORT_B);
  });

  test.afterAll(async () => {
    await Promise.all(
      servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            if (s.exitCode !== null) return resolve();
            s.once("exit", () => resolve());
            s.kill("SIGTERM");
            setTimeout(() => s.kill("SIGKILL"), 8_000).unref();
          }),
      ),
    );
    await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  });

  test("health answers 200 on both instances", async () => {
    for (const port of [PORT_A, PORT_B]) {
      const res = await fetch(`${base(port)}/api/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: "ok", database: "ok", pendingMigrations: [] });
    }
  });

  test("reviewers and an editor on different instances see each other's changes within 2 s", async ({ browser }) => {
    const people: Person[] = [];
    try {
      const reviewerA = await person(browser, "reviewer@example.org", base(PORT_A));
      const reviewerB = await person(browser, "reviewer2@example.org", base(PORT_B));
      const editorB = await person(browser, "editor@example.org", base(PORT_B));
      people.push(reviewerA, reviewerB, editorB);
      const slug = await importArticle(editorB.page, "Two instances");
      for (const p of people) await openWorkspace(p.page, slug);
      await expect(reviewerA.page.getByRole("region", { name: "Also here" })).toContainText("Rob Reviewer");
      await expect(reviewerA.page.getByRole("region", { name: "Also here" })).toContainText("Eddie Editor");

      // A → B: a claim made in A's workspace appears for both people on B.
      await selectInArticle(reviewerA.page, "eleven weeks of repairs");
      await reviewerA.page.getByRole("button", { name: "Add claim" }).click();
      const form = reviewerA.page.getByRole("form", { name: "New claim" });
      await form.getByLabel("Explanation").fill("Made on instance A.");
      await form.getByRole("button", { name: "Save claim" }).click();
      const card = reviewerA.page.getByRole("region", { name: "Claims" }).locator('[data-testid="claim-card"]', { hasText: "eleven weeks of repairs" });
      await expect(card).toHaveCount(1);
      const fromA = (await card.getAttribute("data-claim-id"))!;
      await expect(highlightOf(reviewerB.page, fromA)).toBeVisible({ timeout: 2_000 });
      await expect(highlightOf(editorB.page, fromA)).toBeVisible({ timeout: 2_000 });

      // B → A: a claim made on B appears on A and for the editor next to it.
      const fromB = await createClaimVia(reviewerB.page, slug, "4.2 million euros");
      await expect(highlightOf(reviewerA.page, fromB.id)).toBeVisible({ timeout: 2_000 });
      await expect(highlightOf(editorB.page, fromB.id)).toBeVisible({ timeout: 2_000 });

      // The editor on B changes A's claim: A sees it.
      const claims = (await (await editorB.page.request.get(`/api/articles/${slug}/claims`)).json()).claims as { id: string; version: number }[];
      const aClaim = claims.find((c) => c.id === fromA)!;
      await updateClaimVia(editorB.page, aClaim, "MISLEADING", "The editor, on instance B.");
      await expect(highlightOf(reviewerA.page, fromA)).toHaveAttribute("data-verdict", "MISLEADING", { timeout: 2_000 });

      // The editor's header counts (queue, unread notifications) follow the submission live.
      const queueBefore = Number(await editorB.page.getByTestId("queue-count").textContent());
      // An approval on B shows on A's reader page on the next request.
      const submitted = await transitionVia(reviewerB.page, fromB, "submit");
      await expect(editorB.page.getByTestId("queue-count")).toHaveText(String(queueBefore + 1), { timeout: 2_000 });
      await expect(editorB.page.getByTestId("unread-count")).toHaveText("1", { timeout: 2_000 });
      await transitionVia(editorB.page, submitted, "approve");
      const readerA = reviewerA.page.context();
      const reading = await readerA.newPage();
      await reading.goto(`${base(PORT_A)}/articles/${slug}`);
      await expect(reading.locator(`mark[data-claim-id="${fromB.id}"]`).first()).toBeVisible();
    } finally {
      await Promise.all(people.map((p) => p.close()));
    }
  });
});
