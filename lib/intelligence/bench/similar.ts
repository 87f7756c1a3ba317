// Filled in by the similar-claim lookup (issue 16 §3).
export async function runSimilarBench(): Promise<{ rows: string[] }> {
  return { rows: [] };
}
