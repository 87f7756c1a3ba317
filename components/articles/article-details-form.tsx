"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { firstErrors, postJson, type FieldErrors } from "@/lib/http/post-json";

export type ArticleDetailsValues = { title: string; byline: string | null; sourceUrl: string | null; publishedAt: string | null };

/** Corrects the details an import got wrong (issue 20, item 4); readers see them at once. */
export default function ArticleDetailsForm({ slug, details }: { slug: string; details: ArticleDetailsValues }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "");
    setPending(true);
    setMessage(null);
    setFailed(null);
    const result = await postJson<ArticleDetailsValues>(
      `/api/articles/${encodeURIComponent(slug)}/details`,
      { title: text("title"), byline: text("byline"), sourceUrl: text("sourceUrl"), publishedAt: text("publishedAt") },
      "PUT",
    );
    setPending(false);
    if (!result.ok) {
      setErrors(firstErrors(result.fieldErrors));
      setFailed(result.message);
      return;
    }
    setErrors({});
    setMessage("Details saved. Readers see them now.");
    router.refresh();
  }

  const field = (name: keyof ArticleDetailsValues, label: string, type = "text") => (
    <label className="stack">
      <span>{label}</span>
      <input name={name} type={type} defaultValue={details[name] ?? ""} aria-invalid={!!errors[name]} aria-describedby={errors[name] ? `${name}-error` : undefined} />
      {errors[name] && <span id={`${name}-error`} className="form-error">{errors[name]}</span>}
    </label>
  );

  return (
    <form onSubmit={onSubmit} noValidate className="stack" aria-labelledby="details-heading">
      {field("title", "Title")}
      {field("byline", "Byline")}
      {field("sourceUrl", "Source URL", "url")}
      {field("publishedAt", "Published date", "date")}
      <div>
        <button type="submit" disabled={pending}>Save details</button> <span role="status" className="muted">{message}</span>
      </div>
      {failed && <p className="form-error" role="alert">{failed}</p>}
    </form>
  );
}
