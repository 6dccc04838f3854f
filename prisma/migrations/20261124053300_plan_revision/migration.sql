-- A counter raised by every transaction that changes what the managers'
-- figures are computed from, so that each app instance can keep computed
-- figures in memory and know, with one cheap read, when they went stale.
CREATE TABLE "PlanRevision" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "revision" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "PlanRevision_pkey" PRIMARY KEY ("id")
);

ALTER TABLE "PlanRevision" ADD CONSTRAINT "PlanRevision_single_row" CHECK ("id" = 1);
INSERT INTO "PlanRevision" ("id", "revision") VALUES (1, 0);

-- Raised once per transaction, at its commit (deferred constraint triggers):
-- taking the counter's row lock last means a writer never waits for another
-- lock while holding it, so the counter cannot take part in a deadlock.
CREATE FUNCTION raise_plan_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('tracker.plan_revision_raised', true) = txid_current()::text THEN
    RETURN NULL;
  END IF;
  UPDATE "PlanRevision" SET "revision" = "revision" + 1 WHERE "id" = 1;
  PERFORM set_config('tracker.plan_revision_raised', txid_current()::text, true);
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER "Pillar_raises_plan_revision" AFTER INSERT OR UPDATE OR DELETE ON "Pillar" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_plan_revision();
CREATE CONSTRAINT TRIGGER "Commitment_raises_plan_revision" AFTER INSERT OR UPDATE OR DELETE ON "Commitment" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_plan_revision();
CREATE CONSTRAINT TRIGGER "CommitmentAgency_raises_plan_revision" AFTER INSERT OR UPDATE OR DELETE ON "CommitmentAgency" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_plan_revision();
CREATE CONSTRAINT TRIGGER "Milestone_raises_plan_revision" AFTER INSERT OR UPDATE OR DELETE ON "Milestone" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_plan_revision();
CREATE CONSTRAINT TRIGGER "StatusUpdate_raises_plan_revision" AFTER INSERT OR UPDATE OR DELETE ON "StatusUpdate" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_plan_revision();
CREATE CONSTRAINT TRIGGER "AssessmentRound_raises_plan_revision" AFTER INSERT OR UPDATE OR DELETE ON "AssessmentRound" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_plan_revision();
CREATE CONSTRAINT TRIGGER "Assessment_raises_plan_revision" AFTER INSERT OR UPDATE OR DELETE ON "Assessment" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_plan_revision();
