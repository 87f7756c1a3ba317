import { z } from "zod";
import { ZEmail, ZName, ZNewPassword } from "./schemas";

// Shared by the /setup form (client) and the first-admin service (server).

/** Codes are printed as four groups of five characters; spaces and case are forgiven when typed. */
export const ZSetupCode = z
  .string({ error: "Enter the setup code from the server's log." })
  .trim()
  .min(1, "Enter the setup code from the server's log.")
  .max(64, "That is not a setup code: it is printed in the server's log as four groups of five characters.")
  .transform((s) => s.replace(/[\s-]/g, ""));

export const ZSetupAdmin = z
  .object({
    code: ZSetupCode,
    name: ZName,
    email: ZEmail,
    password: ZNewPassword,
  })
  .strict();
export type TSetupAdmin = z.infer<typeof ZSetupAdmin>;

/** The shell command's input: no setup code, since shell access to the server is the credential. */
export const ZShellAdmin = ZSetupAdmin.omit({ code: true });
export type TShellAdmin = z.infer<typeof ZShellAdmin>;
