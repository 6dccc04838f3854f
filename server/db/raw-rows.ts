import "server-only";
import { z } from "zod";
import { db, type Database, type Transaction } from "./client";
import { Advances, DelayCause, Locale, MilestoneStatus, Results } from "./generated/enums";

// The rows of a raw query have the type of a zod schema declared beside the
// query, so that the type the code reads and the shape
// tests/db/raw-query-shapes.test.ts checks every query's rows against on the
// demo data are one declaration and cannot drift. TypedSQL would type them
// from the database itself, but it needs Prisma's native schema engine at
// generate time and cannot type a query composed of fragments (filters,
// keysets), which most of these are. Requests do not pay for the check: in
// production the schema only types the rows; `next dev` checks every row.

/** The schema of one raw query's rows: exactly these columns, named for the checks' messages. */
export function rawRow<Columns extends z.ZodRawShape>(name: string, columns: Columns) {
  return z.strictObject(columns).describe(name);
}

/** Schemas of the columns several queries share. */
export const column = {
  milestoneStatus: z.enum(MilestoneStatus),
  delayCause: z.enum(DelayCause),
  advances: z.enum(Advances),
  results: z.enum(Results),
  locale: z.enum(Locale),
  /** A `jsonb_object_agg(status, count)`: the statuses that have milestones. */
  statusCounts: z.partialRecord(z.enum(MilestoneStatus), z.number().int()),
} as const;


const countRow = rawRow("count", { total: z.number().int().nonnegative() });

/** Rows of record ids. */
export const idRow = rawRow("id", { id: z.string() });

type RowCheck = (schema: z.ZodType, rows: unknown[]) => void;

const checkEveryRow: RowCheck = (schema, rows) => {
  for (const row of rows) schema.parse(row);
};

let checkRows: RowCheck | null = process.env.NODE_ENV === "development" ? checkEveryRow : null;

/** Hands the rows of every raw query to `check` (null: to none); for tests/db/raw-query-shapes.test.ts. */
export function onRawRows(check: RowCheck | null): void {
  checkRows = check;
}

/** A raw query (tagged template, as `$queryRaw`) whose rows have the type of `schema`. */
export function queryRows<Schema extends z.ZodType>(schema: Schema, client: Database | Transaction = db()) {
  return async (query: TemplateStringsArray, ...values: unknown[]): Promise<z.output<Schema>[]> => {
    const rows = await client.$queryRaw<z.output<Schema>[]>(query, ...values);
    checkRows?.(schema, rows);
    return rows;
  };
}

/** What `SELECT count(*)::int AS total …` counts: an aggregate, so always one row. */
export async function queryCount(query: TemplateStringsArray, ...values: unknown[]): Promise<number> {
  const [row] = await queryRows(countRow)(query, ...values);
  return row!.total;
}
