// The W3C Web Annotation test suite's MUST assertions (draft-04 JSON Schemas, copied into ./w3c),
// as a function tests call: which assertions a JSON value fails.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Ajv from "ajv-draft-04";

const ROOT = path.join(import.meta.dirname, "w3c");
const readJson = (file: string) => JSON.parse(readFileSync(path.join(ROOT, file), "utf8")) as Record<string, unknown>;

let ajv: Ajv | null = null;
function validator(): Ajv {
  if (ajv) return ajv;
  ajv = new Ajv({ strict: false, allErrors: true });
  // The suite's schemas rely on these two formats (ajv-formats would add dozens more).
  ajv.addFormat("date-time", /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  ajv.addFormat("uri", /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/);
  for (const file of readdirSync(path.join(ROOT, "definitions"))) ajv.addSchema(readJson(`definitions/${file}`));
  return ajv;
}

export type MustSuite = "annotations/annotationMusts.test" | "collections/collectionMusts.test" | "collections/pages/pageMusts.test";

/** The failed assertions ("file: message") of one must-suite for `value`; empty when it conforms. */
export function failedMusts(suite: MustSuite, value: unknown): string[] {
  const assertions = (readJson(suite).assertions as string[]).filter((a) => typeof a === "string");
  const failures: string[] = [];
  for (const file of assertions) {
    const schema = readJson(file);
    const id = `must:${file}`;
    const v = validator();
    if (!v.getSchema(id)) v.addSchema(schema as object, id);
    const ok = v.validate(id, value);
    const expected = schema.expectedResult !== "invalid";
    if (ok !== expected) failures.push(`${file}: ${String(schema.errorMessage ?? "failed")}`);
  }
  return failures;
}

/** The suite's incorrect sample annotations, each with the raw text (some are not even JSON). */
export function incorrectSamples(): { name: string; text: string }[] {
  const dir = path.join(ROOT, "samples", "incorrect");
  return readdirSync(dir).map((name) => ({ name, text: readFileSync(path.join(dir, name), "utf8") }));
}

export function correctSamples(): { name: string; text: string }[] {
  const dir = path.join(ROOT, "samples", "correct");
  return readdirSync(dir).map((name) => ({ name, text: readFileSync(path.join(dir, name), "utf8") }));
}
