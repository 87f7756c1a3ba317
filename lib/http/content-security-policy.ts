// The Content-Security-Policy of every page (issue 12, item 9). Scripts run only when they carry
// the request's nonce, which Next puts on its own scripts when it finds the policy in the request
// headers (proxy.ts); 'strict-dynamic' lets those scripts load the app's chunks. No inline script
// without the nonce runs, so an injected <script> or on* attribute does nothing.
//
// Styles keep 'unsafe-inline': React renders style attributes (highlights, the editor) and Tiptap
// inserts its own <style>; CSS cannot run code, and a nonce cannot cover style attributes.

/** A fresh, unguessable nonce for one response. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function pageContentSecurityPolicy(nonce: string, { development = false } = {}): string {
  return [
    "default-src 'self'",
    // React's development build evaluates code for its error overlay and stack traces.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${development ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
