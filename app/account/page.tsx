import type { Metadata } from "next";
import { ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import { requirePageRole } from "@/lib/auth/session";
import { readOwnAccount } from "@/lib/accounts/read-account";
import { formatDateTime } from "@/components/accounts/format";
import PasswordForm from "@/components/accounts/password-form";
import ProfileForm from "@/components/accounts/profile-form";
import { ApiTokensPanel } from "@/components/accounts/api-tokens";
import { listApiTokens } from "@/lib/api-tokens/api-tokens";
import EmailPreferencesForm from "@/components/accounts/email-preferences-form";
import { getEmailPreferences } from "@/lib/email/preferences";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your account · Factmark" };

export default async function AccountPage() {
  const actor = await requirePageRole("/account", ...ROLES);
  const me = await readOwnAccount(actor);
  const email = await getEmailPreferences(actor);
  return (
    <main className="narrow">
      <h1>Your account</h1>
      <p className="muted">
        Signed in as {me.email} ({ROLE_LABELS[me.role]}).
        {me.lastSignInAt && <> Last sign-in: {formatDateTime(me.lastSignInAt)}.</>}
      </p>
      {me.mustChangePassword && (
        <p className="acct-notice" role="note">An admin chose your current password. Please change it to one only you know.</p>
      )}
      <section aria-labelledby="profile-heading" className="stack">
        <h2 id="profile-heading">Profile</h2>
        <ProfileForm key={me.name} name={me.name} />
      </section>
      <section aria-labelledby="password-heading" className="stack">
        <h2 id="password-heading">Password</h2>
        <p className="muted">Changing your password signs you out everywhere else.</p>
        <PasswordForm />
      </section>
      <section aria-labelledby="email-heading" className="stack">
        <h2 id="email-heading">Email notifications</h2>
        {!email.enabled && <p className="muted">This Factmark does not send email at the moment; your choices apply once an admin turns email on.</p>}
        <EmailPreferencesForm kinds={email.kinds} showDigest={me.role === "EDITOR" || me.role === "ADMIN"} />
      </section>
      <section aria-labelledby="api-tokens-heading" className="stack">
        <h2 id="api-tokens-heading">API tokens</h2>
        <p className="muted">A token lets a script read and write annotations as you, with your role (README, “Web Annotation API”).</p>
        <ApiTokensPanel tokens={await listApiTokens(actor)} />
      </section>
    </main>
  );
}
