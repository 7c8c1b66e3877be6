import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LiveSite, cell, liveTestsEnabled, runWholeNotebook, screenshotDir } from "./liveSite.js";

// Notebooks 06-08 train for minutes on the browser's wasm backend (one thread in a file:// page): each
// runs top to bottom in the page, with no error output and the executed notebook's numbers (after the first
// training run only how many: see runWholeNotebook), in under 4 minutes. Its own file and vitest
// project, so that it runs alone after the other live tests.
const NOTEBOOKS = ["06-language", "07-vision", "08-large-models"];
const BUDGET_SECONDS = 240;

describe.skipIf(!liveTestsEnabled(NOTEBOOKS))("the live handouts of the training notebooks in Chromium, offline from file://", () => {
  let site: LiveSite;
  beforeAll(async () => {
    site = await LiveSite.open();
  }, 180_000);

  afterAll(async () => {
    await site?.close();
    expect(site?.offMachine).toEqual([]);
  });

  for (const name of NOTEBOOKS) {
    it(`runs every code cell of ${name} top to bottom in under ${BUDGET_SECONDS} s, with the executed notebook's numbers`, async () => {
      const page = await site.openPage(`${name}.html`);
      const run = await runWholeNotebook(page, name, { timeout: (BUDGET_SECONDS + 60) * 1000, trainedCountOnly: true });
      // The training cell after its run: the final progress line and the history it returned.
      if (name === "07-vision") await cell(page, "nb07-08").screenshot({ path: path.join(screenshotDir, "07-vision-training.png") });
      expect(run.failures).toEqual([]);
      expect(run.differing).toEqual([]);
      expect(run.codeCells).toBe(run.executedCodeCells);
      expect(run.seconds).toBeLessThan(BUDGET_SECONDS);
      await page.close();
    }, (BUDGET_SECONDS + 120) * 1000);
  }
});
