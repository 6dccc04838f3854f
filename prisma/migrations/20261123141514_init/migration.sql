-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'manager', 'reviewer', 'staff');

-- CreateEnum
CREATE TYPE "Locale" AS ENUM ('en', 'es');

-- CreateEnum
CREATE TYPE "Country" AS ENUM ('us', 'mx');

-- CreateEnum
CREATE TYPE "LeadParty" AS ENUM ('us', 'mx', 'joint');

-- CreateEnum
CREATE TYPE "MilestoneStatus" AS ENUM ('not_started', 'in_progress', 'at_risk', 'delayed', 'completed', 'cancelled');

-- CreateEnum
CREATE TYPE "DelayCause" AS ENUM ('counterpart_agency', 'legislation', 'funding', 'security', 'capacity', 'coordination', 'other');

-- CreateEnum
CREATE TYPE "EvidenceKind" AS ENUM ('official_document', 'dataset', 'media_report', 'interview', 'field_observation');

-- CreateEnum
CREATE TYPE "EvidenceShows" AS ENUM ('advance', 'setback', 'neutral');

-- CreateEnum
CREATE TYPE "Reliability" AS ENUM ('official_record', 'independent_research', 'press_report', 'unverified');

-- CreateEnum
CREATE TYPE "Advances" AS ENUM ('none', 'limited', 'steady', 'substantial');

-- CreateEnum
CREATE TYPE "Results" AS ENUM ('worsened', 'none_yet', 'slow', 'moderate', 'significant', 'cannot_assess');

-- CreateEnum
CREATE TYPE "AssessmentState" AS ENUM ('draft', 'submitted', 'returned', 'published');

-- CreateEnum
CREATE TYPE "AssessmentKind" AS ENUM ('independent', 'self_assessment');

-- CreateEnum
CREATE TYPE "RoundStatus" AS ENUM ('open', 'closed');

-- CreateEnum
CREATE TYPE "BetterDirection" AS ENUM ('higher', 'lower');

-- CreateTable
CREATE TABLE "Agency" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "country" "Country" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Agency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "roles" "Role"[],
    "agencyId" TEXT,
    "country" "Country",
    "locale" "Locale" NOT NULL DEFAULT 'en',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Pillar" (
    "id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Pillar_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Commitment" (
    "id" TEXT NOT NULL,
    "pillarId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "leadParty" "LeadParty" NOT NULL,
    "startDate" DATE,
    "targetDate" DATE,
    "sourceCitation" TEXT NOT NULL,
    "ownerId" TEXT,
    "archivedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Commitment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommitmentAgency" (
    "commitmentId" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,

    CONSTRAINT "CommitmentAgency_pkey" PRIMARY KEY ("commitmentId","agencyId")
);

-- CreateTable
CREATE TABLE "Milestone" (
    "id" TEXT NOT NULL,
    "commitmentId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "dueDate" DATE NOT NULL,
    "status" "MilestoneStatus" NOT NULL DEFAULT 'not_started',
    "completedOn" DATE,
    "ownerId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Milestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusUpdate" (
    "id" TEXT NOT NULL,
    "milestoneId" TEXT NOT NULL,
    "previousStatus" "MilestoneStatus" NOT NULL,
    "newStatus" "MilestoneStatus" NOT NULL,
    "note" TEXT NOT NULL,
    "cause" "DelayCause",
    "completedOn" DATE,
    "authorId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatusUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Evidence" (
    "id" TEXT NOT NULL,
    "commitmentId" TEXT NOT NULL,
    "milestoneId" TEXT,
    "title" TEXT NOT NULL,
    "kind" "EvidenceKind" NOT NULL,
    "publisher" TEXT NOT NULL,
    "url" TEXT,
    "publishedOn" DATE,
    "summary" TEXT NOT NULL,
    "shows" "EvidenceShows" NOT NULL,
    "reliability" "Reliability" NOT NULL,
    "authorId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvidenceRetraction" (
    "id" TEXT NOT NULL,
    "evidenceId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EvidenceRetraction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Indicator" (
    "id" TEXT NOT NULL,
    "pillarId" TEXT NOT NULL,
    "commitmentId" TEXT,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "better" "BetterDirection" NOT NULL,
    "baselineValue" DOUBLE PRECISION,
    "baselineDate" DATE,
    "targetValue" DOUBLE PRECISION,
    "targetDate" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Indicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Observation" (
    "id" TEXT NOT NULL,
    "indicatorId" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "observedOn" DATE NOT NULL,
    "evidenceId" TEXT,
    "note" TEXT,
    "authorId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Observation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentRound" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "status" "RoundStatus" NOT NULL DEFAULT 'open',
    "openedById" TEXT NOT NULL,
    "closedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssessmentRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assessment" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "pillarId" TEXT NOT NULL,
    "commitmentId" TEXT,
    "kind" "AssessmentKind" NOT NULL DEFAULT 'independent',
    "agencyId" TEXT,
    "authorId" TEXT NOT NULL,
    "advances" "Advances",
    "results" "Results",
    "narrative" TEXT NOT NULL DEFAULT '',
    "state" "AssessmentState" NOT NULL DEFAULT 'draft',
    "returnComment" TEXT,
    "returnedById" TEXT,
    "amendsId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "submittedAt" TIMESTAMPTZ(3),
    "publishedAt" TIMESTAMPTZ(3),
    "publishedById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Assessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentCitation" (
    "assessmentId" TEXT NOT NULL,
    "evidenceId" TEXT NOT NULL,

    CONSTRAINT "AssessmentCitation_pkey" PRIMARY KEY ("assessmentId","evidenceId")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "requestId" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Agency_code_key" ON "Agency"("code");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Pillar_number_key" ON "Pillar"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Pillar_code_key" ON "Pillar"("code");

-- CreateIndex
CREATE INDEX "Commitment_pillarId_idx" ON "Commitment"("pillarId");

-- CreateIndex
CREATE INDEX "Commitment_ownerId_idx" ON "Commitment"("ownerId");

-- CreateIndex
CREATE INDEX "CommitmentAgency_agencyId_idx" ON "CommitmentAgency"("agencyId");

-- CreateIndex
CREATE INDEX "Milestone_commitmentId_idx" ON "Milestone"("commitmentId");

-- CreateIndex
CREATE INDEX "Milestone_ownerId_idx" ON "Milestone"("ownerId");

-- CreateIndex
CREATE INDEX "Milestone_status_idx" ON "Milestone"("status");

-- CreateIndex
CREATE INDEX "Milestone_dueDate_idx" ON "Milestone"("dueDate");

-- CreateIndex
CREATE UNIQUE INDEX "Milestone_id_commitmentId_key" ON "Milestone"("id", "commitmentId");

-- CreateIndex
CREATE INDEX "StatusUpdate_milestoneId_createdAt_idx" ON "StatusUpdate"("milestoneId", "createdAt");

-- CreateIndex
CREATE INDEX "StatusUpdate_createdAt_idx" ON "StatusUpdate"("createdAt");

-- CreateIndex
CREATE INDEX "Evidence_commitmentId_idx" ON "Evidence"("commitmentId");

-- CreateIndex
CREATE INDEX "Evidence_milestoneId_idx" ON "Evidence"("milestoneId");

-- CreateIndex
CREATE INDEX "Evidence_publishedOn_idx" ON "Evidence"("publishedOn");

-- CreateIndex
CREATE UNIQUE INDEX "EvidenceRetraction_evidenceId_key" ON "EvidenceRetraction"("evidenceId");

-- CreateIndex
CREATE INDEX "Indicator_pillarId_idx" ON "Indicator"("pillarId");

-- CreateIndex
CREATE INDEX "Indicator_commitmentId_idx" ON "Indicator"("commitmentId");

-- CreateIndex
CREATE INDEX "Observation_indicatorId_observedOn_idx" ON "Observation"("indicatorId", "observedOn");

-- CreateIndex
CREATE UNIQUE INDEX "Assessment_amendsId_key" ON "Assessment"("amendsId");

-- CreateIndex
CREATE INDEX "Assessment_roundId_pillarId_idx" ON "Assessment"("roundId", "pillarId");

-- CreateIndex
CREATE INDEX "Assessment_authorId_idx" ON "Assessment"("authorId");

-- CreateIndex
CREATE INDEX "Assessment_state_idx" ON "Assessment"("state");

-- CreateIndex
CREATE INDEX "AssessmentCitation_evidenceId_idx" ON "AssessmentCitation"("evidenceId");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_idx" ON "AuditEvent"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_at_idx" ON "AuditEvent"("actorId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Commitment" ADD CONSTRAINT "Commitment_pillarId_fkey" FOREIGN KEY ("pillarId") REFERENCES "Pillar"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Commitment" ADD CONSTRAINT "Commitment_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitmentAgency" ADD CONSTRAINT "CommitmentAgency_commitmentId_fkey" FOREIGN KEY ("commitmentId") REFERENCES "Commitment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitmentAgency" ADD CONSTRAINT "CommitmentAgency_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_commitmentId_fkey" FOREIGN KEY ("commitmentId") REFERENCES "Commitment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusUpdate" ADD CONSTRAINT "StatusUpdate_milestoneId_fkey" FOREIGN KEY ("milestoneId") REFERENCES "Milestone"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusUpdate" ADD CONSTRAINT "StatusUpdate_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_commitmentId_fkey" FOREIGN KEY ("commitmentId") REFERENCES "Commitment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_milestoneId_commitmentId_fkey" FOREIGN KEY ("milestoneId", "commitmentId") REFERENCES "Milestone"("id", "commitmentId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceRetraction" ADD CONSTRAINT "EvidenceRetraction_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceRetraction" ADD CONSTRAINT "EvidenceRetraction_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Indicator" ADD CONSTRAINT "Indicator_pillarId_fkey" FOREIGN KEY ("pillarId") REFERENCES "Pillar"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Indicator" ADD CONSTRAINT "Indicator_commitmentId_fkey" FOREIGN KEY ("commitmentId") REFERENCES "Commitment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Observation" ADD CONSTRAINT "Observation_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Observation" ADD CONSTRAINT "Observation_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Observation" ADD CONSTRAINT "Observation_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentRound" ADD CONSTRAINT "AssessmentRound_openedById_fkey" FOREIGN KEY ("openedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "AssessmentRound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_pillarId_fkey" FOREIGN KEY ("pillarId") REFERENCES "Pillar"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_commitmentId_fkey" FOREIGN KEY ("commitmentId") REFERENCES "Commitment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_returnedById_fkey" FOREIGN KEY ("returnedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_amendsId_fkey" FOREIGN KEY ("amendsId") REFERENCES "Assessment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_publishedById_fkey" FOREIGN KEY ("publishedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentCitation" ADD CONSTRAINT "AssessmentCitation_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentCitation" ADD CONSTRAINT "AssessmentCitation_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Rules of the design that Prisma's schema language cannot express.

-- Identity and plan
ALTER TABLE "User" ADD CONSTRAINT "User_email_lowercase" CHECK ("email" = lower("email") AND position('@' in "email") > 1);
ALTER TABLE "User" ADD CONSTRAINT "User_name_present" CHECK (length(btrim("name")) > 0);
ALTER TABLE "Pillar" ADD CONSTRAINT "Pillar_number_range" CHECK ("number" BETWEEN 1 AND 5);
ALTER TABLE "Commitment" ADD CONSTRAINT "Commitment_title_present" CHECK (length(btrim("title")) > 0);
ALTER TABLE "Commitment" ADD CONSTRAINT "Commitment_dates_ordered" CHECK ("targetDate" IS NULL OR "startDate" IS NULL OR "targetDate" >= "startDate");
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_title_present" CHECK (length(btrim("title")) > 0);
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_version_positive" CHECK ("version" >= 1);
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_completion_matches_status" CHECK (("status" = 'completed') = ("completedOn" IS NOT NULL));

-- Status updates: a note is required; at risk and delayed name their cause;
-- completed records its date.
ALTER TABLE "StatusUpdate" ADD CONSTRAINT "StatusUpdate_note_present" CHECK (length(btrim("note")) > 0 AND length("note") <= 5000);
ALTER TABLE "StatusUpdate" ADD CONSTRAINT "StatusUpdate_cause_when_at_risk_or_delayed" CHECK (("newStatus" IN ('at_risk', 'delayed')) = ("cause" IS NOT NULL));
ALTER TABLE "StatusUpdate" ADD CONSTRAINT "StatusUpdate_completion_date_when_completed" CHECK (("newStatus" = 'completed') = ("completedOn" IS NOT NULL));

-- Evidence
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_title_present" CHECK (length(btrim("title")) > 0);
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_url_http" CHECK ("url" IS NULL OR "url" ~* '^https?://');
ALTER TABLE "EvidenceRetraction" ADD CONSTRAINT "EvidenceRetraction_reason_present" CHECK (length(btrim("reason")) > 0);

ALTER TABLE "Indicator" ADD CONSTRAINT "Indicator_name_present" CHECK (length(btrim("name")) > 0);

-- Rounds and assessments
ALTER TABLE "AssessmentRound" ADD CONSTRAINT "AssessmentRound_period_ordered" CHECK ("periodEnd" >= "periodStart");
ALTER TABLE "AssessmentRound" ADD CONSTRAINT "AssessmentRound_closed_when_closed" CHECK (("status" = 'closed') = ("closedAt" IS NOT NULL));
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_self_has_agency" CHECK (("kind" = 'self_assessment') = ("agencyId" IS NOT NULL));
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_complete_unless_draft" CHECK (
  "state" IN ('draft', 'returned') OR ("advances" IS NOT NULL AND "results" IS NOT NULL AND length(btrim("narrative")) > 0)
);
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_published_has_date" CHECK (("state" = 'published') = ("publishedAt" IS NOT NULL));

-- Append-only records: the application never changes or removes them.
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER "AuditEvent_append_only" BEFORE UPDATE OR DELETE ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER "StatusUpdate_append_only" BEFORE UPDATE OR DELETE ON "StatusUpdate" FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER "Evidence_append_only" BEFORE UPDATE OR DELETE ON "Evidence" FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER "EvidenceRetraction_append_only" BEFORE UPDATE OR DELETE ON "EvidenceRetraction" FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- A published assessment is never changed; an amendment is a new row.
CREATE FUNCTION refuse_change_to_published_assessment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."state" = 'published' THEN
    RAISE EXCEPTION 'a published assessment is never changed: % refused', TG_OP USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;

CREATE TRIGGER "Assessment_published_frozen" BEFORE UPDATE OR DELETE ON "Assessment" FOR EACH ROW EXECUTE FUNCTION refuse_change_to_published_assessment();

CREATE FUNCTION refuse_citation_change_of_published_assessment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "Assessment" a WHERE a."id" = COALESCE(NEW."assessmentId", OLD."assessmentId") AND a."state" = 'published') THEN
    RAISE EXCEPTION 'the citations of a published assessment are never changed: % refused', TG_OP USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;

CREATE TRIGGER "AssessmentCitation_published_frozen" BEFORE INSERT OR UPDATE OR DELETE ON "AssessmentCitation" FOR EACH ROW EXECUTE FUNCTION refuse_citation_change_of_published_assessment();
