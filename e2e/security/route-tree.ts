// Every route and method the app serves, read from the app/ folder the way Next's App Router
// reads it, so a new route cannot slip past the authorization matrix.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export type RouteKey = string; // "POST /api/claims/[id]/transitions", "PAGE /review/queue"
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

function urlPattern(appDir: string, dir: string): string {
  const segments = path
    .relative(appDir, dir)
    .split(path.sep)
    .filter((s) => s && !(s.startsWith("(") && s.endsWith(")")) && !s.startsWith("@"));
  return "/" + segments.join("/");
}

/** Methods a route.ts exports: `export async function GET`, `export const POST =`, `export { handler as GET }`. */
export function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:async\s+)?function\s+([A-Z]+)\s*\(/g)) found.add(m[1]);
  for (const m of source.matchAll(/export\s+(?:const|let|var)\s+([A-Z]+)\s*=/g)) found.add(m[1]);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1].split(",")) {
      const name = part.trim().split(/\s+as\s+/).pop()?.trim();
      if (name) found.add(name);
    }
  }
  return [...found].filter((m) => (HTTP_METHODS as readonly string[]).includes(m)).sort();
}

export function walkRouteTree(appDir: string): RouteKey[] {
  const keys: RouteKey[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) {
        if (!entry.startsWith("_")) visit(full);
        continue;
      }
      if (/^route\.(ts|tsx|js|mjs)$/.test(entry)) {
        for (const method of exportedMethods(readFileSync(full, "utf8"))) keys.push(`${method} ${urlPattern(appDir, dir)}`);
      } else if (/^page\.(tsx|ts|jsx|js|mdx)$/.test(entry)) {
        keys.push(`PAGE ${urlPattern(appDir, dir)}`);
      }
    }
  };
  visit(appDir);
  return keys;
}
