// The login the app connects with (DATABASE_URL) holds only the privileges the
// design allows it: it owns nothing and is no superuser, so it cannot empty,
// switch off or go around the rules that keep the audit trail and the other
// append-only records. The migrations run as the tables' owner
// (MIGRATION_DATABASE_URL), which grants the app its privileges after each run.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loginOf } from "../../scripts/lib/app-database";
import { db } from "../../server/db/client";
import { applyMigrations } from "../../scripts/lib/migrations";
import { databaseRoleRefusal, refuseUnsafeDatabaseRole } from "../../server/db/roles";
import { createCommitment, createEvidence, createMilestone, createPillar, createRound, createUser } from "../factories";

const appUrl = () => process.env.DATABASE_URL!;
const ownerUrl = () => process.env.MIGRATION_DATABASE_URL!;
const insufficientPrivilege = "42501";

const clients: pg.Client[] = [];

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  clients.push(client);
  return client;
}

/** The SQLSTATE PostgreSQL answers the statement with, or "done" when it runs. */
async function outcome(client: pg.Client, sql: string): Promise<string> {
  return client.query(sql).then(
    () => "done",
    (error: Error & { code?: string }) => error.code ?? error.message,
  );
}

const auditEventCount = () => db().auditEvent.count();

let app: pg.Client;

beforeAll(async () => {
  const author = await createUser({ roles: ["admin"] });
  await db().auditEvent.create({ data: { actorId: author.id, action: "test", entityType: "User", entityId: author.id } });
  app = await connect(appUrl());
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
});

describe("the application's own database login", () => {
  it("is not a superuser and owns nothing, and the migrations ran as another role that owns the tables", async () => {
    const { rows } = await app.query<{ superuser: boolean; owned: number }>(
      `SELECT rolsuper AS superuser,
              (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = current_schema() AND pg_has_role(current_user, c.relowner, 'MEMBER')) AS owned
         FROM pg_roles WHERE rolname = current_user`,
    );
    expect(rows).toEqual([{ superuser: false, owned: 0 }]);
    const owner = await connect(ownerUrl());
    const { rows: tables } = await owner.query<{ owner: string }>(`SELECT DISTINCT tableowner AS owner FROM pg_tables WHERE schemaname = current_schema()`);
    expect(tables.map((table) => table.owner)).not.toContain(loginOf(appUrl()));
  });

  it("cannot empty the audit trail, switch off or drop its trigger, or go around it with the replication role", async () => {
    const before = await auditEventCount();
    expect(before).toBeGreaterThan(0);
    expect(await outcome(app, `TRUNCATE "AuditEvent"`)).toBe(insufficientPrivilege);
    expect(await outcome(app, `ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`)).toBe(insufficientPrivilege);
    expect(await outcome(app, `ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`)).toBe(insufficientPrivilege);
    expect(await outcome(app, `DROP TRIGGER "AuditEvent_append_only" ON "AuditEvent"`)).toBe(insufficientPrivilege);
    expect(await outcome(app, `SET session_replication_role = replica`)).toBe(insufficientPrivilege);
    expect(await outcome(app, `DELETE FROM "AuditEvent"`)).toBe(insufficientPrivilege);
    expect(await auditEventCount()).toBe(before);
  });

  it("cannot truncate the assessments, nor with CASCADE every table that refers to them", async () => {
    const pillar = await createPillar();
    const evidence = await createEvidence({ commitmentId: (await createCommitment({ pillarId: pillar.id })).id });
    await db().assessment.create({
      data: {
        roundId: (await createRound()).id,
        pillarId: pillar.id,
        authorId: (await createUser({ roles: ["reviewer"] })).id,
        citations: { create: [{ evidenceId: evidence.id }] },
      },
    });
    const before = await db().assessment.count();
    expect(await outcome(app, `TRUNCATE "Assessment" CASCADE`)).toBe(insufficientPrivilege);
    expect(await outcome(app, `TRUNCATE "Assessment", "AssessmentCitation", "AuditEvent"`)).toBe(insufficientPrivilege);
    expect(await db().assessment.count()).toBe(before);
  });

  it("may only add to the append-only tables, never change or delete their rows, and never delete an assessment", async () => {
    const author = await createUser({ roles: ["staff"] });
    const milestone = await createMilestone();
    await db().statusUpdate.create({ data: { milestoneId: milestone.id, previousStatus: "not_started", newStatus: "in_progress", note: "Started", authorId: author.id } });
    const evidence = await createEvidence({ commitmentId: (await createCommitment()).id });
    await db().evidenceRetraction.create({ data: { evidenceId: evidence.id, reason: "Misquoted source", authorId: author.id } });
    for (const table of ["AuditEvent", "StatusUpdate", "Evidence", "EvidenceRetraction"]) {
      expect(await outcome(app, `UPDATE "${table}" SET id = id`), `UPDATE ${table}`).toBe(insufficientPrivilege);
      expect(await outcome(app, `DELETE FROM "${table}"`), `DELETE ${table}`).toBe(insufficientPrivilege);
    }
    expect(await outcome(app, `DELETE FROM "Assessment"`)).toBe(insufficientPrivilege);
    expect(await outcome(app, `DELETE FROM _prisma_migrations`)).toBe(insufficientPrivilege);
    expect(await outcome(app, `UPDATE _prisma_migrations SET checksum = ''`)).toBe(insufficientPrivilege);
  });

  it("gets its privileges on a table a later migration adds, append-only when a refuse_change trigger guards the table", async () => {
    const suffix = randomBytes(4).toString("hex");
    const [plain, guarded] = [`Later_${suffix}`, `LaterHistory_${suffix}`];
    const owner = await connect(ownerUrl());
    await owner.query(`CREATE TABLE "${plain}" (id int PRIMARY KEY, note text)`);
    await owner.query(`CREATE TABLE "${guarded}" (id int PRIMARY KEY, note text)`);
    await owner.query(`CREATE TRIGGER "${guarded}_append_only" BEFORE UPDATE OR DELETE ON "${guarded}" FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    expect(await outcome(app, `INSERT INTO "${plain}" VALUES (1, 'a')`)).toBe(insufficientPrivilege);

    expect(await applyMigrations(ownerUrl(), loginOf(appUrl()))).toEqual([]);

    expect(await outcome(app, `INSERT INTO "${plain}" VALUES (1, 'a')`)).toBe("done");
    expect(await outcome(app, `UPDATE "${plain}" SET note = 'b'`)).toBe("done");
    expect(await outcome(app, `DELETE FROM "${plain}"`)).toBe(insufficientPrivilege);
    expect(await outcome(app, `TRUNCATE "${plain}"`)).toBe(insufficientPrivilege);
    expect(await outcome(app, `INSERT INTO "${guarded}" VALUES (1, 'a')`)).toBe("done");
    expect(await outcome(app, `SELECT * FROM "${guarded}"`)).toBe("done");
    expect(await outcome(app, `UPDATE "${guarded}" SET note = 'b'`)).toBe(insufficientPrivilege);
    expect(await outcome(app, `DELETE FROM "${guarded}"`)).toBe(insufficientPrivilege);
  });
});

describe("the start of a production server", () => {
  it("stops a production process about to connect as a superuser, saying why, and leaves the application role and development alone", async () => {
    const stops: string[] = [];
    const stop = (message: string) => void stops.push(message);
    await refuseUnsafeDatabaseRole({ NODE_ENV: "production", DATABASE_URL: appUrl() }, stop);
    await refuseUnsafeDatabaseRole({ NODE_ENV: "development", DATABASE_URL: inject("databaseAdminUrl") }, stop);
    expect(stops).toEqual([]);
    await refuseUnsafeDatabaseRole({ NODE_ENV: "production", DATABASE_URL: inject("databaseAdminUrl") }, stop);
    expect(stops).toHaveLength(1);
    expect(stops[0]).toMatch(/a superuser/);
  });

  it("refuses the superuser and a role that owns the tables, saying why and what to set, and accepts the application's role", async () => {
    expect(await databaseRoleRefusal(appUrl())).toBeNull();

    const superuser = await databaseRoleRefusal(inject("databaseAdminUrl"));
    expect(superuser).toMatch(/superuser/);
    expect(superuser).toMatch(/DATABASE_URL/);
    expect(superuser).toMatch(/MIGRATION_DATABASE_URL/);

    const owner = `tracker_test_owner_${randomBytes(4).toString("hex")}`;
    const password = randomBytes(12).toString("hex");
    const admin = await connect(inject("databaseAdminUrl"));
    await admin.query(`CREATE ROLE ${owner} LOGIN PASSWORD '${password}'`);
    try {
      const database = await connect(ownerUrl());
      await database.query(`CREATE TABLE "Owned_${owner}" (id int)`);
      await database.query(`ALTER TABLE "Owned_${owner}" OWNER TO ${owner}`);
      const url = new URL(appUrl());
      url.username = owner;
      url.password = password;
      const refusal = await databaseRoleRefusal(url.toString());
      expect(refusal).toMatch(/owns/);
      expect(refusal).toMatch(/MIGRATION_DATABASE_URL/);
      await database.query(`DROP TABLE "Owned_${owner}"`);
    } finally {
      await admin.query(`DROP ROLE ${owner}`);
    }
  });
});
