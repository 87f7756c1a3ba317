-- Issue 16: suggestions a reviewer dismissed (per user and article version), and the published
-- check a claim was based on ("Reuse this check").
CREATE TABLE "SuggestionDismissal" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "articleVersionId" TEXT NOT NULL,
    "suggestionKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SuggestionDismissal_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "SuggestionDismissal_userId_articleVersionId_suggestionKey_key" ON "SuggestionDismissal"("userId", "articleVersionId", "suggestionKey");

ALTER TABLE "SuggestionDismissal" ADD CONSTRAINT "SuggestionDismissal_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "SuggestionDismissal" ADD CONSTRAINT "SuggestionDismissal_articleVersionId_fkey" FOREIGN KEY ("articleVersionId") REFERENCES "ArticleVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "Claim" ADD COLUMN "basedOnClaimId" TEXT;

CREATE INDEX "Claim_basedOnClaimId_idx" ON "Claim"("basedOnClaimId");

ALTER TABLE "Claim" ADD CONSTRAINT "Claim_basedOnClaimId_fkey" FOREIGN KEY ("basedOnClaimId") REFERENCES "Claim"("id") ON DELETE SET NULL ON UPDATE CASCADE;
