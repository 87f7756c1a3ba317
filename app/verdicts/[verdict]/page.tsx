// The stable IRI of a verdict (issue 19): exported annotations name /verdicts/<VERDICT> as the
// meaning of their classifying body, so this page must say what the verdict means, for good.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { VERDICTS, VERDICT_INFO, type TVerdict } from "@/lib/verdicts";
import { VERDICT_MEANINGS } from "@/lib/annotations/verdict-meanings";

type Props = { params: Promise<{ verdict: string }> };

export function generateStaticParams() {
  return VERDICTS.map((verdict) => ({ verdict }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { verdict } = await params;
  return { title: (VERDICTS as readonly string[]).includes(verdict) ? `Verdict: ${VERDICT_INFO[verdict as TVerdict].label} · Factmark` : "Verdict · Factmark" };
}

export default async function VerdictPage({ params }: Props) {
  const { verdict } = await params;
  if (!(VERDICTS as readonly string[]).includes(verdict)) notFound();
  const v = verdict as TVerdict;
  return (
    <main className="narrow">
      <p className="breadcrumb"><Link href="/verdicts">← All verdicts</Link></p>
      <h1>{VERDICT_INFO[v].label}</h1>
      <p>{VERDICT_MEANINGS[v]}</p>
      <p className="muted">Identifier: <code>{v}</code>. Web annotations from Factmark name this page as the meaning of their classifying body.</p>
    </main>
  );
}
