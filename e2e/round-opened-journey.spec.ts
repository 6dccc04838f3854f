import { expect, test } from "@playwright/test";
import { expectNoSeriousAccessibilityFindings, signIn } from "./helpers";
import { e2eUser, storageStateOf } from "./users";

// A reviewer hears that a round opened and follows the word to a submitted
// draft: the bell, the inbox, the round's page, the assessment form. The
// reviewer is an account of this test's own, so other tests' rounds reach its
// inbox too; it finds its round by title.

const dayOffset = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const unique = () => Math.random().toString(36).slice(2, 8);

test("a reviewer goes from the “round opened” notification to a submitted draft", async ({ browser }) => {
  const manager = await (await browser.newContext({ storageState: storageStateOf("manager") })).newPage();
  const reviewer = await (await browser.newContext()).newPage();
  const account = e2eUser("journey@e2e.local");
  await signIn(reviewer, account.email, account.password);
  await expect(reviewer.getByRole("heading", { level: 1 })).toHaveText("Your work");

  const title = `E2E journey ${unique()}`;
  const opened = await manager.request.post("/api/v1/rounds", { data: { title, periodStart: "2020-01-01", periodEnd: dayOffset(30) } });
  expect(opened.status()).toBe(201);
  const roundId = ((await opened.json()) as { data: { id: string } }).data.id;

  // The bell in the header counts it; the inbox says what it is.
  await reviewer.reload();
  const bell = reviewer.getByRole("link", { name: /^Notifications: \d+ unread$/ });
  await expect(bell).toBeVisible();
  await bell.click();
  await expect(reviewer.getByRole("heading", { level: 1 })).toHaveText("Notifications");
  await expectNoSeriousAccessibilityFindings(reviewer);
  const word = reviewer.getByRole("button", { name: new RegExp(`^Open: The assessment round “${title}” is open`) });
  await expect(word).toBeVisible();

  // Opening it leads to the round, and it is read from then on.
  await word.click();
  await expect(reviewer).toHaveURL(new RegExp(`/rounds/${roundId}$`));
  await expect(reviewer.getByRole("heading", { level: 1, name: title })).toBeVisible();

  const commitments = (await (await reviewer.request.get("/api/v1/commitments?pillar=5")).json()) as { data: { id: string }[] };
  const evidenceTitle = `Prevention survey ${unique()}`;
  const logged = await reviewer.request.post("/api/v1/evidence", {
    data: {
      commitmentId: commitments.data[0]!.id,
      title: evidenceTitle,
      kind: "official_document",
      publisher: "Comisión Nacional contra las Adicciones",
      url: "https://example.org/conadic-survey",
      publishedOn: dayOffset(-1),
      summary: "Treatment centres reported more people completing programmes than the year before.",
      shows: "advance",
      reliability: "official_record",
    },
  });
  expect(logged.status()).toBe(201);

  const pillars = (await (await reviewer.request.get("/api/v1/pillars")).json()) as { data: { id: string; number: number }[] };
  await reviewer.reload();
  await reviewer.getByLabel("Pillar").selectOption(pillars.data.find((pillar) => pillar.number === 5)!.id);
  await reviewer.getByRole("button", { name: "Start draft" }).click();
  await expect(reviewer.getByRole("heading", { level: 1, name: "Assessment of pillar 5" })).toBeVisible();
  await reviewer.getByLabel("Advances", { exact: true }).selectOption("steady");
  await reviewer.getByLabel("Results", { exact: true }).selectOption("slow");
  await reviewer.getByRole("textbox", { name: "Narrative" }).fill("Treatment capacity grew steadily; fewer overdoses have yet to show.");
  await reviewer.getByRole("checkbox", { name: new RegExp(evidenceTitle) }).check();
  // Submitted as the form shows it, without saving first.
  await reviewer.getByRole("button", { name: "Submit", exact: true }).click();
  await expect(reviewer.getByTestId("assessment-header")).toContainText("Submitted");
  await expectNoSeriousAccessibilityFindings(reviewer);

  // Back in the inbox, the word is read.
  await reviewer.goto("/notifications?unread=true");
  await expect(reviewer.getByRole("button", { name: new RegExp(`^Open: The assessment round “${title}”`) })).toHaveCount(0);
});
