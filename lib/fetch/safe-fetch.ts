// The one way Factmark reaches the web (issue 18). Every outbound request — source snapshots, "Fill
// from page", articles from a URL — goes through safeFetch, which:
// - allows http and https only, GET only, no credentials in the URL;
// - resolves the host itself and checks EVERY address it gets (address-policy.ts), then connects to
//   the checked address and no other: the socket's `lookup` is replaced by one that returns the pinned
//   answer, so a DNS server that answers differently a second time (DNS rebinding) is never asked;
// - follows at most 5 redirects, each one checked like the first URL;
// - stops after 10 s in all (headers, redirects and body: a slow-loris server cannot hold it) and at
//   5 MB (declared or counted, after decompression);
// - accepts html, plain text and pdf only, and names itself in User-Agent.
import { createHash } from "node:crypto";
import { lookup as dnsLookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { isIP } from "node:net";
import zlib from "node:zlib";
import { checkAddress, loopbackAllowed } from "./address-policy";

export const FETCH_TIMEOUT_MS = 10_000;
export const FETCH_MAX_BYTES = 5 * 1024 * 1024;
export const FETCH_MAX_REDIRECTS = 5;
export const FETCH_USER_AGENT = "Factmark/0.1 (fact-checking source archiver; +https://github.com/factmark)";
export const FETCH_CONTENT_TYPES = ["text/html", "application/xhtml+xml", "text/plain", "application/pdf"] as const;

export type FetchRefusalCode =
  | "BAD_URL"
  | "SCHEME"
  | "CREDENTIALS"
  | "DNS"
  | "BLOCKED_ADDRESS"
  | "TOO_MANY_REDIRECTS"
  | "TIMEOUT"
  | "TOO_LARGE"
  | "CONTENT_TYPE"
  | "NETWORK";

/** Why a fetch did not happen or did not finish. `message` is safe to show to staff. */
export class FetchRefused extends Error {
  constructor(
    readonly code: FetchRefusalCode,
    message: string,
  ) {
    super(message);
    this.name = "FetchRefused";
  }
}

export type ResolvedAddress = { address: string; family: 4 | 6 };
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export type SafeFetchOptions = {
  /** Tests inject a resolver to play DNS tricks; the default is the system's (getaddrinfo). */
  resolve?: Resolver;
  timeoutMs?: number;
  maxBytes?: number;
  /** Defaults to FACTMARK_FETCH_ALLOW_LOOPBACK=1 read at call time. */
  allowLoopback?: boolean;
};

export type FetchResult = {
  /** The URL after redirects. */
  url: string;
  status: number;
  /** The media type without parameters, e.g. "text/html"; null when the response was not 2xx. */
  contentType: string | null;
  charset: string | null;
  /** Empty unless the status is 2xx. */
  body: Buffer;
  /** SHA-256 (hex) of the body bytes as received after decompression. */
  sha256: string;
  redirects: string[];
  /** The address the last hop connected to. */
  address: string;
};

const systemResolve: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

function parseTarget(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchRefused("BAD_URL", "This is not a valid web address.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new FetchRefused("SCHEME", `Only http and https addresses are fetched (this one is ${url.protocol.replace(":", "")}).`);
  if (url.username || url.password) throw new FetchRefused("CREDENTIALS", "Addresses with a user name or password are not fetched.");
  url.hash = "";
  return url;
}

/** Resolves and checks every answer; returns the one address the connection will use. */
async function pinAddress(url: URL, resolve: Resolver, allowLoopback: boolean): Promise<ResolvedAddress> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let answers: ResolvedAddress[];
  if (isIP(host)) {
    answers = [{ address: host, family: isIP(host) === 6 ? 6 : 4 }];
  } else {
    try {
      answers = await resolve(host);
    } catch {
      throw new FetchRefused("DNS", `The name ${host} could not be resolved.`);
    }
    if (!answers.length) throw new FetchRefused("DNS", `The name ${host} has no address.`);
  }
  for (const a of answers) {
    const verdict = checkAddress(a.address, { allowLoopback });
    if (!verdict.allowed) throw new FetchRefused("BLOCKED_ADDRESS", `${host} points to a ${verdict.reason} address (${a.address}); Factmark fetches public web pages only.`);
  }
  return answers[0];
}

function pinnedLookup(pin: ResolvedAddress): LookupFunction {
  return ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address: pin.address, family: pin.family }]);
    else callback(null, pin.address, pin.family);
  }) as unknown as LookupFunction;
}

type Hop = { status: number; headers: http.IncomingHttpHeaders; response: http.IncomingMessage };

function request(url: URL, pin: ResolvedAddress, signal: AbortSignal): Promise<Hop> {
  const mod = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(
      url,
      {
        method: "GET",
        lookup: pinnedLookup(pin),
        // No keep-alive pool: a pooled socket could be reused for a host that now resolves elsewhere.
        agent: false,
        signal,
        headers: {
          "user-agent": FETCH_USER_AGENT,
          accept: "text/html,application/xhtml+xml,text/plain;q=0.9,application/pdf;q=0.8",
          "accept-encoding": "gzip, deflate, br",
        },
      },
      (response) => resolve({ status: response.statusCode ?? 0, headers: response.headers, response }),
    );
    req.on("error", reject);
    req.end();
  });
}

function decoder(encoding: string | undefined): import("node:stream").Transform | null {
  switch ((encoding ?? "identity").trim().toLowerCase()) {
    case "gzip":
    case "x-gzip":
      return zlib.createGunzip();
    case "deflate":
      return zlib.createInflate();
    case "br":
      return zlib.createBrotliDecompress();
    default:
      return null;
  }
}

async function readBody(hop: Hop, maxBytes: number): Promise<Buffer> {
  const declared = Number(hop.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    hop.response.destroy();
    throw new FetchRefused("TOO_LARGE", `The page is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`);
  }
  const decode = decoder(hop.headers["content-encoding"]);
  const stream = (decode ? hop.response.pipe(decode) : hop.response) as AsyncIterable<Buffer>;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      size += chunk.length;
      if (size > maxBytes) {
        hop.response.destroy();
        throw new FetchRefused("TOO_LARGE", `The page is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`);
      }
      chunks.push(chunk);
    }
  } finally {
    decode?.destroy();
  }
  return Buffer.concat(chunks);
}

function mediaType(header: string | undefined): { type: string | null; charset: string | null } {
  if (!header) return { type: null, charset: null };
  const [type, ...params] = header.split(";").map((p) => p.trim());
  const charset = params.map((p) => /^charset=["']?([^"';]+)/i.exec(p)?.[1] ?? null).find(Boolean) ?? null;
  return { type: type.toLowerCase(), charset: charset?.toLowerCase() ?? null };
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export async function safeFetch(rawUrl: string, opts: SafeFetchOptions = {}): Promise<FetchResult> {
  const resolve = opts.resolve ?? systemResolve;
  const allowLoopback = opts.allowLoopback ?? loopbackAllowed();
  const timeoutMs = opts.timeoutMs ?? FETCH_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? FETCH_MAX_BYTES;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const redirects: string[] = [];
  try {
    let url = parseTarget(rawUrl);
    for (;;) {
      const pin = await pinAddress(url, resolve, allowLoopback);
      if (timedOut) throw new FetchRefused("TIMEOUT", "");
      const hop = await request(url, pin, controller.signal);
      if (REDIRECTS.has(hop.status) && hop.headers.location) {
        hop.response.resume();
        if (redirects.length >= FETCH_MAX_REDIRECTS) throw new FetchRefused("TOO_MANY_REDIRECTS", `The page redirected more than ${FETCH_MAX_REDIRECTS} times.`);
        let next: URL;
        try {
          next = new URL(hop.headers.location, url);
        } catch {
          throw new FetchRefused("BAD_URL", "The page redirected to an invalid address.");
        }
        url = parseTarget(next.toString());
        redirects.push(url.toString());
        continue;
      }
      if (hop.status < 200 || hop.status > 299) {
        hop.response.resume();
        return { url: url.toString(), status: hop.status, contentType: null, charset: null, body: Buffer.alloc(0), sha256: sha256(Buffer.alloc(0)), redirects, address: pin.address };
      }
      const { type, charset } = mediaType(hop.headers["content-type"]);
      if (!type || !(FETCH_CONTENT_TYPES as readonly string[]).includes(type)) {
        hop.response.destroy();
        throw new FetchRefused("CONTENT_TYPE", `Factmark fetches web pages, plain text and PDF only (this is ${type ?? "of no declared type"}).`);
      }
      const body = await readBody(hop, maxBytes);
      return { url: url.toString(), status: hop.status, contentType: type, charset, body, sha256: sha256(body), redirects, address: pin.address };
    }
  } catch (e) {
    if (timedOut) throw new FetchRefused("TIMEOUT", `The page did not arrive within ${Math.round(timeoutMs / 1000)} s.`);
    if (e instanceof FetchRefused) throw e;
    throw new FetchRefused("NETWORK", `The page could not be fetched (${(e as NodeJS.ErrnoException)?.code ?? "network error"}).`);
  } finally {
    clearTimeout(timer);
  }
}

export function sha256(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The body as text, in its declared charset when Node knows it (UTF-8 otherwise). */
export function bodyText(result: Pick<FetchResult, "body" | "charset">): string {
  try {
    return new TextDecoder(result.charset ?? "utf-8").decode(result.body);
  } catch {
    return new TextDecoder("utf-8").decode(result.body);
  }
}
