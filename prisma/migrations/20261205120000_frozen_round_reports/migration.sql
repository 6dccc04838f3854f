-- CreateTable
CREATE TABLE "FrozenRoundReport" (
    "roundId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "document" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "chainDigest" TEXT NOT NULL,
    "frozenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FrozenRoundReport_pkey" PRIMARY KEY ("roundId")
);

-- CreateIndex
CREATE UNIQUE INDEX "FrozenRoundReport_position_key" ON "FrozenRoundReport"("position");

-- AddForeignKey
ALTER TABLE "FrozenRoundReport" ADD CONSTRAINT "FrozenRoundReport_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "AssessmentRound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Both digests are lowercase hex SHA-256, and the document's is of exactly its
-- UTF-8 bytes, so a row cannot claim a digest its document does not have.
ALTER TABLE "FrozenRoundReport" ADD CONSTRAINT "FrozenRoundReport_sha256_of_document" CHECK ("sha256" = encode(sha256(convert_to("document", 'UTF8')), 'hex'));
ALTER TABLE "FrozenRoundReport" ADD CONSTRAINT "FrozenRoundReport_chain_digest_hex" CHECK ("chainDigest" ~ '^[0-9a-f]{64}$');

-- The chain: each report takes the next position, and its chain digest is the
-- SHA-256 of the previous report's chain digest (64 zeros before the first), a
-- newline and its own document's SHA-256.
CREATE FUNCTION check_round_report_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  previous TEXT;
BEGIN
  IF NEW."position" = 1 THEN
    previous := repeat('0', 64);
  ELSE
    SELECT "chainDigest" INTO previous FROM "FrozenRoundReport" WHERE "position" = NEW."position" - 1;
    IF previous IS NULL THEN
      RAISE EXCEPTION 'frozen round report at position % has no predecessor', NEW."position" USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  IF NEW."chainDigest" <> encode(sha256(convert_to(previous || E'\n' || NEW."sha256", 'UTF8')), 'hex') THEN
    RAISE EXCEPTION 'frozen round report at position % does not continue the chain', NEW."position" USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "FrozenRoundReport_continues_chain" BEFORE INSERT ON "FrozenRoundReport" FOR EACH ROW EXECUTE FUNCTION check_round_report_chain();

-- Frozen: never changed, never removed (the function of the init migration's append-only tables).
CREATE TRIGGER "FrozenRoundReport_append_only" BEFORE UPDATE OR DELETE ON "FrozenRoundReport" FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- The public pages read frozen reports under the plan revision too.
CREATE CONSTRAINT TRIGGER "FrozenRoundReport_raises_plan_revision" AFTER INSERT OR UPDATE OR DELETE ON "FrozenRoundReport" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_plan_revision();
