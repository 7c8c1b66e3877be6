import { mkdir } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type BrowserContext } from "playwright-core";

// Debian's Chromium; the flags keep it from calling home so any request seen comes from the page.
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export interface PageReport {
  file: string;
  consoleErrors: string[];
  /** Requests to anything other than file:// and data: URLs. */
  foreignRequests: string[];
  failedRequests: string[];
  charts: number;
  /** Charts whose container holds a drawn Plotly SVG. */
  drawnCharts: number;
  katex: number;
  katexErrors: number;
}

/** Opens one handout page, waits for its charts, and reports what a reader's browser would have done. */
export async function openPage(context: BrowserContext, siteDir: string, file: string, screenshot?: string): Promise<PageReport> {
  const page = await context.newPage();
  const report: PageReport = { file, consoleErrors: [], foreignRequests: [], failedRequests: [], charts: 0, drawnCharts: 0, katex: 0, katexErrors: 0 };
  page.on("console", (message) => {
    if (message.type() === "error") report.consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => report.consoleErrors.push(String(error)));
  page.on("request", (request) => {
    if (!/^(file|data):/.test(request.url())) report.foreignRequests.push(request.url());
  });
  page.on("requestfailed", (request) => report.failedRequests.push(`${request.url()}: ${request.failure()?.errorText}`));
  try {
    await page.goto(pathToFileURL(path.join(siteDir, file)).href, { waitUntil: "load" });
    await page
      .waitForFunction(() => Array.from(document.querySelectorAll(".plotly-chart")).every((chart) => chart.querySelector(".main-svg")), null, {
        timeout: 20_000,
      })
      .catch(() => undefined);
    await page.evaluate(() => document.fonts.ready);
    Object.assign(
      report,
      await page.evaluate(() => {
        const charts = Array.from(document.querySelectorAll(".plotly-chart"));
        return {
          charts: charts.length,
          drawnCharts: charts.filter((chart) => chart.querySelector(".main-svg")).length,
          katex: document.querySelectorAll(".katex").length,
          katexErrors: document.querySelectorAll(".katex-error").length,
        };
      }),
    );
    if (screenshot) {
      await mkdir(path.dirname(screenshot), { recursive: true });
      await page.screenshot({ path: screenshot, fullPage: true });
    }
  } finally {
    await page.close();
  }
  return report;
}
