// Lets the benchmark import server code outside Next without the react-server condition (which
// would break next/navigation's client React): "server-only" resolves to an empty module, as it
// does in vitest (lib/testing/server-only-stub.ts).
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(
      'export async function resolve(specifier, context, next) { if (specifier === "server-only") return { url: "data:text/javascript,", shortCircuit: true }; return next(specifier, context); }',
    ),
  import.meta.url,
);
