import type { Metadata } from "next";
import UnsubscribeButton from "@/components/accounts/unsubscribe-button";
import { EMAIL_KIND_LABELS, isEmailKind } from "@/lib/email/kinds";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Unsubscribe · Factmark", robots: { index: false } };

/** Where an email's "Stop these emails" link lands. A GET changes nothing (link scanners follow links); the button does. */
export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const q = await searchParams;
  const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");
  const kind = one(q.k);
  if (!isEmailKind(kind)) return <main className="narrow"><h1>Unsubscribe</h1><p>This unsubscribe link is not valid.</p></main>;
  return (
    <main className="narrow">
      <h1>Unsubscribe</h1>
      <p>Stop emails for “{EMAIL_KIND_LABELS[kind]}”? You can turn them back on under Email notifications on your account page.</p>
      <UnsubscribeButton query={new URLSearchParams({ u: one(q.u), k: kind, t: one(q.t) }).toString()} />
    </main>
  );
}
