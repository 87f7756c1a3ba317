import { describe as suite, expect, it } from "vitest";
import { codePointLength, codePointToUtf16, OffsetConverter, utf16ToCodePoint } from "./units";

suite("UTF-16 ⇄ code point offsets", () => {
  const text = "a😀b𝄞c👍🏽d"; // 😀, 𝄞, 👍 and 🏽 are outside the BMP (two UTF-16 units each)

  it("counts code points like Array.from", () => {
    expect(codePointLength(text)).toBe(Array.from(text).length);
  });

  it("round-trips every code-point boundary", () => {
    const conv = new OffsetConverter(text);
    let utf16 = 0;
    Array.from(text).forEach((ch, cp) => {
      expect(conv.toUtf16(cp)).toBe(utf16);
      expect(conv.toCodePoints(utf16)).toBe(cp);
      utf16 += ch.length;
    });
    expect(conv.toUtf16(conv.codePointLength)).toBe(text.length);
    expect(conv.toCodePoints(text.length)).toBe(conv.codePointLength);
  });

  it("agrees with the one-off helpers and is the identity on BMP text", () => {
    expect(utf16ToCodePoint(text, 3)).toBe(2);
    expect(codePointToUtf16(text, 2)).toBe(3);
    const bmp = new OffsetConverter("plain text, é and ü");
    expect(bmp.toUtf16(7)).toBe(7);
    expect(bmp.toCodePoints(7)).toBe(7);
  });

  it("ignores lone surrogates (they are one code point each)", () => {
    const broken = "a\ud83db"; // high surrogate without its low half
    const conv = new OffsetConverter(broken);
    expect(conv.codePointLength).toBe(3);
    expect(conv.toUtf16(2)).toBe(2);
  });
});
