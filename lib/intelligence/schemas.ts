import { z } from "zod";

export const ZDismissSuggestion = z.object({
  articleVersionId: z.string().min(1).max(100),
  suggestionKey: z.string().regex(/^\d{1,9}-\d{1,9}$/, "must be the suggestion's span, start-end"),
}).strict();
export type TDismissSuggestion = z.infer<typeof ZDismissSuggestion>;

export const ZCheckedBeforeQuery = z.object({
  text: z.string().trim().min(3, "give at least a few words to compare").max(2000, "at most 2,000 characters"),
});
