// The workspace's calls to the claim API. Errors come back as the server's own messages.
import type { ClaimDto } from "@/lib/claims/claim-dto";
import type { TClaimFieldsInput } from "@/lib/validation/claims";

export type ApiError = { status: number; message: string; fieldErrors?: Record<string, string[]>; current?: ClaimDto };
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

async function call<T>(url: string, method: string, body: unknown, pick: (json: unknown) => T): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  } catch {
    return { ok: false, error: { status: 0, message: "Could not reach the server. Your changes are still in the form; try again." } };
  }
  if (res.status === 204) return { ok: true, value: pick(null) };
  const json = (await res.json().catch(() => null)) as { error?: { message?: string; fieldErrors?: Record<string, string[]>; details?: { current?: ClaimDto } } } | null;
  if (!res.ok) {
    return {
      ok: false,
      error: {
        status: res.status,
        message: json?.error?.message ?? `The server refused the request (${res.status}).`,
        fieldErrors: json?.error?.fieldErrors,
        current: json?.error?.details?.current,
      },
    };
  }
  return { ok: true, value: pick(json) };
}

export function createClaimRequest(slug: string, body: { articleVersionId: string; start: number; end: number; fields: TClaimFieldsInput; basedOnClaimId?: string }) {
  return call(`/api/articles/${encodeURIComponent(slug)}/claims`, "POST", body, (j) => (j as { claim: ClaimDto }).claim);
}

export function updateClaimRequest(id: string, body: { version: number; fields: TClaimFieldsInput }) {
  return call(`/api/claims/${encodeURIComponent(id)}`, "PATCH", body, (j) => (j as { claim: ClaimDto }).claim);
}

export function deleteClaimRequest(id: string, version: number) {
  return call(`/api/claims/${encodeURIComponent(id)}`, "DELETE", { version }, () => undefined);
}
