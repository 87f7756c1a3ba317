/** The public base URL of this Factmark, for absolute links in JSON-LD and feeds. */
export function publicBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env.FACTMARK_PUBLIC_URL || env.NEXTAUTH_URL || "http://127.0.0.1:3000").replace(/\/+$/, "");
}

/** The organisation that publishes the checks (ClaimReview `author`). */
export function publisherName(env: NodeJS.ProcessEnv = process.env): string {
  return env.FACTMARK_PUBLISHER_NAME?.trim() || "Factmark";
}

export function claimAnchorId(claimId: string): string {
  return `claim-${claimId}`;
}
