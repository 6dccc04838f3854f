// Lighthouse (a pinned version) on pages of a running server, in the system's
// Chromium, as the benchmark's last step: the mobile preset (simulated slow
// 4G, 4× CPU slowdown, a phone's screen) and the desktop one, signed in
// through the session cookie the benchmark already holds. Each run is
// Lighthouse's own command in a process of its own, with a Chromium of its
// own: run inside the benchmark's process, the first page was served as if
// signed in, and nothing of one run can reach the next.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Result } from "lighthouse";
import { projectRoot } from "./migrations";

export interface LighthousePage {
  name: string;
  path: string;
  /** Sent with every request of the page: the session cookie of a signed-in page. */
  cookie?: string;
}

export interface LighthouseScore {
  name: string;
  path: string;
  preset: "mobile" | "desktop";
  /** Category scores out of 100. */
  performance: number;
  accessibility: number;
  bestPractices: number;
  /** What the performance score is made of, in milliseconds (layout shift: unitless). */
  firstContentfulPaintMs: number;
  largestContentfulPaintMs: number;
  totalBlockingTimeMs: number;
  cumulativeLayoutShift: number;
  /** Main-thread work during the load, after the preset's CPU slowdown. */
  mainThreadMs: number;
}

const categories = ["performance", "accessibility", "best-practices"];

function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(path)) throw new Error(`No Chromium at ${path} for Lighthouse: apt-get install chromium, or set CHROMIUM_PATH`);
  return path;
}

const lighthouseCli = path.join(projectRoot, "node_modules", "lighthouse", "cli", "index.js");
// The closed network refuses Chromium's own background connections, which would otherwise show in the traces.
const chromiumFlags = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run";

/**
 * Each page with each preset, one after the other (in parallel, the runs
 * would slow each other's CPU), `runs` times: a page's figures are those of
 * its run of median performance score, as Lighthouse advises against a
 * single run's variance.
 */
export async function lighthouseScores(baseUrl: string, pages: LighthousePage[], runs: number): Promise<LighthouseScore[]> {
  const scores: LighthouseScore[] = [];
  for (const preset of ["mobile", "desktop"] as const) {
    for (const page of pages) {
      const scored: LighthouseScore[] = [];
      for (let run = 0; run < runs; run++) scored.push(await scorePage(baseUrl, page, preset));
      scored.sort((a, b) => a.performance - b.performance);
      scores.push(scored[Math.floor(scored.length / 2)]!);
    }
  }
  return scores;
}

/** Lighthouse's report of one run, from its command line. */
async function runLighthouse(url: string, page: LighthousePage, preset: LighthouseScore["preset"]): Promise<Result> {
  const folder = mkdtempSync(path.join(os.tmpdir(), "lighthouse-"));
  const report = path.join(folder, "report.json");
  try {
    const args = [
      lighthouseCli,
      url,
      `--chrome-path=${chromiumPath()}`,
      `--chrome-flags=${chromiumFlags}`,
      `--only-categories=${categories.join(",")}`,
      "--output=json",
      `--output-path=${report}`,
      "--quiet",
      ...(preset === "desktop" ? ["--preset=desktop"] : []),
      ...(page.cookie ? [`--extra-headers=${JSON.stringify({ Cookie: page.cookie })}`] : []),
    ];
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "inherit"] });
      child.on("error", reject);
      child.on("exit", resolve);
    });
    if (code !== 0) throw new Error(`Lighthouse on ${page.path} (${preset}) ended with exit code ${code}`);
    return JSON.parse(readFileSync(report, "utf8")) as Result;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** One Lighthouse run of a page with a preset. */
async function scorePage(baseUrl: string, page: LighthousePage, preset: LighthouseScore["preset"]): Promise<LighthouseScore> {
  const url = new URL(page.path, baseUrl);
  const { categories: scored, audits, runtimeError, finalDisplayedUrl } = await runLighthouse(url.href, page, preset);
  if (runtimeError) throw new Error(`Lighthouse on ${page.path}: ${runtimeError.code} ${runtimeError.message}`);
  // A page that redirected (to sign-in, say) would be scored as another page.
  if (new URL(finalDisplayedUrl).pathname !== url.pathname) throw new Error(`Lighthouse on ${page.path} ended on ${finalDisplayedUrl}`);
  const category = (id: string) => Math.round((scored[id]?.score ?? NaN) * 100);
  const value = (id: string) => audits[id]?.numericValue ?? NaN;
  return {
    name: page.name,
    path: page.path,
    preset,
    performance: category("performance"),
    accessibility: category("accessibility"),
    bestPractices: category("best-practices"),
    firstContentfulPaintMs: value("first-contentful-paint"),
    largestContentfulPaintMs: value("largest-contentful-paint"),
    totalBlockingTimeMs: value("total-blocking-time"),
    cumulativeLayoutShift: value("cumulative-layout-shift"),
    mainThreadMs: value("mainthread-work-breakdown"),
  };
}
