// The two database roles. The owner runs the migrations and owns every table;
// the application role, which the app connects as, owns nothing, is no
// superuser and holds only the privileges the design allows it. A login that
// owns the tables, or a superuser, could empty the audit trail (TRUNCATE),
// switch off or drop the triggers that keep the append-only tables so (ALTER
// TABLE … DISABLE TRIGGER, DROP TRIGGER) or go around them
// (session_replication_role); the application role can do none of it.
import pg from "pg";

/** The schema of the job queue's tables (prisma/migrations/…_job_queue, server/jobs). */
export const jobQueueSchema = "pgboss";

/**
 * The tables whose rows the app deletes: a draft's citations and a
 * commitment's agencies are replaced, recovery codes are replaced, a second
 * factor is turned off, sign-in attempts are kept a day, session records
 * past the longest a session lasts are pruned. It deletes from no other table.
 */
const tablesTheAppDeletesFrom = new Set(["AssessmentCitation", "CommitmentAgency", "RecoveryCode", "SecondFactor", "Session", "SignInAttempt"]);

/** Creates the application role, or sets its password when it exists; it may log in and nothing more. */
export async function createApplicationRole(adminUrl: string, role: string, password: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
    const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${pg.escapeLiteral(password)}`;
    await client.query(`${rowCount === 0 ? "CREATE" : "ALTER"} ROLE ${pg.escapeIdentifier(role)} ${attributes}`);
  } finally {
    await client.end();
  }
}

/**
 * The grant step, run by applyMigrations after every migration run, so that
 * it covers the tables a later migration adds. Run as the owner, in one
 * transaction. Every table of the schema gets SELECT, INSERT and UPDATE; the
 * append-only ones (those a `refuse_change` trigger guards) SELECT and INSERT
 * only; DELETE only the tables the app deletes from; TRUNCATE, REFERENCES
 * and TRIGGER none; the sequences USAGE and SELECT; the job queue's schema, what its queue does. `_prisma_migrations` is the owner's to write; the app
 * only reads it, to report migrations not yet applied (/api/health?detail=1) and to back it up (server/backups).
 */
export async function grantApplicationPrivileges(ownerUrl: string, role: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string; appendOnly: boolean }>(
      `SELECT c.relname AS name,
              EXISTS (SELECT 1 FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
                       WHERE t.tgrelid = c.oid AND p.proname = 'refuse_change') AS "appendOnly"
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
        ORDER BY 1`,
    );
    const { rows: [schema] } = await client.query<{ name: string }>("SELECT current_schema() AS name");
    const grantee = pg.escapeIdentifier(role);
    const statements = [`GRANT USAGE ON SCHEMA ${pg.escapeIdentifier(schema!.name)} TO ${grantee}`];
    for (const { name, appendOnly } of tables) {
      const table = pg.escapeIdentifier(name);
      statements.push(`REVOKE ALL ON ${table} FROM ${grantee}`);
      const privileges = name === "_prisma_migrations"
        ? ["SELECT"]
        : appendOnly ? ["SELECT", "INSERT"] : ["SELECT", "INSERT", "UPDATE", ...(tablesTheAppDeletesFrom.has(name) ? ["DELETE"] : [])];
      statements.push(`GRANT ${privileges.join(", ")} ON ${table} TO ${grantee}`);
    }
    // SELECT lets the job worker's scheduled backups read where each sequence stands (server/backups).
    statements.push(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${pg.escapeIdentifier(schema!.name)} TO ${grantee}`);
    const { rowCount: hasJobQueue } = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [jobQueueSchema]);
    if (hasJobQueue) {
      // The job queue's schema (server/jobs): pg-boss inserts, claims, settles
      // and deletes its own rows there, and alters nothing (the migration built it).
      const queue = pg.escapeIdentifier(jobQueueSchema);
      statements.push(
        `GRANT USAGE ON SCHEMA ${queue} TO ${grantee}`,
        `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${queue} TO ${grantee}`,
        `GRANT USAGE ON ALL SEQUENCES IN SCHEMA ${queue} TO ${grantee}`,
        `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${queue} TO ${grantee}`,
      );
    }
    await client.query("BEGIN");
    try {
      for (const statement of statements) await client.query(statement);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  } finally {
    await client.end();
  }
}

const whatToSet =
  "Set DATABASE_URL to a role that owns nothing and is no superuser, and MIGRATION_DATABASE_URL to the tables' owner, which runs the migrations " +
  "and grants that role its privileges (README, Security).";

/**
 * Why the app must not run as the login `url` names, or null when it may: a
 * superuser, or a role that owns (or may act as the owner of) any table,
 * could erase the audit trail.
 */
export async function databaseRoleRefusal(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const { rows: [login] } = await client.query<{ role: string; superuser: boolean; owned: number }>(
      `SELECT current_user AS role, rolsuper AS superuser,
              (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
                  AND pg_has_role(current_user, c.relowner, 'MEMBER')) AS owned
         FROM pg_roles WHERE rolname = current_user`,
    );
    if (login!.superuser) {
      return `The tracker connects to the database as "${login!.role}", a superuser, which could empty the audit trail or switch off the rules that keep it. ${whatToSet}`;
    }
    if (login!.owned > 0) {
      return `The tracker connects to the database as "${login!.role}", which owns ${login!.owned} of its tables and other relations (or may act as their owner) and so could switch off the rules that keep the audit trail. ${whatToSet}`;
    }
    return null;
  } finally {
    await client.end();
  }
}

/**
 * Run once by every production server process as it starts (instrumentation.ts):
 * a process about to connect as a superuser or as the tables' owner says why
 * and stops. A database that cannot be reached yet is asked again until it
 * answers, so that the server starts (and reports the outage) meanwhile.
 */
export async function refuseUnsafeDatabaseRole(env: NodeJS.ProcessEnv = process.env, stop: (message: string) => void = stopProcess, retryMs = 5_000): Promise<void> {
  const url = env.DATABASE_URL;
  if (env.NODE_ENV !== "production" || !url) return;
  try {
    const refusal = await databaseRoleRefusal(url);
    if (refusal) stop(refusal);
  } catch {
    setTimeout(() => void refuseUnsafeDatabaseRole(env, stop, retryMs), retryMs).unref();
  }
}

function stopProcess(message: string): void {
  console.error(`\n✖ The tracker did not start. ${message}`);
  process.exit(1);
}
