import { z } from "zod";

export const ZDismissSuggestion = z.object({
  articleVersionId: z.string().min(1).max(100),
  suggestionKey: z.string().regex(/^\d{1,9}-\d{1,9}$/, "must be the suggestion's span, start-end"),
}).strict();
export type TDismissSuggestion = z.infer<typeof ZDismissSuggestion>;
