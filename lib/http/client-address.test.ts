import { describe, expect, it } from "vitest";
import { normalizeIp, parseTrustedProxies, peerAddressOf, PEER_HEADER, PEER_KEY_ENV, PEER_KEY_HEADER, resolveClientAddress, throttleBucketOf } from "./client-address";

const none = parseTrustedProxies("");

describe("normalizeIp", () => {
  it.each([
    ["1.2.3.4", "1.2.3.4"],
    [" 1.2.3.4 ", "1.2.3.4"],
    ["1.2.3.4:5678", "1.2.3.4"],
    ["::ffff:1.2.3.4", "1.2.3.4"],
    ["::FFFF:7b7b:7b7b", "123.123.123.123"],
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["fe80::1%eth0", "fe80::1"],
    ["::1", "::1"],
  ])("%s → %s", (raw, expected) => {
    expect(normalizeIp(raw)).toBe(expected);
  });

  it.each(["", "unknown", "1.2.3", "1.2.3.256", "evil.example", "1.2.3.4, 5.6.7.8", "[::1"])("refuses %j", (raw) => {
    expect(normalizeIp(raw)).toBeNull();
  });
});

describe("parseTrustedProxies", () => {
  it("reads addresses and CIDR ranges of both families", () => {
    const trusted = parseTrustedProxies(" 10.0.0.0/8, 192.168.1.7 ,fd00::/8,::1");
    expect(trusted.check("10.200.3.4", "ipv4")).toBe(true);
    expect(trusted.check("192.168.1.7", "ipv4")).toBe(true);
    expect(trusted.check("192.168.1.8", "ipv4")).toBe(false);
    expect(trusted.check("fd12::5", "ipv6")).toBe(true);
    expect(trusted.check("::1", "ipv6")).toBe(true);
    expect(trusted.check("2001:db8::1", "ipv6")).toBe(false);
  });

  it.each(["10.0.0.0/33", "10.0.0.0/8/8", "proxy.local", "10.0.0.0/x", "::/129"])("refuses %j with the variable's name", (entry) => {
    expect(() => parseTrustedProxies(entry)).toThrow(/FACTMARK_TRUSTED_PROXIES/);
  });
});

describe("resolveClientAddress (rightmost untrusted)", () => {
  it("ignores X-Forwarded-For from a peer that is not a trusted proxy: a forged header does not change the address", () => {
    for (const forged of [null, "9.9.9.9", "1.1.1.1, 2.2.2.2", "not an address", "127.0.0.1"]) {
      expect(resolveClientAddress({ peer: "203.0.113.5", forwardedFor: forged, trusted: none })).toBe("203.0.113.5");
    }
  });

  it("takes the hop the trusted proxy saw, not what the client wrote before it", () => {
    const trusted = parseTrustedProxies("10.0.0.0/8");
    expect(resolveClientAddress({ peer: "10.0.0.2", forwardedFor: "6.6.6.6, 203.0.113.5", trusted })).toBe("203.0.113.5");
    // Two proxies in a row: both are skipped.
    expect(resolveClientAddress({ peer: "10.0.0.2", forwardedFor: "6.6.6.6, 203.0.113.5, 10.0.0.9", trusted })).toBe("203.0.113.5");
  });

  it("handles IPv6 and IPv4-mapped hops", () => {
    const trusted = parseTrustedProxies("fd00::/8, 10.0.0.1");
    expect(resolveClientAddress({ peer: "fd00::1", forwardedFor: "2001:DB8::7", trusted })).toBe("2001:db8::7");
    expect(resolveClientAddress({ peer: "::ffff:10.0.0.1", forwardedFor: "::ffff:198.51.100.4", trusted })).toBe("198.51.100.4");
    expect(resolveClientAddress({ peer: "::ffff:198.51.100.4", forwardedFor: "1.1.1.1", trusted })).toBe("198.51.100.4");
  });

  it("gives up (null) when a trusted proxy hands on something that is not an address", () => {
    const trusted = parseTrustedProxies("10.0.0.0/8");
    expect(resolveClientAddress({ peer: "10.0.0.2", forwardedFor: "203.0.113.5, garbage", trusted })).toBeNull();
  });

  it("uses the leftmost proxy when every hop is trusted, and the peer when the proxy sent no header", () => {
    const trusted = parseTrustedProxies("10.0.0.0/8");
    expect(resolveClientAddress({ peer: "10.0.0.2", forwardedFor: "10.0.0.3", trusted })).toBe("10.0.0.3");
    expect(resolveClientAddress({ peer: "10.0.0.2", forwardedFor: null, trusted })).toBe("10.0.0.2");
  });

  it("is null without a peer, whatever X-Forwarded-For says", () => {
    expect(resolveClientAddress({ peer: null, forwardedFor: "1.2.3.4", trusted: parseTrustedProxies("0.0.0.0/0") })).toBeNull();
  });
});

describe("peerAddressOf", () => {
  const headers = (h: Record<string, string>) => (name: string) => h[name] ?? null;
  const env = { [PEER_KEY_ENV]: "the-server-key" };

  it("believes the peer header only with the server's key", () => {
    expect(peerAddressOf(headers({ [PEER_HEADER]: "1.2.3.4", [PEER_KEY_HEADER]: "the-server-key" }), env)).toBe("1.2.3.4");
    expect(peerAddressOf(headers({ [PEER_HEADER]: "1.2.3.4", [PEER_KEY_HEADER]: "a-guess" }), env)).toBeNull();
    expect(peerAddressOf(headers({ [PEER_HEADER]: "1.2.3.4" }), env)).toBeNull();
    // Under plain `next start` there is no key, so a client's header is never believed.
    expect(peerAddressOf(headers({ [PEER_HEADER]: "1.2.3.4", [PEER_KEY_HEADER]: "" }), {})).toBeNull();
  });
});

describe("throttleBucketOf", () => {
  it("keeps an IPv4 address and groups IPv6 by /64", () => {
    expect(throttleBucketOf("1.2.3.4")).toBe("1.2.3.4");
    expect(throttleBucketOf("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(throttleBucketOf("2001:db8:1:2:bbbb:cccc:dddd:eeee")).toBe("2001:db8:1:2::/64");
    expect(throttleBucketOf("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(throttleBucketOf("::1")).toBe("0:0:0:0::/64");
  });
});
