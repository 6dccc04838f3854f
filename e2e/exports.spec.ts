import { readFile } from "node:fs/promises";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { storageStateOf } from "./users";

const milestoneColumns = [
  "id", "title", "titleEs", "dueDate", "status", "version", "ownerId", "ownerName", "commitmentId", "commitmentTitle", "commitmentTitleEs",
  "pillarNumber", "pillarCode", "pillarName", "pillarNameEs", "lastUpdateAt", "urgency", "overdue",
];
const statusUpdateColumns = [
  "id", "milestoneId", "milestoneTitle", "milestoneTitleEs", "commitmentId", "commitmentTitle", "commitmentTitleEs", "pillarNumber", "pillarCode",
  "previousStatus", "newStatus", "cause", "completedOn", "note", "noteLanguage", "authorName", "createdAt",
];
const datedName = (list: string) => new RegExp(`^${list}-\\d{4}-\\d{2}-\\d{2}\\.csv$`);

function csvRows(text: string | Buffer): string[][] {
  return parse(text, { bom: true });
}

async function jsonOf<T>(request: APIRequestContext, url: string): Promise<T> {
  const response = await request.get(url);
  expect(response.status(), url).toBe(200);
  return (await response.json()) as T;
}

// Other browser tests write milestones and status updates while these run:
// each comparison is retried until nothing changed between the two reads.
const meanwhile = { timeout: 30_000, intervals: [500, 1_000] };

test.describe("managers", () => {
  test.use({ storageState: storageStateOf("manager") });

  test("download the milestones as CSV: the JSON's header fields and rows", async ({ page }) => {
    await page.goto("/");
    await expect(async () => {
      const before = (await jsonOf<{ data: { id: string; title: string }[] }>(page.request, "/api/v1/milestones")).data;
      const downloading = page.waitForEvent("download");
      await page.evaluate(() => {
        const link = document.createElement("a");
        link.href = "/api/v1/milestones?format=csv";
        document.body.append(link);
        link.click();
        link.remove();
      });
      const download = await downloading;
      expect(download.suggestedFilename()).toMatch(datedName("milestones"));
      const [header, ...rows] = csvRows(await readFile(await download.path()));
      const after = (await jsonOf<{ data: { id: string }[] }>(page.request, "/api/v1/milestones")).data;
      expect(after.map((row) => row.id)).toEqual(before.map((row) => row.id));

      expect(header).toEqual(milestoneColumns);
      expect(rows).toHaveLength(before.length);
      expect(rows.map((row) => row[0])).toEqual(before.map((row) => row.id));
      expect(rows.map((row) => row[1]!.replace(/^'/, ""))).toEqual(before.map((row) => row.title));
    }).toPass(meanwhile);
  });

  test("export the whole status history as CSV, more than the JSON's one page", async ({ request }) => {
    await expect(async () => {
      const before = await jsonOf<{ data: { id: string }[]; total: number; pageSize: number }>(request, "/api/v1/status-updates");
      const response = await request.get("/api/v1/status-updates?format=csv");
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
      expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="status-updates-\d{4}-\d{2}-\d{2}\.csv"$/);
      const [header, ...rows] = csvRows(await response.body());
      const after = await jsonOf<{ total: number }>(request, "/api/v1/status-updates");
      expect(after.total).toBe(before.total);

      expect(header).toEqual(statusUpdateColumns);
      expect(before.total).toBeGreaterThan(before.pageSize);
      expect(rows).toHaveLength(before.total);
      expect(rows.slice(0, before.data.length).map((row) => row[0])).toEqual(before.data.map((row) => row.id));
    }).toPass(meanwhile);

    const filtered = await jsonOf<{ total: number }>(request, "/api/v1/status-updates?pillar=1&to=2020-12-31");
    const filteredCsv = await request.get("/api/v1/status-updates?pillar=1&to=2020-12-31", { headers: { Accept: "text/csv" } });
    expect(csvRows(await filteredCsv.body())).toHaveLength(filtered.total + 1);
  });
});

test("an anonymous CSV request gets 401 JSON; the OpenAPI document needs no session", async ({ playwright }) => {
  const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  for (const [url, headers] of [
    ["/api/v1/milestones?format=csv", {}],
    ["/api/v1/status-updates", { Accept: "text/csv" }],
  ] as const) {
    const refused = await anonymous.get(url, { headers });
    expect(refused.status(), url).toBe(401);
    expect(refused.headers()["content-type"]).toMatch(/^application\/json/);
    expect(await refused.json()).toMatchObject({ error: "unauthenticated" });
  }

  const described = await anonymous.get("/api/v1/openapi.json");
  expect(described.status()).toBe(200);
  const document = (await described.json()) as { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
  expect(document.openapi).toBe("3.1.0");
  expect(document.paths["/api/v1/assessments/{id}/publish"]?.post?.responses).toHaveProperty("200");
  expect(Object.keys(document.paths)).toContain("/api/v1/status-updates");
  await anonymous.dispose();
});
