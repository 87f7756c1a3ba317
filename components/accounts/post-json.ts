export type PostResult<T> =
  | { ok: true; data: T }
  | { ok: false; status: number; message: string; fieldErrors: Record<string, string[]> };

/** POSTs JSON to one of the account routes and turns any answer into a result the form can show. */
export async function postJson<T>(url: string, body: unknown = {}): Promise<PostResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  } catch {
    return { ok: false, status: 0, message: "Could not reach the server. Check your connection and try again.", fieldErrors: {} };
  }
  const payload = (await res.json().catch(() => null)) as { error?: { message?: string; fieldErrors?: Record<string, string[]> } } | null;
  if (res.ok) return { ok: true, data: payload as T };
  return {
    ok: false,
    status: res.status,
    message: payload?.error?.message ?? "Something went wrong on our side. Please try again.",
    fieldErrors: payload?.error?.fieldErrors ?? {},
  };
}

export type FieldErrors = Record<string, string | undefined>;

/** The first message per field, from a zod error's issues or from the server's fieldErrors. */
export function firstErrors(errors: Record<string, string[]> | { path: PropertyKey[]; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  if (Array.isArray(errors)) {
    for (const issue of errors) out[String(issue.path[0] ?? "form")] ??= issue.message;
  } else {
    for (const [k, v] of Object.entries(errors)) out[k] = v[0];
  }
  return out;
}
