import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { storageStateOf, type DemoRole } from "./users";

interface ListedMilestone {
  id: string;
  title: string;
  version: number;
  status: string;
}

// Each test works on its own milestone of the staff user's agency, so tests
// running side by side never race each other.
async function staffMilestone(request: APIRequestContext, index: number): Promise<ListedMilestone> {
  const response = await request.get("/api/v1/milestones?mine=true&status=in_progress");
  const { data } = (await response.json()) as { data: ListedMilestone[] };
  const sorted = [...data].sort((a, b) => a.id.localeCompare(b.id));
  expect(sorted.length).toBeGreaterThan(index);
  return sorted[index]!;
}

async function contextAs(browser: Browser, role: DemoRole) {
  return browser.newContext({ storageState: storageStateOf(role) });
}

async function historyOf(request: APIRequestContext, id: string) {
  const response = await request.get(`/api/v1/milestones/${id}`);
  return ((await response.json()) as { data: { version: number; history: { note: string }[] } }).data;
}

test.describe("program staff update a milestone", () => {
  test.use({ storageState: storageStateOf("staff") });

  test("a status update with a note appears at the top of the history", async ({ page }) => {
    const milestone = await staffMilestone(page.request, 0);
    await page.goto(`/milestones/${milestone.id}`);
    await page.getByLabel("New status").selectOption("at_risk");
    await page.getByLabel("Cause").selectOption("funding");
    await page.getByLabel("Note").fill("Counterpart funding for the next phase is not yet approved.");
    await page.getByRole("button", { name: "Record the update" }).click();
    await expect(page.getByRole("status")).toHaveText("The status update was recorded.");
    const top = page.getByTestId("milestone-history").getByRole("listitem").first();
    await expect(top).toContainText("In progress → At risk");
    await expect(top).toContainText("Counterpart funding for the next phase is not yet approved.");
    await expect(top).toContainText("Sam Staff");
  });

  test("a refused form keeps what was typed and says what to fix", async ({ page }) => {
    const milestone = await staffMilestone(page.request, 1);
    await page.goto(`/milestones/${milestone.id}`);
    await page.getByLabel("New status").selectOption("delayed");
    await page.getByLabel("Note").fill("Waiting on the counterpart.");
    await page.getByRole("button", { name: "Record the update" }).click();
    await expect(page.getByText("Choose the cause of the risk or delay.")).toBeVisible();
    await expect(page.getByLabel("Note")).toHaveValue("Waiting on the counterpart.");
    await expect(page.getByLabel("New status")).toHaveValue("delayed");
  });

  test("two people submitting against one version: the second sees the winner on the page, keeps their note, and a second press does not overwrite it", async ({ browser }) => {
    const first = await contextAs(browser, "staff");
    const second = await contextAs(browser, "staff");
    const [pageA, pageB] = [await first.newPage(), await second.newPage()];
    const milestone = await staffMilestone(pageA.request, 2);
    await pageA.goto(`/milestones/${milestone.id}`);
    await pageB.goto(`/milestones/${milestone.id}`);

    await pageA.getByLabel("New status").selectOption("at_risk");
    await pageA.getByLabel("Cause").selectOption("funding");
    await pageA.getByLabel("Note").fill("First: the second tranche is held up.");
    await pageA.getByRole("button", { name: "Record the update" }).click();
    await expect(pageA.getByRole("status")).toHaveText("The status update was recorded.");

    await pageB.getByLabel("New status").selectOption("completed");
    await pageB.getByLabel("Note").fill("Second: all done.");
    await pageB.getByRole("button", { name: "Record the update" }).click();
    const conflict = pageB.getByRole("alert").filter({ hasText: "Someone updated this milestone" });
    await expect(conflict).toBeVisible();
    await expect(conflict).toContainText("Sam Staff");
    // The page shows what won: the current status and, in the history, the winning update with its note.
    await expect(pageB.getByTestId("current-status")).toHaveText("At risk");
    const top = pageB.getByTestId("milestone-history").getByRole("listitem").first();
    await expect(top).toContainText("In progress → At risk");
    await expect(top).toContainText("First: the second tranche is held up.");
    // The form starts from that update, with the note typed here kept.
    await expect(pageB.getByLabel("New status")).toHaveValue("at_risk");
    await expect(pageB.getByLabel("Cause")).toHaveValue("funding");
    await expect(pageB.getByLabel("Note")).toHaveValue("Second: all done.");
    expect((await historyOf(pageA.request, milestone.id)).history.filter((h) => h.note.startsWith("Second"))).toHaveLength(0);

    // A second press records the note against the winner's status, not the "completed" chosen before it came in.
    await pageB.getByRole("button", { name: "Record the update" }).click();
    await expect(pageB.getByRole("status")).toHaveText("The status update was recorded.");
    await expect(pageB.getByTestId("current-status")).toHaveText("At risk");
    const after = (await (await pageA.request.get(`/api/v1/milestones/${milestone.id}`)).json()) as { data: { status: string; history: { note: string; newStatus: string }[] } };
    expect(after.data.status).toBe("at_risk");
    expect(after.data.history[0]).toMatchObject({ note: "Second: all done.", newStatus: "at_risk" });
    await first.close();
    await second.close();
  });
});

test.describe("the update operation through the API", () => {
  test("answers 201, 400, 401, 403, 404 and 409 as the rules say", async ({ browser, playwright }) => {
    const staff = await contextAs(browser, "staff");
    const milestone = await staffMilestone(staff.request, 3);
    const url = `/api/v1/milestones/${milestone.id}/status-updates`;

    const created = await staff.request.post(url, { data: { status: "in_progress", note: "Checked via API.", version: milestone.version } });
    expect(created.status()).toBe(201);
    const body = (await created.json()) as { data: { milestone: { version: number } } };
    expect(body.data.milestone.version).toBe(milestone.version + 1);

    const stale = await staff.request.post(url, { data: { status: "in_progress", note: "Stale.", version: milestone.version } });
    expect(stale.status()).toBe(409);
    expect(await stale.json()).toMatchObject({ error: "conflict", current: { version: milestone.version + 1 } });

    const invalid = await staff.request.post(url, { data: { status: "at_risk", note: "", version: "x" } });
    expect(invalid.status()).toBe(400);
    expect(Object.keys(((await invalid.json()) as { fields: object }).fields).sort()).toEqual(["cause", "note", "version"]);

    const notJson = await staff.request.post(url, { data: "{not json", headers: { "Content-Type": "application/json" } });
    expect(notJson.status()).toBe(400);
    expect((await staff.request.post("/api/v1/milestones/nosuchid/status-updates", { data: { status: "in_progress", note: "x", version: 1 } })).status()).toBe(404);

    for (const role of ["admin", "manager", "reviewer"] as const) {
      const other = await contextAs(browser, role);
      const refused = await other.request.post(url, { data: { status: "in_progress", note: `By ${role}`, version: milestone.version + 1 } });
      expect(refused.status(), role).toBe(403);
      await other.close();
    }

    const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
    expect((await anonymous.post(url, { data: { status: "in_progress", note: "x", version: 1 } })).status()).toBe(401);
    await anonymous.dispose();

    const history = await historyOf(staff.request, milestone.id);
    expect(history.version).toBe(milestone.version + 1);
    expect(history.history[0]!.note).toBe("Checked via API.");
    await staff.close();
  });

  test("staff cannot update a milestone outside their agency", async ({ browser }) => {
    const staff = await contextAs(browser, "staff");
    const all = (await (await staff.request.get("/api/v1/milestones")).json()) as { data: ListedMilestone[] };
    const mine = new Set(((await (await staff.request.get("/api/v1/milestones?mine=true")).json()) as { data: ListedMilestone[] }).data.map((m) => m.id));
    const foreign = all.data.find((m) => !mine.has(m.id));
    expect(foreign).toBeDefined();
    const refused = await staff.request.post(`/api/v1/milestones/${foreign!.id}/status-updates`, {
      data: { status: "in_progress", note: "Not mine", version: foreign!.version },
    });
    expect(refused.status()).toBe(403);
    await staff.close();
  });
});

test("a reviewer sees no update control, and a crafted form submission is refused", async ({ browser }) => {
  const staff = await contextAs(browser, "staff");
  const staffPage = await staff.newPage();
  const milestone = await staffMilestone(staffPage.request, 4);
  await staffPage.goto(`/milestones/${milestone.id}`);
  // The fields the staff user's form posts, server action reference included.
  const fields = await staffPage.locator("form[aria-labelledby='status-update-heading'] input[type=hidden]").evaluateAll((inputs) =>
    Object.fromEntries(inputs.map((input) => [(input as HTMLInputElement).name, (input as HTMLInputElement).value])),
  );
  expect(Object.keys(fields).some((name) => name.startsWith("$ACTION"))).toBe(true);

  const reviewer = await contextAs(browser, "reviewer");
  const reviewerPage = await reviewer.newPage();
  await reviewerPage.goto(`/milestones/${milestone.id}`);
  await expect(reviewerPage.getByRole("heading", { name: "History" })).toBeVisible();
  await expect(reviewerPage.getByRole("button", { name: "Record the update" })).toHaveCount(0);

  const before = await historyOf(reviewer.request, milestone.id);
  // With the Origin a browser would send, so that Next.js runs the action and
  // the refusal comes from the data-access layer, not from its CSRF check.
  const crafted = await reviewer.request.post(`/milestones/${milestone.id}`, {
    headers: { Origin: test.info().project.use.baseURL! },
    multipart: { ...fields, status: "cancelled", note: "Crafted by a reviewer", version: String(before.version) },
  });
  expect(crafted.status()).toBeLessThan(500);
  expect(await crafted.text()).toContain("Your role does not allow this.");
  const after = await historyOf(reviewer.request, milestone.id);
  expect(after.version).toBe(before.version);
  expect(after.history.some((h) => h.note === "Crafted by a reviewer")).toBe(false);
  await staff.close();
  await reviewer.close();
});
