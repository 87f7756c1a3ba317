import Link from "next/link";
import type { Metadata } from "next";
import AllowedOriginsForm from "@/components/embed/allowed-origins-form";
import { requirePageRole } from "@/lib/auth/session";
import { readEmbedSettings } from "@/lib/embed/settings";
import { publicBaseUrl } from "@/lib/publishing/site";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Embed · Factmark" };

export default async function EmbedSettingsPage() {
  const actor = await requirePageRole("/admin/embed", "ADMIN");
  const { allowedOrigins } = await readEmbedSettings(actor);
  return (
    <main className="page">
      <h1>Embed</h1>
      <p>
        Newsrooms show their approved checks on their own article pages with one script tag (editors find it under <strong>Embed code</strong> on each article). The checks are
        read from {publicBaseUrl()}/api/embed/checks, which answers pages on the origins below and no others.
      </p>
      <AllowedOriginsForm origins={allowedOrigins} />
      <p>
        <Link href="/admin/users">Back to Users</Link>
      </p>
    </main>
  );
}
