import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";
import { e2eUser, storageStateOf, totpCode } from "./users";

// Each record's page is titled by the record, the kind of page and the app,
// in the reader's language, so that tabs and the history can be told apart.
// The reader is an account of this test's own: switching a demo account to
// Spanish would change the language of every test signed in as it.

const user = e2eUser("titles@e2e.local");

type Named = { id: string; title: string; titleEs?: string | null };
type AssessmentRow = { id: string; kind: "independent" | "self_assessment"; round: Named; pillar: { number: number }; commitment: Named | null };

/** One record of each kind the reader may see, read through the API as them. */
async function records(page: Page) {
  const first = async <T>(path: string): Promise<T> => {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(200);
    const { data } = (await response.json()) as { data: T[] };
    expect(data.length, path).toBeGreaterThan(0);
    return data[0]!;
  };
  return {
    milestone: await first<Named>("/api/v1/milestones"),
    commitment: await first<Named>("/api/v1/commitments"),
    evidence: await first<Named>("/api/v1/evidence"),
    round: await first<Named>("/api/v1/rounds"),
    assessment: await first<AssessmentRow>("/api/v1/assessments?state=published"),
  };
}

const languages = {
  en: {
    app: "Four-Pillar Cooperation Tracker",
    milestone: "Milestone",
    commitment: "Commitment",
    evidence: "Evidence",
    round: "Assessment round",
    report: "Round report",
    independent: "Independent assessment",
    self_assessment: "Self-assessment",
    pillar: "Pillar",
  },
  es: {
    spanish: true,
    app: "Seguimiento de la Cooperación en Cuatro Pilares",
    milestone: "Hito",
    commitment: "Compromiso",
    evidence: "Evidencia",
    round: "Ronda de evaluación",
    report: "Informe de la ronda",
    independent: "Evaluación independiente",
    self_assessment: "Autoevaluación",
    pillar: "Pilar",
  },
} as const;

async function expectTitledRecordPages(page: Page, words: (typeof languages)[keyof typeof languages]) {
  const { milestone, commitment, evidence, round, assessment } = await records(page);
  // A plan record is titled in the reader's language; evidence in the language it was written in.
  const title = (record: Named) => ("spanish" in words && record.titleEs) || record.title;
  const visits: [string, string][] = [
    [`/milestones/${milestone.id}`, `${title(milestone)} · ${words.milestone} · ${words.app}`],
    [`/commitments/${commitment.id}`, `${title(commitment)} · ${words.commitment} · ${words.app}`],
    [`/evidence/${evidence.id}`, `${evidence.title} · ${words.evidence} · ${words.app}`],
    [`/rounds/${round.id}`, `${title(round)} · ${words.round} · ${words.app}`],
    // A round's report holds the plan's texts in English, as the report frozen when the round closed does.
    [`/rounds/${round.id}/report`, `${round.title} · ${words.report} · ${words.app}`],
    [
      `/assessments/${assessment.id}`,
      `${assessment.commitment ? title(assessment.commitment) : `${words.pillar} ${assessment.pillar.number}`}, ${title(assessment.round)} · ${words[assessment.kind]} · ${words.app}`,
    ],
  ];
  for (const [path, title] of visits) {
    await page.goto(path);
    await expect(page, path).toHaveTitle(title);
  }
}

test("each record's page is titled by the record, the kind of page and the app, in English and in Spanish", async ({ page }) => {
  await signIn(page, user.email, user.password);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your work");
  await expectTitledRecordPages(page, languages.en);

  await page.getByLabel("Language").selectOption("es");
  await page.getByRole("button", { name: "Change language" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expectTitledRecordPages(page, languages.es);
});

test("a record the reader may not see gives the not-found page, titled as such", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateOf("reviewer") });
  const page = await context.newPage();
  const response = await page.goto("/milestones/no-such-milestone");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page).not.toHaveTitle(/Milestone/);
  await context.close();
});

test("the app has an icon, which answers without a session", async ({ page, request }) => {
  await page.goto("/signin");
  const href = await page.locator('head link[rel="icon"]').first().getAttribute("href");
  expect(href).toMatch(/^\/icon\.svg/);
  const icon = await request.get(href!);
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
});

test("an edit page names its record for the admin; a role it is refused to gets 403 and not the record's name", async ({ browser }) => {
  const adminContext = await browser.newContext({ storageState: storageStateOf("admin") });
  const admin = await adminContext.newPage();
  const { data } = (await (await admin.request.get("/api/v1/milestones")).json()) as { data: Named[] };
  const milestone = data[0]!;
  await admin.goto(`/admin/milestones/${milestone.id}/edit`);
  await expect(admin).toHaveTitle(`${milestone.title} · Edit milestone · ${languages.en.app}`);
  await adminContext.close();

  const reviewerContext = await browser.newContext({ storageState: storageStateOf("reviewer") });
  const reviewer = await reviewerContext.newPage();
  const response = await reviewer.goto(`/admin/milestones/${milestone.id}/edit`);
  expect(response?.status()).toBe(403);
  await expect(reviewer.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  await expect(reviewer).toHaveTitle(/\S/);
  expect(await reviewer.title()).not.toContain(milestone.title);
  await reviewerContext.close();
});

test("an admin reading in Spanish finds each edit page named by the Spanish of its plan record", async ({ page }) => {
  const admin = e2eUser("admin-es@e2e.local");
  await signIn(page, admin.email, admin.password);
  await page.getByLabel("Code", { exact: true }).fill(totpCode());
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  const first = async <T>(path: string) => ((await (await page.request.get(path)).json()) as { data: T[] }).data[0]!;
  const milestone = await first<Named>("/api/v1/milestones?pillar=1");
  const commitment = await first<Named>("/api/v1/commitments?pillar=1");
  const pillar = await first<{ number: number; name: string; nameEs: string | null }>("/api/v1/pillars");
  expect([milestone.titleEs, commitment.titleEs, pillar.nameEs].every(Boolean)).toBe(true);

  await page.goto(`/admin/milestones/${milestone.id}/edit`);
  await expect(page).toHaveTitle(`${milestone.titleEs} · Editar hito · ${languages.es.app}`);
  await expect(page.getByRole("link", { name: `Hito: ${milestone.titleEs}` })).toBeVisible();
  await page.goto(`/admin/commitments/${commitment.id}/edit`);
  await expect(page).toHaveTitle(`${commitment.titleEs} · Editar compromiso · ${languages.es.app}`);
  await expect(page.getByRole("link", { name: `Compromiso: ${commitment.titleEs}` })).toBeVisible();
  await page.goto("/admin/plan");
  await page.getByRole("link", { name: `Editar el pilar ${pillar.number}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Editar el pilar ${pillar.number}: ${pillar.nameEs}`);
  await expect(page).toHaveTitle(`Pilar ${pillar.number}: ${pillar.nameEs} · Editar pilar · ${languages.es.app}`);
});
