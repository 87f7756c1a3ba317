import { describe, expect, it } from "vitest";
import { readImportJson } from "./read-import-body";

const APP = "http://app.test";
const post = (body: string, headers: Record<string, string> = {}) =>
  new Request(`${APP}/api/articles/a/versions`, { method: "POST", headers: { host: "app.test", origin: APP, "content-type": "application/json", ...headers }, body });

function nestedBlockquotes(depth: number) {
  let node: unknown = { type: "paragraph", content: [{ type: "text", text: "deep" }] };
  for (let i = 0; i < depth; i++) node = { type: "blockquote", content: [node] };
  return { baseVersionId: "v1", doc: { type: "doc", content: [node] } };
}

describe("readImportJson", () => {
  it("reads a version document of ordinary depth", async () => {
    await expect(readImportJson(post(JSON.stringify(nestedBlockquotes(20))))).resolves.toMatchObject({ baseVersionId: "v1" });
  });

  it("refuses 2,000 nested blockquotes with a 400 before anything walks them", async () => {
    await expect(readImportJson(post(JSON.stringify(nestedBlockquotes(2000))))).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/nested too deeply/) });
  });

  it("refuses an import posted as a form from another origin", async () => {
    await expect(readImportJson(post("format=text&content=x", { origin: "http://app.test:4000", "content-type": "application/x-www-form-urlencoded" }))).rejects.toMatchObject({ status: 403 });
    await expect(readImportJson(post('{"format":"text","content":"x"}', { "content-type": "text/plain" }))).rejects.toMatchObject({ status: 415 });
  });

  it("refuses a body over 5 MB", async () => {
    await expect(readImportJson(post(JSON.stringify({ content: "x".repeat(5.5 * 1024 * 1024) })))).rejects.toMatchObject({ status: 413, message: expect.stringMatching(/larger than 2 MB/) });
  });
});
