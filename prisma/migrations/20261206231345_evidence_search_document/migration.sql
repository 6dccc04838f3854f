-- The evidence log's search reads a stored tsvector instead of computing
-- search_document() again for every row it checks. At 500,000 records a
-- common word matches one in ten: rechecking those rows recomputed both
-- configurations' tsvectors (about 140 ms per worker), and an ordered walk of
-- the newest records filtered by the match recomputed them for every row it
-- passed. Evidence is append-only ("Evidence_append_only"), so the generated
-- column never needs rewriting; a third language (search_document replaced)
-- means dropping this column and adding it again, which rebuilds it.
ALTER TABLE "Evidence" ADD COLUMN "searchDocument" tsvector
  GENERATED ALWAYS AS (search_document("title" || ' ' || "summary")) STORED;

CREATE INDEX "Evidence_searchDocument_idx" ON "Evidence" USING GIN ("searchDocument");

DROP INDEX "Evidence_search_idx";

-- The evidence log's order (newest publication first, undated last, then the
-- newest logged), as an index, so that a page of the newest records matching
-- a common word is found by walking it and stopping at the page's end.
-- Undated records sort as -infinity, as the export's keyset does; Prisma's
-- schema cannot say this (an expression), so it lives here only.
CREATE INDEX "Evidence_listing_idx" ON "Evidence" (COALESCE("publishedOn", '-infinity'::date) DESC, "createdAt" DESC, "id");
