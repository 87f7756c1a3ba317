// The seed article's file layout (prisma/seed-data/al-qaryatain.txt): a headline line, a blank
// line, a tag line, a photo-caption line, a blank line, then body paragraphs separated by blank
// lines. Each part is kept as what it is, never one blob.
export type ParsedSeedArticle = { title: string; tags: string[]; caption: string; paragraphs: string[] };

export function parseSeedArticle(raw: string): ParsedSeedArticle {
  const blocks = raw
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  if (blocks.length < 3) throw new Error("Seed article needs a headline, a tag and caption block, and at least one paragraph");
  const [titleBlock, metaBlock, ...paragraphs] = blocks;
  const metaLines = metaBlock.split("\n").map((l) => l.trim());
  if (titleBlock.includes("\n")) throw new Error("Seed article headline must be one line");
  if (metaLines.length !== 2) throw new Error("Seed article must have a tag line followed by a caption line");
  const [tagLine, caption] = metaLines;
  return { title: titleBlock, tags: parseTags(tagLine), caption, paragraphs: paragraphs.map((p) => p.replace(/\s*\n\s*/g, " ")) };
}

// The tag line is the publisher's keyword list, space-separated, where "Middle East" is one
// place name; known multi-word tags are kept together.
const MULTI_WORD_TAGS = ["Middle East"];

export function parseTags(line: string): string[] {
  const tags: string[] = [];
  let rest = line.trim();
  while (rest) {
    const multi = MULTI_WORD_TAGS.find((t) => rest.startsWith(t) && (rest.length === t.length || rest[t.length] === " "));
    const tag = multi ?? rest.split(/\s+/)[0];
    tags.push(tag);
    rest = rest.slice(tag.length).trim();
  }
  return tags;
}
