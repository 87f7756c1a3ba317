// The HTTP side of the resilience scripts: signed-in clients that create claims through the API,
// as a reviewer's browser would, and a tally of what the server answered.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DEMO_PASSWORD } from "@/lib/seed/seed";

export { DEMO_PASSWORD };

/** Requests slower than this count as hung (the target is: none). */
export const HANG_MS = 10_000;

export type Client = { email: string; cookie: string };
export type WriteResult = { client: number; startedAt: number; endedAt: number; status: number | "hung" | "network" | "cut"; claimId?: string; reason?: string };

function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]);
}

/**
 * `count` reviewers (resilience-<n>@example.org) with the demo reviewer's password hash, written
 * straight into the database: hashing 20 passwords here would need the server-only auth module.
 */
export async function createReviewers(prisma: PrismaClient, count: number): Promise<string[]> {
  const template = await prisma.user.findUniqueOrThrow({ where: { email: "reviewer@example.org" }, select: { passwordHash: true } });
  const emails = Array.from({ length: count }, (_, i) => `resilience-${i}@example.org`);
  await prisma.user.createMany({
    data: emails.map((email, i) => ({ email, name: `Resilience Reviewer ${i}`, role: "REVIEWER" as const, passwordHash: template.passwordHash })),
    skipDuplicates: true,
  });
  return emails;
}

/** Signs in through next-auth's credentials endpoint, as the login form does. */
export async function signIn(base: string, email: string, password: string): Promise<Client> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base, Cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/`, json: "true" }),
  });
  const session = cookiesOf(res).find((c) => c.startsWith("next-auth.session-token=") || c.startsWith("__Secure-next-auth.session-token="));
  if (!session) throw new Error(`sign-in failed for ${email}: ${res.status} ${await res.text()}`);
  return { email, cookie: [...jar, session].join("; ") };
}

export type Target = { slug: string; articleVersionId: string; spans: { start: number; end: number }[] };

/** The article's current version and a set of word spans to make claims on. */
export async function claimTarget(base: string, client: Client, slug: string): Promise<Target> {
  const res = await fetch(`${base}/api/articles/${slug}/claims`, { headers: { Cookie: client.cookie } });
  if (!res.ok) throw new Error(`reading the article failed: ${res.status} ${await res.text()}`);
  const { articleVersionId, plainText } = (await res.json()) as { articleVersionId: string; plainText: string };
  const words = [...plainText.matchAll(/\S+/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
  const spans = words.slice(0, words.length - 3).map((w, i) => ({ start: w.start, end: words[i + 2].end }));
  return { slug, articleVersionId, spans };
}

/**
 * Sends one request and records how it ended; never throws, never waits longer than HANG_MS. A 503
 * without Retry-After is marked in its reason, since the outage contract asks for one.
 */
async function timedRequest(clientIndex: number, t0: number, send: (signal: AbortSignal) => Promise<Response>, readClaim = false): Promise<WriteResult> {
  const startedAt = performance.now() - t0;
  const result: WriteResult = { client: clientIndex, startedAt, endedAt: startedAt, status: "network" };
  try {
    const res = await send(AbortSignal.timeout(HANG_MS));
    result.status = res.status;
    const body = (await res.json().catch(() => null)) as { claim?: { id: string }; error?: { message: string } } | null;
    if (readClaim) {
      result.claimId = body?.claim?.id;
      // The status line arrived but the body was cut off (the server was killed while sending it).
      if (res.ok && !result.claimId) result.status = "cut";
    }
    result.reason = body?.error?.message;
    if (res.status === 503 && !res.headers.get("retry-after")) result.reason = `no Retry-After: ${result.reason}`;
  } catch (e) {
    result.status = (e as Error).name === "TimeoutError" ? "hung" : "network";
    result.reason = (e as Error).message;
  }
  result.endedAt = performance.now() - t0;
  return result;
}

/** One claim-creating write. */
export async function writeClaim(base: string, client: Client, clientIndex: number, target: Target, seq: number, t0: number): Promise<WriteResult> {
  const span = target.spans[(clientIndex * 7919 + seq) % target.spans.length];
  return timedRequest(
    clientIndex,
    t0,
    (signal) =>
      fetch(`${base}/api/articles/${target.slug}/claims`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: base, Cookie: client.cookie },
        body: JSON.stringify({ articleVersionId: target.articleVersionId, ...span, fields: { verdict: "ACCURATE", explanation: `resilience ${clientIndex}-${seq}`, tags: [], sources: [] } }),
        signal,
      }),
    true,
  );
}

export function tally(results: WriteResult[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of results) out[String(r.status)] = (out[String(r.status)] ?? 0) + 1;
  return out;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An anonymous reader's request for the published checks (a public route that reads the database). */
export async function readPublished(base: string, slug: string, t0: number): Promise<WriteResult> {
  return timedRequest(-1, t0, (signal) => fetch(`${base}/api/articles/${slug}/published`, { signal }));
}

/**
 * A page as a browser asks for it, redirects not followed; `reason` is where it redirected to.
 * (A failed render answers 500 with an error digest; app/error.tsx's message is drawn by the
 * browser, so it cannot be checked here.)
 */
export async function getPage(base: string, pathname: string, cookie: string | undefined, t0: number): Promise<WriteResult> {
  const startedAt = performance.now() - t0;
  const result: WriteResult = { client: -1, startedAt, endedAt: startedAt, status: "network" };
  try {
    const res = await fetch(`${base}${pathname}`, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {}, signal: AbortSignal.timeout(HANG_MS) });
    result.status = res.status;
    await res.arrayBuffer();
    result.reason = res.headers.get("location") ?? undefined;
  } catch (e) {
    result.status = (e as Error).name === "TimeoutError" ? "hung" : "network";
    result.reason = (e as Error).message;
  }
  result.endedAt = performance.now() - t0;
  return result;
}
