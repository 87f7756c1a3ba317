// The client components' calls to the app's own JSON routes. Any answer, and no answer at all,
// becomes a result a form can show: the server's own message, its messages per field, and its
// details (a 409 on a claim carries the current claim, so the user sees what changed).

export type PostResult<T> =
  | { ok: true; data: T }
  | { ok: false; status: number; message: string; fieldErrors: Record<string, string[]>; details?: unknown };

export async function postJson<T>(url: string, body: unknown = {}, method: "POST" | "PUT" | "PATCH" | "DELETE" = "POST"): Promise<PostResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  } catch {
    return { ok: false, status: 0, message: "Could not reach the server. Nothing was changed; check your connection and try again.", fieldErrors: {} };
  }
  const payload = (await res.json().catch(() => null)) as { error?: { message?: string; fieldErrors?: Record<string, string[]>; details?: unknown } } | null;
  if (res.ok) return { ok: true, data: payload as T };
  return {
    ok: false,
    status: res.status,
    message: payload?.error?.message ?? (res.status >= 500 ? "Something went wrong on our side. Please try again." : `The server refused the request (${res.status}).`),
    fieldErrors: payload?.error?.fieldErrors ?? {},
    details: payload?.error?.details,
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
