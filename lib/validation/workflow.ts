// Workflow input (issue 5), shared by the claim page (client) and the workflow routes (server).
import { z } from "zod";
import { VERDICTS } from "@/lib/verdicts";
import { TRANSITION_ACTIONS } from "@/lib/workflow/state-machine";
import { storableText, ZRowId, ZRowVersion, ZSlug } from "./text";

export const MAX_REASON = 2000;
export const MAX_COMMENT = 5000;

export const ZTransition = z
  .object({
    action: z.enum(TRANSITION_ACTIONS, { error: "Unknown action." }),
    /** The claim version the user read; a stale one is refused with a conflict. */
    version: ZRowVersion,
    reason: storableText("The reason").max(MAX_REASON, `The reason is too long (${MAX_REASON.toLocaleString("en")} characters at most).`).transform((v) => v.trim()).optional(),
  })
  .superRefine((t, ctx) => {
    if ((t.action === "requestChanges" || t.action === "retract") && !t.reason) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: t.action === "retract" ? "Give a reason: readers see why the check was withdrawn." : "Give a reason: the reviewer needs to know what to change." });
    }
  });
export type TTransition = z.output<typeof ZTransition>;

export const ZComment = z.object({
  body: storableText("The comment").transform((v) => v.trim()).pipe(z.string().min(1, "Write a comment first.").max(MAX_COMMENT, `A comment is ${MAX_COMMENT.toLocaleString("en")} characters at most.`)),
});
export type TComment = z.output<typeof ZComment>;

export const ZAssignments = z.object({ reviewerIds: z.array(ZRowId).max(100) });

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
export const ZQueueFilters = z.object({
  article: z.preprocess(emptyToUndefined, ZSlug.optional()),
  reviewer: z.preprocess(emptyToUndefined, ZRowId.optional()),
  verdict: z.preprocess(emptyToUndefined, z.enum(VERDICTS).optional()),
  state: z.preprocess(emptyToUndefined, z.enum(["DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "APPROVED", "RETRACTED"]).optional()),
});
export type TQueueFilters = z.output<typeof ZQueueFilters>;
