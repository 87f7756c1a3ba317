/**
 * The text of a publisher's page as a reader sees it, in the shape of Factmark's canonical text
 * (lib/articles/document.ts: blocks joined by a blank line, a hard break is "\n"), and a map from
 * every character of that text back to the DOM (issue 14, "What the script does").
 *
 * Rules, mirroring how the canonical text is made from a document:
 * - `script`, `style`, `noscript`, `template`, embedded content and hidden elements (the `hidden`
 *   attribute, `display: none`, `visibility: hidden`) contribute nothing;
 * - a block element (by tag, or by its computed display) starts and ends a block: blocks are joined
 *   by "\n\n", and an empty block adds nothing;
 * - `<br>` is "\n";
 * - inside a block, a run of HTML whitespace (space, tab, CR, LF, FF) is one space, and whitespace at
 *   the start or end of a block or line is dropped, as the browser does when it lays the text out;
 * - a no-break space is a space (imports store it as one).
 *
 * Offsets are UTF-16 code units, like the anchoring engine's. Each character of the output maps to one
 * code unit of one text node, except the separators, which map to none; a collapsed whitespace run maps
 * to its first character. So a range [start, end) of the text maps to the DOM range from the first
 * mapped character at or after `start` to just after the last mapped character before `end`.
 */

const SKIPPED = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "IFRAME", "OBJECT", "EMBED", "CANVAS", "VIDEO", "AUDIO", "SVG", "MATH", "SELECT", "TEXTAREA", "INPUT", "BUTTON", "HEAD", "LINK", "META", "TITLE"]);
const BLOCKS = new Set([
  "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "BODY", "CAPTION", "DD", "DETAILS", "DIALOG", "DIV", "DL", "DT", "FIELDSET", "FIGCAPTION", "FIGURE", "FOOTER", "FORM",
  "H1", "H2", "H3", "H4", "H5", "H6", "HEADER", "HGROUP", "HR", "LI", "MAIN", "NAV", "OL", "P", "PRE", "SECTION", "SUMMARY", "TABLE", "TBODY", "TD", "TFOOT", "TH", "THEAD", "TR", "UL",
]);

/** Whether an element is laid out as a block (starts a new line), given its computed display. */
function isBlock(el: Element, display: string): boolean {
  if (BLOCKS.has(el.tagName.toUpperCase())) return true;
  return display !== "" && !display.startsWith("inline") && display !== "contents" && display !== "ruby" && !display.startsWith("ruby-");
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 12;

export type ExtractOptions = {
  /** Elements to leave out, besides the hidden ones (the widget's own host). */
  skip?: (el: Element) => boolean;
};

export type ExtractedText = {
  text: string;
  /** The DOM range of [start, end) of `text`, or null when no character in it maps to the page. */
  rangeOf(start: number, end: number): Range | null;
};

export function extractText(root: Element, options: ExtractOptions = {}): ExtractedText {
  const doc = root.ownerDocument;
  const view = doc.defaultView;
  const nodes: Text[] = [];
  // Per output character: index into `nodes` (-1 for a separator) and offset in that node.
  let nodeOf: Int32Array = new Int32Array(1024);
  let offsetOf: Int32Array = new Int32Array(1024);
  const pieces: string[] = [];
  let length = 0;
  // Newlines owed before the next character (2 after a block edge, 1 per <br>), and a pending space.
  let owedNewlines = 0;
  let atLineStart = true;
  let spaceNode = -1;
  let spaceOffset = 0;

  const grow = () => {
    const n = new Int32Array(nodeOf.length * 2);
    n.set(nodeOf);
    nodeOf = n;
    const o = new Int32Array(offsetOf.length * 2);
    o.set(offsetOf);
    offsetOf = o;
  };
  const emit = (ch: string, node: number, offset: number) => {
    if (length === nodeOf.length) grow();
    pieces.push(ch);
    nodeOf[length] = node;
    offsetOf[length] = offset;
    length++;
  };
  const blockEdge = () => {
    owedNewlines = 2;
    atLineStart = true;
    spaceNode = -1;
  };

  const visitText = (t: Text) => {
    const data = t.data;
    let index = -1;
    let runStart = 0;
    // Characters are copied in runs between whitespace, so the common case costs one slice per word.
    const flush = (end: number) => {
      if (end <= runStart) return;
      if (index < 0) {
        index = nodes.length;
        nodes.push(t);
      }
      if (owedNewlines > 0) {
        if (length > 0) for (let i = 0; i < owedNewlines; i++) emit("\n", -1, 0);
        owedNewlines = 0;
      } else if (spaceNode >= 0) {
        emit(" ", spaceNode, spaceOffset);
      }
      spaceNode = -1;
      atLineStart = false;
      // One piece per word, not per character: the map is filled in place.
      while (length + (end - runStart) > nodeOf.length) grow();
      for (let i = runStart; i < end; i++) {
        nodeOf[length] = index;
        offsetOf[length] = i;
        length++;
      }
      const word = data.slice(runStart, end);
      pieces.push(word.includes("\u00a0") ? word.replace(/\u00a0/g, " ") : word);
    };
    for (let i = 0; i < data.length; i++) {
      if (!isSpace(data.charCodeAt(i))) continue;
      flush(i);
      runStart = i + 1;
      if (!atLineStart && spaceNode < 0) {
        if (index < 0) {
          index = nodes.length;
          nodes.push(t);
        }
        spaceNode = index;
        spaceOffset = i;
      }
    }
    flush(data.length);
  };

  const visit = (el: Element) => {
    for (let child = el.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        visitText(child as Text);
        continue;
      }
      if (child.nodeType !== 1) continue;
      const e = child as Element;
      const tag = e.tagName.toUpperCase();
      if (SKIPPED.has(tag) || e.hasAttribute("hidden") || options.skip?.(e)) continue;
      if (tag === "BR") {
        owedNewlines = owedNewlines >= 2 ? owedNewlines : owedNewlines + 1;
        atLineStart = true;
        spaceNode = -1;
        continue;
      }
      const style = view ? view.getComputedStyle(e) : null;
      if (style && (style.display === "none" || style.visibility === "hidden" || style.visibility === "collapse")) continue;
      const block = isBlock(e, style?.display ?? "");
      if (block) blockEdge();
      visit(e);
      if (block) blockEdge();
    }
  };
  visit(root);

  const text = pieces.join("");
  const map = { nodeOf, offsetOf };
  return {
    text,
    rangeOf(start: number, end: number): Range | null {
      let a = Math.max(0, start);
      const limit = Math.min(end, length);
      while (a < limit && map.nodeOf[a] < 0) a++;
      let b = limit - 1;
      while (b >= a && map.nodeOf[b] < 0) b--;
      if (a >= limit || b < a) return null;
      const range = doc.createRange();
      range.setStart(nodes[map.nodeOf[a]], map.offsetOf[a]);
      range.setEnd(nodes[map.nodeOf[b]], map.offsetOf[b] + 1);
      return range;
    },
  };
}

const WORD_CHARACTER = /[\p{L}\p{M}\p{N}\p{Pc}\u200c\u200d]/u;

/**
 * Widens [start, end) to whole words: a highlight that began or ended inside a word would cut it,
 * and in Arabic (and every joining script) a cut word changes its letters' shapes.
 */
export function snapToWords(text: string, start: number, end: number): { start: number; end: number } {
  const isWord = (i: number) => {
    if (i < 0 || i >= text.length) return false;
    const cp = text.codePointAt(i)!;
    // A low surrogate belongs to the character that starts one unit earlier.
    if (cp >= 0xdc00 && cp <= 0xdfff && i > 0) return WORD_CHARACTER.test(String.fromCodePoint(text.codePointAt(i - 1)!));
    return WORD_CHARACTER.test(String.fromCodePoint(cp));
  };
  let s = start;
  let e = end;
  if (isWord(s) && isWord(s - 1)) while (isWord(s - 1)) s--;
  if (isWord(e - 1) && isWord(e)) while (isWord(e)) e++;
  return { start: s, end: e };
}
