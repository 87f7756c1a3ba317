// How the app finds its database (docs/decisions.md, "Database"): one variable, two engines.
//   unset                 -> embedded PGlite in ./.data/pglite (the demo default)
//   pglite:<dir>          -> embedded PGlite in <dir> (tests and scripts use throwaway folders)
//   pglite:memory         -> embedded PGlite in memory
//   postgres(ql)://…      -> a PostgreSQL server
export const DEFAULT_DATABASE_URL = "pglite:./.data/pglite";

export type DatabaseTarget =
  | { kind: "postgres"; url: string }
  | { kind: "pglite"; dir: string | "memory" };

export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
}

export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: "postgres", url };
  if (url.startsWith("pglite:")) {
    const dir = url.slice("pglite:".length).replace(/^\/\//, "");
    if (!dir) throw new Error("DATABASE_URL=pglite: needs a folder, e.g. pglite:./.data/pglite");
    return { kind: "pglite", dir };
  }
  throw new Error(`Unsupported DATABASE_URL "${url.split(":")[0]}:…": use postgresql://… or pglite:<dir>`);
}

/** Demo users exist only on the embedded default, or where FACTMARK_DEMO=1 asks for them. */
export function wantsDemoUsers(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.DATABASE_URL?.trim() || env.FACTMARK_DEMO === "1";
}
