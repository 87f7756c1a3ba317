import { documentHtml } from "@/lib/articles/document-html";
import type { TArticleDoc } from "@/lib/articles/document";

/** The stored document as the same elements Tiptap produces (shown before the editor loads, and in previews). */
export default function StaticDocument({ doc }: { doc: TArticleDoc }) {
  return <div className="static-document" dangerouslySetInnerHTML={{ __html: documentHtml(doc) }} />;
}
