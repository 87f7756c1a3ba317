// The workflow components' calls. Errors come back as the server's own messages, with the current
// claim on a 409 so the user can see what changed and retry.
import type { ClaimDto } from "@/lib/claims/claim-dto";

export type PostResult<T> = { ok: true; value: T } | { ok: false; status: number; message: string; fieldErrors?: Record<string, string[]>; current?: ClaimDto };

export async function postJson<T>(url: string, body: unknown, method = "POST"): Promise<PostResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  } catch {
    return { ok: false, status: 0, message: "Could not reach the server. Nothing was changed; try again." };
  }
  const json = (await res.json().catch(() => null)) as (T & { error?: { message?: string; fieldErrors?: Record<string, string[]>; details?: { current?: ClaimDto } } }) | null;
  if (!res.ok) {
    return { ok: false, status: res.status, message: json?.error?.message ?? `The server refused the request (${res.status}).`, fieldErrors: json?.error?.fieldErrors, current: json?.error?.details?.current };
  }
  return { ok: true, value: json as T };
}
