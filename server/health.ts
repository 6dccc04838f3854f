import "server-only";
import { db } from "./db/client";

// The health check answers within 2 s whatever the database does: a frozen
// server would hold its query until the statement timeout and more.
const deadlineMs = 1_500;

/** True when the database answers a trivial query within the deadline. */
export async function databaseIsReachable(): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), deadlineMs);
  });
  try {
    const answer = db().$queryRaw`SELECT 1`.then(
      () => true,
      () => false,
    );
    return await Promise.race([answer, deadline]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
