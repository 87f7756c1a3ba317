import { describe as suite, expect, it } from "vitest";
import { CONTEXT_LENGTH, describe } from "./describe";

suite("describe", () => {
  it("builds quote and position selectors with up to 32 characters of context", () => {
    const text = "x".repeat(50) + "CLAIM" + "y".repeat(50);
    const { quote, position } = describe(text, 50, 55);
    expect(quote).toEqual({ type: "TextQuoteSelector", exact: "CLAIM", prefix: "x".repeat(CONTEXT_LENGTH), suffix: "y".repeat(CONTEXT_LENGTH) });
    expect(position).toEqual({ type: "TextPositionSelector", start: 50, end: 55 });
  });

  it("clips context at the text edges", () => {
    const { quote } = describe("short claim here", 6, 11);
    expect(quote.prefix).toBe("short ");
    expect(quote.suffix).toBe(" here");
  });

  it("counts the position in code points and never splits a surrogate pair in the context", () => {
    const text = "😀".repeat(40) + "claim" + "🎉".repeat(40);
    const start = 80; // UTF-16
    const { quote, position } = describe(text, start, start + 5);
    expect(position).toEqual({ type: "TextPositionSelector", start: 40, end: 45 });
    expect(quote.prefix).toBe("😀".repeat(32));
    expect(quote.suffix).toBe("🎉".repeat(32));
    expect(Array.from(quote.prefix!).length).toBe(32);
  });

  it("rejects spans outside the text or reversed", () => {
    expect(() => describe("abc", 2, 1)).toThrow(RangeError);
    expect(() => describe("abc", 0, 4)).toThrow(RangeError);
    expect(() => describe("abc", -1, 2)).toThrow(RangeError);
  });
});
