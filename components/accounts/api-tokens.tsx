"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ApiTokenSummary } from "@/lib/api-tokens/api-tokens";
import { ZCreateApiToken } from "@/lib/api-tokens/schemas";
import { postJson } from "@/lib/http/post-json";
import { Field } from "./field";
import { formatDateTime } from "./format";
import { useHydrated } from "./use-hydrated";
import { useValidatedPost } from "./use-validated-post";

/** The API tokens section of /account: create (shown once), list, revoke. */
export function ApiTokensPanel({ tokens }: { tokens: ApiTokenSummary[] }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const { pending, errors, formError, submit } = useValidatedPost<typeof ZCreateApiToken, { token: string; summary: ApiTokenSummary }>(ZCreateApiToken, "/api/tokens");
  const [created, setCreated] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  async function onCreate(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    setCopied(false);
    const result = await submit({ name: new FormData(form).get("token-name") ?? "" });
    if (!result) return;
    setCreated(result.answer.token);
    form.reset();
    router.refresh();
  }

  async function copy() {
    if (!created) return;
    await navigator.clipboard.writeText(created).catch(() => undefined);
    setCopied(true);
  }

  return (
    <div className="stack">
      <form method="post" onSubmit={onCreate} noValidate className="stack">
        <Field id="token-name" label="Token name" autoComplete="off" maxLength={100} error={errors.name ?? formError ?? undefined} hint="Say where it is used, e.g. “newsroom import script”." />
        <div>
          <button type="submit" disabled={!hydrated || pending}>Create token</button>
        </div>
      </form>
      {created && (
        <div className="stack" role="status">
          <div className="field">
            <label htmlFor="new-token">New token</label>
            <input id="new-token" readOnly value={created} onFocus={(e) => e.currentTarget.select()} />
          </div>
          <p className="muted">Copy it now: it is shown only once. Scripts send it as <code>Authorization: Bearer …</code>.</p>
          <div>
            <button type="button" onClick={copy}>Copy token</button> <span className="muted">{copied ? "Copied." : null}</span>
          </div>
        </div>
      )}
      <ApiTokenList tokens={tokens} />
    </div>
  );
}

/** The token list with Revoke; also on an admin's user page. */
export function ApiTokenList({ tokens }: { tokens: ApiTokenSummary[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function revoke(id: string) {
    setBusy(id);
    setError(null);
    const res = await postJson(`/api/tokens/${encodeURIComponent(id)}`, {}, "DELETE");
    setBusy(null);
    if (!res.ok) return setError(res.message);
    router.refresh();
  }

  if (tokens.length === 0) return <p className="muted">No API tokens yet.</p>;
  return (
    <>
      {error && <p className="field-error" role="alert">{error}</p>}
      <table className="api-tokens">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Prefix</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col"><span className="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((t) => (
            <tr key={t.id}>
              <td>{t.name}</td>
              <td><code>{t.prefix}…</code></td>
              <td>{formatDateTime(t.createdAt)}</td>
              <td>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "Never"}</td>
              <td>
                {t.revokedAt ? (
                  <span className="muted">Revoked {formatDateTime(t.revokedAt)}</span>
                ) : (
                  <button type="button" onClick={() => revoke(t.id)} disabled={busy === t.id} aria-label={`Revoke ${t.name}`}>Revoke</button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
