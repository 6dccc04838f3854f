import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { demoCommitments } from "../scripts/lib/seed/demo-data";
import { expectNoSeriousAccessibilityFindings } from "./helpers";
import { demoAccounts } from "./users";

// Open data (/public/data), as a visitor signed in as no one meets it: the
// page lists every file with its licence and data dictionary, a CSV and a JSON
// file download with the dictionary's columns, and the page reads in Spanish
// at its Spanish address.

const anonymous = { cookies: [], origins: [] };
test.use({ storageState: anonymous });

const files = ["pillars", "commitments", "milestones", "status-history", "assessments", "evidence", "indicators", "observations"];

interface Dictionary {
  licence: { name: string; url: string };
  files: { name: string; csv: string; json: string; columns: { name: string }[] }[];
}

test("a visitor finds the open data from the public record, each file as CSV and JSON, under CC BY 4.0, with a data dictionary", async ({ page }) => {
  await page.goto("/public/en");
  await page.getByRole("navigation", { name: "Public record" }).getByRole("link", { name: "Open data" }).click();
  await expect(page).toHaveURL(/\/public\/en\/data$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Open data");
  await expect(page.getByTestId("open-data-licence").getByRole("link")).toHaveAttribute("href", "https://creativecommons.org/licenses/by/4.0/");
  await expect(page.getByTestId("open-data-licence")).toContainText("CC BY 4.0");
  await expect(page.getByTestId("open-data-last-change")).toHaveText(/^Last change to the data: \w+ \d{1,2}, \d{4}\.$/);
  const table = page.getByTestId("open-data-files");
  for (const file of files) {
    await expect(table.getByRole("link", { name: `${file}.csv`, exact: true })).toHaveAttribute("href", `/public/data/${file}.csv`);
    await expect(table.getByRole("link", { name: `${file}.json`, exact: true })).toHaveAttribute("href", `/public/data/${file}.json`);
    await expect(page.getByTestId(`open-data-columns-${file}`)).toBeVisible();
  }
  await expect(page.getByTestId("open-data-columns-milestones").getByRole("rowheader", { name: "title_es", exact: true })).toBeVisible();
  await expectNoSeriousAccessibilityFindings(page);

  const dictionaryResponse = await page.request.get("/public/data/dictionary.json");
  expect(dictionaryResponse.headers()["cache-control"]).toBe("public, max-age=60");
  const dictionary = (await dictionaryResponse.json()) as Dictionary;
  expect(dictionary.files.map((file) => file.name)).toEqual(files);
  const columnsOf = (name: string) => dictionary.files.find((file) => file.name === name)!.columns.map((column) => column.name);

  // A CSV file: the dictionary's columns, the plan in both languages.
  const [download] = await Promise.all([page.waitForEvent("download"), table.getByRole("link", { name: "milestones.csv", exact: true }).click()]);
  expect(download.suggestedFilename()).toBe("milestones.csv");
  const rows: string[][] = parse(await readFile(await download.path()), { bom: true });
  expect(rows[0]).toEqual(columnsOf("milestones"));
  const milestone = demoCommitments[0]!.milestones[0]!;
  const titles = rows.slice(1).map((row) => [row[2], row[3]]);
  expect(titles).toContainEqual([milestone.title, milestone.titleEs]);
  const csv = await page.request.get("/public/data/milestones.csv");
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(csv.headers()["cache-control"]).toBe("public, max-age=60");

  // A JSON file: the standing published assessments, the reviewer named on theirs.
  const [jsonDownload] = await Promise.all([page.waitForEvent("download"), table.getByRole("link", { name: "assessments.json", exact: true }).click()]);
  const assessments = JSON.parse(await readFile(await jsonDownload.path(), "utf8")) as { licence: { name: string }; lastChanged: string; rows: Record<string, unknown>[] };
  expect(assessments.licence.name).toBe("CC BY 4.0");
  expect(assessments.lastChanged).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  expect(assessments.rows.length).toBeGreaterThan(0);
  for (const row of assessments.rows) expect(Object.keys(row)).toEqual(columnsOf("assessments"));
  expect(assessments.rows.map((row) => row.reviewer)).toContain(demoAccounts.reviewer.name);
});

test("the open data page reads in Spanish at its Spanish address, with the English one as an alternate", async ({ page }) => {
  await page.goto("/public/es/data");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Datos abiertos");
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.locator('link[rel="alternate"][hreflang="en"]')).toHaveAttribute("href", /\/public\/en\/data$/);
  await expect(page.getByTestId("open-data-licence")).toContainText("licencia Creative Commons Atribución (CC BY 4.0)");
  await expect(page.getByTestId("open-data-last-change")).toHaveText(/^Último cambio de los datos: \d{1,2} de \w+ de \d{4}\.$/);
  await expect(page.getByTestId("open-data-columns-milestones").getByRole("row", { name: /^title_es / })).toContainText("El título del hito en español");
  await expectNoSeriousAccessibilityFindings(page);
  await page.getByRole("link", { name: "English" }).click();
  await expect(page).toHaveURL(/\/public\/en\/data$/);
});
