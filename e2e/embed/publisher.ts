// A publisher's site for the embed tests (issue 14): static pages on another origin than Factmark,
// served with a strict Content-Security-Policy (no inline script or style; scripts and fetches only
// from Factmark's origin) and a stylesheet that tries hard to restyle everything, the widget included.
import { createServer, type Server } from "node:http";

export type PublisherPage = { path: string; html: string };

/** The publisher's CSS: aggressive on purpose, so the test can see the widget keeps its own look. */
export const HOSTILE_CSS = `
body { font: 18px/1.6 Georgia, serif; margin: 0 auto; max-width: 46rem; padding: 1rem; background: #ffffff; color: #1a1a1a; }
button { font-size: 40px !important; background: #ff00ff !important; color: #00ff00 !important; border-radius: 0 !important; }
div, section, p { letter-spacing: 0.02em; }
* { text-transform: none; }
.ad, .related { border: 1px solid #ccc; padding: .5rem; margin: 1rem 0; font-family: sans-serif; font-size: 14px; }
figure { margin: 0; } figcaption { font-size: 14px; color: #444; }
a { color: #0645ad; }
body.dark { background: #111418; color: #e8e8e8; }
body.dark a { color: #8ab4f8; }
`;

export function strictCsp(factmarkOrigin: string): string {
  return [`default-src 'none'`, `script-src ${factmarkOrigin}`, `connect-src ${factmarkOrigin}`, `style-src 'self'`, `img-src 'self' data:`, `base-uri 'none'`, `form-action 'none'`, `frame-ancestors 'none'`].join("; ");
}

/** Serves `pages` (and /site.css) on 127.0.0.1:`port`. `?noembed` serves a page without its script tag. */
export function startPublisher(port: number, factmarkOrigin: string, pages: () => PublisherPage[]): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", `http://127.0.0.1:${port}`);
    if (url.pathname === "/site.css") {
      res.writeHead(200, { "content-type": "text/css; charset=utf-8" });
      res.end(HOSTILE_CSS);
      return;
    }
    const page = pages().find((p) => p.path === url.pathname);
    if (!page) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
      return;
    }
    const html = url.searchParams.has("noembed") ? page.html.replace(/<script [^>]*embed\.js[^>]*><\/script>/, "") : page.html;
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-security-policy": strictCsp(factmarkOrigin), "cache-control": "no-store" });
    res.end(html);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export type Story = { title: string; caption: string; paragraphs: string[] };

/**
 * The seed article in a newsroom's own markup: a site header and navigation, a figure with its caption,
 * inline links inside sentences, an ad and a related-stories box between paragraphs, and messy whitespace.
 * `linkInside` puts a link around part of a phrase (so a check spans several DOM nodes); `spaceOut` adds
 * runs of spaces and newlines inside a phrase; `edits` rewrite sentences after the check.
 */
export function newsroomPage(opts: {
  story: Story;
  script: string;
  canonical?: string;
  rootAttribute?: boolean;
  linkInside?: { phrase: string; linked: string };
  spaceOut?: string;
  edits?: [string, string][];
  outsideRoot?: string;
}): string {
  const edit = (p: string) => (opts.edits ?? []).reduce((t, [from, to]) => t.replace(from, to), p);
  const para = (raw: string) => {
    let html = esc(edit(raw));
    if (opts.linkInside && html.includes(esc(opts.linkInside.phrase))) {
      const { phrase, linked } = opts.linkInside;
      html = html.replace(esc(phrase), esc(phrase).replace(esc(linked), `<a href="/topics/syria">${esc(linked)}</a>`));
    }
    if (opts.spaceOut && html.includes(esc(opts.spaceOut))) html = html.replace(esc(opts.spaceOut), esc(opts.spaceOut).replace(/ /g, "  \n     "));
    return `\n      <p>\n        ${html}\n      </p>`;
  };
  const body: string[] = [];
  opts.story.paragraphs.forEach((p, i) => {
    body.push(para(p));
    if (i === 1) body.push(`\n      <div class="ad"><p>Advertisement: Subscribe for <strong>£1</strong> a week</p></div>`);
    if (i === 3) body.push(`\n      <div class="related"><h2>Related stories</h2><ul><li><a href="/news/palmyra">Palmyra after the siege</a></li><li><a href="/news/homs">Homs ceasefire holds</a></li></ul></div>`);
  });
  const story = `
      <h1>${esc(opts.story.title)}</h1>
      <p class="byline">By Staff Reporter</p>
      <figure>
        <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Assyrians march in Beirut" width="1" height="1">
        <figcaption>${esc(opts.story.caption)}</figcaption>
      </figure>${body.join("")}`;
  const main = opts.rootAttribute
    ? `<main><div class="layout"><div id="story">${story}</div><div class="sidebar"><p>Most read: ${esc(opts.outsideRoot ?? "")}</p></div></div></main>`
    : `<main><article>${story}</article></main>`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${esc(opts.story.title)} | The Daily Example</title>
  ${opts.canonical ? `<link rel="canonical" href="${esc(opts.canonical)}">` : ""}
  <link rel="stylesheet" href="/site.css">
  ${opts.script}
</head>
<body>
  <header><a href="/">The Daily Example</a><nav aria-label="Sections"><a href="/world">World</a> <a href="/politics">Politics</a></nav></header>
  ${main}
  <footer><p>© The Daily Example</p></footer>
</body>
</html>`;
}

export function arabicPage(opts: { story: Story; script: string }): string {
  const paragraphs = opts.story.paragraphs.map((p, i) => (i === 0 ? `<p>${esc(p).replace("المرصد السوري لحقوق الإنسان", `<a href="/ar/sohr">المرصد السوري لحقوق الإنسان</a>`)}</p>` : `<p>${esc(p)}</p>`));
  return `<!doctype html>
<html lang="ar" dir="rtl">
<head>
  <meta charset="utf-8">
  <title>${esc(opts.story.title)}</title>
  <link rel="stylesheet" href="/site.css">
  ${opts.script}
</head>
<body class="dark">
  <header><a href="/">الصحيفة</a></header>
  <main><article><h1>${esc(opts.story.title)}</h1><p>${esc(opts.story.caption)}</p>${paragraphs.join("\n")}</article></main>
</body>
</html>`;
}

export const ARABIC_STORY: Story = {
  title: "المرصد: إعدام مدنيين في القريتين قبل استعادتها",
  caption: "سكان يعودون إلى بلدة القريتين بعد انسحاب مقاتلي التنظيم.",
  paragraphs: [
    "قال المرصد السوري لحقوق الإنسان إن تنظيم الدولة الإسلامية أعدم ما لا يقل عن مئة وستة عشر مدنياً في بلدة القريتين خلال الأيام التي سبقت استعادة القوات الحكومية لها.",
    "وأضاف مدير المرصد رامي عبد الرحمن أن عمليات الإعدام جرت على مدى عشرين يوماً بتهمة التعاون مع القوات الحكومية.",
    "وتقع البلدة على بعد نحو مئة كيلومتر جنوب غرب مدينة تدمر الأثرية في وسط البلاد.",
    "ودخلت القوات الحكومية البلدة في الحادي والعشرين من أكتوبر بعد انسحاب مقاتلي التنظيم منها.",
  ],
};
