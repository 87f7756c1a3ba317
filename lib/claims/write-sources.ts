import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TSource } from "@/lib/validation/claims";

const asDate = (day: string | null) => (day ? new Date(`${day}T00:00:00Z`) : null);

export function sourceRows(sources: TSource[]): Prisma.SourceCreateWithoutClaimInput[] {
  return sources.map((s, position) => ({
    position,
    url: s.url,
    title: s.title,
    publisher: s.publisher,
    publishedAt: asDate(s.publishedAt),
    accessedAt: asDate(s.accessedAt),
    excerpt: s.excerpt,
    stance: s.stance,
  }));
}
