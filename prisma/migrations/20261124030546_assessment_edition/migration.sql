-- AlterTable
ALTER TABLE "Assessment" ADD COLUMN     "edition" INTEGER NOT NULL DEFAULT 1;

-- An amendment is the next edition of the version it amends; the first has none to amend.
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_edition_positive" CHECK ("edition" >= 1);
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_first_edition_amends_nothing" CHECK (("edition" = 1) = ("amendsId" IS NULL));
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_narrative_length" CHECK (length("narrative") <= 20000);
