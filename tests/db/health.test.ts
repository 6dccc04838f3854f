import { afterEach, describe, expect, it } from "vitest";
import { GET } from "../../app/api/health/route";
import { db, disconnectDb } from "../../server/db/client";

describe("GET /api/health", () => {
  const reachableUrl = process.env.DATABASE_URL!;

  afterEach(async () => {
    await disconnectDb();
    process.env.DATABASE_URL = reachableUrl;
  });

  it("answers 200 while the database is reachable", async () => {
    // The client's first query loads Prisma's query compiler and connects; on a
    // loaded machine that alone can pass the health check's 1.5 s deadline.
    await db().$queryRaw`SELECT 1`;
    const response = await GET(new Request("http://localhost/api/health"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "reachable" });
  });

  it("answers 503 when the database cannot be reached", async () => {
    await disconnectDb();
    const url = new URL(reachableUrl);
    url.port = "1";
    process.env.DATABASE_URL = url.toString();
    const response = await GET(new Request("http://localhost/api/health"));
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "unavailable", database: "unreachable" });
  });
});
