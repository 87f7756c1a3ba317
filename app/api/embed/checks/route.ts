import { answerEmbedChecks } from "@/lib/embed/answer-checks";

export const dynamic = "force-dynamic";

/** Public, cross-origin for the allowed publisher origins: an article's published checks for /embed.js (issue 14). */
export async function GET(req: Request) {
  return answerEmbedChecks(req);
}
