import type { Fixtures } from "./fixtures";
import type { RouteKey } from "./route-tree";
export type FuzzResult = { sent: number; serverErrors: string[]; timeouts: string[] };
export async function runFuzz(_fx: Fixtures, _tree: RouteKey[], _seed: number, _count: number, _log: (s: string) => void): Promise<FuzzResult> {
  return { sent: 0, serverErrors: [], timeouts: [] };
}
