/** @type {import('next').NextConfig} */

// Security headers on every response, pages and API alike (issue 12, item 9). Pages get their
// Content-Security-Policy, with a per-request nonce, from proxy.ts; API responses get a fixed one
// here: JSON renders nothing, so it may load nothing and be framed by nobody.
const EVERY_RESPONSE = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];
const API_RESPONSES = [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" }];

const nextConfig = {
  poweredByHeader: false,
  images: { unoptimized: true },
  // The Web Annotation Protocol's container IRI ends in a slash (/articles/<slug>/annotations/,
  // issue 19), and Next would redirect it away. So Next's own trailing-slash redirect is off, and
  // redirects() below puts it back for every other path.
  skipTrailingSlashRedirect: true,
  async redirects() {
    return [{ source: "/:path((?!articles/[^/]+/annotations/$).+)/", destination: "/:path", permanent: true }];
  },
  // `npm test` has already run `tsc --noEmit` over the whole project (npm run typecheck) and sets
  // FACTMARK_TYPES_CHECKED=1 for its build, so the build does not check the same types again
  // (about a minute on a 2-core machine). Every other build still checks them.
  typescript: { ignoreBuildErrors: process.env.FACTMARK_TYPES_CHECKED === "1" },
  // forbidden() renders app/forbidden.tsx with a real 403 status.
  experimental: { authInterrupts: true },
  async headers() {
    return [
      { source: "/:path*", headers: EVERY_RESPONSE },
      { source: "/api/:path*", headers: API_RESPONSES },
    ];
  },
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
