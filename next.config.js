/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  images: { unoptimized: true },
  // forbidden() renders app/forbidden.tsx with a real 403 status.
  experimental: { authInterrupts: true },
  // Loaded from node_modules at run time, never bundled: PGlite and the schema engine read their
  // .wasm/.data files next to their own code (and would otherwise be served from /_next/static),
  // and there must be exactly one PGlite module per process.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/adapter-pg",
    "@prisma/driver-adapter-utils",
    "@prisma/schema-engine-wasm",
    "@node-rs/argon2",
    // jsdom reads its own files at run time (issue 7 imports); bundling it breaks that.
    "jsdom",
  ],
};
export default nextConfig;
