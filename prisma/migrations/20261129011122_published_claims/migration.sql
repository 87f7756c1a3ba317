-- CreateTable
CREATE TABLE "PublishedClaim" (
    "claimId" TEXT NOT NULL,
    "articleId" TEXT NOT NULL,
    "claimVersion" INTEGER NOT NULL,
    "selectors" JSONB NOT NULL,
    "quote" TEXT NOT NULL,
    "verdict" "Verdict" NOT NULL,
    "explanation" TEXT NOT NULL,
    "sources" JSONB NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "approvedById" TEXT NOT NULL,
    "approvedAt" TIMESTAMP(3) NOT NULL,
    "retractedAt" TIMESTAMP(3),
    "retractedById" TEXT,
    "retractionReason" TEXT,

    CONSTRAINT "PublishedClaim_pkey" PRIMARY KEY ("claimId")
);

-- CreateIndex
CREATE INDEX "PublishedClaim_articleId_idx" ON "PublishedClaim"("articleId");

-- AddForeignKey
ALTER TABLE "PublishedClaim" ADD CONSTRAINT "PublishedClaim_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublishedClaim" ADD CONSTRAINT "PublishedClaim_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublishedClaim" ADD CONSTRAINT "PublishedClaim_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublishedClaim" ADD CONSTRAINT "PublishedClaim_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublishedClaim" ADD CONSTRAINT "PublishedClaim_retractedById_fkey" FOREIGN KEY ("retractedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
