// Claim and source input, shared by the claim form (client) and the claim services (server):
// the same rules and the same messages on both sides.
import { z } from "zod";
import { STANCES, VERDICTS } from "@/lib/verdicts";
import { hasLoneSurrogate, optionalDate, storableText, SURROGATE_MESSAGE, ZRowId, ZRowVersion } from "./text";

const MAX_URL = 2048;

/** http and https only: a source link is shown to readers, so javascript:, data: and friends never get in. */
export function checkSourceUrl(raw: string): string | null {
  const value = raw.trim();
  if (!value) return "Enter the source's web address.";
  if (value.length > MAX_URL) return `That address is too long (${MAX_URL} characters at most).`;
  // Control characters and whitespace inside a URL are how scheme filters get fooled ("java\tscript:").
  if (/[\u0000-\u001f\u007f\s]/.test(value)) return "A web address cannot contain spaces or control characters.";
  if (hasLoneSurrogate(value)) return `The web address ${SURROGATE_MESSAGE}`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Enter a full web address starting with http:// or https://.";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "Only http:// and https:// links are allowed as sources.";
  if (!url.hostname) return "The address needs a host name.";
  if (url.username || url.password) return "A source address must not contain a user name or password.";
  return null;
}

export const ZSourceUrl = z.string().superRefine((value, ctx) => {
  const problem = checkSourceUrl(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
}).transform((v) => v.trim());

const optionalText = (max: number, what: string) =>
  storableText(what)
    .max(max, `${what} is too long (${max.toLocaleString("en")} characters at most).`)
    .transform((v) => v.trim())
    .optional()
    .transform((v) => (v ? v : null));

export const ZSourceInput = z.object({
  url: ZSourceUrl,
  title: storableText("The source's title").trim().min(1, "Give the source a title.").max(300, "The title is too long (300 characters at most)."),
  publisher: optionalText(200, "The publisher"),
  publishedAt: optionalDate("The publication date"),
  accessedAt: optionalDate("The access date"),
  excerpt: optionalText(2000, "The excerpt"),
  stance: z.enum(STANCES, { error: "Choose whether the source supports, refutes or gives context." }),
});
export type TSourceInput = z.input<typeof ZSourceInput>;
export type TSource = z.output<typeof ZSourceInput>;

export const MAX_SOURCES = 20;
export const MAX_TAGS = 10;

export const ZClaimFields = z
  .object({
    verdict: z.enum(VERDICTS, { error: "Choose a verdict." }),
    explanation: storableText("The explanation").max(5000, "The explanation is too long (5,000 characters at most).").transform((v) => v.trim()),
    tags: z
      .array(storableText("A tag").trim().min(1, "A tag cannot be empty.").max(40, "A tag is 40 characters at most."))
      .max(MAX_TAGS, `At most ${MAX_TAGS} tags.`)
      .transform((tags) => [...new Set(tags.map((t) => t.toLowerCase()))]),
    sources: z.array(ZSourceInput).max(MAX_SOURCES, `At most ${MAX_SOURCES} sources.`),
  })
  .superRefine((c, ctx) => {
    if (c.verdict !== "UNVERIFIED" && !c.explanation) {
      ctx.addIssue({ code: "custom", path: ["explanation"], message: "Explain the verdict: readers see this next to it." });
    }
  });
export type TClaimFieldsInput = z.input<typeof ZClaimFields>;
export type TClaimFields = z.output<typeof ZClaimFields>;

export const ZCreateClaim = z.object({
  articleVersionId: ZRowId,
  /** UTF-16 offsets into that version's plain text. */
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  fields: ZClaimFields,
  /** The published check this claim reuses ("Reuse this check", issue 16 §3). */
  basedOnClaimId: z.string().min(1).max(64).optional(),
});
export type TCreateClaim = z.output<typeof ZCreateClaim>;

export const ZUpdateClaim = z.object({
  /** The claim version the editor read; a stale one is refused with a conflict. */
  version: ZRowVersion,
  fields: ZClaimFields,
});
export type TUpdateClaim = z.output<typeof ZUpdateClaim>;

export const ZDeleteClaim = z.object({ version: ZRowVersion });

/** "a, b ,c" → ["a","b","c"] for the Tags field. */
export function splitTags(raw: string): string[] {
  return raw.split(",").map((t) => t.trim()).filter(Boolean);
}

/** zod issues → { "sources.0.url": ["…"] } for showing errors next to their fields. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) (out[issue.path.join(".") || "_form"] ??= []).push(issue.message);
  return out;
}

/** "Fill from page" and "Article URL → Fetch" (issue 18): one web address. */
export const ZFetchUrl = z.object({ url: ZSourceUrl });
export type TFetchUrl = z.infer<typeof ZFetchUrl>;
