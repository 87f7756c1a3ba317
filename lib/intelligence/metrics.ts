export type Scored = { score: number; predicted: boolean; actual: boolean };

export type Quality = { n: number; precision: number; recall: number; f1: number; rocAuc: number };

/** ROC AUC as the probability that a random positive outscores a random negative (ties count half). */
export function rocAuc(rows: { score: number; actual: boolean }[]): number {
  const sorted = [...rows].sort((a, b) => a.score - b.score);
  let rankSumPositive = 0;
  let positives = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j].score === sorted[i].score) j++;
    const averageRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (sorted[k].actual) {
      rankSumPositive += averageRank;
      positives++;
    }
    i = j;
  }
  const negatives = sorted.length - positives;
  if (!positives || !negatives) return NaN;
  return (rankSumPositive - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function measureQuality(rows: Scored[]): Quality {
  const tp = rows.filter((r) => r.predicted && r.actual).length;
  const fp = rows.filter((r) => r.predicted && !r.actual).length;
  const fn = rows.filter((r) => !r.predicted && r.actual).length;
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { n: rows.length, precision, recall, f1, rocAuc: rocAuc(rows) };
}
