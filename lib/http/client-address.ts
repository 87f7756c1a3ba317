import { timingSafeEqual } from "node:crypto";
import { BlockList, isIP } from "node:net";

// The address of the client a request came from, for sign-in throttling (issue 12, item 5).
//
// Next's route handlers are not given the socket's address, and `next start` copies the socket
// address into X-Forwarded-For only when the client sent none, so that header alone is whatever
// the client wrote. lib/cli/serve.mjs (the server `npm start` runs) therefore overwrites
// PEER_HEADER on every request with the socket's address, plus a per-process key in
// PEER_KEY_HEADER that no client can know. Without that key (plain `next start`, `next dev`) the
// peer is unknown, and the throttle then uses only keys nobody can forge (docs/decisions.md).
//
// X-Forwarded-For is read only when the peer is one of FACTMARK_TRUSTED_PROXIES, and then by the
// rightmost-untrusted rule: walking from the peer leftwards, the first hop that is not a trusted
// proxy is the client. Entries further left were written by that client and are ignored.

export const PEER_HEADER = "x-factmark-peer";
export const PEER_KEY_HEADER = "x-factmark-peer-key";
export const PEER_KEY_ENV = "FACTMARK_PEER_KEY";
export const TRUSTED_PROXIES_ENV = "FACTMARK_TRUSTED_PROXIES";

/** Canonical text of an IP address ("::ffff:1.2.3.4" → "1.2.3.4", ports and brackets dropped), or null. */
export function normalizeIp(raw: string): string | null {
  let s = raw.trim();
  if (s.startsWith("[")) {
    const end = s.indexOf("]");
    if (end < 0) return null;
    s = s.slice(1, end);
  } else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(s)) {
    s = s.slice(0, s.lastIndexOf(":"));
  }
  s = s.replace(/%.*$/, ""); // an IPv6 zone id names an interface, not a client
  const kind = isIP(s);
  if (kind === 4) return s;
  if (kind !== 6) return null;
  // The URL parser gives the canonical compressed, lower-case form.
  const canonical = new URL(`http://[${s}]/`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (mapped) {
    const [high, low] = [parseInt(mapped[1]!, 16), parseInt(mapped[2]!, 16)];
    return [high >> 8, high & 255, low >> 8, low & 255].join(".");
  }
  return canonical;
}

/** Parses a comma-separated list of addresses and CIDR ranges; throws on an entry it cannot read. */
export function parseTrustedProxies(list: string): BlockList {
  const blocks = new BlockList();
  for (const entry of list.split(",").map((e) => e.trim()).filter(Boolean)) {
    const [addressText, prefixText, extra] = entry.split("/");
    const address = normalizeIp(addressText ?? "");
    const type = address && isIP(address) === 6 ? "ipv6" : "ipv4";
    const maxPrefix = type === "ipv6" ? 128 : 32;
    const prefix = prefixText === undefined ? maxPrefix : Number(prefixText);
    if (!address || extra !== undefined || !/^\d+$/.test(prefixText ?? "0") || prefix > maxPrefix) {
      throw new Error(`${TRUSTED_PROXIES_ENV}: "${entry}" is not an IP address or CIDR range.`);
    }
    blocks.addSubnet(address, prefix, type);
  }
  return blocks;
}

function isTrusted(trusted: BlockList, address: string): boolean {
  return trusted.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
}

/**
 * The client's address by the rightmost-untrusted rule, or null when it cannot be known: no peer,
 * or a trusted proxy handed on a hop that is not an address.
 */
export function resolveClientAddress(input: { peer: string | null; forwardedFor: string | null; trusted: BlockList }): string | null {
  const peer = input.peer === null ? null : normalizeIp(input.peer);
  if (!peer) return null;
  if (!isTrusted(input.trusted, peer)) return peer;
  const hops = (input.forwardedFor ?? "").split(",").map((h) => h.trim()).filter(Boolean);
  let nearest = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeIp(hops[i]!);
    if (!hop) return null;
    if (!isTrusted(input.trusted, hop)) return hop;
    nearest = hop;
  }
  // Every hop is a trusted proxy: the leftmost one is as near the client as anyone can tell.
  return nearest;
}

/** The key under which addresses are throttled: IPv6 by /64, since one subscriber usually holds a whole /64. */
export function throttleBucketOf(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = "", tail] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  return `${groups.slice(0, 4).join(":")}::/64`;
}

let trustedCache: { list: string; blocks: BlockList } | undefined;

function trustedProxies(): BlockList {
  const list = process.env[TRUSTED_PROXIES_ENV] ?? "";
  if (trustedCache?.list !== list) trustedCache = { list, blocks: parseTrustedProxies(list) };
  return trustedCache.blocks;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The peer address lib/cli/serve.mjs vouched for, or null when no trusted server set it. */
export function peerAddressOf(header: (name: string) => string | null, env: Record<string, string | undefined> = process.env): string | null {
  const key = env[PEER_KEY_ENV];
  const presented = header(PEER_KEY_HEADER);
  if (!key || !presented || !sameSecret(key, presented)) return null;
  return header(PEER_HEADER);
}

/** The requesting client's address, or null when it cannot be known without trusting forgeable input. */
export function clientAddressOf(header: (name: string) => string | null): string | null {
  return resolveClientAddress({ peer: peerAddressOf(header), forwardedFor: header("x-forwarded-for"), trusted: trustedProxies() });
}
