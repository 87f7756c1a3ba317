import { z } from "zod";

// Shared by the login form (client) and the sign-in endpoint (server): same rules, same messages.
export const ZCredentials = z.object({
  email: z
    .string({ error: "Enter your email address." })
    .trim()
    .min(1, "Enter your email address.")
    .max(254, "That email address is too long (254 characters at most).")
    .email("Enter a valid email address.")
    .transform((s) => s.toLowerCase()),
  password: z
    .string({ error: "Enter your password." })
    .min(1, "Enter your password.")
    .max(1024, "That password is too long (1,024 characters at most)."),
});
export type TCredentials = z.infer<typeof ZCredentials>;

/** Every failed sign-in says the same thing, so the form never reveals whether an account exists. */
export const BAD_CREDENTIALS = "Wrong email or password.";
