import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isSetupOpen } from "@/lib/accounts/first-admin";
import SetupForm from "@/components/accounts/setup-form";

export const dynamic = "force-dynamic";
/** The 404 that follows once an admin exists must not keep the setup page's title. */
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await isSetupOpen()) ? "Set up Factmark" : "Page not found · Factmark", robots: { index: false } };
}

export default async function SetupPage() {
  if (!(await isSetupOpen())) notFound();
  return (
    <main className="narrow">
      <h1>Set up Factmark</h1>
      <p>
        No admin exists yet. Create the first admin account with the one-time setup code that the server printed to its log
        when it started (a line beginning <code>[setup]</code>). A restart prints a new code and cancels this one.
      </p>
      <SetupForm />
    </main>
  );
}
