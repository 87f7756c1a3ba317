-- CreateEnum
CREATE TYPE "ClaimStale" AS ENUM ('CHANGED', 'NEEDS_RECHECK');

-- AlterTable
ALTER TABLE "ArticleVersion" ADD COLUMN     "correctionNote" TEXT,
ADD COLUMN     "reanchorReport" JSONB,
ADD COLUMN     "restoredFromNumber" INTEGER;

-- AlterTable
ALTER TABLE "Claim" ADD COLUMN     "stale" "ClaimStale",
ADD COLUMN     "staleAt" TIMESTAMP(3),
ADD COLUMN     "staleQuote" TEXT;

-- AlterTable
ALTER TABLE "PublishedClaim" ADD COLUMN     "staleAt" TIMESTAMP(3);
