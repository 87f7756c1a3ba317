import { AppError } from "@/lib/errors";

/**
 * Import limits (issue 7, "Limits"; documented in docs/decisions.md and on /articles/new):
 * - empty input (nothing but whitespace) is refused;
 * - more than 2 MB (UTF-8 bytes of the pasted or uploaded text) is refused;
 * - binary content (a NUL byte, or more than 1 % control or replacement characters, which is what a
 *   PDF, image or Word file looks like once read as text) is refused.
 */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
export const MAX_IMPORT_LABEL = "2 MB";
/** Controls other than tab, newline and carriage return, and U+FFFD (what invalid UTF-8 decodes to). */
const SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/g;

export function byteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** Throws a clear AppError when the text cannot be imported; returns it unchanged otherwise. */
export function checkImportText(text: string): string {
  if (!text.trim()) throw new AppError("INVALID", "The article text is empty. Paste the article or choose a file.", { content: ["The article text is empty."] });
  if (byteLength(text) > MAX_IMPORT_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", `The article is larger than ${MAX_IMPORT_LABEL}. Import a shorter text.`, { content: [`At most ${MAX_IMPORT_LABEL}.`] });
  }
  if (looksBinary(text)) {
    throw new AppError("INVALID", "This looks like a binary file (for example a PDF, an image or a Word file), not text. Save it as .txt, .md or .html first.", {
      content: ["Binary content cannot be imported."],
    });
  }
  return text;
}

export function looksBinary(text: string): boolean {
  if (text.includes("\u0000")) return true;
  const suspect = text.match(SUSPECT)?.length ?? 0;
  return suspect > Math.max(2, text.length * 0.01);
}
