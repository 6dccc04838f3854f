import "server-only";
import { stringify } from "csv-stringify/sync";
import { ValidationError } from "./errors";
import { json } from "./http";
import type { Actor } from "./permissions";
import { todayIso } from "./validation";

// Every list of the JSON API answers CSV too: `?format=csv` (or `json`) wins
// over an `Accept: text/csv` header. The CSV is the JSON answer's rows, read
// through the same data-access function, flattened (commitment.id →
// commitmentId, arrays joined with ";") and written as a stream, so that an
// export of any length never sits whole in memory.

// Rows stringified per chunk of the response body.
export const rowsPerChunk = 200;

type Camel<Key extends string> = Key extends `${infer Head}_${infer Tail}` ? `${Capitalize<Head>}${Camel<Tail>}` : Capitalize<Key>;
type ColumnName<Prefix extends string, Key extends string> = Prefix extends "" ? Key : `${Prefix}${Camel<Key>}`;

/** The CSV columns flattenRow makes of a row type: a column list naming anything else does not compile. */
export type CsvColumn<Row, Prefix extends string = ""> = Row extends null | undefined
  ? never
  : Row extends Date | string | number | boolean | bigint
    ? Prefix
    : Row extends readonly (infer Item)[]
      ? CsvColumn<Item, Prefix>
      : { [Key in keyof Row & string]-?: CsvColumn<Row[Key], ColumnName<Prefix, Key>> }[keyof Row & string];

/** Whether this request asked for CSV; an unknown `format` is a field error. */
export function wantsCsv(request: Request): boolean {
  const format = new URL(request.url).searchParams.get("format");
  if (format === "csv") return true;
  if (format === "json") return false;
  if (format !== null && format !== "") throw new ValidationError({ format: [{ code: "invalidChoice" }] });
  return prefersCsv(request.headers.get("accept"));
}

// Only an explicit text/csv asks for CSV (a browser's */* does not), and only
// when the client does not rank application/json above it.
function prefersCsv(accept: string | null): boolean {
  const ranges = (accept ?? "").split(",").map((range, index) => {
    const [type = "", ...parameters] = range.split(";").map((part) => part.trim().toLowerCase());
    const quality = parameters.find((parameter) => parameter.startsWith("q="));
    return { type, quality: quality ? Number(quality.slice(2)) : 1, index };
  });
  const csv = ranges.find((range) => range.type === "text/csv");
  if (!csv || !(csv.quality > 0)) return false;
  const json = ranges.find((range) => range.type === "application/json");
  return !json || csv.quality > json.quality || (csv.quality === json.quality && csv.index < json.index);
}

/** A list that the data-access layer reads whole: `{data}` as JSON, or the same rows as CSV. */
export async function listResponse<Row extends object>(
  request: Request,
  list: string,
  read: () => Promise<readonly Row[]>,
  columns?: readonly CsvColumn<Row>[],
): Promise<Response> {
  if (!wantsCsv(request)) return json({ data: await read() });
  const rows = await read();
  return csvResponse(list, rows, columns ?? columnsOf(rows));
}

interface Page<Row> {
  items: Row[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

/** A paged list: one page as `{data, total, page, pageSize, pageCount}`, or every matching row as CSV, streamed. */
export async function pagedListResponse<Row extends object>(
  request: Request,
  list: string,
  actor: Actor,
  read: { page: (actor: Actor, query: unknown) => Promise<Page<Row>>; all: (actor: Actor, query: unknown) => AsyncIterable<Row>; columns: readonly CsvColumn<Row>[] },
): Promise<Response> {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  if (wantsCsv(request)) return csvResponse(list, read.all(actor, query), read.columns);
  const { items, ...page } = await read.page(actor, query);
  return json({ data: items, ...page });
}

/**
 * A CSV download of the rows. The first chunk (and so the first query of a
 * streamed export) is read before answering, so that a refusal or a database
 * fault is still a JSON error answer; the rest is read as the client reads.
 */
export async function csvResponse(list: string, rows: AsyncIterable<object> | Iterable<object>, columns: readonly string[]): Promise<Response> {
  return new Response(await streamedText(csvChunks(rows, columns)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${list}-${todayIso()}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}

/**
 * A response body of text chunks, each produced as the client reads: the
 * first is produced before the body is handed over, so that its fault is the
 * caller's to answer.
 */
export async function streamedText(chunks: AsyncGenerator<string>): Promise<ReadableStream<Uint8Array>> {
  const first = await chunks.next();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.done) controller.close();
      else controller.enqueue(encoder.encode(first.value));
    },
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

/** The rows as CSV text, a header line first, in chunks of rowsPerChunk rows, each cell through flattenRow's formula guard. */
export async function* csvChunks(rows: AsyncIterable<object> | Iterable<object>, columns: readonly string[]): AsyncGenerator<string> {
  // The byte-order mark lets spreadsheet programs read the file as UTF-8 (as the import template does).
  let records: string[][] = [[...columns]];
  let prefix = "\uFEFF";
  for await (const row of rows) {
    const cells = flattenRow(row);
    records.push(columns.map((column) => cells[column] ?? ""));
    if (records.length >= rowsPerChunk) {
      yield prefix + stringify(records);
      records = [];
      prefix = "";
    }
  }
  if (records.length > 0) yield prefix + stringify(records);
}

/** Every column of rows read whole, in the order they first appear: for lists whose shape may grow. */
function columnsOf(rows: readonly object[]): string[] {
  return [...new Set(rows.flatMap((row) => Object.keys(flattenRow(row))))];
}

/**
 * A row as CSV cells: nested objects become camelCase columns (commitment.id →
 * commitmentId, milestonesByStatus.not_started → milestonesByStatusNotStarted),
 * arrays are joined with ";" (an array of objects per column), dates are ISO
 * 8601, null is an empty cell, and a cell a spreadsheet would read as a
 * formula is quoted with a leading apostrophe.
 */
export function flattenRow(row: object): Record<string, string> {
  const cells: Record<string, string> = {};
  flattenInto(cells, "", row);
  return Object.fromEntries(Object.entries(cells).map(([column, text]) => [column, withoutFormula(text)]));
}

function flattenInto(cells: Record<string, string>, column: string, value: unknown): void {
  if (Array.isArray(value)) {
    const items = value.map((item) => {
      const itemCells: Record<string, string> = {};
      flattenInto(itemCells, column, item);
      return itemCells;
    });
    for (const itemColumn of new Set(items.flatMap((item) => Object.keys(item)))) {
      cells[itemColumn] = items.map((item) => item[itemColumn] ?? "").join(";");
    }
  } else if (typeof value === "object" && value !== null && !(value instanceof Date)) {
    for (const [key, inner] of Object.entries(value)) flattenInto(cells, columnName(column, key), inner);
  } else if (value instanceof Date) {
    cells[column] = value.toISOString();
  } else {
    cells[column] = typeof value === "string" || typeof value === "number" || typeof value === "boolean" || typeof value === "bigint" ? String(value) : "";
  }
}

function columnName(prefix: string, key: string): string {
  if (prefix === "") return key;
  return prefix + key.split("_").map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join("");
}

// OWASP's rule against CSV injection: a cell starting with one of these
// characters is a formula to a spreadsheet program. Spreadsheets read the
// full-width and small forms (＝, ＋, －, ＠, ﹦…) as their ASCII twins, which
// is what compatibility normalization (NFKC) turns them into.
function withoutFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text.slice(0, 1).normalize("NFKC")) ? `'${text}` : text;
}
