-- Personal API tokens for the Web Annotation Protocol (issue 19). Only the SHA-256 of a token is kept.
ALTER TYPE "AccountEventType" ADD VALUE 'API_TOKEN_CREATED';
ALTER TYPE "AccountEventType" ADD VALUE 'API_TOKEN_REVOKED';
ALTER TYPE "AccountEventType" ADD VALUE 'API_TOKEN_USED_FROM_NEW_ADDRESS';

CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "lastUsedAddress" TEXT,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");

ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Where an imported or POSTed annotation came from, so importing the same file twice creates nothing new.
ALTER TABLE "Claim" ADD COLUMN "canonical" TEXT;
ALTER TABLE "Claim" ADD COLUMN "via" TEXT;

CREATE INDEX "Claim_articleId_canonical_idx" ON "Claim"("articleId", "canonical");
CREATE INDEX "Claim_articleId_via_idx" ON "Claim"("articleId", "via");
