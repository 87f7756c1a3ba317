// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { extractText, snapToWords } from "./extract";

function rootOf(html: string): HTMLElement {
  document.body.innerHTML = `<div id="root">${html}</div>`;
  return document.getElementById("root")!;
}

/** Every [start, end) over the words of `text` must map to a DOM range whose string is the same characters (separators aside). */
function expectRoundTrip(html: string) {
  const root = rootOf(html);
  const { text, rangeOf } = extractText(root);
  for (let start = 0; start < text.length; start++) {
    for (let end = start + 1; end <= Math.min(text.length, start + 12); end++) {
      const slice = text.slice(start, end);
      if (/^\s|\s$/.test(slice) || /[\uDC00-\uDFFF]/.test(text[start]) || /[\uD800-\uDBFF]/.test(text[end - 1])) continue;
      const range = rangeOf(start, end);
      expect(range, `${start}-${end}`).not.toBeNull();
      // The DOM string has the page's own whitespace (and none for a <br> or between blocks); the other characters are the slice's.
      expect(range!.toString().replace(/[ \t\n\r\f\u00a0]+/g, ""), `${start}-${end}`).toBe(slice.replace(/\s+/g, ""));
      expect(range!.toString().startsWith(slice[0]) && range!.toString().endsWith(slice[slice.length - 1]), `${start}-${end}`).toBe(true);
    }
  }
  return text;
}

describe("extractText", () => {
  it("joins blocks with a blank line and ignores scripts, styles and hidden elements", () => {
    const root = rootOf(`<h1>Title</h1><p>One <script>var x = 1</script>two</p><style>p{}</style><div hidden>gone</div><p style="display:none">gone</p><p>Three</p>`);
    expect(extractText(root).text).toBe("Title\n\nOne two\n\nThree");
  });

  it("keeps nested inline elements in one block and maps offsets into them", () => {
    const html = `<p>The <a href="#">militant <em>group <strong>killed</strong></em></a> at least <b>116</b> civilians.</p>`;
    const text = expectRoundTrip(html);
    expect(text).toBe("The militant group killed at least 116 civilians.");
    const root = rootOf(html);
    const { rangeOf } = extractText(root);
    const range = rangeOf(text.indexOf("group killed"), text.indexOf("group killed") + "group killed".length)!;
    expect(range.startContainer.parentElement!.tagName).toBe("EM");
    expect(range.endContainer.parentElement!.tagName).toBe("STRONG");
    expect(range.toString()).toBe("group killed");
  });

  it("turns <br> into a newline and drops whitespace around it", () => {
    const text = expectRoundTrip(`<p>First line   <br>\n   second line<br><br>third</p>`);
    expect(text).toBe("First line\nsecond line\n\nthird");
  });

  it("collapses whitespace runs (spaces, tabs, newlines, no-break spaces count as characters) and trims blocks", () => {
    const text = expectRoundTrip(`<p>\n   Extra \t\t whitespace\n\n  between   <span>  words </span> here.  </p>\n\n   <p>  Next\u00a0para </p>`);
    expect(text).toBe("Extra whitespace between words here.\n\nNext para");
  });

  it("maps single-spaced text nodes (copied whole) and irregular ones (split at whitespace runs) alike", () => {
    const html = `<p>Alpha beta <b>gamma</b> delta <i> epsilon\u00a0zeta </i>eta</p><p>one  two\tthree <span>four</span></p>`;
    const text = expectRoundTrip(html);
    expect(text).toBe("Alpha beta gamma delta epsilon zeta eta\n\none two three four");
    const { rangeOf } = extractText(rootOf(html));
    const range = rangeOf(text.indexOf("delta"), text.indexOf("zeta") + 4)!;
    expect(range.toString()).toBe("delta  epsilon\u00a0zeta");
  });

  it("maps non-BMP characters as two code units each, never splitting a pair", () => {
    const html = `<p>Dam 😀 holds <i>𝐛𝐨𝐥𝐝</i> water 🌊.</p>`;
    const text = expectRoundTrip(html);
    expect(text).toBe("Dam 😀 holds 𝐛𝐨𝐥𝐝 water 🌊.");
    const root = rootOf(html);
    const start = text.indexOf("😀");
    const range = extractText(root).rangeOf(start, text.indexOf("water") + 5)!;
    expect(range.toString()).toBe("😀 holds 𝐛𝐨𝐥𝐝 water");
    expect(range.endOffset).toBe((range.endContainer as Text).data.indexOf("water") + 5);
  });

  it("treats ads and related-story boxes as their own blocks, and skips the widget's host", () => {
    const root = rootOf(`<p>Before</p><aside class="ad">Buy now</aside><div class="related"><a href="#">Related story</a></div><p>After</p><div data-skip="1">widget</div>`);
    const { text } = extractText(root, { skip: (el) => el.hasAttribute("data-skip") });
    expect(text).toBe("Before\n\nBuy now\n\nRelated story\n\nAfter");
  });

  it("returns null for a range that covers only separators", () => {
    const root = rootOf(`<p>A</p><p>B</p>`);
    const { text, rangeOf } = extractText(root);
    expect(text).toBe("A\n\nB");
    expect(rangeOf(1, 3)).toBeNull();
    expect(rangeOf(0, 4)!.toString()).toBe("AB");
  });
});

describe("snapToWords", () => {
  it("widens a span that starts or ends inside a word, including Arabic", () => {
    const text = "قال المرصد السوري إن التنظيم";
    const inside = text.indexOf("رصد");
    expect(snapToWords(text, inside, inside + 3)).toEqual({ start: text.indexOf("المرصد"), end: text.indexOf("المرصد") + "المرصد".length });
    expect(snapToWords("Leicestershire council", 0, 9)).toEqual({ start: 0, end: 14 });
  });

  it("leaves whole words alone", () => {
    const text = "at least 116 civilians";
    expect(snapToWords(text, 9, 12)).toEqual({ start: 9, end: 12 });
  });
});
