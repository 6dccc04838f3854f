import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";
import { e2eUser } from "./users";

// The session limits need a server whose idle limit is seconds, not the
// suite's: this file starts its own production server on the same build and
// database, and stops it when done.

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function startServer(env: Record<string, string>) {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "--port", String(port)], {
    env: {
      ...process.env,
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      NEXTAUTH_SECRET: process.env.E2E_NEXTAUTH_SECRET,
      NEXTAUTH_URL: url,
      NEXT_TELEMETRY_DISABLED: "1",
      ...env,
    },
    stdio: "ignore",
  });
  // Ready once the health check answers; a bounded wait, like Playwright's own webServer.
  for (let attempt = 0; attempt < 120; attempt += 1) {
    const ready = await fetch(`${url}/api/health`).then((response) => response.ok, () => false);
    if (ready) return { url, stop: () => server.kill("SIGTERM") };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  server.kill("SIGTERM");
  throw new Error("the session-limit server did not start");
}

// The limit leaves room for a page and its renewal to take seconds on a
// loaded machine: 12 s idle, visits 4 s apart, then 14 s without one.
test.describe("a session with a 12-second idle limit", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  test.beforeAll(async () => {
    server = await startServer({ SESSION_IDLE_MINUTES: "0.2" });
    // A fresh server loads each route on its first request, which can take
    // longer than the limit; the session's clock should not pay for it.
    for (const path of ["/signin", "/profile", "/api/auth/session"]) await fetch(`${server.url}${path}`);
  });
  test.afterAll(() => server?.stop());

  test("lasts while the person is active and ends once they have been idle past the limit", async ({ browser }) => {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    const person = e2eUser("sessions@e2e.local");
    const renewed = () => page.waitForResponse((response) => response.url().endsWith("/api/auth/session") && response.ok());
    const profileHeading = page.getByRole("heading", { level: 1, name: "Your profile" });

    // Signed in straight to the profile: the dashboard's first render is no part of this.
    await signIn(page, person.email, person.password, "/profile");
    await expect(profileHeading).toBeVisible();
    // Each page renews the session; four pages 4 seconds apart span more than the limit.
    for (let visit = 0; visit < 4; visit += 1) {
      const renewal = renewed();
      await page.goto("/profile");
      await expect(profileHeading).toBeVisible();
      await renewal;
      await page.waitForTimeout(4_000);
    }
    await page.goto("/profile");
    await expect(profileHeading).toBeVisible();

    await page.waitForTimeout(14_000);
    await page.goto("/profile");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fprofile/);
    expect((await page.request.get("/api/v1/pillars")).status()).toBe(401);
    await context.close();
  });
});

test("signing out ends the session on the server: a copy of its cookie taken before is refused and not renewed", async ({ page, playwright }) => {
  const person = e2eUser("signout@e2e.local");
  await signIn(page, person.email, person.password);
  await expect(page).toHaveURL("/");
  const copied = (await page.context().cookies()).find((cookie) => cookie.name === "next-auth.session-token")!;
  const copy = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL, storageState: { cookies: [copied], origins: [] } });
  expect((await copy.get("/api/v1/pillars")).status()).toBe(200);

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/signin/);

  expect((await copy.get("/api/v1/pillars")).status()).toBe(401);
  const renewal = await copy.get("/api/auth/session");
  expect(await renewal.json()).toEqual({});
  expect(renewal.headers()["set-cookie"] ?? "").not.toMatch(/next-auth\.session-token=[^;]/);
  await copy.dispose();
});
