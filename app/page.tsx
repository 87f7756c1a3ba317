import Link from "next/link";
import { listArticles } from "@/lib/articles/read-articles";
import { formatDate } from "@/lib/format";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const articles = await listArticles();
  return (
    <main className="page">
      <h1>Fact-checked articles</h1>
      {articles.length === 0 ? (
        <p>No articles yet.</p>
      ) : (
        <ul className="article-list">
          {articles.map((a) => (
            <li key={a.slug}>
              <Link href={`/articles/${a.slug}`} className="article-link">{a.title}</Link>
              <p className="muted">
                {[a.byline, a.publishedAt ? formatDate(a.publishedAt) : null, a.tags.join(" · ")].filter(Boolean).join(" — ")}
              </p>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
