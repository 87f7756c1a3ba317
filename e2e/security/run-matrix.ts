import { ROLE_NAMES, type Client, type Reply, type RoleName } from "./client";
import type { Fixtures } from "./fixtures";
import { isDenial, matches, MATRIX, outcomeOf, type Req } from "./matrix";
import type { RouteKey } from "./route-tree";

export type MatrixResult = { cells: number; unauthorized: string[]; closedStateWrites: string[]; mismatches: string[]; errors: string[]; leaks: string[]; treeProblems: string[] };

/** Sends a request as a role; a page follows same-origin redirects (except to /login) like a browser would. */
export async function sendAs(client: Client, req: Req, isPage: boolean): Promise<Reply> {
  let reply = await client.send(req.method, req.path, { ...(req.json === undefined ? {} : { json: req.json }), ...(req.headers ? { headers: req.headers } : {}) });
  for (let hop = 0; isPage && hop < 5 && reply.status >= 300 && reply.status < 400 && reply.location; hop++) {
    const to = new URL(reply.location, client.base);
    if (to.origin !== client.base || to.pathname === "/login") break;
    reply = await client.send("GET", to.pathname + to.search);
  }
  return reply;
}

export function checkTree(tree: RouteKey[]): string[] {
  const problems: string[] = [];
  for (const key of tree) if (!MATRIX[key]) problems.push(`new route without an authorization entry: ${key}`);
  for (const key of Object.keys(MATRIX)) if (!tree.includes(key)) problems.push(`authorization entry for a route that no longer exists: ${key}`);
  return problems;
}

export async function runMatrix(fx: Fixtures, tree: RouteKey[], draftSecret: string, log: (s: string) => void): Promise<MatrixResult> {
  const result: MatrixResult = { cells: 0, unauthorized: [], closedStateWrites: [], mismatches: [], errors: [], leaks: [], treeProblems: checkTree(tree) };
  for (const key of tree) {
    const cases = MATRIX[key];
    if (!cases) continue;
    const isPage = key.startsWith("PAGE ");
    for (const c of cases) {
      for (const role of ROLE_NAMES) {
        const where = `${key} [${c.name}] as ${role}`;
        let req: Req;
        try {
          req = await c.build(fx, role);
        } catch (e) {
          result.errors.push(`${where}: setup failed: ${(e as Error).message}`);
          continue;
        }
        let reply: Reply;
        try {
          reply = await sendAs(fx.as[role as RoleName], req, isPage);
        } catch (e) {
          result.errors.push(`${where}: ${req.method} ${req.path} → no answer (${(e as Error).message})`);
          continue;
        }
        result.cells++;
        const actual = outcomeOf(reply, fx.base);
        const expected = c.expect[role];
        if (typeof actual === "number" && actual >= 500) result.errors.push(`${where}: ${req.method} ${req.path} → ${actual}`);
        // 409: allowed for this person, but not from this state (the workflow's state machine says no).
        if (expected === 409 && actual === "ok") result.closedStateWrites.push(`${where}: ${req.method} ${req.path} → ${reply.status}, expected 409`);
        else if (isDenial(expected) && actual === "ok") result.unauthorized.push(`${where}: ${req.method} ${req.path} → ${reply.status}, expected ${expected}`);
        else if (!matches(expected, actual)) result.mismatches.push(`${where}: ${req.method} ${req.path} → ${actual}, expected ${expected}: ${reply.text.slice(0, 160).replace(/\s+/g, " ")}`);
        const leakChecked = c.leakCheck === true || (Array.isArray(c.leakCheck) && c.leakCheck.includes(role));
        if (leakChecked && reply.text.includes(draftSecret)) result.leaks.push(`${where}: ${req.path} shows a draft's text`);
      }
    }
    // the admin's sessions must survive the probes (a role change or deactivation of the wrong user would end them)
    for (const role of ROLE_NAMES) if (role !== "anonymous") await fx.refresh(role);
  }
  log(`matrix: ${result.cells} cells, ${result.unauthorized.length} unauthorized successes, ${result.closedStateWrites.length} writes accepted in a state that forbids them, ${result.mismatches.length} other mismatches, ${result.errors.length} errors, ${result.leaks.length} draft leaks`);
  return result;
}
