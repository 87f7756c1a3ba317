import type { Fixtures } from "./fixtures";
export type XssResult = { payloads: number; pages: number; roles: number; pageLoads: number; stored: number; executions: string[]; errors: string[] };
export async function runXss(_fx: Fixtures, _log: (s: string) => void): Promise<XssResult> {
  return { payloads: 0, pages: 0, roles: 0, pageLoads: 0, stored: 0, executions: [], errors: [] };
}
