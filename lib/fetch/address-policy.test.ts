import { describe, expect, it } from "vitest";
import { checkAddress, embeddedV4, loopbackAllowed, v6Bytes } from "./address-policy";

// One address inside every blocked range (issue 18: loopback, private, link-local, multicast, CGNAT,
// metadata; IPv4 and IPv6, including IPv4-mapped IPv6).
const BLOCKED = [
  ["0.0.0.0", "this network"],
  ["10.1.2.3", "private"],
  ["100.64.0.1", "carrier-grade NAT"],
  ["100.100.100.200", "carrier-grade NAT"], // Alibaba Cloud metadata
  ["127.0.0.1", "loopback"],
  ["127.255.255.254", "loopback"],
  ["169.254.169.254", "link-local (cloud metadata)"],
  ["172.16.0.1", "private"],
  ["172.31.255.255", "private"],
  ["192.0.0.170", "IETF protocol assignments"],
  ["192.0.2.1", "documentation"],
  ["192.88.99.1", "6to4 relay"],
  ["192.168.1.1", "private"],
  ["198.18.0.1", "benchmarking"],
  ["198.51.100.7", "documentation"],
  ["203.0.113.9", "documentation"],
  ["224.0.0.251", "multicast"],
  ["239.255.255.250", "multicast"],
  ["240.0.0.1", "reserved"],
  ["255.255.255.255", "broadcast"],
  ["::", "unspecified"],
  ["::1", "loopback"],
  ["fc00::1", "unique local (private)"],
  ["fd00:ec2::254", "unique local (private)"], // AWS metadata over IPv6
  ["fe80::1", "link-local"],
  ["fe80::1%eth0", "link-local"],
  ["ff02::1", "multicast"],
  ["100::1", "not global unicast"],
  ["2001::1", "IETF protocol assignments (Teredo, ORCHID…)"],
  ["2001:db8::1", "documentation"],
  ["::ffff:127.0.0.1", "loopback (IPv4 inside IPv6)"],
  ["::ffff:7f00:1", "loopback (IPv4 inside IPv6)"],
  ["::ffff:169.254.169.254", "link-local (cloud metadata) (IPv4 inside IPv6)"],
  ["::ffff:10.0.0.1", "private (IPv4 inside IPv6)"],
  ["::127.0.0.1", "loopback (IPv4 inside IPv6)"],
  ["64:ff9b::a9fe:a9fe", "link-local (cloud metadata) (IPv4 inside IPv6)"],
  ["2002:c0a8:0101::1", "private (IPv4 inside IPv6)"],
] as const;

const PUBLIC = ["93.184.216.34", "8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "::ffff:93.184.216.34", "64:ff9b::808:808"];

describe("checkAddress", () => {
  it.each(BLOCKED)("refuses %s (%s)", (ip, reason) => {
    expect(checkAddress(ip)).toEqual({ allowed: false, reason });
  });

  it.each(PUBLIC)("allows public %s", (ip) => {
    expect(checkAddress(ip)).toEqual({ allowed: true });
  });

  it("with allowLoopback lets loopback through and nothing else", () => {
    for (const ip of ["127.0.0.1", "::1", "::ffff:127.0.0.1"]) expect(checkAddress(ip, { allowLoopback: true }).allowed).toBe(true);
    for (const [ip] of BLOCKED.filter(([, why]) => !why.startsWith("loopback"))) expect(checkAddress(ip, { allowLoopback: true }).allowed).toBe(false);
  });

  it("refuses what is not an address", () => {
    expect(checkAddress("localhost").allowed).toBe(false);
    expect(checkAddress("").allowed).toBe(false);
  });
});

describe("IPv6 parsing", () => {
  it("expands compressed forms and dotted tails", () => {
    expect(v6Bytes("::1")).toEqual([...Array(15).fill(0), 1]);
    expect(v6Bytes("::ffff:1.2.3.4").slice(10)).toEqual([0xff, 0xff, 1, 2, 3, 4]);
    expect(v6Bytes("2001:db8::")).toEqual([0x20, 0x01, 0x0d, 0xb8, ...Array(12).fill(0)]);
  });
  it("finds the IPv4 address inside mapped, NAT64 and 6to4 forms", () => {
    expect(embeddedV4("::ffff:a9fe:a9fe")).toBe("169.254.169.254");
    expect(embeddedV4("64:ff9b::7f00:1")).toBe("127.0.0.1");
    expect(embeddedV4("2002:7f00:1::")).toBe("127.0.0.1");
    expect(embeddedV4("2606:4700::1")).toBeNull();
    expect(embeddedV4("::1")).toBeNull();
  });
});

describe("FACTMARK_FETCH_ALLOW_LOOPBACK", () => {
  it("is on only when exactly 1", () => {
    expect(loopbackAllowed({ FACTMARK_FETCH_ALLOW_LOOPBACK: "1" })).toBe(true);
    for (const v of [undefined, "", "0", "true", "yes", " 1"]) expect(loopbackAllowed({ FACTMARK_FETCH_ALLOW_LOOPBACK: v })).toBe(false);
    expect(loopbackAllowed({ NODE_ENV: "test", CI: "1" })).toBe(false);
  });
});
