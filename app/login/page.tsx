import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getPageSessionUser } from "@/lib/auth/session";
import { safeCallbackPath } from "@/lib/auth/callback";
import LoginForm from "./login-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in · Factmark" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const callbackUrl = safeCallbackPath(sp.callbackUrl);
  if (await getPageSessionUser()) redirect(callbackUrl);
  return (
    <main className="narrow">
      <h1>Sign in</h1>
      <p className="muted">Reviewers, editors and admins sign in to check claims. Readers need no account.</p>
      <LoginForm callbackUrl={callbackUrl} />
    </main>
  );
}
