import { readInvitation } from "./accept-invitation";

// Issue 20, item 7: an unusable invitation link must not answer 200. The App Router cannot give a
// page the status 410, so proxy.ts answers used, expired and replaced links itself with this small
// page (a bad token gets the app's 404 page through notFound() in app/invite/[token]/page.tsx).
// 410 says "this link existed and is gone for good", which is what a used or expired link is.

const PATH = /^\/invite\/([^/]+)\/?$/;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function goneInvitationHtml(message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><meta name="robots" content="noindex">
<title>Invitation link not usable · Factmark</title></head>
<body><main class="narrow"><h1>Invitation link not usable</h1>
<p role="alert" data-testid="invitation-error">${escapeHtml(message)}</p>
<p><a href="/login">Go to sign in</a></p></main></body></html>`;
}

/** For proxy.ts: the 410 answer for a used, expired or replaced invitation link, else null. */
export async function answerGoneInvitation(pathname: string): Promise<Response | null> {
  const match = PATH.exec(pathname);
  if (!match) return null;
  let token: string;
  try {
    token = decodeURIComponent(match[1]);
  } catch {
    return null;
  }
  const invitation = await readInvitation(token);
  if (invitation.status === "valid" || invitation.status === "invalid") return null;
  return new Response(goneInvitationHtml(invitation.message), {
    status: 410,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "referrer-policy": "no-referrer" },
  });
}
