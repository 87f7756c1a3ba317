"use client";

import { useState } from "react";
import type { z } from "zod";
import { firstErrors, postJson, type FieldErrors } from "@/lib/http/post-json";

/**
 * The account forms' submit: check the input with the same zod schema the route uses, POST it,
 * and keep the messages to show: the first per field, and one for the whole form. `submit`
 * resolves to the checked input and the answer, or null when there is an error to show;
 * `whilePending` runs before the form is enabled again (e.g. signing in with a new password).
 */
export function useValidatedPost<Schema extends z.ZodType, Answer>(schema: Schema, url: string) {
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  async function submit(
    input: unknown,
    whilePending?: (input: z.infer<Schema>, answer: Answer) => Promise<void>,
  ): Promise<{ input: z.infer<Schema>; answer: Answer } | null> {
    setFormError(null);
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      setErrors(firstErrors(parsed.error.issues));
      return null;
    }
    setErrors({});
    setPending(true);
    try {
      const res = await postJson<Answer>(url, parsed.data);
      if (!res.ok) {
        setErrors(firstErrors(res.fieldErrors));
        setFormError(res.message);
        return null;
      }
      await whilePending?.(parsed.data, res.data);
      return { input: parsed.data, answer: res.data };
    } finally {
      setPending(false);
    }
  }

  return { pending, errors, formError, submit };
}
