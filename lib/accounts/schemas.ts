import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import { nameText, searchQuery, storableText } from "@/lib/validation/text";

// Shared by the account forms (client) and the services (server): same rules, same messages.

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;

// Names are shown to readers ("Checked by …"): no control or text-direction characters (issue 12).
export const ZName = nameText("The name", { error: "Enter a name." })
  .trim()
  .min(1, "Enter a name.")
  .max(100, "That name is too long (100 characters at most).");

export const ZEmail = storableText("The email address", { error: "Enter an email address." })
  .trim()
  .min(1, "Enter an email address.")
  .max(254, "That email address is too long (254 characters at most).")
  .email("Enter a valid email address, like name@example.org.")
  .transform((s) => s.toLowerCase());

const ZRole = z.enum(ROLES, { error: "Choose a role: Reader, Reviewer, Editor or Admin." });

/** A password someone is choosing now: length only; the common-password check runs on the server. */
export const ZNewPassword = z
  .string({ error: "Enter a new password." })
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(MAX_PASSWORD_LENGTH, `That password is too long (${MAX_PASSWORD_LENGTH.toLocaleString("en")} characters at most).`);

export const ZCreateUser = z
  .object({
    name: ZName,
    email: ZEmail,
    role: ZRole,
    /** "password": the admin sets (or has generated) a one-time password; "invitation": a link. */
    method: z.enum(["password", "invitation"], { error: "Choose a password or an invitation link." }),
    /** Only with method "password"; empty means "generate one". */
    password: z.union([z.literal(""), ZNewPassword]).optional(),
  })
  .strict();
export type TCreateUser = z.infer<typeof ZCreateUser>;

export const ZChangeRole = z.object({ role: ZRole }).strict();
export type TChangeRole = z.infer<typeof ZChangeRole>;

export const ZUpdateProfile = z.object({ name: ZName }).strict();
export type TUpdateProfile = z.infer<typeof ZUpdateProfile>;

const mustMatch = (v: { newPassword: string; confirmNewPassword: string }) => v.newPassword === v.confirmNewPassword;
const MISMATCH = { message: "The two new passwords do not match.", path: ["confirmNewPassword"] };

export const ZChangePassword = z
  .object({
    currentPassword: z
      .string({ error: "Enter your current password." })
      .min(1, "Enter your current password.")
      .max(MAX_PASSWORD_LENGTH, "That is not your current password."),
    newPassword: ZNewPassword,
    confirmNewPassword: z.string({ error: "Enter the new password again." }).min(1, "Enter the new password again."),
  })
  .strict()
  .refine(mustMatch, MISMATCH);
export type TChangePassword = z.infer<typeof ZChangePassword>;

export const ZAcceptInvitation = z
  .object({
    token: z.string({ error: "The invitation link is incomplete." }).min(1, "The invitation link is incomplete.").max(200, "This invitation link is not valid."),
    newPassword: ZNewPassword,
    confirmNewPassword: z.string({ error: "Enter the new password again." }).min(1, "Enter the new password again."),
  })
  .strict()
  .refine(mustMatch, MISMATCH);
export type TAcceptInvitation = z.infer<typeof ZAcceptInvitation>;

/** The search and filter of /admin/users; anything unrecognised means "no filter". */
export const ZUserQuery = z.object({
  // A search that cannot be run (too long, a NUL) is refused with its reason, not a 500.
  q: z.preprocess((v) => (typeof v === "string" ? v : undefined), searchQuery()),
  role: ZRole.optional().catch(undefined),
});
export type TUserQuery = z.infer<typeof ZUserQuery>;

/** Field messages keyed by field, for forms; the first message is the summary. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) (out[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
  return out;
}
