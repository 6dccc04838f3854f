-- Full-text search of the evidence log (title and summary) through a GIN
-- index. People write evidence in English or Spanish, so each text is indexed
-- under both configurations and a search matches either. The two functions
-- are the one place that names the languages: a third language is added by
-- replacing both and rebuilding the index (REINDEX INDEX "Evidence_search_idx"),
-- and the query (server/evidence.ts) keeps calling them unchanged.
CREATE FUNCTION search_document(body text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN to_tsvector('english'::regconfig, body) || to_tsvector('spanish'::regconfig, body);

CREATE FUNCTION search_query(words text) RETURNS tsquery
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN websearch_to_tsquery('english'::regconfig, words) || websearch_to_tsquery('spanish'::regconfig, words);

CREATE INDEX "Evidence_search_idx" ON "Evidence" USING GIN (search_document("title" || ' ' || "summary"));
