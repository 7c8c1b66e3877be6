import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseNotebook } from "@tsdl/kernel-ext/notebook";
import { LiveSite, cell, cellsOf, liveTestsEnabled, repoRoot, runWholeNotebook, screenshotDir, setCode, waitUntilRun } from "./liveSite.js";

// The live handouts in Debian's Chromium, from file://, with every request off the machine refused:
// notebooks 00-05 and 09 run top to bottom in the page and print the numbers the kernel printed (06-08,
// which train for minutes, are tests/browser/liveTraining.test.ts).
const NOTEBOOKS = ["00-setup", "01-concepts", "02-algorithms", "03-preprocessing", "04-training", "05-evaluation", "09-faq"];

let site: LiveSite;
const openPage = (name: string, backend?: string | null) => site.openPage(`${name}.html`, backend);

describe.skipIf(!liveTestsEnabled(NOTEBOOKS))("the live handouts in Chromium, offline from file://", () => {
  beforeAll(async () => {
    site = await LiveSite.open(true);
  }, 180_000);

  afterAll(async () => {
    await site?.close();
    expect(site?.offMachine).toEqual([]);
  });

  for (const name of NOTEBOOKS) {
    it(`runs every code cell of ${name} top to bottom, with the executed notebook's numbers`, async () => {
      const page = await openPage(name);
      const run = await runWholeNotebook(page, name);
      expect(run.failures).toEqual([]);
      expect(run.differing).toEqual([]);
      expect(run.codeCells).toBe(run.executedCodeCells);
      if (name === "04-training") {
        // The status line was updated in place while it trained, and ended with the run's result.
        expect(run.progressLines.some((line) => / epoch \d+\/10 /.test(line))).toBe(true);
        expect(run.progressLines.some((line) => / done: 10 epochs/.test(line))).toBe(true);
      }
      await page.close();
    }, 400_000);
  }

  it("shows a tensor table, a DataFrame, a chart and a model summary produced in the page", async () => {
    const page = await openPage("01-concepts");
    await cell(page, "nb01-12c").locator(".live-run-above").click();
    await waitUntilRun(page, await cellsOf(page).evaluateAll((s) => s.findIndex((e) => e.id === "cell-nb01-12c") + 1));
    await page.waitForSelector("#cell-nb01-07 .live-outputs .main-svg");
    const shots = [
      { id: "nb01-12c", file: "tensor-table.png", has: "table" },
      { id: "nb01-09", file: "dataframe.png", has: "table" },
      { id: "nb01-03", file: "model-summary.png", has: "table" },
      { id: "nb01-07", file: "chart.png", has: ".main-svg" },
    ];
    for (const shot of shots) {
      const outputs = cell(page, shot.id).locator(".live-outputs");
      await expect(outputs.locator(shot.has).count()).resolves.toBeGreaterThan(0);
      await outputs.screenshot({ path: path.join(screenshotDir, shot.file) });
    }
    await expect(cell(page, "nb01-03").locator(".live-outputs").innerText()).resolves.toMatch(/Total params: [\d,]+/);
    await page.close();
  }, 300_000);

  it("chooses the browser's fastest backend by itself and says which and why", async () => {
    const page = await openPage("00-setup", null);
    const first = cellsOf(page).first();
    await setCode(first, 'import { backendInfo, tf } from "@tsdl/lib";\nconst info = backendInfo();\n`${info.name} ${tf.getBackend()}: ${info.reason}`');
    await first.locator(".live-run").click();
    await waitUntilRun(page, 1, 60_000);
    const text = await first.locator(".live-outputs").innerText();
    // Headless Chromium without a GPU still offers WebGL (SwiftShader); wasm when it does not.
    expect(text).toMatch(/^'(webgl webgl|wasm wasm): (webgl|wasm) is the fastest backend/);
    await expect(page.locator(".live-runtime-status").innerText()).resolves.toMatch(/TensorFlow\.js on (webgl|wasm)/);
    await page.close();
  }, 120_000);

  it("runs an exercise's public self-check against the learner's code", async () => {
    const page = await openPage("00-setup");
    const instructor = parseNotebook(await readFile(path.join(repoRoot, "notebooks/00-setup.ipynb"), "utf8"), "00-setup.ipynb");
    const exercise = instructor.cells.find((c) => c.id === "ex00-broadcast-shape")!;
    const solved = [exercise.source].flat().join("").replace(/^.*(BEGIN|END) SOLUTION.*\n/gm, "");
    await setCode(cell(page, "ex00-broadcast-shape"), solved);
    await cell(page, "ex00-broadcast-shape").locator(".live-run").click();
    await cell(page, "nb00-20").locator(".live-run").click();
    await waitUntilRun(page, 2);
    await expect(cell(page, "nb00-20").locator(".live-outputs").innerText()).resolves.toContain("broadcastShape: 3/3 checks passed");

    const download = page.waitForEvent("download");
    await page.locator(".live-download").click();
    const notebook = parseNotebook(await readFile(await (await download).path(), "utf8"), "download");
    const edited = notebook.cells.find((c) => c.id === "ex00-broadcast-shape")!;
    expect([edited.source].flat().join("")).toBe(solved);
    expect(notebook.cells.every((c) => c.cell_type !== "code" || c.outputs.length === 0)).toBe(true);
    await page.close();
  }, 120_000);

  it("speaks Chinese on a Chinese page: the runtime's status, a cell's status after Run and after Stop, the runtime's errors", async () => {
    const page = await site.openPage("zh/00-setup.html");
    const [first, second, third] = [cellsOf(page).nth(0), cellsOf(page).nth(1), cellsOf(page).nth(2)];
    await setCode(first, "const answer = 6 * 7;\nanswer");
    await first.locator(".live-run").click();
    await waitUntilRun(page, 1, 60_000);
    await expect(first.locator(".live-outputs").innerText()).resolves.toBe("42");
    await expect(first.locator(".live-status").innerText()).resolves.toMatch(/^用时 \d+\.\d 秒$/);
    await expect(page.locator(".live-runtime-status").innerText()).resolves.toBe("运行环境已就绪：TensorFlow.js 使用 wasm 后端");

    await setCode(second, "await new Promise((resolve) => setTimeout(resolve, 60_000));");
    await second.locator(".live-run").click();
    await second.locator(".live-status", { hasText: "运行中…" }).waitFor({ timeout: 10_000 });
    await second.locator(".live-stop").click();
    await waitUntilRun(page, 2, 10_000);
    await expect(second.locator(".live-status").innerText()).resolves.toBe("已停止");
    await expect(second.locator(".output-error").innerText()).resolves.toMatch(/^KeyboardInterrupt: 单元格已被停止(\n（另有 \d+ 层调用在页面的运行环境内部）)?$/);

    await setCode(third, 'import { execSync } from "node:child_process";\nimport { readFileSync } from "node:fs";\ntry { readFileSync("/nowhere.txt"); } catch (error) { console.log((error as Error).message); }\nexecSync("ls");');
    await third.locator(".live-run").click();
    await waitUntilRun(page, 3, 10_000);
    await expect(third.locator(".live-status").innerText()).resolves.toMatch(/^\d+\.\d 秒后出错$/);
    const errorText = await third.locator(".live-outputs").innerText();
    expect(errorText).toContain("ENOENT：没有这个文件或文件夹，open '/nowhere.txt'（在页面的内存中");
    expect(errorText).toContain("JupyterOnlyError: node:child_process's execSync() 只能在 Jupyter 中运行");
    expect(errorText).toContain("位于单元格第 4 行：execSync(\"ls\");");
    await page.screenshot({ path: path.join(screenshotDir, "zh-after-stop.png") });
    await page.close();
  }, 120_000);

  it("stops a long training cell between batches and keeps the page's state; restarts a cell that never yields", async () => {
    const page = await openPage("00-setup");
    const [first, second] = [cellsOf(page).nth(0), cellsOf(page).nth(1)];
    await setCode(
      first,
      [
        'import { tf } from "@tsdl/lib";',
        'import { liveProgress } from "@tsdl/kernel-ext";',
        "const kept = 41;",
        "const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });",
        'model.compile({ optimizer: "sgd", loss: "meanSquaredError" });',
        "await model.fit(tf.ones([256, 1]), tf.ones([256, 1]), { epochs: 100000, batchSize: 1, verbose: 0, callbacks: new tf.CustomCallback(liveProgress({ epochs: 100000 })) });",
      ].join("\n"),
    );
    await first.locator(".live-run").click();
    await first.locator(".live-outputs", { hasText: /epoch \d+\/100000/ }).waitFor({ timeout: 60_000 });
    await first.locator(".live-stop").click();
    await waitUntilRun(page, 1, 10_000);
    await expect(first.getAttribute("data-live-status")).resolves.toBe("interrupted");
    await expect(first.locator(".live-outputs").innerText()).resolves.toMatch(/interrupted in epoch/);
    await setCode(second, "kept + 1");
    await second.locator(".live-run").click();
    await waitUntilRun(page, 2);
    await expect(second.locator(".live-outputs").innerText()).resolves.toBe("42");

    await setCode(first, "while (true) {}");
    await first.locator(".live-run").click();
    await page.waitForTimeout(500);
    await first.locator(".live-stop").click();
    await page.waitForFunction(() => document.querySelector("section.code-cell")?.getAttribute("data-live-status") === "restarted", null, { timeout: 20_000 });
    await expect(page.locator(".live-runtime-status").innerText()).resolves.toMatch(/restarted.*run them again/);
    await setCode(second, "typeof kept");
    await second.locator(".live-run").click();
    await page.waitForFunction(() => document.querySelectorAll("section.code-cell")[1]?.querySelector(".live-outputs")?.textContent?.includes("undefined"), null, { timeout: 60_000 });
    await page.close();
  }, 180_000);
});
