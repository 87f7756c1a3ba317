import { z } from "zod";
import { scoreSentence } from "./check-worthiness";

const ZCheckWorthyInput = z.object({ id: z.string(), text: z.string() });

export type CliOutput =
  | { id: string; score: number; checkWorthy: boolean; reasons: string[] }
  | { id: unknown; error: string };

/** One input line to one output object; never throws, so one bad line cannot stop the run. */
export function scoreLine(line: string): CliOutput {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch {
    return { id: null, error: "not a JSON line" };
  }
  const parsed = ZCheckWorthyInput.safeParse(input);
  if (!parsed.success) {
    const id = typeof input === "object" && input !== null && "id" in input ? (input as { id: unknown }).id : null;
    const issue = parsed.error.issues[0];
    return { id: typeof id === "string" || typeof id === "number" ? id : null, error: `"${issue.path.join(".") || "line"}": ${issue.message}` };
  }
  const { score, checkWorthy, reasons } = scoreSentence(parsed.data.text);
  return { id: parsed.data.id, score, checkWorthy, reasons };
}
