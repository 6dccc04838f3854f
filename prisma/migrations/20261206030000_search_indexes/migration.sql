-- Full-text search of the plan and the assessments (server/search.ts), through
-- GIN indexes built like "Evidence_search_idx": each text under the English
-- and the Spanish configurations of search_document(). Each expression is the
-- one server/search.ts writes, so that the planner can use the index; a
-- change to one is a change to both. Prisma's schema does not describe
-- expression indexes, so schema.prisma does not name these.
CREATE INDEX "Milestone_search_idx" ON "Milestone" USING GIN (search_document("title" || ' ' || "description"));
CREATE INDEX "Commitment_search_idx" ON "Commitment" USING GIN (search_document("title" || ' ' || "description"));
CREATE INDEX "Assessment_search_idx" ON "Assessment" USING GIN (search_document("narrative"));
CREATE INDEX "Indicator_search_idx" ON "Indicator" USING GIN (search_document("name" || ' ' || "unit"));
