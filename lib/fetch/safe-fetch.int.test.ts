// The fetcher's refusals against a real local HTTP server (issue 18, "Done means"). The server is on
// 127.0.0.1, so most tests pass allowLoopback: true (what FACTMARK_FETCH_ALLOW_LOOPBACK=1 does); the
// tests of the default run with it off and the variable unset.
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestSite, type TestSite } from "@/lib/testing/test-site";
import { FETCH_USER_AGENT, FetchRefused, safeFetch, type Resolver } from "./safe-fetch";

let site: TestSite;
beforeAll(async () => {
  site = await startTestSite();
  site.set("/page", { body: "<html><body><p>Hello</p></body></html>" });
  site.set("/text", { type: "text/plain", body: "plain" });
  site.set("/pdf", { type: "application/pdf", body: "%PDF-1.4" });
  site.set("/json", { type: "application/json", body: "{}" });
  site.set("/image", { type: "image/png", body: Buffer.alloc(10) });
  site.set("/untyped", (_req, res) => {
    res.removeHeader("content-type");
    res.writeHead(200).end("??");
  });
  site.set("/gone", { status: 410, body: "gone" });
  site.set("/ua", (req, res) => void res.writeHead(200, { "content-type": "text/plain" }).end(req.headers["user-agent"]));
  site.set("/big-declared", { body: "x".repeat(2000) });
  site.set("/big-chunked", (_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    for (let i = 0; i < 30; i++) res.write("x".repeat(100));
    res.end();
  });
  site.set("/gzip-bomb", { headers: { "content-encoding": "gzip" }, body: gzipSync(Buffer.alloc(200_000)) });
  site.set("/gzip", { headers: { "content-encoding": "gzip" }, body: gzipSync("<p>zipped</p>") });
  site.set("/slow-headers", () => {
    /* never answers */
  });
  site.set("/slow-body", (_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    const drip = setInterval(() => res.write("."), 50);
    res.on("close", () => clearInterval(drip));
  });
  for (const [from, to] of [
    ["/to-page", "/page"],
    ["/to-metadata", "http://169.254.169.254/latest/meta-data/"],
    ["/to-private", "http://10.0.0.1/"],
    ["/to-v6-private", "http://[fd00::1]/"],
    ["/to-mapped", "http://[::ffff:192.168.0.1]/"],
    ["/to-file", "file:///etc/passwd"],
    ["/to-rebind", "http://rebind.test:1/"],
  ]) site.set(from, { status: 302, headers: { location: to } });
  for (let i = 0; i < 7; i++) site.set(`/loop${i}`, { status: 301, headers: { location: `/loop${i + 1}` } });
});
afterAll(() => site.close());

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "FETCHED";
  } catch (e) {
    if (e instanceof FetchRefused) return e.code;
    throw e;
  }
}

const local = { allowLoopback: true } as const;

describe("safeFetch: what it fetches", () => {
  it("fetches a page, names itself and hashes the bytes", async () => {
    const r = await safeFetch(site.url("/page"), local);
    expect(r.status).toBe(200);
    expect(r.contentType).toBe("text/html");
    expect(r.body.toString()).toContain("Hello");
    expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await safeFetch(site.url("/ua"), local)).body.toString()).toBe(FETCH_USER_AGENT);
  });

  it("accepts plain text and pdf, and decompresses gzip", async () => {
    expect((await safeFetch(site.url("/text"), local)).contentType).toBe("text/plain");
    expect((await safeFetch(site.url("/pdf"), local)).contentType).toBe("application/pdf");
    expect((await safeFetch(site.url("/gzip"), local)).body.toString()).toBe("<p>zipped</p>");
  });

  it("follows a redirect and reports the final address", async () => {
    const r = await safeFetch(site.url("/to-page"), local);
    expect(r.url).toBe(site.url("/page"));
    expect(r.redirects).toEqual([site.url("/page")]);
  });

  it("reports 404 and 410 as a status, without a body", async () => {
    expect((await safeFetch(site.url("/gone"), local)).status).toBe(410);
    expect((await safeFetch(site.url("/nothing-here"), local)).status).toBe(404);
  });
});

describe("safeFetch: refusals", () => {
  it("refuses loopback by default (FACTMARK_FETCH_ALLOW_LOOPBACK unset)", async () => {
    vi.stubEnv("FACTMARK_FETCH_ALLOW_LOOPBACK", undefined);
    try {
      expect(await refusal(safeFetch(site.url("/page")))).toBe("BLOCKED_ADDRESS");
      expect(await refusal(safeFetch(`http://[::1]:${site.port}/page`))).toBe("BLOCKED_ADDRESS");
      expect(await refusal(safeFetch(`http://localhost:${site.port}/page`))).toBe("BLOCKED_ADDRESS");
      expect(await refusal(safeFetch(`http://2130706433:${site.port}/page`))).toBe("BLOCKED_ADDRESS"); // 127.0.0.1 as a number
      expect(await refusal(safeFetch(`http://0x7f.1:${site.port}/page`))).toBe("BLOCKED_ADDRESS"); // and in hex
      expect(await refusal(safeFetch(`http://[::ffff:127.0.0.1]:${site.port}/page`))).toBe("BLOCKED_ADDRESS");
      vi.stubEnv("FACTMARK_FETCH_ALLOW_LOOPBACK", "true");
      expect(await refusal(safeFetch(site.url("/page")))).toBe("BLOCKED_ADDRESS");
      vi.stubEnv("FACTMARK_FETCH_ALLOW_LOOPBACK", "1");
      expect(await refusal(safeFetch(site.url("/page")))).toBe("FETCHED");
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it.each([
    ["http://10.0.0.1/", "private"],
    ["http://172.20.1.1/", "private"],
    ["http://192.168.1.1/", "private"],
    ["http://169.254.169.254/latest/meta-data/", "metadata"],
    ["http://100.64.1.1/", "CGNAT"],
    ["http://224.0.0.1/", "multicast"],
    ["http://0.0.0.0/", "this network"],
    ["http://[fd00:ec2::254]/", "IPv6 unique local"],
    ["http://[fe80::1]/", "IPv6 link-local"],
    ["http://[ff02::1]/", "IPv6 multicast"],
    ["http://[::ffff:169.254.169.254]/", "IPv4-mapped metadata"],
    ["http://[::ffff:10.0.0.1]/", "IPv4-mapped private"],
    ["http://[64:ff9b::a00:1]/", "NAT64 of a private address"],
  ])("refuses %s (%s) even with loopback allowed, without connecting", async (url) => {
    expect(await refusal(safeFetch(url, local))).toBe("BLOCKED_ADDRESS");
  });

  it("refuses a name whose DNS answer includes any blocked address", async () => {
    const resolve: Resolver = async () => [
      { address: "93.184.216.34", family: 4 },
      { address: "10.0.0.5", family: 4 },
    ];
    expect(await refusal(safeFetch("http://mixed.test/", { resolve }))).toBe("BLOCKED_ADDRESS");
    expect(await refusal(safeFetch("http://v6.test/", { resolve: async () => [{ address: "::ffff:127.0.0.1", family: 6 }] }))).toBe("BLOCKED_ADDRESS");
    expect(await refusal(safeFetch("http://nx.test/", { resolve: async () => Promise.reject(new Error("ENOTFOUND")) }))).toBe("DNS");
  });

  it.each([
    ["/to-metadata", "the metadata address"],
    ["/to-private", "a private address"],
    ["/to-v6-private", "an IPv6 private address"],
    ["/to-mapped", "an IPv4-mapped private address"],
  ])("refuses a redirect %s into %s", async (path) => {
    expect(await refusal(safeFetch(site.url(path), local))).toBe("BLOCKED_ADDRESS");
  });

  it("refuses a redirect to a name that resolves into private space", async () => {
    const resolve: Resolver = async (host) => (host === "rebind.test" ? [{ address: "192.168.0.10", family: 4 }] : []);
    expect(await refusal(safeFetch(site.url("/to-rebind"), { ...local, resolve }))).toBe("BLOCKED_ADDRESS");
  });

  it("refuses a redirect to another scheme, and more than 5 redirects", async () => {
    expect(await refusal(safeFetch(site.url("/to-file"), local))).toBe("SCHEME");
    expect(await refusal(safeFetch(site.url("/loop2"), local))).toBe("FETCHED"); // 5 redirects: allowed
    expect(await refusal(safeFetch(site.url("/loop1"), local))).toBe("TOO_MANY_REDIRECTS");
  });

  it("pins the checked address: a DNS answer that changes between lookup and connect is never used", async () => {
    // A rebinding name: the first answer passes the check, every later one is the metadata address.
    let asked = 0;
    const resolve: Resolver = async () => (asked++ === 0 ? [{ address: "127.0.0.1", family: 4 }] : [{ address: "169.254.169.254", family: 4 }]);
    const before = site.hits("/page");
    const r = await safeFetch(`http://rebinding.test:${site.port}/page`, { ...local, resolve });
    expect(r.status).toBe(200);
    expect(r.address).toBe("127.0.0.1");
    expect(asked).toBe(1); // the socket asked no one: it connected to the pinned answer
    expect(site.hits("/page")).toBe(before + 1);
    // And the other order: the first answer is private, so nothing is fetched at all.
    let asked2 = 0;
    const flip: Resolver = async () => (asked2++ === 0 ? [{ address: "10.1.1.1", family: 4 }] : [{ address: "127.0.0.1", family: 4 }]);
    expect(await refusal(safeFetch(`http://rebinding2.test:${site.port}/page`, { ...local, resolve: flip }))).toBe("BLOCKED_ADDRESS");
    expect(site.hits("/page")).toBe(before + 1);
  });

  it("refuses other schemes and credentials in the URL", async () => {
    for (const url of ["file:///etc/passwd", "ftp://example.com/", "gopher://x/", "data:text/html,hi", "javascript:alert(1)"]) expect(await refusal(safeFetch(url, local))).toBe("SCHEME");
    expect(await refusal(safeFetch(`http://user:pw@127.0.0.1:${site.port}/page`, local))).toBe("CREDENTIALS");
    expect(await refusal(safeFetch("not a url", local))).toBe("BAD_URL");
  });

  it("refuses oversize bodies, declared or counted, and decompression bombs", async () => {
    expect(await refusal(safeFetch(site.url("/big-declared"), { ...local, maxBytes: 1000 }))).toBe("TOO_LARGE");
    expect(await refusal(safeFetch(site.url("/big-chunked"), { ...local, maxBytes: 1000 }))).toBe("TOO_LARGE");
    expect(await refusal(safeFetch(site.url("/gzip-bomb"), { ...local, maxBytes: 100_000 }))).toBe("TOO_LARGE");
    expect(await refusal(safeFetch(site.url("/big-chunked"), { ...local, maxBytes: 5000 }))).toBe("FETCHED");
  });

  it("gives up on a slow-loris server: headers that never come, a body that drips", async () => {
    const t0 = Date.now();
    expect(await refusal(safeFetch(site.url("/slow-headers"), { ...local, timeoutMs: 400 }))).toBe("TIMEOUT");
    expect(await refusal(safeFetch(site.url("/slow-body"), { ...local, timeoutMs: 400 }))).toBe("TIMEOUT");
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it.each([["/json"], ["/image"], ["/untyped"]])("refuses the content type of %s", async (path) => {
    expect(await refusal(safeFetch(site.url(path), local))).toBe("CONTENT_TYPE");
  });
});
