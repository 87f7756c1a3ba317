"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { ROLE_LABELS, type TRole } from "@/lib/auth/roles";
import { MIN_PASSWORD_LENGTH, ZCreateUser } from "@/lib/accounts/schemas";
import { Field } from "./field";
import { InvitationLink } from "./invitation-link";
import { useHydrated } from "./use-hydrated";
import { useValidatedPost } from "./use-validated-post";
import { RoleOptions } from "./role-options";

type Created = {
  user: { id: string; name: string; email: string; role: TRole };
  generatedPassword?: string;
  invitation?: { path: string; expiresAt: string };
};

export default function NewUserPanel() {
  const router = useRouter();
  const hydrated = useHydrated();
  const formId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [open, setOpen] = useState(false);
  const { pending, errors, formError, submit: post } = useValidatedPost<typeof ZCreateUser, Created>(ZCreateUser, "/api/admin/users");
  const [created, setCreated] = useState<Created | null>(null);

  async function submit(method: "password" | "invitation") {
    const form = formRef.current;
    if (!form) return;
    const fd = new FormData(form);
    const input = {
      name: String(fd.get("name") ?? ""),
      email: String(fd.get("email") ?? ""),
      role: String(fd.get("role") ?? ""),
      method,
      ...(method === "password" ? { password: String(fd.get("password") ?? "") } : {}),
    };
    setCreated(null);
    const result = await post(input);
    if (!result) return;
    setCreated(result.answer);
    form.reset();
    router.refresh();
  }

  return (
    <section aria-label="New user" className="acct-panel">
      <button type="button" disabled={!hydrated} aria-expanded={open} aria-controls={formId} onClick={() => setOpen((o) => !o)}>
        New user
      </button>
      <div id={formId} hidden={!open} className="stack acct-new-user">
        <form
          ref={formRef}
          method="post"
          noValidate
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void submit("invitation");
          }}
        >
          <Field id="name" label="Name" autoComplete="off" error={errors.name} />
          <Field id="email" label="Email" type="email" autoComplete="off" spellCheck={false} error={errors.email} />
          <div className="field">
            <label htmlFor="role">Role</label>
            <select id="role" name="role" defaultValue="READER" aria-invalid={!!errors.role} aria-describedby={errors.role ? "role-error" : undefined}>
              <RoleOptions />
            </select>
            {errors.role && <p id="role-error" className="field-error">{errors.role}</p>}
          </div>
          <Field
            id="password"
            label="One-time password"
            type="text"
            autoComplete="off"
            spellCheck={false}
            error={errors.password}
            hint={`Only for "Create user". At least ${MIN_PASSWORD_LENGTH} characters; leave it empty and one is generated. Pass it on; the user is asked to change it.`}
          />
          <div className="acct-actions">
            <button type="submit" disabled={pending}>Create invitation link</button>
            <button type="button" className="acct-secondary" disabled={pending} onClick={() => void submit("password")}>Create user</button>
          </div>
          {formError && <p className="form-error" role="alert">{formError}</p>}
        </form>
        <div aria-live="polite">
          {created && (
            <div className="acct-notice stack" data-testid="created-user">
              <p>
                Created <strong>{created.user.name}</strong> ({created.user.email}) as {ROLE_LABELS[created.user.role]}.
              </p>
              {created.invitation && <InvitationLink path={created.invitation.path} expiresAt={created.invitation.expiresAt} name={created.user.name} />}
              {created.generatedPassword && (
                <div className="field">
                  <label htmlFor="generated-password">Generated one-time password</label>
                  <input id="generated-password" readOnly value={created.generatedPassword} onFocus={(e) => e.currentTarget.select()} />
                  <p className="muted acct-field-hint">Pass it on to {created.user.name}; it will not be shown again.</p>
                </div>
              )}
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
