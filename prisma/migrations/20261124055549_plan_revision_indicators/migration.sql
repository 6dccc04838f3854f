-- The overview also shows the indicators with their observations and cited
-- evidence, and offers the agencies as filters: keep them under the plan
-- revision as well (see the plan_revision migration).
CREATE CONSTRAINT TRIGGER "Agency_raises_plan_revision" AFTER INSERT OR UPDATE OR DELETE ON "Agency" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_plan_revision();
CREATE CONSTRAINT TRIGGER "Indicator_raises_plan_revision" AFTER INSERT OR UPDATE OR DELETE ON "Indicator" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_plan_revision();
CREATE CONSTRAINT TRIGGER "Observation_raises_plan_revision" AFTER INSERT OR UPDATE OR DELETE ON "Observation" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_plan_revision();
CREATE CONSTRAINT TRIGGER "Evidence_raises_plan_revision" AFTER INSERT OR UPDATE OR DELETE ON "Evidence" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_plan_revision();
CREATE CONSTRAINT TRIGGER "EvidenceRetraction_raises_plan_revision" AFTER INSERT OR UPDATE OR DELETE ON "EvidenceRetraction" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_plan_revision();
