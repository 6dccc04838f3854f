import { decode, encode } from "next-auth/jwt";
import { expect, test, type Browser, type Cookie } from "@playwright/test";
import { signIn } from "./helpers";
import { e2eUser } from "./users";

// How long a session lasts is proved on an injected clock
// (tests/db/sessions.test.ts). Here only what a slow machine cannot break: the
// real token of a sign-in, its times moved hours past a limit, is refused,
// while the same token with its times as they are still works. Nothing waits
// for the clock.

const secret = process.env.E2E_NEXTAUTH_SECRET!;
const hour = 3600;
const idleSeconds = Number(process.env.SESSION_IDLE_MINUTES ?? 30) * 60;
const maxSeconds = Number(process.env.SESSION_MAX_HOURS ?? 12) * hour;

const sessionCookieOf = (cookies: Cookie[]) => cookies.find((cookie) => cookie.name === "next-auth.session-token")!;

/** A browser holding the session's token re-signed with other sign-in and last-seen times (seconds since the epoch). */
async function browserWithTimes(browser: Browser, cookie: Cookie, times: { signedInAt: number; lastSeenAt: number }) {
  const claims = await decode({ token: cookie.value, secret });
  const context = await browser.newContext();
  await context.addCookies([{ ...cookie, value: await encode({ secret, token: { ...claims, ...times } }) }]);
  return context;
}

test("a session past its idle or its absolute limit is sent to sign-in, refused by the API and not renewed", async ({ page, browser }) => {
  const person = e2eUser("sessions@e2e.local");
  await signIn(page, person.email, person.password, "/profile");
  await expect(page.getByRole("heading", { level: 1, name: "Your profile" })).toBeVisible();
  const cookie = sessionCookieOf(await page.context().cookies());
  const now = Math.floor(Date.now() / 1000);

  const asItIs = await browserWithTimes(browser, cookie, { signedInAt: now - 60, lastSeenAt: now - 60 });
  const live = await asItIs.newPage();
  await live.goto("/profile");
  await expect(live.getByRole("heading", { level: 1, name: "Your profile" })).toBeVisible();
  expect((await live.request.get("/api/v1/pillars")).status()).toBe(200);
  await asItIs.close();

  const idle = { signedInAt: now - idleSeconds - hour, lastSeenAt: now - idleSeconds - hour };
  const expired = { signedInAt: now - maxSeconds - hour, lastSeenAt: now - 60 };
  for (const times of [idle, expired]) {
    const context = await browserWithTimes(browser, cookie, times);
    const ended = await context.newPage();
    await ended.goto("/profile");
    await expect(ended).toHaveURL(/\/signin\?callbackUrl=%2Fprofile/);
    expect((await ended.request.get("/api/v1/pillars")).status()).toBe(401);
    expect(await (await ended.request.get("/api/auth/session")).json()).toEqual({});
    await context.close();
  }
});

test("signing out ends the session on the server: a copy of its cookie taken before is refused and not renewed", async ({ page, playwright }) => {
  const person = e2eUser("signout@e2e.local");
  await signIn(page, person.email, person.password);
  await expect(page).toHaveURL("/");
  const copied = sessionCookieOf(await page.context().cookies());
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
