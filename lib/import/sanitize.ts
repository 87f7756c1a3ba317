import sanitizeHtml from "sanitize-html";

/**
 * The only HTML an import keeps (issue 7, "Cleaning"): headings, paragraphs, lists, quotes, emphasis,
 * links and line breaks. Everything else goes: scripts and styles with their content, event handlers
 * and every other attribute, unknown elements (their text stays, as a reader would see it), and links
 * that are not http, https or mailto. Embedded documents (iframe, svg, math, object…) go with their
 * content, because their "text" is markup a reader never sees.
 */
const ALLOWED_TAGS = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "ul", "ol", "li", "blockquote", "strong", "b", "em", "i", "a", "figcaption", "div", "section", "article", "main", "header", "figure"];

const DROP_WITH_CONTENT = ["script", "style", "textarea", "option", "noscript", "iframe", "frame", "frameset", "object", "embed", "svg", "math", "template", "canvas", "audio", "video", "select", "button", "head", "title"];

export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: { a: ["href"], ol: ["start"] },
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesAppliedToAttributes: ["href"],
    allowProtocolRelative: false,
    disallowedTagsMode: "discard",
    nonTextTags: DROP_WITH_CONTENT,
    // Comments, CDATA and processing instructions are dropped by default.
    parser: { lowerCaseTags: true, lowerCaseAttributeNames: true },
  });
}
