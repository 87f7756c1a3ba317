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

export type ExtractOptions = {
  /** Elements to leave out, besides the hidden ones (the widget's own host). */
  skip?: (el: Element) => boolean;
};

export type ExtractedText = {
  text: string;
  /** The DOM range of [start, end) of `text`, or null when no character in it maps to the page. */
  rangeOf(start: number, end: number): Range | null;
};

/**
 * The map back to the DOM is a list of runs, not one entry per character: a run is a stretch of the output
 * that is a contiguous stretch of one text node (or a separator, which maps to none), so a paragraph whose
 * words are one space apart is one run however long it is. A character's place is found by binary search
 * over the runs' starts. (One entry per character was a third of the extraction's time on a 20,000-word page.)
 */
export function extractText(root: Element, options: ExtractOptions = {}): ExtractedText {
  const doc = root.ownerDocument;
  const view = doc.defaultView;
  const nodes: Text[] = [];
  // Per run: where it starts in the output, its text node (index into `nodes`, -1 for a separator), and
  // the offset in that node of its first character. A run ends where the next one starts.
  let runOut = new Int32Array(256);
  let runNode = new Int32Array(256);
  let runOffset = new Int32Array(256);
  let runs = 0;
  const pieces: string[] = [];
  let length = 0;
  // Newlines owed before the next character (2 after a block edge, 1 per <br>), and a pending space.
  let owedNewlines = 0;
  let atLineStart = true;
  let spaceNode = -1;
  let spaceOffset = 0;

  const grow = () => {
    const size = runOut.length * 2;
    const out = new Int32Array(size);
    out.set(runOut);
    runOut = out;
    const node = new Int32Array(size);
    node.set(runNode);
    runNode = node;
    const offset = new Int32Array(size);
    offset.set(runOffset);
    runOffset = offset;
  };
  /** `n` output characters that map to node `node` from `offset` on (node -1: a separator). */
  const addRun = (node: number, offset: number, n: number) => {
    const last = runs - 1;
    // Continues the previous run when it is the next characters of the same node.
    if (!(last >= 0 && node >= 0 && runNode[last] === node && runOffset[last] + (length - runOut[last]) === offset)) {
      if (runs === runOut.length) grow();
      runOut[runs] = length;
      runNode[runs] = node;
      runOffset[runs] = offset;
      runs++;
    }
    length += n;
  };
  const blockEdge = () => {
    owedNewlines = 2;
    atLineStart = true;
    spaceNode = -1;
  };
  const nodeIndex = (t: Text) => {
    if (nodes[nodes.length - 1] !== t) nodes.push(t);
    return nodes.length - 1;
  };
  /** Output data[from, to) of text node t (no whitespace run in it but single spaces), after what is owed. */
  const emitWords = (t: Text, data: string, from: number, to: number) => {
    const index = nodeIndex(t);
    if (owedNewlines > 0) {
      if (length > 0) {
        pieces.push(owedNewlines === 1 ? "\n" : "\n\n");
        addRun(-1, 0, owedNewlines);
      }
      owedNewlines = 0;
    } else if (spaceNode >= 0) {
      pieces.push(" ");
      addRun(spaceNode, spaceOffset, 1);
    }
    spaceNode = -1;
    atLineStart = false;
    const words = from === 0 && to === data.length ? data : data.slice(from, to);
    pieces.push(words.includes("\u00a0") ? words.replace(/\u00a0/g, " ") : words);
    addRun(index, from, to - from);
  };
  /** A whitespace run at data[at] of text node t: one pending space, unless at a line start. */
  const pendSpace = (t: Text, at: number) => {
    if (!atLineStart && spaceNode < 0) {
      spaceNode = nodeIndex(t);
      spaceOffset = at;
    }
  };

  const visitText = (t: Text) => {
    const data = t.data;
    if (data.length === 0) return;
    // The common case, in native code: no whitespace but single spaces inside, so the node's words are
    // one piece and one run. Otherwise the whitespace runs are found by a regular expression.
    if (!HARD_WHITESPACE.test(data)) {
      let from = 0;
      let to = data.length;
      if (data.charCodeAt(0) === 32) {
        pendSpace(t, 0);
        from = 1;
      }
      if (to > from && data.charCodeAt(to - 1) === 32) to--;
      if (to > from) emitWords(t, data, from, to);
      if (to < data.length) pendSpace(t, to);
      return;
    }
    WHITESPACE_RUN.lastIndex = 0;
    let from = 0;
    for (let m = WHITESPACE_RUN.exec(data); m; m = WHITESPACE_RUN.exec(data)) {
      if (m.index > from) emitWords(t, data, from, m.index);
      pendSpace(t, m.index);
      from = m.index + m[0].length;
    }
    if (from < data.length) emitWords(t, data, from, data.length);
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
  /** The run holding output character i. */
  const runAt = (i: number) => {
    let lo = 0;
    let hi = runs;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (runOut[mid] <= i) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  };
  const runEnd = (k: number) => (k + 1 < runs ? runOut[k + 1] : length);
  return {
    text,
    rangeOf(start: number, end: number): Range | null {
      const a = Math.max(0, start);
      const limit = Math.min(end, length);
      if (a >= limit) return null;
      // The first mapped character at or after a, and the last before limit: separators are skipped.
      let ka = runAt(a);
      let ca = a;
      while (ka < runs && runNode[ka] < 0) ca = runOut[++ka];
      let kb = runAt(limit - 1);
      let cb = limit - 1;
      while (kb >= 0 && runNode[kb] < 0) cb = --kb >= 0 ? runEnd(kb) - 1 : -1;
      if (ka >= runs || kb < 0 || ca >= limit || cb < ca) return null;
      const range = doc.createRange();
      range.setStart(nodes[runNode[ka]], runOffset[ka] + (ca - runOut[ka]));
      range.setEnd(nodes[runNode[kb]], runOffset[kb] + (cb - runOut[kb]) + 1);
      return range;
    },
  };
}

/** Whitespace that is not a lone space between words: a node without any is copied whole. */
const HARD_WHITESPACE = /[\t\n\r\f]| {2}/;
const WHITESPACE_RUN = /[ \t\n\r\f]+/g;

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
