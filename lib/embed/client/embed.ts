/**
 * Factmark's embed script (issue 14): a publisher adds
 *   <script src="https://<factmark>/embed.js" data-factmark-article="<slug>" async></script>
 * and the article's published checks appear on the page's own words.
 *
 * 1. Which article: data-factmark-article, else the page's <link rel="canonical"> (or its address)
 *    looked up against each article's Source URL.
 * 2. Which text: data-factmark-root (a CSS selector), else <article>, <main>, <body>; extracted the way
 *    Factmark makes its canonical text, with a map back to the DOM (./extract.ts).
 * 3. Where: the anchoring engine's selector-only `anchorAll` on that text (one batch). Only a confident, unambiguous
 *    placement is drawn; anything else is counted as "could not be placed" (never on the wrong words).
 * 4. Drawing: ./ui.ts. The one global is `window.FactmarkEmbed`; no eval, no inline script or style.
 */
import { anchorAll } from "../../anchoring/anchor";
import type { EmbedPayload } from "../payload";
import { extractText, snapToWords } from "./extract";
import type { Theme } from "./styles";
import { mountUi, type Placed, type Ui } from "./ui";

export type EmbedState =
  | { status: "loading" }
  | { status: "drawn"; placed: number; notPlaced: number; article: string }
  | { status: "failed"; reason: string };

export type FactmarkEmbedApi = {
  version: string;
  state: EmbedState;
  /**
   * performance.now() when the script started; the others are milliseconds from then: the page parsed
   * (DOM ready), text extracted, checks fetched (as the script saw them: the fetch runs during the
   * extraction), anchored, drawn.
   */
  timings: { startedAt: number; domReady?: number; extracted?: number; fetched?: number; anchored?: number; drawn?: number };
  ready: Promise<EmbedState>;
  /** Draws again (after the page changed its text, for instance). */
  refresh(): Promise<EmbedState>;
};

const NAME = "FactmarkEmbed";
const HOST_TAG = "factmark-embed";
let warned = false;

/** The console says why, once per page: a publisher debugging the snippet needs one clear line. */
function warnOnce(message: string) {
  if (warned) return;
  warned = true;
  console.warn(`[Factmark] ${message}`);
}

function findRoot(selector: string | undefined): Element | null {
  if (selector) {
    try {
      return document.querySelector(selector);
    } catch {
      return null;
    }
  }
  return document.querySelector("article") ?? document.querySelector("main") ?? document.body;
}

/** Whether the page under the root is dark, judged by the first opaque background above it. */
function pageTheme(root: Element): Theme {
  for (let e: Element | null = root; e; e = e.parentElement) {
    const m = getComputedStyle(e).backgroundColor.match(/rgba?\(([\d.]+)[, ]+([\d.]+)[, ]+([\d.]+)(?:[,/ ]+([\d.]+%?))?\)/);
    if (!m) continue;
    const alpha = m[4] === undefined ? 1 : m[4].endsWith("%") ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
    if (alpha < 0.5) continue;
    const [r, g, b] = [m[1], m[2], m[3]].map((x) => {
      const c = parseFloat(x) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.2 ? "dark" : "light";
  }
  return "light";
}

function waitForDom(): Promise<void> {
  if (document.readyState !== "loading") return Promise.resolve();
  return new Promise((resolve) => document.addEventListener("DOMContentLoaded", () => resolve(), { once: true }));
}

function pageAddress(): string {
  const canonical = document.querySelector<HTMLLinkElement>('link[rel~="canonical"][href]');
  const url = new URL(canonical?.href || location.href);
  url.hash = "";
  return url.href;
}

async function fetchChecks(factmark: string, slug: string | undefined): Promise<EmbedPayload | null> {
  const query = slug ? `article=${encodeURIComponent(slug)}` : `url=${encodeURIComponent(pageAddress())}`;
  let res: Response;
  try {
    res = await fetch(`${factmark}/api/embed/checks?${query}`, { mode: "cors", credentials: "omit" });
  } catch {
    // A CORS refusal and a network failure look the same from here; the refusal is the usual cause.
    warnOnce(`Could not load checks from ${factmark}. If this site (${location.origin}) should show them, a Factmark admin must add it under Allowed origins on ${factmark}/admin/embed.`);
    return null;
  }
  if (!res.ok) {
    const reason = await res.json().then((b: { error?: { message?: string } }) => b?.error?.message ?? "", () => "");
    warnOnce(`Checks not shown (${res.status}${reason ? `: ${reason}` : ""}).`);
    return null;
  }
  // Started before anyone awaits it: a broken body must settle as "not loaded", never as an unhandled rejection.
  return res.json().then(
    (body: EmbedPayload) => body,
    () => {
      warnOnce("Checks not shown: the answer was not JSON.");
      return null;
    },
  );
}

function start(script: HTMLScriptElement): FactmarkEmbedApi {
  const t0 = performance.now();
  // User Timing marks as well: the publisher's performance tools (and the benchmark's trace) see the phases.
  performance.mark?.("factmark:start");
  const factmark = new URL(script.src, location.href).origin;
  const slug = script.dataset.factmarkArticle?.trim() || undefined;
  const rootSelector = script.dataset.factmarkRoot?.trim() || undefined;
  let ui: Ui | null = null;
  let checks: Promise<EmbedPayload | null> | null = null;
  // The fetch starts as soon as the script runs, before the page has finished parsing: the network works
  // while the page is parsed and its text extracted. Only a lookup by address must wait, when the head
  // (with its <link rel="canonical">) may not be parsed yet.
  const fetchNow = () => {
    if (!checks) checks = fetchChecks(factmark, slug);
    return checks;
  };
  if (slug || document.body) fetchNow();

  const api: FactmarkEmbedApi = {
    version: "1",
    state: { status: "loading" },
    timings: { startedAt: t0 },
    ready: Promise.resolve({ status: "loading" }),
    refresh: () => draw(),
  };
  const mark = (phase: Exclude<keyof FactmarkEmbedApi["timings"], "startedAt">) => {
    api.timings[phase] = Math.round((performance.now() - t0) * 10) / 10;
    performance.mark?.(`factmark:${phase}`);
  };
  const settle = (state: EmbedState) => {
    api.state = state;
    document.dispatchEvent(new CustomEvent("factmark:embed", { detail: state }));
    return state;
  };

  async function draw(): Promise<EmbedState> {
    await waitForDom();
    if (api.timings.domReady === undefined) mark("domReady");
    const root = findRoot(rootSelector);
    if (!root) {
      warnOnce(`data-factmark-root="${rootSelector}" matches no element on this page; nothing is drawn.`);
      return settle({ status: "failed", reason: "no root" });
    }
    const loading = fetchNow();
    ui?.destroy();
    const { text, rangeOf } = extractText(root, { skip: (e) => e.localName === HOST_TAG });
    mark("extracted");
    const payload = await loading;
    mark("fetched");
    if (!payload) {
      checks = null; // refresh() tries again
      return settle({ status: "failed", reason: "not loaded" });
    }
    const placed: Placed[] = [];
    let notPlaced = 0;
    // Selector-only, in one batch: the quote and its context. Position selectors count Factmark's text, not this page's.
    const results = anchorAll(text, payload.checks.map((check) => [check.selector]));
    payload.checks.forEach((check, i) => {
      const result = results[i];
      const span = result.status === "anchored" ? snapToWords(text, result.start, result.end) : null;
      const range = span ? rangeOf(span.start, span.end) : null;
      if (!span || !range) {
        notPlaced++;
        return;
      }
      placed.push({ check, range, start: span.start });
    });
    placed.sort((a, b) => a.start - b.start);
    mark("anchored");
    const host = document.createElement(HOST_TAG);
    // Out of the flow and sizeless: inserting it moves nothing on the page. CSSOM, not a style attribute (CSP).
    for (const [k, v] of [["position", "absolute"], ["top", "auto"], ["left", "auto"], ["width", "0"], ["height", "0"], ["margin", "0"], ["padding", "0"], ["border", "0"], ["display", "block"], ["overflow", "visible"]]) {
      host.style.setProperty(k, v, "important");
    }
    root.prepend(host);
    const reducedMotion = matchMedia("(prefers-reduced-motion: reduce)").matches;
    ui = mountUi(root, host, placed, payload, notPlaced, pageTheme(root), reducedMotion);
    mark("drawn");
    return settle({ status: "drawn", placed: placed.length, notPlaced, article: payload.article.slug });
  }

  api.ready = draw().catch((e: unknown) => {
    warnOnce(`The embed failed: ${e instanceof Error ? e.message : String(e)}`);
    return settle({ status: "failed", reason: "error" });
  });
  return api;
}

(() => {
  const w = window as unknown as Record<string, unknown>;
  if (w[NAME]) return; // the snippet twice on one page draws once
  const script = (document.currentScript as HTMLScriptElement | null) ?? document.querySelector<HTMLScriptElement>('script[src*="/embed.js"]');
  if (!script?.src) return;
  Object.defineProperty(w, NAME, { value: start(script), configurable: false, enumerable: false, writable: false });
})();
