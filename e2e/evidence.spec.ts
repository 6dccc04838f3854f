import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { expectNoSeriousAccessibilityFindings } from "./helpers";
import { storageStateOf } from "./users";

const intelligenceSharing = "Binational intelligence sharing against criminal organisations";
const borderRiskManagement = "Risk management and pre-clearance at the border";

/** A word no demo record contains, so that a search finds only what the test logged. */
function uniqueWord(): string {
  return `zq${Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("")}`;
}

async function commitmentId(request: APIRequestContext, pillar: number, title: string): Promise<string> {
  const response = await request.get(`/api/v1/commitments?pillar=${pillar}`);
  const { data } = (await response.json()) as { data: { id: string; title: string }[] };
  const found = data.find((commitment) => commitment.title === title);
  expect(found, title).toBeDefined();
  return found!.id;
}

async function applyFilters(page: Page) {
  await page.getByRole("button", { name: "Apply filters" }).click();
  await page.waitForURL(/\/evidence\?/);
}

async function chooseCommitment(page: Page, title: string) {
  await page.goto("/evidence/new");
  await page.getByLabel("Commitment").selectOption({ label: title });
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/evidence\/new\?commitment=/);
}

test.describe("reviewers", () => {
  test.use({ storageState: storageStateOf("reviewer") });

  test("filter and search the log, with the filters kept in the URL", async ({ page }) => {
    await page.goto("/evidence");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Evidence log");
    await expectNoSeriousAccessibilityFindings(page);

    await page.getByLabel("Pillar").selectOption("1");
    await page.getByLabel("What it shows").selectOption("setback");
    await applyFilters(page);
    await expect(page).toHaveURL(/pillar=1/);
    await expect(page).toHaveURL(/shows=setback/);
    const items = page.getByTestId("evidence-item");
    await expect(items.first()).toBeVisible();
    for (const text of await items.allTextContents()) {
      expect(text).toContain("Shows a setback");
      expect(text).toContain("Pillar 1 ·");
    }

    await page.getByLabel("Search", { exact: true }).fill("homicide");
    await applyFilters(page);
    await expect(page.getByLabel("Pillar")).toHaveValue("1");
    await expect(page.getByLabel("Search", { exact: true })).toHaveValue("homicide");
    await expect(items).toHaveCount(1);
    await expect(items).toContainText("Record homicide rate and fragmentation of criminal groups");

    await page.getByRole("link", { name: "Clear filters" }).click();
    await expect(page).toHaveURL(/\/evidence$/);
    await expect(page.getByLabel("Pillar")).toHaveValue("");
    await expect(page.getByLabel("Search", { exact: true })).toHaveValue("");
    await page.getByLabel("Search", { exact: true }).fill("fusion groups");
    await page.getByLabel("Search", { exact: true }).press("Enter");
    await expect(page).toHaveURL(/q=fusion\+groups/);
    await expect(page.getByRole("link", { name: "Intelligence sharing described as an important evolution" })).toBeVisible();
  });

  test("open a record with the published assessments that cite it", async ({ page }) => {
    await page.goto("/evidence?q=fusion+groups");
    await page.getByRole("link", { name: "Intelligence sharing described as an important evolution" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Intelligence sharing described as an important evolution");
    const citedBy = page.getByTestId("cited-by");
    await expect(citedBy).toContainText("April 2011 two-year review, pillar 1");
    await expect(citedBy).toContainText("Advances: Steady · Results: Slow");
    await expect(citedBy.getByRole("link").first()).toHaveAttribute("href", /^\/assessments\/[\w-]+$/);
    await expectNoSeriousAccessibilityFindings(page);
  });

  test("log evidence after a refusal that names the field and keeps what was typed", async ({ page }) => {
    const word = uniqueWord();
    const title = `Port screening report ${word}`;
    await page.goto("/evidence");
    await page.getByRole("link", { name: "Log evidence" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Log evidence");
    await expectNoSeriousAccessibilityFindings(page);
    await chooseCommitment(page, intelligenceSharing);

    await page.getByLabel("Milestone").selectOption({ label: "Stand up binational intelligence fusion groups" });
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Kind").selectOption("media_report");
    await page.getByLabel("Publisher").fill("E2E Gazette");
    await page.getByLabel("Web address").fill("ftp://example.org/report");
    await page.getByLabel("Publication date").fill("2024-02-01");
    await page.getByLabel("Excerpt or summary").fill("Fusion cells met weekly through 2023.");
    await page.getByLabel("What it shows").selectOption("advance");
    await page.getByLabel("Reliability").selectOption("press_report");
    await page.getByRole("button", { name: "Log the evidence" }).click();

    await expect(page.getByText("Enter a web address that starts with http:// or https://.")).toBeVisible();
    await expect(page.getByLabel("Web address")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Title")).toHaveValue(title);
    await expect(page.getByLabel("Milestone").locator("option:checked")).toHaveText("Stand up binational intelligence fusion groups");
    await expect(page.getByLabel("Kind")).toHaveValue("media_report");
    await expect(page.getByLabel("Publication date")).toHaveValue("2024-02-01");
    await expect(page.getByLabel("Excerpt or summary")).toHaveValue("Fusion cells met weekly through 2023.");
    await expect(page.getByLabel("Reliability")).toHaveValue("press_report");
    await expectNoSeriousAccessibilityFindings(page);

    await page.getByLabel("Web address").fill("https://example.org/report");
    await page.getByRole("button", { name: "Log the evidence" }).click();
    await expect(page).toHaveURL(/\/evidence\/[\w-]+$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByText("No published assessment cites this evidence.")).toBeVisible();
    await expect(page.getByRole("link", { name: /edit/i })).toHaveCount(0);
    await expectNoSeriousAccessibilityFindings(page);
  });

  test("retract evidence with a reason: the record, the log and the commitment page say so", async ({ page }) => {
    const word = uniqueWord();
    const title = `Port screening report ${word}`;
    const created = await page.request.post("/api/v1/evidence", {
      data: {
        commitmentId: await commitmentId(page.request, 1, intelligenceSharing),
        title,
        kind: "media_report",
        publisher: "E2E Gazette",
        url: "https://example.org/report",
        summary: "Fusion cells met weekly through 2023.",
        shows: "advance",
        reliability: "press_report",
      },
    });
    expect(created.status()).toBe(201);
    await page.goto(`/evidence/${((await created.json()) as { data: { id: string } }).data.id}`);

    await page.getByRole("button", { name: "Retract the evidence" }).click();
    await expect(page.getByText("This field is required.")).toBeVisible();
    await page.getByLabel("Reason for the retraction").fill("The report concerns another programme.");
    await page.getByRole("button", { name: "Retract the evidence" }).click();
    const retraction = page.getByRole("region", { name: "Retracted" });
    await expect(retraction).toContainText("The report concerns another programme.");
    await expect(retraction).toContainText("Rita Reviewer");
    await expect(page.getByRole("button", { name: "Retract the evidence" })).toHaveCount(0);

    await page.goto(`/evidence?q=${word}`);
    const listed = page.getByTestId("evidence-item");
    await expect(listed).toHaveCount(1);
    await expect(listed).toContainText("Retracted");
    await expect(listed).toContainText("Retracted: The report concerns another programme.");

    await listed.getByRole("link", { name: `Pillar 1 · ${intelligenceSharing}` }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(intelligenceSharing);
    const onCommitment = page.getByTestId("evidence-item").filter({ hasText: title });
    await expect(onCommitment).toContainText("Retracted: The report concerns another programme.");
    await onCommitment.getByRole("link", { name: title, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(title);
  });
});

test.describe("program staff", () => {
  test.use({ storageState: storageStateOf("staff") });

  test("are offered only the commitments and milestones they may log on, and log on one of them", async ({ page }) => {
    await page.goto("/evidence/new");
    const commitments = page.getByLabel("Commitment").locator("option");
    await expect(commitments.filter({ hasText: intelligenceSharing })).toHaveCount(1);
    await expect(commitments.filter({ hasText: borderRiskManagement })).toHaveCount(0);

    await page.goto(`/evidence/new?commitment=${await commitmentId(page.request, 3, borderRiskManagement)}`);
    await expect(page.getByText("You cannot log evidence on that commitment. Choose one from the list.")).toBeVisible();

    await chooseCommitment(page, intelligenceSharing);
    const milestones = page.getByLabel("Milestone").locator("option");
    await expect(milestones.filter({ hasText: "None: the commitment as a whole" })).toHaveCount(0);
    await expect(milestones.filter({ hasText: "Publish binational arrest and prosecution data" })).toHaveCount(1);
    await expectNoSeriousAccessibilityFindings(page);

    const title = `Arrest data request ${uniqueWord()}`;
    await page.getByLabel("Milestone").selectOption({ label: "Publish binational arrest and prosecution data" });
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Kind").selectOption("official_document");
    await page.getByLabel("Publisher").fill("U.S. State Department INL");
    await page.getByLabel("Excerpt or summary").fill("The data request was sent to the counterpart.");
    await page.getByLabel("What it shows").selectOption("neutral");
    await page.getByLabel("Reliability").selectOption("official_record");
    await page.getByRole("button", { name: "Log the evidence" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByRole("main").getByText("Sam Staff")).toBeVisible();
    // The author may retract their own record.
    await expect(page.getByRole("button", { name: "Retract the evidence" })).toBeVisible();
  });
});

test.describe("managers", () => {
  test.use({ storageState: storageStateOf("manager") });

  test("read the log but are not offered to log evidence; the API pages the log", async ({ page }) => {
    await page.goto("/evidence");
    await expect(page.getByTestId("evidence-item").first()).toBeVisible();
    await expect(page.getByRole("link", { name: "Log evidence" })).toHaveCount(0);
    await page.goto("/evidence?kind=dataset&page=2");
    await expect(page.getByText("There is no page 2; for these filters the log has 1 page.")).toBeVisible();
    await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Previous page" }).click();
    await expect(page).toHaveURL(/\/evidence\?kind=dataset$/);
    await expect(page.getByTestId("evidence-item").first()).toContainText("Dataset");
    await page.goto("/evidence/new");
    await expect(page.getByText("Your role does not allow logging evidence.")).toBeVisible();

    const listed = await page.request.get("/api/v1/evidence?pillar=1");
    expect(listed.status()).toBe(200);
    const body = (await listed.json()) as { data: unknown[]; total: number; moreThanTotal: boolean; page: number; pageSize: number; pageCount: number };
    expect(body).toMatchObject({ page: 1, pageSize: 50, pageCount: 1, moreThanTotal: false });
    expect(body.data).toHaveLength(body.total);
    expect((await page.request.get("/api/v1/evidence?page=two")).status()).toBe(400);
    const beyond = await page.request.get("/api/v1/evidence?page=9");
    expect(await beyond.json()).toMatchObject({ data: [], page: 9 });
  });
});
