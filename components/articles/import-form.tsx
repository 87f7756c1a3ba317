"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type ChangeEvent } from "react";
import StaticDocument from "@/components/article/static-document";
import { postJson, type PostResult } from "@/lib/http/post-json";
import type { TArticleDoc } from "@/lib/articles/document";
import "./articles.css";

type Format = "text" | "markdown" | "html";
type Preview = { doc: TArticleDoc; plainText: string; words: number; extracted: boolean; metadata: { title: string | null; byline: string | null; sourceUrl: string | null; publishedAt: string | null } };

const MAX_BYTES = 2 * 1024 * 1024;
const FORMAT_OF: Record<string, Format> = { txt: "text", text: "text", md: "markdown", markdown: "markdown", html: "html", htm: "html" };

/** /articles/new (issue 7): paste or upload, preview, then create. The server re-checks everything. */
export default function ImportForm() {
  const router = useRouter();
  const id = useId();
  const [meta, setMeta] = useState({ title: "", byline: "", sourceUrl: "", publishedAt: "" });
  const [format, setFormat] = useState<Format>("text");
  const [content, setContent] = useState("");
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [busy, setBusy] = useState<null | "preview" | "create" | "file" | "fetch">(null);
  const [articleUrl, setArticleUrl] = useState("");

  /** Shows a prepared preview, or the server's reason; fills the details with `fill`. */
  const showPrepared = <T extends Preview>(res: PostResult<T>, fill: (cur: typeof meta, m: Preview["metadata"]) => typeof meta): T | null => {
    setBusy(null);
    if (!res.ok) {
      setPreview(null);
      setFieldErrors(res.fieldErrors);
      setError(res.message);
      return null;
    }
    setFieldErrors({});
    setPreview(res.data);
    setMeta((cur) => fill(cur, res.data.metadata));
    return res.data;
  };

  // Issue 18: the server fetches the page through its safe fetcher and prepares it like a pasted page.
  const fetchFromUrl = async () => {
    setBusy("fetch");
    setError(null);
    const res = await postJson<Preview & { format: Format; content: string }>("/api/articles/import/fetch", { url: articleUrl });
    // What the page says wins over what was typed: the editor asked for this page.
    const data = showPrepared(res, (cur, m) => ({ title: m.title || cur.title, byline: m.byline || cur.byline, sourceUrl: m.sourceUrl || cur.sourceUrl, publishedAt: m.publishedAt || cur.publishedAt }));
    if (data) {
      setFormat(data.format);
      setContent(data.content);
    }
  };

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    setError(null);
    setPreview(null);
    if (file.size > MAX_BYTES) return setError(`${file.name} is larger than 2 MB. Import a shorter text.`);
    const ext = file.name.split(".").pop()?.toLowerCase() ?? "";
    if (!FORMAT_OF[ext]) return setError("Choose a .txt, .md or .html file.");
    setBusy("file");
    const bytes = new Uint8Array(await file.arrayBuffer());
    setBusy(null);
    if (bytes.subarray(0, 8192).includes(0)) return setError(`${file.name} looks like a binary file, not text. Save it as .txt, .md or .html first.`);
    setFormat(FORMAT_OF[ext]);
    setContent(new TextDecoder("utf-8").decode(bytes));
  };

  const runPreview = async () => {
    setBusy("preview");
    setError(null);
    const res = await postJson<Preview>("/api/articles/import/preview", { format, content });
    // Prefill only what the editor has not typed.
    showPrepared(res, (cur, m) => ({ title: cur.title || m.title || "", byline: cur.byline || m.byline || "", sourceUrl: cur.sourceUrl || m.sourceUrl || "", publishedAt: cur.publishedAt || m.publishedAt || "" }));
  };

  const create = async () => {
    setBusy("create");
    setError(null);
    const res = await postJson<{ slug: string }>("/api/articles/import", { format, content, ...meta });
    if (!res.ok) {
      setBusy(null);
      setFieldErrors(res.fieldErrors);
      return setError(res.message);
    }
    router.push(`/articles/${res.data.slug}`);
  };

  const fe = (k: string) => fieldErrors[k]?.[0];
  const input = (key: keyof typeof meta, label: string, type = "text") => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input id={`${id}-${key}`} type={type} value={meta[key]} aria-invalid={!!fe(key)} onChange={(e) => setMeta({ ...meta, [key]: e.target.value })} />
      {fe(key) && <p className="field-error">{fe(key)}</p>}
    </div>
  );

  return (
    <form className="article-form" aria-label="New article" onSubmit={(e) => e.preventDefault()}>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-article-url`}>Article URL</label>
          <input id={`${id}-article-url`} type="url" value={articleUrl} placeholder="https://" aria-invalid={!!fe("url")} onChange={(e) => setArticleUrl(e.target.value)} />
          {fe("url") && <p className="field-error">{fe("url")}</p>}
        </div>
        <div className="field">
          <button type="button" onClick={fetchFromUrl} disabled={busy !== null || !articleUrl.trim()}>{busy === "fetch" ? "Fetching…" : "Fetch"}</button>
        </div>
      </div>
      <div className="field-row">
        {input("title", "Title")}
        {input("byline", "Byline")}
        {input("sourceUrl", "Source URL", "url")}
        {input("publishedAt", "Published", "date")}
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-format`}>Format</label>
          <select id={`${id}-format`} value={format} onChange={(e) => { setFormat(e.target.value as Format); setPreview(null); }}>
            <option value="text">Plain text</option>
            <option value="markdown">Markdown</option>
            <option value="html">HTML</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-file`}>Upload file</label>
          <input id={`${id}-file`} type="file" accept=".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html" onChange={onFile} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-content`}>Article text</label>
        <textarea id={`${id}-content`} value={content} aria-invalid={!!fe("content")} aria-describedby={`${id}-limits`} onChange={(e) => { setContent(e.target.value); setPreview(null); }} />
        <p id={`${id}-limits`} className="hint">
          Paste plain text, Markdown or HTML, or upload a .txt, .md or .html file: at most 2 MB, text only. HTML is cleaned: scripts, styles, event handlers and
          unknown elements are removed; from a whole web page only the main article is kept.
        </p>
        {fe("content") && <p className="field-error">{fe("content")}</p>}
      </div>
      <p role="alert" className="form-error">{error}</p>
      <div className="form-actions">
        <button type="button" className="link-button" onClick={runPreview} disabled={busy !== null}>{busy === "preview" ? "Preparing preview…" : "Preview"}</button>
        <button type="button" onClick={create} disabled={busy !== null || !preview}>{busy === "create" ? "Creating…" : "Create article"}</button>
      </div>
      {preview && (
        <section aria-label="Preview">
          <h2>Preview</h2>
          <p className="muted">{preview.words.toLocaleString("en")} words{preview.extracted ? " · main article taken from the page" : ""}. Check it, then create the article.</p>
          <div className="preview-box article-body" data-testid="import-preview"><StaticDocument doc={preview.doc} /></div>
        </section>
      )}
    </form>
  );
}
