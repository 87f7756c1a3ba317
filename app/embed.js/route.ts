import { serveEmbedScript } from "@/lib/embed/script-file";

export const dynamic = "force-dynamic";

/** The publisher's one script tag loads this (issue 14); built from lib/embed/client by `npm run build:embed`. */
export async function GET(req: Request) {
  return serveEmbedScript(req);
}
