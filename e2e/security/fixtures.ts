// Real objects for the probes, made through the app's own API as the people who would make them.
import { Client, emailOf, ROLE_NAMES, type RoleName, type Reply } from "./client";

export const SEED_SLUG = "in-syrian-christian-town-isis-mass-executed-116-people-before-assads-army-closed";
export type ClaimState = "DRAFT" | "SUBMITTED" | "CHANGES_REQUESTED" | "APPROVED" | "RETRACTED";
export type ClaimRef = { id: string; version: number; slug: string };

const SCRATCH_TEXT = [
  "The harbour authority said on Monday that 4,200 containers passed through the port last year.",
  "Officials estimated that the new bridge would cost 310 million euros and open in spring.",
  "According to the census office, the town's population grew by nine percent in a decade.",
].join("\n\n");

function expectOk(what: string, r: Reply): Reply {
  if (r.status < 200 || r.status >= 300) throw new Error(`setup: ${what} → ${r.status} ${r.text.slice(0, 300)}`);
  return r;
}

export class Fixtures {
  readonly as: Record<RoleName, Client>;
  private wordTurn = 0;
  private userTurn = 0;
  /** An article of the suite's own, for the writes that replace an article's text. */
  scratchSlug = "";

  constructor(readonly base: string) {
    this.as = Object.fromEntries(ROLE_NAMES.map((r) => [r, new Client(base, r)])) as Record<RoleName, Client>;
  }

  async signInAll(): Promise<void> {
    for (const role of ROLE_NAMES) if (role !== "anonymous") await this.as[role].signIn(emailOf(role));
    this.scratchSlug = await this.importArticle(`Scratch article ${Date.now()}`, SCRATCH_TEXT);
  }

  /** A fresh sign-in for a role (after a probe may have ended the session). */
  async refresh(role: Exclude<RoleName, "anonymous">): Promise<void> {
    const me = await this.as[role].send("GET", "/api/auth/session");
    if ((me.json as { user?: unknown } | null)?.user) return;
    this.as[role].cookies.clear();
    await this.as[role].signIn(emailOf(role));
  }

  async importArticle(title: string, content: string, format: "text" | "markdown" | "html" = "text", extra: Record<string, unknown> = {}): Promise<string> {
    const r = expectOk("import", await this.as.editor.send("POST", "/api/articles/import", { json: { format, content, title, ...extra } }));
    return (r.json as { slug: string }).slug;
  }

  async latest(slug: string): Promise<{ articleVersionId: string; plainText: string }> {
    const r = expectOk(`workspace ${slug}`, await this.as.editor.send("GET", `/api/articles/${encodeURIComponent(slug)}/claims`));
    return r.json as { articleVersionId: string; plainText: string };
  }

  /** A span of whole words, a different one each call, so claims spread over the text. */
  async span(slug: string): Promise<{ articleVersionId: string; start: number; end: number }> {
    const { articleVersionId, plainText } = await this.latest(slug);
    const words = [...plainText.matchAll(/\p{L}{4,}(?: \p{L}+){0,2}/gu)];
    if (!words.length) throw new Error(`setup: no words in ${slug}`);
    const m = words[this.wordTurn++ % words.length];
    return { articleVersionId, start: m.index, end: m.index + m[0].length };
  }

  async newClaim(state: ClaimState = "DRAFT", opts: { slug?: string; author?: RoleName; explanation?: string } = {}): Promise<ClaimRef> {
    const slug = opts.slug ?? SEED_SLUG;
    const author = this.as[opts.author ?? "reviewer"];
    const span = await this.span(slug);
    const r = expectOk(
      "create claim",
      await author.send("POST", `/api/articles/${encodeURIComponent(slug)}/claims`, {
        json: { ...span, fields: { verdict: "MISLEADING", explanation: opts.explanation ?? "Setup claim for the security suite.", tags: ["suite"], sources: [] } },
      }),
    );
    let claim: ClaimRef = { id: (r.json as { claim: { id: string; version: number } }).claim.id, version: (r.json as { claim: { version: number } }).claim.version, slug };
    const step = async (who: Client, action: string, reason?: string) => {
      const t = expectOk(`${action} claim`, await who.send("POST", `/api/claims/${claim.id}/transitions`, { json: { action, version: claim.version, reason } }));
      claim = { ...claim, version: (t.json as { claim: { version: number } }).claim.version };
    };
    if (state === "DRAFT") return claim;
    await step(author, "submit");
    if (state === "SUBMITTED") return claim;
    if (state === "CHANGES_REQUESTED") {
      await step(this.as.editor, "requestChanges", "Please add a source.");
      return claim;
    }
    await step(this.as.editor, "approve");
    if (state === "APPROVED") return claim;
    await step(this.as.editor, "retract", "Withdrawn by the suite.");
    return claim;
  }

  /** A claim on the scratch article whose words were then replaced: it waits for an editor's decision. */
  async staleClaim(state: ClaimState = "APPROVED"): Promise<ClaimRef> {
    const claim = await this.newClaim(state, { slug: this.scratchSlug });
    const { articleVersionId } = await this.latest(this.scratchSlug);
    // Words that were never in the text, so no claim can be placed on the new version.
    const freshWord = () => Array.from({ length: 7 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("");
    const doc = { type: "doc", content: [0, 1, 2].map(() => ({ type: "paragraph", content: [{ type: "text", text: Array.from({ length: 12 }, freshWord).join(" ") + "." }] })) };
    expectOk("save version", await this.as.editor.send("POST", `/api/articles/${encodeURIComponent(this.scratchSlug)}/versions`, { json: { baseVersionId: articleVersionId, doc, correctionNote: null } }));
    // Re-anchoring may have moved the claim's version on: carry the one the editor would see.
    const ws = await this.as.editor.send("GET", `/api/articles/${encodeURIComponent(this.scratchSlug)}/claims`);
    const now = (ws.json as { claims?: { id: string; version: number }[] } | null)?.claims?.find((c) => c.id === claim.id);
    return { ...claim, version: now?.version ?? claim.version };
  }

  /** A throwaway account made by the admin, so probes never touch the demo users. */
  async newUser(role: "READER" | "REVIEWER" | "EDITOR" | "ADMIN" = "READER", method: "password" | "invitation" = "invitation"): Promise<{ id: string; email: string; token: string | null }> {
    const email = `probe-${Date.now()}-${++this.userTurn}@example.org`;
    const r = expectOk("create user", await this.as.admin.send("POST", "/api/admin/users", { json: { name: `Probe ${this.userTurn}`, email, role, method, password: "" } }));
    const body = r.json as { user: { id: string }; invitation?: { path: string } | null };
    return { id: body.user.id, email, token: body.invitation?.path.split("/").pop() ?? null };
  }

  async versionsOf(slug: string): Promise<{ number: number }[]> {
    const r = expectOk("versions", await this.as.editor.send("GET", `/api/articles/${encodeURIComponent(slug)}/versions`));
    return (r.json as { versions: { number: number }[] }).versions;
  }
}
