import { z } from "zod";

export const ZCreateApiToken = z.object({
  name: z.string().trim().min(1, "Give the token a name, so you can tell it apart later.").max(100, "A token name is 100 characters at most."),
});
export type TCreateApiToken = z.output<typeof ZCreateApiToken>;
