// Run by every Next.js server process once as it starts (next start, and each
// process of scripts/serve.mjs), and awaited by every request before Next.js
// handles it: a production server stops, saying why, rather than connect as a
// superuser or as the tables' owner (server/db/roles.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { refuseUnsafeDatabaseRole } = await import("./server/db/roles");
  await refuseUnsafeDatabaseRole();
}
