-- The header search finds a plan record by its English or its Spanish text:
-- each index covers both, written exactly as server/search.ts writes the
-- document (a change to one is a change to both). A Spanish text not yet
-- written is NULL, and COALESCE keeps the English searchable.
DROP INDEX "Milestone_search_idx";
CREATE INDEX "Milestone_search_idx" ON "Milestone" USING GIN (search_document("title" || ' ' || "description" || ' ' || COALESCE("titleEs", '') || ' ' || COALESCE("descriptionEs", '')));
DROP INDEX "Commitment_search_idx";
CREATE INDEX "Commitment_search_idx" ON "Commitment" USING GIN (search_document("title" || ' ' || "description" || ' ' || COALESCE("titleEs", '') || ' ' || COALESCE("descriptionEs", '')));
DROP INDEX "Indicator_search_idx";
CREATE INDEX "Indicator_search_idx" ON "Indicator" USING GIN (search_document("name" || ' ' || "unit" || ' ' || COALESCE("nameEs", '') || ' ' || COALESCE("unitEs", '')));
