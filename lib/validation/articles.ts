// Article import and edit input (issue 7), shared by the forms (client) and the services (server).
import { z } from "zod";
import { checkSourceUrl } from "./claims";
import { hasLoneSurrogate, nameText, optionalDate, storableText, SURROGATE_MESSAGE, ZRowId, ZRowVersion } from "./text";

export const MAX_TITLE = 300;
export const MAX_BYLINE = 300;
export const MAX_CORRECTION_NOTE = 2000;

const optionalText = (max: number, what: string, text = storableText) =>
  text(what)
    .max(max, `${what} is too long (${max.toLocaleString("en")} characters at most).`)
    .optional()
    .nullable()
    .transform((v) => (v?.trim() ? v.trim() : null));

export const ZImportFormat = z.enum(["text", "markdown", "html"]);

export const ZImportPreview = z.object({
  format: ZImportFormat,
  // The 2 MB limit and binary content (a NUL) are checked by lib/import/limits.ts, with their own
  // messages; half a surrogate pair would reach the database and fail there, so it is refused here.
  content: z.string().superRefine((v, ctx) => {
    if (hasLoneSurrogate(v)) ctx.addIssue({ code: "custom", message: `The article text ${SURROGATE_MESSAGE}` });
  }),
});
export type TImportPreview = z.infer<typeof ZImportPreview>;

export const ZCreateArticle = ZImportPreview.extend({
  title: storableText("The title").trim().min(1, "Give the article a title.").max(MAX_TITLE, `The title is too long (${MAX_TITLE} characters at most).`),
  // Readers see the byline: the rule for names (no control or text-direction characters).
  byline: optionalText(MAX_BYLINE, "The byline", nameText),
  sourceUrl: z
    .string()
    .optional()
    .nullable()
    .superRefine((v, ctx) => {
      const problem = v?.trim() ? checkSourceUrl(v) : null;
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .transform((v) => (v?.trim() ? v.trim() : null)),
  publishedAt: optionalDate("The publication date"),
});
export type TCreateArticle = z.infer<typeof ZCreateArticle>;

export const ZSaveVersion = z.object({
  /** The version the editor opened; saving over a newer one is a CONFLICT. */
  baseVersionId: ZRowId,
  /** Tiptap JSON; checked against ZArticleDoc by the service after normalizing. */
  doc: z.unknown(),
  correctionNote: optionalText(MAX_CORRECTION_NOTE, "The correction note"),
});
export type TSaveVersion = z.infer<typeof ZSaveVersion>;

export const ZRestoreVersion = z.object({
  baseVersionId: ZRowId,
  correctionNote: optionalText(MAX_CORRECTION_NOTE, "The correction note"),
});

/** Every decision names the claim version the editor saw, like a workflow transition: a stale one is a 409. */
export const ZStaleClaimAction = z.discriminatedUnion("action", [
  z.object({ action: z.literal("confirm"), version: ZRowVersion }),
  z.object({ action: z.literal("send-back"), version: ZRowVersion, reason: storableText("The reason").trim().min(1, "Say what the reviewer should check.").max(2000) }),
  z.object({ action: z.literal("reattach"), version: ZRowVersion, articleVersionId: ZRowId, start: z.number().int().min(0), end: z.number().int().min(1) }),
]);
export type TStaleClaimAction = z.infer<typeof ZStaleClaimAction>;
