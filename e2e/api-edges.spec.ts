import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { storageStateOf, type DemoRole } from "./users";

// The edges of the JSON API: an address it does not have.

const baseURL = () => test.info().project.use.baseURL!;
const contextOf = (playwright: { request: { newContext: (options: object) => Promise<APIRequestContext> } }, role: DemoRole | "anonymous") =>
  playwright.request.newContext({ baseURL: baseURL(), storageState: role === "anonymous" ? { cookies: [], origins: [] } : storageStateOf(role) });

async function expectJsonError(response: APIResponse, status: number, error: string, what: string) {
  expect(response.status(), what).toBe(status);
  expect(response.headers()["content-type"], what).toContain("application/json");
  const body = (await response.json()) as { error?: unknown; message?: unknown };
  expect(body.error, what).toBe(error);
  expect(body.message, what).toMatch(/\S/);
}

test.describe("an address the API does not have", () => {
  test("is answered 404 in JSON like every API error, whatever the method and whoever asks", async ({ playwright }) => {
    for (const who of ["anonymous", "reviewer"] as const) {
      const api = await contextOf(playwright, who);
      for (const path of ["/api/v1/no-such-route", "/api/v1/pillars/2/no-such-part", "/api/v1/milestones/abc/no-such-part"]) {
        for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
          await expectJsonError(await api.fetch(path, { method, maxRedirects: 0 }), 404, "not_found", `${who}: ${method} ${path}`);
        }
      }
      await api.dispose();
    }
  });
});
