import type { Metadata } from "next";
import ImportForm from "@/components/articles/import-form";
import { ARTICLE_EDIT_ROLES } from "@/lib/articles/authorize";
import { requirePageRole } from "@/lib/auth/session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New article · Factmark" };

export default async function NewArticlePage() {
  await requirePageRole("/articles/new", ...ARTICLE_EDIT_ROLES);
  return (
    <main className="page">
      <h1>New article</h1>
      <ImportForm />
    </main>
  );
}
