-- The public record names the reviewer on each published assessment, and its
-- pages are kept per plan revision (scripts/lib/public-cache.mjs): a person's
-- new name raises the revision, so that no kept page shows the old one. Their
-- other settings (language, password, sign-in) leave the plan as it was.
CREATE CONSTRAINT TRIGGER "User_name_raises_plan_revision" AFTER UPDATE OF "name" ON "User" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name") EXECUTE FUNCTION raise_plan_revision();
