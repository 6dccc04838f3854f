import "server-only";

// Reading a long list in batches, for exports that must never hold it whole.
// Kept apart from server/csv.ts so that the data-access layer depends on no
// HTTP module.

/** Rows read from PostgreSQL per query of a streamed export. */
export const exportBatchSize = 500;

/**
 * The rows of a query read in batches, each batch starting after the last row
 * of the one before (keyset pagination): an export holds one batch in memory,
 * and no connection stays taken between batches.
 */
export async function* keysetBatches<Row>(batch: (after: Row | undefined) => Promise<Row[]>, batchSize: number): AsyncGenerator<Row> {
  let after: Row | undefined;
  for (;;) {
    const rows = await batch(after);
    yield* rows;
    if (rows.length < batchSize) return;
    after = rows.at(-1);
  }
}
