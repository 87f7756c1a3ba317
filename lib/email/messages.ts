// Email bodies (issue 18): a plain-text part and an HTML part saying the same, every user-supplied
// string escaped in the HTML. Pure, so tests read exactly what is sent.
import escapeHtml from "escape-html";

export type Message = { subject: string; text: string; html: string };

export type MessageInput = {
  subject: string;
  greeting: string;
  /** Paragraphs of plain text. */
  lines: string[];
  link?: { href: string; label: string };
  /** Present for kinds a user can turn off. */
  unsubscribe?: { href: string; what: string };
};

export function composeMessage(m: MessageInput): Message {
  const text = [
    m.greeting,
    "",
    ...m.lines.flatMap((l) => [l, ""]),
    ...(m.link ? [`${m.link.label}: ${m.link.href}`, ""] : []),
    "— Factmark",
    ...(m.unsubscribe ? ["", `You get this because “${m.unsubscribe.what}” is on in your Email notifications. Stop these emails: ${m.unsubscribe.href}`] : []),
  ].join("\n");
  const html =
    `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">` +
    `<p>${escapeHtml(m.greeting)}</p>` +
    m.lines.map((l) => `<p>${escapeHtml(l)}</p>`).join("") +
    (m.link ? `<p><a href="${escapeHtml(m.link.href)}">${escapeHtml(m.link.label)}</a></p>` : "") +
    `<p>— Factmark</p>` +
    (m.unsubscribe ? `<p style="color:#666;font-size:small">You get this because “${escapeHtml(m.unsubscribe.what)}” is on in your Email notifications. <a href="${escapeHtml(m.unsubscribe.href)}">Stop these emails</a>.</p>` : "") +
    `</body></html>`;
  return { subject: m.subject, text, html };
}
