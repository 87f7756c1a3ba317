// The Web Annotation Protocol server (issue 19), through its real route handlers, on both engines.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser, TRole } from "@/lib/auth/roles";
import { createApiToken, revokeApiToken } from "@/lib/api-tokens/api-tokens";
import { transitionClaim } from "@/lib/workflow/transition-claim";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { seedDatabase } from "@/lib/seed/seed";
import { ENGINES, shareWithServices, type TestDatabase } from "@/lib/testing/databases";
import { PEER_HEADER, PEER_KEY_ENV, PEER_KEY_HEADER } from "@/lib/http/client-address";
import { ANNO_MEDIA_TYPE } from "./w3c";

const BASE = "http://factmark.test";
vi.stubEnv("FACTMARK_PUBLIC_URL", BASE);
vi.stubEnv(PEER_KEY_ENV, "peer-key");

const container = await import("@/app/articles/[slug]/annotations/route");
const single = await import("@/app/articles/[slug]/annotations/[id]/route");
const { commitImport, REVISION_TTL_MS } = await import("./annotation-service");

const QUOTE = "at least 116 civilians";

describe.each(ENGINES)("Web Annotation Protocol on $name", ({ create }) => {
  let t: TestDatabase;
  let prisma: PrismaClient;
  let unshare: () => void;
  let slug = "";
  let text = "";
  const users: Record<string, SessionUser> = {};
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await create();
    prisma = t.db.prisma;
    unshare = shareWithServices(t);
    await seedDatabase(prisma, { demoUsers: true });
    for (const u of await prisma.user.findMany()) users[u.email.split("@")[0]] = { id: u.id, name: u.name, email: u.email, role: u.role as TRole };
    for (const who of ["reviewer", "reviewer2", "editor", "reader"]) tokens[who] = (await createApiToken(users[who], `${who} script`)).token;
    const v = await prisma.articleVersion.findFirstOrThrow({ where: { plainText: { contains: QUOTE } }, include: { article: true }, orderBy: { number: "desc" } });
    slug = v.article.slug;
    text = v.plainText;
  });
  afterAll(async () => {
    unshare?.();
    await t?.drop();
  });

  const containerIri = () => `${BASE}/articles/${slug}/annotations/`;
  const ctx = () => ({ params: Promise.resolve({ slug }) });
  const ctx1 = (id: string) => ({ params: Promise.resolve({ slug, id }) });
  const auth = (who?: string): Record<string, string> => (who ? { authorization: `Bearer ${tokens[who]}` } : {});

  function annotation(over: Record<string, unknown> = {}, exact = QUOTE) {
    const start = text.indexOf(exact);
    return {
      "@context": "http://www.w3.org/ns/anno.jsonld",
      id: "urn:uuid:00000000-0000-4000-8000-000000000019",
      type: "Annotation",
      canonical: "urn:uuid:11111111-0000-4000-8000-000000000019",
      body: [
        { type: "TextualBody", purpose: "assessing", value: "Two monitors disagree on the count." },
        { type: "TextualBody", purpose: "classifying", value: "Credible sources disagree" },
        { type: "TextualBody", purpose: "tagging", value: "casualties" },
      ],
      target: { source: `${BASE}/articles/${slug}`, selector: [{ type: "TextQuoteSelector", exact, prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(start + exact.length, start + exact.length + 32) }] },
      ...over,
    };
  }

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    container.POST(new Request(containerIri(), { method: "POST", headers: { "content-type": ANNO_MEDIA_TYPE, ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) }), ctx());
  const getOne = (id: string, headers: Record<string, string> = {}) => single.GET(new Request(`${containerIri()}${id}`, { headers }), ctx1(id));
  const getContainer = (headers: Record<string, string> = {}, query = "") => container.GET(new Request(`${containerIri()}${query}`, { headers }), ctx());

  it("the container answers with the protocol's headers and JSON-LD with the anno profile", async () => {
    const res = await getContainer();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe('application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"');
    const link = res.headers.get("link")!;
    expect(link).toContain('<http://www.w3.org/ns/ldp#BasicContainer>; rel="type"');
    expect(link).toContain('<http://www.w3.org/ns/ldp#Resource>; rel="type"');
    expect(link).toContain('<http://www.w3.org/TR/annotation-protocol/>; rel="http://www.w3.org/ns/ldp#constrainedBy"');
    expect(link).toContain(`<${BASE}/verdicts#annotation-constraints>; rel="http://www.w3.org/ns/ldp#constrainedBy"`);
    expect(res.headers.get("etag")).toMatch(/^"/);
    expect(res.headers.get("vary")).toContain("Prefer");
    expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS, POST");
    expect(res.headers.get("accept-post")).toContain("application/ld+json");
    expect(res.headers.get("content-location")).toBe(containerIri());
    const body = await res.json();
    expect(body).toMatchObject({ id: containerIri(), type: ["BasicContainer", "AnnotationCollection"], total: 0 });
    const again = await getContainer({ "if-none-match": res.headers.get("etag")! });
    expect(again.status).toBe(304);
    expect((await container.OPTIONS()).headers.get("allow")).toBe("GET, HEAD, OPTIONS, POST");
    expect((await getContainer({ accept: "text/turtle" })).status).toBe(406);
  });

  it("a malformed slug or annotation id in the address is a 404 with a JSON reason, before any query", async () => {
    const badSlug = await container.GET(new Request(`${BASE}/articles/Not%20A%20Slug/annotations/`), { params: Promise.resolve({ slug: "Not A Slug" }) });
    expect(badSlug.status).toBe(404);
    expect(await badSlug.json()).toMatchObject({ error: { code: "NOT_FOUND", message: expect.stringMatching(/lower-case letters/) } });
    const longId = "9".repeat(80);
    const badId = await single.GET(new Request(`${containerIri()}${longId}`), ctx1(longId));
    expect(badId.status).toBe(404);
    expect(await badId.json()).toMatchObject({ error: { code: "NOT_FOUND", message: expect.stringMatching(/malformed/) } });
  });

  it("refuses writes without a usable token: 401 missing or revoked, 403 by role, 403 cookie from a foreign origin", async () => {
    expect((await post(annotation())).status).toBe(401);
    expect((await post(annotation(), { authorization: "Bearer fmk_not-a-real-token" })).status).toBe(401);
    const doomed = await createApiToken(users.reviewer, "doomed");
    await revokeApiToken(users.reviewer, doomed.summary.id);
    const revoked = await post(annotation(), { authorization: `Bearer ${doomed.token}` });
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get("www-authenticate")).toContain("Bearer");
    expect((await post(annotation(), auth("reader"))).status).toBe(403);
    expect((await post(annotation(), { cookie: "next-auth.session-token=x", origin: "https://evil.example" })).status).toBe(403);
    expect(await prisma.claim.count({ where: { quote: QUOTE, via: { not: null } } })).toBe(0);
  });

  it("refuses bad bodies with a JSON reason: 415, 413, 400, 422 other document, 422 orphaned", async () => {
    const asText = await post(annotation(), { ...auth("reviewer"), "content-type": "text/plain" });
    expect(asText.status).toBe(415);
    expect((await asText.json()).error.message).toMatch(/JSON-LD/);
    expect((await post("x".repeat(1024 * 1024 + 1), auth("reviewer"))).status).toBe(413);
    expect((await post("{not json", auth("reviewer"))).status).toBe(400);
    expect((await post({ ...annotation(), id: ["a:1", "a:2"] }, auth("reviewer"))).status).toBe(400);
    const elsewhere = await post(annotation({ target: { source: "https://other.example/story", selector: [{ type: "TextQuoteSelector", exact: QUOTE }] } }), auth("reviewer"));
    expect(elsewhere.status).toBe(422);
    expect((await elsewhere.json()).error.message).toMatch(/not this article/);
    const orphan = await post(annotation({ target: { source: `${BASE}/articles/${slug}`, selector: [{ type: "TextQuoteSelector", exact: "words that are nowhere in this article at all" }] } }), auth("reviewer"));
    expect(orphan.status).toBe(422);
    expect((await orphan.json()).error.details).toEqual({ reason: "orphaned" });
  });

  let createdId = "";
  let createdEtag = "";

  it("POST creates a DRAFT by the token's owner, with a server IRI, keeping canonical and via", async () => {
    const res = await post(annotation(), auth("reviewer"));
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(res.headers.get("location")).toBe(body.id);
    expect(body.id.startsWith(containerIri())).toBe(true);
    expect(body.id).not.toContain("00000000-0000-4000-8000-000000000019");
    expect(body).toMatchObject({ via: "urn:uuid:00000000-0000-4000-8000-000000000019", canonical: "urn:uuid:11111111-0000-4000-8000-000000000019", creator: { name: users.reviewer.name } });
    createdId = body.id.slice(containerIri().length);
    createdEtag = res.headers.get("etag")!;
    const row = await prisma.claim.findUniqueOrThrow({ where: { id: createdId } });
    expect(row).toMatchObject({ state: "DRAFT", authorId: users.reviewer.id, verdict: "DISPUTED", quote: QUOTE, tags: ["casualties"] });
  });

  it("reads: a draft is invisible anonymously, visible with a token, and conditional GET gives 304", async () => {
    expect((await getOne(createdId)).status).toBe(404);
    const res = await getOne(createdId, auth("reviewer2"));
    expect(res.status).toBe(200);
    expect(res.headers.get("link")).toBe('<http://www.w3.org/ns/ldp#Resource>; rel="type"');
    expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS, PUT, DELETE");
    expect((await getOne(createdId, { ...auth("reviewer"), "if-none-match": createdEtag })).status).toBe(304);
    const head = await single.HEAD(new Request(`${containerIri()}${createdId}`, { method: "HEAD", headers: auth("reviewer") }), ctx1(createdId));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });

  const put = (id: string, body: unknown, headers: Record<string, string>) =>
    single.PUT(new Request(`${containerIri()}${id}`, { method: "PUT", headers: { "content-type": ANNO_MEDIA_TYPE, ...headers }, body: JSON.stringify(body) }), ctx1(id));

  it("PUT needs If-Match (428), refuses a stale one (412), and keeps the workflow's ownership rule (403)", async () => {
    const changed = annotation({ body: [{ type: "TextualBody", purpose: "assessing", value: "Monitors disagree: 116 vs 67." }, { type: "TextualBody", purpose: "classifying", value: "Credible sources disagree" }] });
    expect((await put(createdId, changed, auth("reviewer"))).status).toBe(428);
    expect((await put(createdId, changed, { ...auth("reviewer"), "if-match": '"stale"' })).status).toBe(412);
    expect((await put(createdId, changed, { ...auth("reviewer2"), "if-match": createdEtag })).status).toBe(403);
    const ok = await put(createdId, changed, { ...auth("reviewer"), "if-match": createdEtag });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("etag")).not.toBe(createdEtag);
    expect((await prisma.claim.findUniqueOrThrow({ where: { id: createdId } })).explanation).toBe("Monitors disagree: 116 vs 67.");
    createdEtag = ok.headers.get("etag")!;
  });

  it("nothing is published without an editor; once approved, anonymous callers see the snapshot; an edit is a pending revision", async () => {
    let claim = await prisma.claim.findUniqueOrThrow({ where: { id: createdId } });
    const submitted = await transitionClaim(users.reviewer, createdId, { action: "submit", version: claim.version });
    await transitionClaim(users.editor, createdId, { action: "approve", version: submitted.version });
    await new Promise((resolve) => setTimeout(resolve, REVISION_TTL_MS)); // anonymous answers may be that old
    const listed = await (await getContainer()).json();
    expect(listed.total).toBe(1);
    expect(listed.first.items[0].id).toBe(`${containerIri()}${createdId}`);
    const current = await getOne(createdId, auth("editor"));
    const revised = annotation({ body: [{ type: "TextualBody", purpose: "assessing", value: "Revised." }, { type: "TextualBody", purpose: "classifying", value: "False" }] });
    expect((await put(createdId, revised, { ...auth("editor"), "if-match": current.headers.get("etag")! })).status).toBe(200);
    claim = await prisma.claim.findUniqueOrThrow({ where: { id: createdId } });
    expect(claim.state).toBe("SUBMITTED");
    const anonymous = await (await getOne(createdId)).json();
    expect(anonymous.body.find((b: { purpose: string }) => b.purpose === "assessing").value).toBe("Monitors disagree: 116 vs 67.");
  });

  it("Prefer chooses minimal, IRIs or descriptions; pages carry total, first, last, next, prev, startIndex", async () => {
    const doc = { rows: Array.from({ length: 120 }, (_, i) => ({ id: `h${i}`, uri: `${BASE}/articles/${slug}`, text: `note ${i}`, tags: [], target: [{ source: `${BASE}/articles/${slug}`, selector: [{ type: "TextQuoteSelector", exact: QUOTE, prefix: text.slice(text.indexOf(QUOTE) - 32, text.indexOf(QUOTE)), suffix: text.slice(text.indexOf(QUOTE) + QUOTE.length, text.indexOf(QUOTE) + QUOTE.length + 32) }] }] })) };
    const first = await commitImport(users.reviewer, slug, doc);
    expect(first.created).toBe(120);
    expect((await commitImport(users.reviewer, slug, doc)).created).toBe(0);
    const prefer = (iri: string) => ({ ...auth("editor"), prefer: `return=representation;include="${iri}"` });
    const minimal = await getContainer(prefer("http://www.w3.org/ns/ldp#PreferMinimalContainer"));
    expect(minimal.headers.get("preference-applied")).toBe("return=representation");
    const m = await minimal.json();
    expect(typeof m.first).toBe("string");
    const iris = await (await getContainer(prefer("http://www.w3.org/ns/oa#PreferContainedIRIs"))).json();
    expect(typeof iris.first.items[0]).toBe("string");
    const descriptions = await (await getContainer(prefer("http://www.w3.org/ns/oa#PreferContainedDescriptions"))).json();
    expect(descriptions.first.items[0].type).toBe("Annotation");
    expect(descriptions.total).toBe(121);
    const page1 = await (await getContainer(auth("editor"), "?iris=0&page=1")).json();
    expect(page1).toMatchObject({ type: "AnnotationPage", startIndex: 100, prev: `${containerIri()}?iris=0&page=0`, partOf: { total: 121, first: `${containerIri()}?iris=0&page=0`, last: `${containerIri()}?iris=0&page=1` } });
    expect(page1.next).toBeUndefined();
    expect(page1.items).toHaveLength(21);
    expect((await getContainer(auth("editor"), "?page=x")).status).toBe(400);
  });

  it("DELETE needs If-Match and answers 204; a token stops when its owner is deactivated; a new address is audited", async () => {
    const res = await post(annotation({ id: undefined, canonical: undefined }), auth("reviewer"));
    const id = (await res.json()).id.slice(containerIri().length);
    const del = (headers: Record<string, string>) => single.DELETE(new Request(`${containerIri()}${id}`, { method: "DELETE", headers }), ctx1(id));
    expect((await del(auth("reviewer"))).status).toBe(428);
    expect((await del({ ...auth("reviewer"), "if-match": res.headers.get("etag")! })).status).toBe(204);
    expect((await getOne(id, auth("reviewer"))).status).toBe(404);

    await getContainer({ ...auth("reviewer2"), [PEER_HEADER]: "203.0.113.9", [PEER_KEY_HEADER]: "peer-key" });
    const events = await prisma.accountEvent.findMany({ where: { userId: users.reviewer2.id, type: "API_TOKEN_USED_FROM_NEW_ADDRESS" } });
    expect(events.map((e) => (e.details as { address: string }).address)).toEqual(["203.0.113.9"]);

    await prisma.user.update({ where: { id: users.reviewer2.id }, data: { active: false } });
    expect((await getContainer(auth("reviewer2"))).status).toBe(401);
  });
});
