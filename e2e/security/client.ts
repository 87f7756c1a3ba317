// A minimal HTTP client with a cookie jar: one per role, signed in once through next-auth and
// reused, so the suite never trips the sign-in throttle.

export const ROLE_NAMES = ["anonymous", "reader", "reviewer", "reviewer2", "editor", "admin"] as const;
export type RoleName = (typeof ROLE_NAMES)[number];
export const DEMO_PASSWORD = "factmark-demo";

export type SendOptions = {
  json?: unknown;
  /** A raw body; its content type must then be given in headers. */
  body?: string | Uint8Array;
  headers?: Record<string, string>;
  /** Leave out the same-origin headers a browser's fetch would send (CSRF probes). */
  crossSite?: boolean;
  timeoutMs?: number;
};

export type Reply = { status: number; location: string | null; text: string; json: unknown; ms: number };

export class Client {
  readonly cookies = new Map<string, string>();
  userId = "";
  name = "";

  constructor(
    readonly base: string,
    readonly role: RoleName,
  ) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private keepCookies(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (!value || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async send(method: string, path: string, opts: SendOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = {};
    if (!opts.crossSite) {
      headers.origin = this.base;
      headers["sec-fetch-site"] = "same-origin";
    }
    if (opts.json !== undefined) headers["content-type"] = "application/json";
    Object.assign(headers, opts.headers ?? {});
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    const body = opts.json !== undefined ? JSON.stringify(opts.json) : opts.body;
    const started = performance.now();
    const res = await fetch(this.base + path, {
      method,
      headers,
      body: method === "GET" || method === "HEAD" ? undefined : (body as BodyInit | undefined),
      redirect: "manual",
      signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
    });
    this.keepCookies(res);
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.status, location: res.headers.get("location"), text, json, ms: performance.now() - started };
  }

  /** next-auth credentials sign-in: csrf token first, then the form post, as the login page does. */
  async signIn(email: string, password = DEMO_PASSWORD): Promise<void> {
    const csrf = await this.send("GET", "/api/auth/csrf");
    const token = (csrf.json as { csrfToken?: string } | null)?.csrfToken;
    if (!token) throw new Error(`no csrf token from next-auth (${csrf.status})`);
    const form = new URLSearchParams({ csrfToken: token, email, password, callbackUrl: this.base + "/", json: "true" });
    const res = await this.send("POST", "/api/auth/callback/credentials", {
      body: form.toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    const session = await this.send("GET", "/api/auth/session");
    const user = (session.json as { user?: { id?: string; name?: string } } | null)?.user;
    if (!user?.id) throw new Error(`sign-in as ${email} failed: ${res.status} ${res.text.slice(0, 200)}`);
    this.userId = user.id;
    this.name = user.name ?? "";
  }
}

export const emailOf = (role: Exclude<RoleName, "anonymous">) => `${role}@example.org`;
