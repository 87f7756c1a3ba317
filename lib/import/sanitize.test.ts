import { describe, expect, it } from "vitest";
import { plainText } from "@/lib/articles/document";
import { prepareImport } from "./prepare-import";
import { sanitizeArticleHtml } from "./sanitize";

// Hostile HTML (issue 7, "Unit: the sanitizer against a table of hostile HTML"). For each input: what
// must be gone from the cleaned HTML, and what text must survive.
const HOSTILE: { name: string; html: string; gone: RegExp; kept?: string }[] = [
  { name: "script tag", html: "<p>Safe text</p><script>alert('x')</script>", gone: /script|alert/i, kept: "Safe text" },
  { name: "script with odd casing and attributes", html: '<p>Text</p><ScRiPt src="//evil.example/x.js"></sCrIpT>', gone: /script|evil/i, kept: "Text" },
  { name: "img onerror", html: '<p>Photo <img src="x" onerror="alert(1)"> here</p>', gone: /onerror|alert|<img/i, kept: "Photo" },
  { name: "event handler on an allowed tag", html: '<p onclick="steal()" onmouseover="x()">Click text</p>', gone: /onclick|onmouseover|steal/i, kept: "Click text" },
  { name: "javascript: link", html: '<p><a href="javascript:alert(1)">link text</a></p>', gone: /javascript|href/i, kept: "link text" },
  { name: "javascript: link with entities and whitespace", html: '<p><a href="jav&#x09;ascript:alert(1)">tab link</a> <a href=" JAVASCRIPT:alert(2)">upper</a></p>', gone: /javascript|alert|href/i, kept: "tab link" },
  { name: "data: and vbscript: links", html: '<p><a href="data:text/html,<script>alert(1)</script>">d</a><a href="vbscript:msgbox">v</a></p>', gone: /data:|vbscript|href/i },
  { name: "SVG with script", html: '<p>Before</p><svg><script>alert(1)</script><text>svg text</text></svg><p>After</p>', gone: /svg|script|alert|svg text/i, kept: "After" },
  { name: "SVG onload", html: '<svg onload="alert(1)"><circle r="1"/></svg><p>Body</p>', gone: /svg|onload|alert/i, kept: "Body" },
  { name: "CSS expression in a style attribute", html: '<p style="width: expression(alert(1))">Styled</p>', gone: /style=|expression|alert/i, kept: "Styled" },
  { name: "style element with an import", html: "<style>@import 'http://evil.example/x.css'; body{background:url(javascript:alert(1))}</style><p>Plain</p>", gone: /style|import|evil|javascript/i, kept: "Plain" },
  { name: "nested iframes", html: '<p>Outer</p><iframe src="https://evil.example"><iframe srcdoc="<script>alert(1)</script>"></iframe></iframe>', gone: /iframe|evil|srcdoc|alert/i, kept: "Outer" },
  { name: "object and embed", html: '<object data="x.swf"><embed src="x.swf"></object><p>Text</p>', gone: /object|embed|swf/i, kept: "Text" },
  { name: "form and inputs", html: '<form action="https://evil.example"><input name="password"><button>Go</button></form><p>Text</p>', gone: /form|input|evil|button/i, kept: "Text" },
  { name: "meta refresh and base", html: '<meta http-equiv="refresh" content="0;url=https://evil.example"><base href="https://evil.example"><p>Text</p>', gone: /meta|refresh|base|evil/i, kept: "Text" },
  { name: "comment and CDATA tricks", html: "<p>Text<!-- <script>alert(1)</script> --></p><![CDATA[<script>alert(2)</script>]]>", gone: /script|alert|<!--/i, kept: "Text" },
  { name: "mutation XSS via noscript", html: '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript><p>Text</p>', gone: /onerror|alert|<img/i, kept: "Text" },
  { name: "template content", html: "<template><img src=x onerror=alert(1)></template><p>Text</p>", gone: /onerror|alert|template/i, kept: "Text" },
  { name: "unknown elements keep their text only", html: "<p><blink>Blinking</blink> <marquee>words</marquee> <custom-el data-x=1>here</custom-el></p>", gone: /<blink|<marquee|custom-el|data-x/i, kept: "Blinking words here" },
];

describe("sanitizeArticleHtml: hostile HTML", () => {
  it.each(HOSTILE)("$name", ({ html, gone, kept }) => {
    const clean = sanitizeArticleHtml(html);
    expect(clean).not.toMatch(gone);
    if (kept) expect(clean).toContain(kept);
    // and nothing hostile reaches the stored document either
    const prepared = prepareImport("html", html.includes("Text") || kept ? html : `${html}<p>x</p>`);
    const json = JSON.stringify(prepared.doc);
    expect(json).not.toMatch(/javascript:|onerror|onload|<script|expression\(/i);
    if (kept) expect(prepared.plainText).toContain(kept);
  });

  it("keeps headings, paragraphs, lists, quotes, emphasis and safe links", () => {
    const { doc } = prepareImport("html", '<h2>Head</h2><p>A <strong>bold</strong> and <em>italic</em> <a href="https://example.org/x" target="_blank">link</a>.</p><ul><li>one</li><li>two</li></ul><ol start="3"><li>three</li></ol><blockquote><p>quoted</p></blockquote><p>line<br>break</p>');
    expect(doc.content.map((b) => b.type)).toEqual(["heading", "paragraph", "bulletList", "orderedList", "blockquote", "paragraph"]);
    expect(JSON.stringify(doc)).toContain('"marks":[{"type":"link","attrs":{"href":"https://example.org/x"}}]');
    expect(plainText(doc)).toBe("Head\n\nA bold and italic link.\n\none\n\ntwo\n\nthree\n\nquoted\n\nline\nbreak");
  });

  it("a full page yields its main article and its metadata", () => {
    const page = `<!doctype html><html><head><title>Floods close roads - The Daily</title><meta property="og:title" content="Floods close roads"><meta name="author" content="Sam Writer">
      <meta property="article:published_time" content="2023-11-02T08:00:00Z"><link rel="canonical" href="https://daily.example/floods"></head>
      <body><header><nav><a href="/">Home</a><a href="/sport">Sport</a><a href="/weather">Weather</a></nav></header>
      <main><article><h1>Floods close roads</h1>${"<p>Heavy rain closed 14 roads in the county on Tuesday, the council said, and more rain is expected this week across the region.</p>".repeat(6)}</article></main>
      <aside><h3>Most read</h3><ul><li><a href="/a">Unrelated story one</a></li><li><a href="/b">Unrelated story two</a></li></ul></aside>
      <footer>© The Daily. All rights reserved.</footer></body></html>`;
    const prepared = prepareImport("html", page);
    expect(prepared.extracted).toBe(true);
    expect(prepared.metadata).toEqual({ title: "Floods close roads", byline: "Sam Writer", sourceUrl: "https://daily.example/floods", publishedAt: "2023-11-02" });
    expect(prepared.plainText).toContain("Heavy rain closed 14 roads");
    expect(prepared.plainText).not.toMatch(/Most read|Unrelated story|All rights reserved|Sport/);
  });
});
