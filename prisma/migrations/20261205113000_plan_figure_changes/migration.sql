-- The managers' figures as of any day, kept as changes per day and summed at
-- read time (server/rollups.ts). Every count the dashboard shows is, for one
-- pillar and lead party, the number of milestones (or commitments) in some
-- state on the day D. Each milestone is in each state for runs of whole days
-- (a status update, a creation or an archiving made during a day counts from
-- that day, as the figures "at the end of D" read the history), so a count is
-- the sum of +1 at the first day of each run and -1 at the day after it ends.
-- Those changes are kept three times over, summed per year, per month and per
-- day, so that the count on any day is the sum of the years before it, the
-- months of its year before it and the days of its month up to it: at most
-- a few hundred rows per count however long the history or large the plan.
--
-- Triggers keep the table in the same transaction as every change of what
-- it is made from (status updates; milestones' and commitments' days of
-- creation and archiving, due dates, pillar and lead party), by subtracting
-- what the changed milestones contributed before and adding what they
-- contribute after. A status update made today changes only today's day,
-- month and year rows; no past day's figure moves.

CREATE TABLE "PlanFigureChange" (
    "grain" TEXT NOT NULL,
    "start" DATE NOT NULL,
    "pillarId" TEXT NOT NULL,
    "leadParty" "LeadParty" NOT NULL,
    "key" TEXT NOT NULL,
    "delta" INTEGER NOT NULL,

    CONSTRAINT "PlanFigureChange_pkey" PRIMARY KEY ("grain","start","pillarId","leadParty","key")
);

ALTER TABLE "PlanFigureChange" ADD CONSTRAINT "PlanFigureChange_grain" CHECK (
  ("grain" = 'year' AND "start" = date_trunc('year', "start"::timestamp)::date)
  OR ("grain" = 'month' AND "start" = date_trunc('month', "start"::timestamp)::date)
  OR "grain" = 'day');

-- What each status means for the figures, as domain/milestone-status.ts says
-- (tests/db/rollups.test.ts checks that the two agree).
CREATE FUNCTION figure_status_closed(status "MilestoneStatus") RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN status IN ('completed', 'cancelled');
CREATE FUNCTION figure_status_names_cause(status "MilestoneStatus") RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN status IN ('at_risk', 'delayed');

-- The UTC day an instant falls on; the day after the last of a run ending at the instant (infinity: not ended).
CREATE FUNCTION figure_day(at timestamptz) RETURNS date
  LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN (at AT TIME ZONE 'UTC')::date;
CREATE FUNCTION figure_until(at timestamptz) RETURNS date
  LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN COALESCE((at AT TIME ZONE 'UTC')::date, 'infinity'::date);

-- A milestone as the figures see it: the days [since, until) on which both it and its commitment exist.
CREATE TYPE figure_milestone AS (milestone_id text, pillar_id text, lead_party "LeadParty", due date, since date, until date);
-- A commitment as the figures see it.
CREATE TYPE figure_commitment AS (pillar_id text, lead_party "LeadParty", since date, until date);

-- The changes the milestones contribute, from their status history without
-- the updates `excluded` (a status update's trigger reckons what its
-- milestone contributed before it). A milestone's status on a day is the
-- newest update made by that day's end, "not_started" before the first.
CREATE FUNCTION milestone_figure_changes(scope figure_milestone[], excluded text[])
RETURNS TABLE (day date, pillar_id text, lead_party "LeadParty", key text, delta integer)
LANGUAGE sql STABLE AS $$
  WITH s AS (
    SELECT * FROM unnest(scope) WHERE since < until
  ), updates AS (
    SELECT s.milestone_id, figure_day(su."createdAt") AS day, su."newStatus" AS status, su.cause,
      row_number() OVER w AS n, lead(figure_day(su."createdAt")) OVER w AS next_day
    FROM s
    JOIN "StatusUpdate" su ON su."milestoneId" = s.milestone_id
    LEFT JOIN unnest(excluded) AS x(id) ON x.id = su.id
    WHERE x.id IS NULL
    WINDOW w AS (PARTITION BY s.milestone_id ORDER BY su."createdAt", su.id)
  ), spans AS (
    SELECT s.milestone_id, '-infinity'::date AS a, COALESCE(f.day, 'infinity'::date) AS b, 'not_started'::"MilestoneStatus" AS status, NULL::"DelayCause" AS cause
    FROM s LEFT JOIN updates f ON f.milestone_id = s.milestone_id AND f.n = 1
    UNION ALL
    SELECT milestone_id, day, COALESCE(next_day, 'infinity'::date), status, cause FROM updates
  ), clipped AS (
    SELECT s.pillar_id, s.lead_party, s.due, sp.status, sp.cause, greatest(sp.a, s.since) AS a, least(sp.b, s.until) AS b
    FROM spans sp JOIN s ON s.milestone_id = sp.milestone_id
    WHERE greatest(sp.a, s.since) < least(sp.b, s.until)
  ), runs AS (
    SELECT pillar_id, lead_party, 'total' AS key, since AS a, until AS b FROM s
    UNION ALL SELECT pillar_id, lead_party, 'status:' || status, a, b FROM clipped
    UNION ALL SELECT pillar_id, lead_party, 'cause:' || cause, a, b FROM clipped WHERE figure_status_names_cause(status) AND cause IS NOT NULL
    UNION ALL SELECT pillar_id, lead_party, 'overdue', greatest(a, due + 1), b FROM clipped WHERE NOT figure_status_closed(status) AND greatest(a, due + 1) < b
  )
  SELECT a, pillar_id, lead_party, key, 1 FROM runs
  UNION ALL SELECT b, pillar_id, lead_party, key, -1 FROM runs WHERE b < 'infinity'::date
$$;

-- Adds what the milestones and commitments of `added` contribute and
-- subtracts what those of `removed` did, in one statement whose rows are
-- taken in key order (two writers never wait for each other in a cycle).
CREATE FUNCTION apply_plan_figure_changes(
  added_milestones figure_milestone[], removed_milestones figure_milestone[], excluded_updates text[],
  added_commitments figure_commitment[], removed_commitments figure_commitment[]
) RETURNS void LANGUAGE sql AS $$
  WITH changes AS (
    SELECT * FROM milestone_figure_changes(added_milestones, '{}')
    UNION ALL SELECT day, pillar_id, lead_party, key, -delta FROM milestone_figure_changes(removed_milestones, excluded_updates)
    UNION ALL SELECT c.since, c.pillar_id, c.lead_party, 'commitments', 1 FROM unnest(added_commitments) c WHERE c.since < c.until
    UNION ALL SELECT c.until, c.pillar_id, c.lead_party, 'commitments', -1 FROM unnest(added_commitments) c WHERE c.since < c.until AND c.until < 'infinity'::date
    UNION ALL SELECT c.since, c.pillar_id, c.lead_party, 'commitments', -1 FROM unnest(removed_commitments) c WHERE c.since < c.until
    UNION ALL SELECT c.until, c.pillar_id, c.lead_party, 'commitments', 1 FROM unnest(removed_commitments) c WHERE c.since < c.until AND c.until < 'infinity'::date
  ), days AS (
    SELECT day, pillar_id, lead_party, key, sum(delta)::integer AS delta FROM changes GROUP BY 1, 2, 3, 4 HAVING sum(delta) <> 0
  ), grains AS (
    SELECT 'day' AS grain, day AS start, pillar_id, lead_party, key, delta FROM days
    UNION ALL
    SELECT 'month', date_trunc('month', day::timestamp)::date, pillar_id, lead_party, key, sum(delta)::integer FROM days GROUP BY 2, 3, 4, 5
    UNION ALL
    SELECT 'year', date_trunc('year', day::timestamp)::date, pillar_id, lead_party, key, sum(delta)::integer FROM days GROUP BY 2, 3, 4, 5
  )
  INSERT INTO "PlanFigureChange" ("grain", "start", "pillarId", "leadParty", "key", "delta")
  SELECT * FROM grains WHERE delta <> 0 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ("grain", "start", "pillarId", "leadParty", "key") DO UPDATE SET "delta" = "PlanFigureChange"."delta" + EXCLUDED."delta"
$$;

-- The milestones of `milestones` (rows of "Milestone") with their commitment as it is now.
CREATE FUNCTION figure_milestones_of(milestones "Milestone"[]) RETURNS figure_milestone[]
LANGUAGE sql STABLE AS $$
  SELECT COALESCE(array_agg(ROW(m.id, c."pillarId", c."leadParty", m."dueDate",
      greatest(figure_day(m."createdAt"), figure_day(c."createdAt")),
      least(figure_until(m."archivedAt"), figure_until(c."archivedAt")))::figure_milestone), '{}')
  FROM unnest(milestones) m JOIN "Commitment" c ON c.id = m."commitmentId"
$$;

-- The milestones of the commitments `commitments` (rows of "Commitment" as they were or are).
CREATE FUNCTION figure_milestones_under(commitments "Commitment"[]) RETURNS figure_milestone[]
LANGUAGE sql STABLE AS $$
  SELECT COALESCE(array_agg(ROW(m.id, c."pillarId", c."leadParty", m."dueDate",
      greatest(figure_day(m."createdAt"), figure_day(c."createdAt")),
      least(figure_until(m."archivedAt"), figure_until(c."archivedAt")))::figure_milestone), '{}')
  FROM unnest(commitments) c JOIN "Milestone" m ON m."commitmentId" = c.id
$$;

CREATE FUNCTION figure_commitments(commitments "Commitment"[]) RETURNS figure_commitment[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT COALESCE(array_agg(ROW(c."pillarId", c."leadParty", figure_day(c."createdAt"), figure_until(c."archivedAt"))::figure_commitment), '{}')
  FROM unnest(commitments) c
$$;

CREATE FUNCTION status_updates_change_figures() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched figure_milestone[];
BEGIN
  SELECT figure_milestones_of(array_agg(m)) INTO touched
  FROM "Milestone" m WHERE m.id IN (SELECT DISTINCT "milestoneId" FROM inserted);
  PERFORM apply_plan_figure_changes(touched, touched, ARRAY(SELECT id FROM inserted), '{}', '{}');
  RETURN NULL;
END $$;

CREATE FUNCTION milestones_change_figures() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  before_rows "Milestone"[];
  after_rows "Milestone"[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(n) INTO after_rows FROM new_rows n;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(o) INTO before_rows FROM old_rows o;
  ELSE
    -- Only what the figures read: a status update's own change of the row (status, version) moves nothing here.
    SELECT array_agg(o), array_agg(n) INTO before_rows, after_rows
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o."commitmentId", o."dueDate", o."createdAt", o."archivedAt") IS DISTINCT FROM (n."commitmentId", n."dueDate", n."createdAt", n."archivedAt");
  END IF;
  IF before_rows IS NOT NULL OR after_rows IS NOT NULL THEN
    PERFORM apply_plan_figure_changes(figure_milestones_of(COALESCE(after_rows, '{}')), figure_milestones_of(COALESCE(before_rows, '{}')), '{}', '{}', '{}');
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION commitments_change_figures() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  before_rows "Commitment"[];
  after_rows "Commitment"[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(n) INTO after_rows FROM new_rows n;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(o) INTO before_rows FROM old_rows o;
  ELSE
    SELECT array_agg(o), array_agg(n) INTO before_rows, after_rows
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o."pillarId", o."leadParty", o."createdAt", o."archivedAt") IS DISTINCT FROM (n."pillarId", n."leadParty", n."createdAt", n."archivedAt");
  END IF;
  IF before_rows IS NOT NULL OR after_rows IS NOT NULL THEN
    PERFORM apply_plan_figure_changes(
      figure_milestones_under(COALESCE(after_rows, '{}')), figure_milestones_under(COALESCE(before_rows, '{}')), '{}',
      figure_commitments(COALESCE(after_rows, '{}')), figure_commitments(COALESCE(before_rows, '{}')));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "StatusUpdate_changes_figures" AFTER INSERT ON "StatusUpdate" REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION status_updates_change_figures();
CREATE TRIGGER "Milestone_inserted_changes_figures" AFTER INSERT ON "Milestone" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION milestones_change_figures();
CREATE TRIGGER "Milestone_updated_changes_figures" AFTER UPDATE ON "Milestone" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION milestones_change_figures();
CREATE TRIGGER "Milestone_deleted_changes_figures" AFTER DELETE ON "Milestone" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION milestones_change_figures();
CREATE TRIGGER "Commitment_inserted_changes_figures" AFTER INSERT ON "Commitment" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION commitments_change_figures();
CREATE TRIGGER "Commitment_updated_changes_figures" AFTER UPDATE ON "Commitment" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION commitments_change_figures();
CREATE TRIGGER "Commitment_deleted_changes_figures" AFTER DELETE ON "Commitment" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION commitments_change_figures();

-- The table afresh from the whole plan and history: here for the plan that
-- exists already, and for a plan loaded with the triggers off (npm run bench).
CREATE FUNCTION rebuild_plan_figures() RETURNS void LANGUAGE sql AS $$
  DELETE FROM "PlanFigureChange";
  SELECT apply_plan_figure_changes(
    (SELECT figure_milestones_of(array_agg(m)) FROM "Milestone" m), '{}', '{}',
    (SELECT figure_commitments(array_agg(c)) FROM "Commitment" c), '{}');
$$;

SELECT rebuild_plan_figures();
