import { Field } from "./field";
import type { FieldErrors } from "@/lib/http/post-json";
import { NEW_PASSWORD_HINT } from "./password-hint";

/** "New password" and its confirmation, as the invitation and password-change forms ask for them. */
export function NewPasswordFields({ errors }: { errors: FieldErrors }) {
  return (
    <>
      <Field id="newPassword" label="New password" type="password" autoComplete="new-password" error={errors.newPassword} hint={NEW_PASSWORD_HINT} />
      <Field id="confirmNewPassword" label="Confirm new password" type="password" autoComplete="new-password" error={errors.confirmNewPassword} />
    </>
  );
}
