// Which IP addresses the safe fetcher may connect to (issue 18, "One safe fetcher"). Pure functions, so
// every range is unit-tested without a network. The rule is deny-by-default for IPv6 (only global
// unicast 2000::/3 may pass) and a list of special-purpose ranges for IPv4 (RFC 6890 and its updates).
// Addresses that carry an IPv4 address inside IPv6 (mapped, compatible, NAT64, 6to4) are judged by
// the IPv4 address they carry, so ::ffff:127.0.0.1 is loopback like 127.0.0.1.
import { isIPv4, isIPv6 } from "node:net";

type V4Range = readonly [string, number, string];

/** [network, prefix length, why]. Shown in refusals so an editor knows why a link was not fetched. */
export const BLOCKED_V4: readonly V4Range[] = [
  ["0.0.0.0", 8, "this network"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "carrier-grade NAT"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local (cloud metadata)"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "IETF protocol assignments"],
  ["192.0.2.0", 24, "documentation"],
  ["192.88.99.0", 24, "6to4 relay"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "benchmarking"],
  ["198.51.100.0", 24, "documentation"],
  ["203.0.113.0", 24, "documentation"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"],
];

type V6Range = readonly [string, number, string];

/** Inside 2000::/3 (the only IPv6 space allowed), these are still special-purpose. */
export const BLOCKED_V6_GLOBAL: readonly V6Range[] = [
  ["2001::", 23, "IETF protocol assignments (Teredo, ORCHID…)"],
  ["2001:db8::", 32, "documentation"],
  ["3fff::", 20, "documentation"],
];

function v4ToInt(ip: string): number {
  return ip.split(".").reduce((n, part) => n * 256 + Number(part), 0);
}

function inV4(ip: number, [net, bits]: V4Range): boolean {
  if (bits === 0) return true;
  const mask = bits === 32 ? 0xffffffff : (0xffffffff << (32 - bits)) >>> 0;
  return ((ip & mask) >>> 0) === ((v4ToInt(net) & mask) >>> 0);
}

/** The 16 bytes of an IPv6 address (with or without a dotted IPv4 tail). */
export function v6Bytes(ip: string): number[] {
  let text = ip.toLowerCase().replace(/%.*$/, "");
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    const n = v4ToInt(tail[1]);
    text = `${text.slice(0, -tail[1].length)}${((n >>> 16) & 0xffff).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, rest] = text.split("::");
  const a = head ? head.split(":") : [];
  const b = rest !== undefined && rest !== "" ? rest.split(":") : [];
  const groups = rest === undefined ? a : [...a, ...Array<string>(8 - a.length - b.length).fill("0"), ...b];
  return groups.flatMap((g) => {
    const v = parseInt(g || "0", 16);
    return [(v >> 8) & 0xff, v & 0xff];
  });
}

function inV6(bytes: number[], [net, bits]: V6Range): boolean {
  const n = v6Bytes(net);
  for (let i = 0; i < 16; i++) {
    const take = Math.min(8, Math.max(0, bits - i * 8));
    if (take === 0) return true;
    const mask = (0xff << (8 - take)) & 0xff;
    if ((bytes[i] & mask) !== (n[i] & mask)) return false;
  }
  return true;
}

const v4Of = (bytes: number[], at: number) => bytes.slice(at, at + 4).join(".");

/** The IPv4 address an IPv6 address carries, if it is one of the forms that embed one. */
export function embeddedV4(ip: string): string | null {
  const b = v6Bytes(ip);
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return v4Of(b, 12); // ::ffff:a.b.c.d (mapped)
  if (zeros(0, 12) && !zeros(12, 16) && !(zeros(12, 15) && b[15] === 1)) return v4Of(b, 12); // ::a.b.c.d (compatible)
  if (inV6(b, ["64:ff9b::", 96, ""])) return v4Of(b, 12); // NAT64
  if (b[0] === 0x20 && b[1] === 0x02) return v4Of(b, 2); // 6to4 2002:aabb:ccdd::
  return null;
}

export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

/**
 * May the fetcher connect to this address? `allowLoopback` (tests only, FACTMARK_FETCH_ALLOW_LOOPBACK=1)
 * lets 127.0.0.0/8 and ::1 through and nothing else: private, link-local and metadata ranges stay refused.
 */
export function checkAddress(ip: string, opts: { allowLoopback?: boolean } = {}): AddressVerdict {
  if (isIPv4(ip)) {
    const n = v4ToInt(ip);
    if (opts.allowLoopback && inV4(n, ["127.0.0.0", 8, ""])) return { allowed: true };
    if (ip === "255.255.255.255") return { allowed: false, reason: "broadcast" };
    const hit = BLOCKED_V4.find((r) => inV4(n, r));
    return hit ? { allowed: false, reason: hit[2] } : { allowed: true };
  }
  if (isIPv6(ip)) {
    const inner = embeddedV4(ip);
    if (inner) {
      const verdict = checkAddress(inner, opts);
      return verdict.allowed ? verdict : { allowed: false, reason: `${verdict.reason} (IPv4 inside IPv6)` };
    }
    const b = v6Bytes(ip);
    if (b.slice(0, 15).every((x) => x === 0) && b[15] === 1) {
      return opts.allowLoopback ? { allowed: true } : { allowed: false, reason: "loopback" };
    }
    if (b.every((x) => x === 0)) return { allowed: false, reason: "unspecified" };
    if (inV6(b, ["fc00::", 7, ""])) return { allowed: false, reason: "unique local (private)" };
    if (inV6(b, ["fe80::", 10, ""])) return { allowed: false, reason: "link-local" };
    if (inV6(b, ["ff00::", 8, ""])) return { allowed: false, reason: "multicast" };
    if (!inV6(b, ["2000::", 3, ""])) return { allowed: false, reason: "not global unicast" };
    const hit = BLOCKED_V6_GLOBAL.find((r) => inV6(b, r));
    return hit ? { allowed: false, reason: hit[2] } : { allowed: true };
  }
  return { allowed: false, reason: "not an IP address" };
}

/** Off unless the variable is exactly "1"; nothing else (NODE_ENV, a test runner…) implies it. */
export function loopbackAllowed(env: Record<string, string | undefined> = process.env): boolean {
  return env.FACTMARK_FETCH_ALLOW_LOOPBACK === "1";
}
