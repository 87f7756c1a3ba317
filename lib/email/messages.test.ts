import { describe, expect, it } from "vitest";
import { composeMessage } from "./messages";

describe("composeMessage", () => {
  const m = composeMessage({
    subject: "Approved",
    greeting: "Hello <Ann>,",
    lines: ["Your claim “x < y” was approved."],
    link: { href: "http://f.test/review/claims/1?a=1&b=2", label: "Open the claim" },
    unsubscribe: { href: "http://f.test/unsubscribe?u=1&k=APPROVED&t=z", what: "My claim was approved" },
  });
  it("says the same in plain text and HTML", () => {
    expect(m.text).toContain("Hello <Ann>,");
    expect(m.text).toContain("Open the claim: http://f.test/review/claims/1?a=1&b=2");
    expect(m.text).toContain("Stop these emails: http://f.test/unsubscribe?u=1&k=APPROVED&t=z");
    expect(m.html).toContain('<a href="http://f.test/review/claims/1?a=1&amp;b=2">Open the claim</a>');
    expect(m.html).toContain("Stop these emails</a>");
  });
  it("escapes every user-supplied string in the HTML", () => {
    expect(m.html).toContain("Hello &lt;Ann&gt;,");
    expect(m.html).toContain("x &lt; y");
    expect(m.html).not.toContain("<Ann>");
  });
  it("has no unsubscribe line when none is given", () => {
    const plain = composeMessage({ subject: "s", greeting: "Hi", lines: ["l"] });
    expect(plain.text).not.toContain("Stop these emails");
    expect(plain.html).not.toContain("Stop these emails");
  });
});
