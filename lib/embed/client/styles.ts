// The embed's CSS (issue 14). Applied through constructed stylesheets (adoptedStyleSheets), never a
// <style> element or a style attribute, so a strict Content-Security-Policy (no 'unsafe-inline') on the
// publisher's page does not block it.
import { VERDICT_INFO, VERDICTS, type TVerdict } from "../../verdicts";

export type Theme = "light" | "dark";

export const highlightName = (v: TVerdict) => `factmark-${v.toLowerCase().replace(/_/g, "-")}`;
export const ACTIVE_HIGHLIGHT = "factmark-active";

/** Hex colour with an alpha, for tints laid over a dark page. */
function withAlpha(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/**
 * The host document's ::highlight() rules: a tint behind the words and the verdict's underline style,
 * so colour is never the only signal. The page's own text colour is kept: on a light page its ink on
 * the light tint passes WCAG AA (lib/verdicts.ts); on a dark page the tint is a translucent shade of the
 * verdict colour (light text stays readable on it) and the underline the light tint.
 */
export function highlightCss(theme: Theme): string {
  const rules = VERDICTS.map((v) => {
    const info = VERDICT_INFO[v];
    const background = theme === "light" ? info.tint : withAlpha(info.color, 0.45);
    const line = theme === "light" ? info.color : info.tint;
    return `::highlight(${highlightName(v)}){background-color:${background};text-decoration:underline ${info.underline} ${line};text-decoration-thickness:2px;text-underline-offset:3px}`;
  });
  const active = theme === "light" ? "#fde68a" : "#854d0e";
  rules.push(`::highlight(${ACTIVE_HIGHLIGHT}){background-color:${active}}`);
  return rules.join("\n");
}

/** The shadow root's own CSS: `all: initial` on the host, so the page's CSS cannot reach in. */
export function shadowCss(theme: Theme): string {
  const c =
    theme === "light"
      ? { bg: "#ffffff", fg: "#1f2328", muted: "#57606a", border: "#d0d7de", link: "#0a58ca", ring: "#0a58ca", shadow: "rgba(0,0,0,.18)" }
      : { bg: "#161b22", fg: "#e6edf3", muted: "#b1bac4", border: "#3d444d", link: "#79c0ff", ring: "#ffd33d", shadow: "rgba(0,0,0,.6)" };
  const verdictRules = VERDICTS.map((v) => `.badge.${highlightName(v)}{background:${VERDICT_INFO[v].color}}`).join("\n");
  return `
:host{all:initial}
*{box-sizing:border-box}
.ui{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic",sans-serif;color:${c.fg}}
.mark{position:absolute;margin:0;padding:0;border:0;background:transparent;color:transparent;pointer-events:none;border-radius:3px;font:inherit;cursor:pointer}
.mark:focus{outline:none}
.mark:focus-visible,.mark.open{outline:3px solid ${c.ring};outline-offset:2px}
.paint .mark{background:var(--tint);mix-blend-mode:${theme === "light" ? "multiply" : "screen"};opacity:.55}
.toggle{position:fixed;right:16px;bottom:16px;z-index:2147483000;display:flex;gap:6px;align-items:center;padding:8px 12px;border:1px solid ${c.border};border-radius:999px;background:${c.bg};color:${c.fg};font:600 14px/1.2 system-ui,sans-serif;box-shadow:0 2px 10px ${c.shadow};cursor:pointer}
.toggle:focus-visible,.close:focus-visible,a:focus-visible,.panel:focus-visible,.popover:focus-visible{outline:3px solid ${c.ring};outline-offset:2px}
.panel{position:fixed;right:16px;bottom:64px;z-index:2147483000;width:min(22rem,calc(100vw - 32px));padding:12px 14px;border:1px solid ${c.border};border-radius:10px;background:${c.bg};color:${c.fg};box-shadow:0 6px 24px ${c.shadow}}
.panel[hidden],.popover[hidden]{display:none}
.panel h2,.popover h2{margin:0 0 6px;font-size:16px;line-height:1.3}
.panel ul,.popover ul{margin:6px 0;padding-left:18px}
.panel p,.popover p{margin:6px 0}
.muted{color:${c.muted};font-size:13px}
a{color:${c.link};text-decoration:underline}
.popover{position:absolute;z-index:2147483001;width:min(26rem,calc(100vw - 24px));padding:12px 14px 14px;border:1px solid ${c.border};border-radius:10px;background:${c.bg};color:${c.fg};box-shadow:0 8px 28px ${c.shadow};text-align:start}
.popover .head{display:flex;justify-content:space-between;gap:8px;align-items:flex-start}
.badge{display:inline-block;padding:2px 8px;border-radius:999px;color:#fff;font-weight:700;font-size:13px}
.quote{font-style:italic}
.close{flex:none;min-width:28px;min-height:28px;border:1px solid ${c.border};border-radius:6px;background:transparent;color:${c.fg};font:600 16px/1 system-ui,sans-serif;cursor:pointer}
@media (prefers-reduced-motion:no-preference){.popover,.panel{animation:fm-in .12s ease-out}}
@keyframes fm-in{from{opacity:0;transform:translateY(-4px)}to{opacity:1;transform:none}}
${verdictRules}
`;
}
