// npm run test:security: the outside probe of issue 12, run against the built app on a fresh
// embedded database. Prints one summary line and exits non-zero on any finding.
//   SECURITY_SEED=<n>        the fuzzer's seed (default 1)
//   SECURITY_FUZZ=<n>        fuzzed requests (default 10000)
//   SECURITY_PHASES=a,b      a subset of matrix,csrf,redirects,xss,fuzz (default all)
import path from "node:path";
import { checkConsistency } from "./consistency";
import { runCsrf } from "./run-csrf";
import { runFuzz } from "./run-fuzz";
import { runMatrix } from "./run-matrix";
import { runRedirects } from "./run-redirects";
import { runXss } from "./run-xss";
import { Fixtures } from "./fixtures";
import { walkRouteTree } from "./route-tree";
import { DATA_DIR, ROOT, startApp } from "./server";

const PHASES = (process.env.SECURITY_PHASES ?? "matrix,csrf,redirects,xss,fuzz").split(",").map((s) => s.trim());
const SEED = Number(process.env.SECURITY_SEED ?? 1);
const FUZZ_COUNT = Number(process.env.SECURITY_FUZZ ?? 10_000);

const log = (s: string) => console.log(`[security ${new Date().toISOString().slice(11, 19)}] ${s}`);
const listed = (title: string, items: string[], max = 25) => {
  if (!items.length) return;
  console.log(`\n${title} (${items.length}):`);
  for (const item of items.slice(0, max)) console.log(`  - ${item}`);
  if (items.length > max) console.log(`  … and ${items.length - max} more`);
};

async function main(): Promise<number> {
  const t0 = Date.now();
  const tree = walkRouteTree(path.join(ROOT, "app"));
  log(`${tree.length} routes and pages in app/; starting the built app`);
  const app = await startApp();
  log(`app up at ${app.origin} after ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  const parts: string[] = [];
  let failed = false;
  try {
    const fx = new Fixtures(app.origin);
    await fx.signInAll();
    const draftSecret = `DRAFT-SECRET-${Date.now().toString(36)}`;
    await fx.newClaim("DRAFT", { explanation: draftSecret });

    if (PHASES.includes("matrix")) {
      const m = await runMatrix(fx, tree, draftSecret, log);
      listed("route tree vs. authorization table", m.treeProblems);
      listed("UNAUTHORIZED SUCCESSES", m.unauthorized);
      listed("WRITES ACCEPTED IN A STATE THAT FORBIDS THEM", m.closedStateWrites);
      listed("drafts shown to the public", m.leaks);
      listed("other matrix mismatches (expected outcome not met)", m.mismatches);
      listed("matrix errors (5xx, no answer, setup)", m.errors);
      failed ||= m.treeProblems.length + m.unauthorized.length + m.closedStateWrites.length + m.leaks.length + m.mismatches.length + m.errors.length > 0;
      parts.push(`matrix ${m.cells} cells, ${m.unauthorized.length} unauthorized${m.closedStateWrites.length ? `, ${m.closedStateWrites.length} closed-state writes accepted` : ""}${m.leaks.length ? `, ${m.leaks.length} draft leaks` : ""}${m.mismatches.length + m.errors.length + m.treeProblems.length ? `, ${m.mismatches.length + m.errors.length + m.treeProblems.length} other failures` : ""}`);
    }
    if (PHASES.includes("csrf")) {
      const c = await runCsrf(fx, tree, log);
      listed("CSRF ATTEMPTS ACCEPTED", c.accepted);
      listed("csrf errors", c.errors);
      failed ||= c.accepted.length + c.errors.length > 0;
      parts.push(`csrf ${c.attempts} attempts, ${c.accepted.length} accepted${c.errors.length ? `, ${c.errors.length} errors` : ""}`);
    }
    if (PHASES.includes("redirects")) {
      const r = await runRedirects(fx, log);
      listed("OFF-SITE REDIRECTS", r.offsite);
      listed("redirect errors (5xx, no answer)", r.errors);
      failed ||= r.offsite.length + r.errors.length > 0;
      parts.push(`redirects ${r.attempts} attempts, ${r.offsite.length} off-site${r.errors.length ? `, ${r.errors.length} errors` : ""}`);
    }
    if (PHASES.includes("xss")) {
      const x = await runXss(fx, log);
      listed("XSS EXECUTIONS", x.executions);
      listed("xss errors", x.errors);
      failed ||= x.executions.length + x.errors.length > 0;
      parts.push(`xss ${x.payloads} payloads × ${x.pages} pages × ${x.roles} roles (${x.pageLoads} page loads, ${x.stored} stored fields), ${x.executions.length} executions${x.errors.length ? `, ${x.errors.length} errors` : ""}`);
    }
    if (PHASES.includes("fuzz")) {
      const f = await runFuzz(fx, tree, SEED, FUZZ_COUNT, log);
      listed("fuzz failures (5xx or no answer) by route", Object.entries(f.failuresByRoute).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}: ${n}`), 50);
      listed("fuzz 5xx by trigger", Object.entries(f.failuresByTrigger).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}: ${n}`), 30);
      listed("5xx RESPONSES (with reproducers)", f.serverErrors, 40);
      listed("TIMEOUTS (no answer within the per-request limit)", f.timeouts, 15);
      listed("ONE REQUEST STALLED OTHERS (a reader waited > 2 s)", f.stalls);
      failed ||= f.serverErrors.length + f.timeouts.length + f.stalls.length > 0;
      parts.push(`fuzz ${f.sent} requests (seed ${SEED}), ${f.serverErrors.length} 5xx, ${f.timeouts.length} timeouts${f.stalls.length ? `, ${f.stalls.length} stalls` : ""}`);
    }
  } catch (e) {
    console.error(e);
    failed = true;
    parts.push(`aborted: ${(e as Error).message}`);
  } finally {
    await app.stop();
  }
  if (PHASES.includes("fuzz")) {
    const db = await checkConsistency(path.join(ROOT, DATA_DIR));
    listed("DATABASE INCONSISTENCIES", db.problems);
    failed ||= db.problems.length > 0;
    parts.push(db.problems.length ? `db ${db.problems.length} inconsistencies (${db.claims} claims checked)` : `db consistent (${db.claims} claims, ${db.rows} rows checked)`);
  }
  console.log(`\nsecurity: ${parts.join(" | ")}`);
  console.log(`(${((Date.now() - t0) / 1000).toFixed(0)} s; ${failed ? "FAILED" : "passed"})`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
