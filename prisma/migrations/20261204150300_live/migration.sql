-- Live collaboration (issue 15): the replay window of live events, and who has a workspace open.
CREATE TABLE "LiveEvent" (
    "id" BIGSERIAL NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "type" TEXT NOT NULL,
    "articleId" TEXT,
    "claimId" TEXT,
    "userId" TEXT,
    "data" JSONB NOT NULL,

    CONSTRAINT "LiveEvent_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "LiveEvent_createdAt_idx" ON "LiveEvent"("createdAt");

CREATE TABLE "LivePresence" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "articleId" TEXT NOT NULL,
    "instance" TEXT NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LivePresence_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "LivePresence_articleId_seenAt_idx" ON "LivePresence"("articleId", "seenAt");
