-- Dashboard (issue 17): indexes for the aggregate queries of lib/dashboard/get-dashboard.ts at
-- 100,000 claims (plans: lib/dashboard/bench/explain.ts; numbers: docs/benchmarks.md).

-- Workflow events of some types in a date range (approval time, published per week, reviewers):
-- an index-only range scan instead of reading every event with its before/after JSON.
CREATE INDEX "ClaimEvent_type_createdAt_claimId_idx" ON "ClaimEvent"("type", "createdAt", "claimId");

-- "The latest submission before this approval", once per approval: one index-only step backwards.
CREATE INDEX "ClaimEvent_claimId_type_createdAt_idx" ON "ClaimEvent"("claimId", "type", "createdAt");

-- Published checks approved in the date range (verdicts over time).
CREATE INDEX "PublishedClaim_approvedAt_idx" ON "PublishedClaim"("approvedAt");

-- Claims created in the date range (drafted, per reviewer).
CREATE INDEX "Claim_createdAt_idx" ON "Claim"("createdAt");
