// Embed input (issue 14), shared by the admin form (client) and the services (server).
import { z } from "zod";
import { storableText, ZSlug } from "@/lib/validation/text";

export const MAX_ALLOWED_ORIGINS = 100;
export const MAX_PAGE_URL = 2048;

/**
 * A publisher origin as browsers send it in the Origin header: scheme, host and port, nothing else.
 * "https://news.example.org/" is accepted and stored as "https://news.example.org"; a path, query,
 * user name or a scheme other than http(s) is refused with a reason, because the Origin header never
 * carries them and such an entry would silently never match.
 */
export function normalizeOrigin(raw: string): { origin: string } | { problem: string } {
  const value = raw.trim();
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { problem: `“${value}” is not an address: write it like https://news.example.org.` };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { problem: `“${value}” must start with https:// (or http://).` };
  if (url.username || url.password) return { problem: `“${value}” must not contain a user name or password.` };
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash || /[?#]/.test(value)) {
    return { problem: `“${value}” has a path; an origin is only the scheme, host and port (${url.origin}).` };
  }
  return { origin: url.origin };
}

export const ZEmbedSettings = z.object({
  allowedOrigins: z
    .array(storableText("An origin").max(300, "An origin is at most 300 characters."), { error: "Send allowedOrigins as a list of origins." })
    .max(MAX_ALLOWED_ORIGINS, `At most ${MAX_ALLOWED_ORIGINS} origins.`)
    .transform((list, ctx) => {
      const out: string[] = [];
      for (const raw of list) {
        if (!raw.trim()) continue;
        const r = normalizeOrigin(raw);
        if ("problem" in r) {
          ctx.addIssue({ code: "custom", message: r.problem });
          return z.NEVER;
        }
        if (!out.includes(r.origin)) out.push(r.origin);
      }
      return out;
    }),
});
export type TEmbedSettings = z.infer<typeof ZEmbedSettings>;

/** The one-line-per-origin text of the admin form, as the list the API takes. */
export function originsFromText(text: string): string[] {
  return text.split(/[\r\n,]+/).map((s) => s.trim()).filter(Boolean);
}

/** Which article the embed script asks for: by slug (data-factmark-article) or by the page's address. */
export const ZEmbedQuery = z
  .object({
    article: ZSlug.optional(),
    url: storableText("The page address")
      .max(MAX_PAGE_URL, `The page address is at most ${MAX_PAGE_URL} characters.`)
      .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), "The page address must be an http(s) URL.")
      .optional(),
  })
  .refine((q) => (q.article === undefined) !== (q.url === undefined), "Name the article with ?article=<slug>, or the page with ?url=<address> (one of them).")
  .transform((q): { article: string } | { url: string } => (q.article !== undefined ? { article: q.article } : { url: q.url! }));
export type TEmbedQuery = z.infer<typeof ZEmbedQuery>;
