-- Embed script (issue 14): the publisher origins allowed to read published checks, and a lookup of
-- an article by its Source URL (the publisher page's canonical address).
CREATE TABLE "EmbedSettings" (
    "id" TEXT NOT NULL,
    "allowedOrigins" TEXT[],
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "EmbedSettings_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "Article_sourceUrl_idx" ON "Article"("sourceUrl");
