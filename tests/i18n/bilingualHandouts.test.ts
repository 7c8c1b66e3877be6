// Issue 16's handouts acceptance on the handouts fixtures and a Chinese edition of them: a language
// switch on every page to the same page, index, navigation and search in the page's language (a search
// for 过拟合 finds the overfitting section), a glossary page, and Chinese text (page and static chart
// picture) drawn with real glyphs in Chromium, not tofu boxes. Screenshots: dist/handouts-zh-fixtures/screenshots/.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseNotebook, type Notebook } from "@tsdl/kernel-ext/notebook";
import { plotlyToStaticImage } from "@tsdl/kernel-ext/static-chart";
import { renderBilingualHandouts } from "../../tools/src/handouts/bilingualHandouts.js";
import { relinkForSubfolder } from "../../tools/src/i18n/chineseEdition.js";
import { repoRoot } from "../helpers/runNode.js";
import { launchChromium } from "../handouts/openPagesInChromium.js";

const fixturesDir = path.join(repoRoot, "tests/handouts/fixtures");
const siteDir = path.join(repoRoot, "dist/handouts-zh-fixtures");
const screenshots = path.join(siteDir, "screenshots");

// The Chinese text of the fixtures' Markdown cells, by cell id.
const CHINESE: Record<string, string> = {
  title: "# 每种输出\n\n学习目标：看看每种输出在讲义中的样子，包括行内公式 $\\sigma(z) = \\frac{1}{1+e^{-z}}$ 和正文。\n\n## 过拟合\n\n模型在训练集上很好、在新数据上很差，就是过拟合（overfitting）。",
  math: "## 数学与 Markdown\n\n均方误差是\n\n$$\n\\mathrm{MSE} = \\frac{1}{n}\\sum_{i=1}^{n} (y_i - \\hat y_i)^2\n$$\n\n| 损失 | 用途 |\n|---|---|\n| MSE | 回归 |\n| 交叉熵 | 分类 |",
  text: "## 文本输出\n\n### 流和结果",
  rich: "## 富输出\n\n### 表格和图片",
  charts: "### 图表",
  errors: "## 错误",
  "exercise-intro": "## 练习",
  intro: "学习目标：没有一级标题的页面用文件名作标题。\n\n## 准备\n\n开销随序列长度按 $O(n^2)$ 增长。",
  again: relinkForSubfolder("## 准备\n\n同名的第二个标题有自己的锚点。[错误一节](01-every-output.ipynb#errors)在上一页。\n\n![流程](figures/pipeline.svg)\n\n![方块](attachment:square.png)\n\n## 中文 标题"),
};

const CHART_LABELS = { title: "训练集与验证集的准确率", x: "数据划分", y: "准确率", categories: ["训练集", "验证集", "测试集"] };

async function chineseEdition(notebook: Notebook): Promise<Notebook> {
  const copy = structuredClone(notebook);
  copy.metadata.language = "zh";
  for (const cell of copy.cells) {
    if (cell.cell_type === "markdown") cell.source = CHINESE[cell.id as string] ?? "";
  }
  const image = await plotlyToStaticImage({
    data: [{ type: "bar", x: CHART_LABELS.categories, y: [0.98, 0.81, 0.79] }],
    layout: { title: { text: CHART_LABELS.title }, xaxis: { title: { text: CHART_LABELS.x } }, yaxis: { title: { text: CHART_LABELS.y } } },
  });
  if (!image) throw new Error("the chart has no static picture");
  const svg = Buffer.from(image.dataUrl.split(",")[1]!, "base64").toString("utf8");
  writeFileSync(path.join(siteDir, "chart.svg"), svg);
  const chartCell = copy.cells.find((cell) => cell.id === "svg");
  if (chartCell?.cell_type === "code") chartCell.outputs = [{ output_type: "display_data", data: { "image/svg+xml": svg, "text/plain": "图表" }, metadata: {} }];
  return copy;
}

/**
 * The characters of `text` that `font` draws as the missing-glyph box: each is drawn alone on a canvas
 * and compared, pixel for pixel, with two unassigned code points (which every font lacks).
 */
async function tofuCharacters(page: Page, text: string, font: string): Promise<string[]> {
  return page.evaluate(
    ({ text, font }) => {
      const canvas = new OffscreenCanvas(48, 48);
      const context = canvas.getContext("2d", { willReadFrequently: true })!;
      const draw = (char: string) => {
        context.clearRect(0, 0, 48, 48);
        context.font = font;
        context.fillText(char, 4, 36);
        return Array.from(context.getImageData(0, 0, 48, 48).data).join(",");
      };
      const missing = new Set([draw("\u{E0FFE}"), draw("\u{10FFFD}")]);
      const blank = draw(" ");
      return [...new Set(Array.from(text))].filter((char) => /\S/u.test(char) && (missing.has(draw(char)) || draw(char) === blank));
    },
    { text, font },
  );
}

describe("the handouts in two editions (fixtures)", () => {
  let browser: Browser;
  let executed: string;

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    executed = mkdtempSync(path.join(tmpdir(), "zh-handouts-"));
    const sources = mkdtempSync(path.join(tmpdir(), "zh-sources-"));
    mkdirSync(path.join(executed, "zh"));
    cpSync(path.join(fixturesDir, "figures"), path.join(sources, "figures"), { recursive: true });
    for (const name of ["01-every-output.ipynb", "02-no-title.ipynb"]) {
      const text = readFileSync(path.join(fixturesDir, name), "utf8");
      writeFileSync(path.join(executed, name), text);
      writeFileSync(path.join(executed, "zh", name), JSON.stringify(await chineseEdition(parseNotebook(text, name))));
    }
    await renderBilingualHandouts({
      executedDir: executed,
      outDir: siteDir,
      sourceDir: sources,
      glossary: [
        { en: "loss function", zh: "损失函数", notebook: "02-no-title" },
        { en: "overfitting", zh: "过拟合", notebook: "01-every-output" },
      ],
    });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  const read = (file: string) => readFileSync(path.join(siteDir, file), "utf8");

  it("writes each edition's pages, index and glossary in its own language, each linking to the same page in the other", () => {
    for (const file of ["index.html", "glossary.html", "01-every-output.html", "02-no-title.html"]) {
      expect(read(file)).toContain(`<a class="edition-switch" href="zh/${file}" hreflang="zh-Hans"`);
      expect(read(`zh/${file}`)).toContain(`<a class="edition-switch" href="../${file}" hreflang="en"`);
      expect(read(`zh/${file}`)).toMatch(/^<!doctype html>\n<html lang="zh-Hans">/);
      expect(read(`zh/${file}`)).toContain('<link rel="stylesheet" href="../assets/handouts.css">');
    }
    const index = read("zh/index.html");
    expect(index).toContain("<h1>tsdl：用 TypeScript 学深度学习</h1>");
    expect(index).toContain('placeholder="搜索课程"');
    expect(index).toContain('<h2><a href="index.html">目录</a></h2>');
    expect(read("zh/02-no-title.html")).toContain("<small>上一章</small>每种输出");
    expect(read("zh/glossary.html")).toContain('<tr><td lang="en">overfitting</td><td lang="zh-Hans">过拟合</td><td><a href="01-every-output.html">每种输出</a></td></tr>');
    expect(read("glossary.html")).toContain('<tr><td lang="en">overfitting</td><td lang="zh-Hans">过拟合</td><td><a href="01-every-output.html">Every output type</a></td></tr>');
    // The figure a Chinese page links to (../figures/) is the English edition's copy.
    expect(read("zh/02-no-title.html")).toContain('src="../figures/pipeline.svg"');
  });

  it("switches between the editions in Chromium and loads nothing from the network", async () => {
    const page = await browser.newPage();
    const foreign: string[] = [];
    const errors: string[] = [];
    page.on("request", (request) => {
      if (!/^(file|data):/.test(request.url())) foreign.push(request.url());
    });
    page.on("requestfailed", (request) => errors.push(`${request.url()}: ${request.failure()?.errorText}`));
    page.on("pageerror", (error) => errors.push(String(error)));
    await page.goto(pathToFileURL(path.join(siteDir, "02-no-title.html")).href);
    await Promise.all([page.waitForURL(pathToFileURL(path.join(siteDir, "zh/02-no-title.html")).href), page.click(".edition-switch")]);
    expect(await page.isVisible('img[src="../figures/pipeline.svg"]')).toBe(true);
    expect(await page.$eval('img[src="../figures/pipeline.svg"]', (img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await Promise.all([page.waitForURL(pathToFileURL(path.join(siteDir, "02-no-title.html")).href), page.click(".edition-switch")]);
    expect([foreign, errors]).toEqual([[], []]);
    await page.close();
  });

  it("finds the overfitting section with a Chinese search (过拟合) and an English one in the English edition", async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(path.join(siteDir, "zh/02-no-title.html")).href);
    await page.fill("#course-search", "过拟合");
    await page.locator("#course-search-results a").first().waitFor();
    const hits = await page.$$eval("#course-search-results a", (links) => links.map((link) => [link.getAttribute("href"), link.querySelector("strong")!.textContent]));
    // Only the cell that teaches it: its section is the page title's.
    expect(hits).toEqual([["01-every-output.html#cell-title", "每种输出 › 每种输出"]]);
    // A term that is in no page finds nothing, and says so in Chinese.
    await page.fill("#course-search", "卷积");
    await page.locator("#course-search-results .no-match").waitFor();
    expect(await page.textContent("#course-search-results")).toBe("没有找到");
    await page.goto(pathToFileURL(path.join(siteDir, "01-every-output.html")).href);
    await page.fill("#course-search", "misconception");
    await page.locator("#course-search-results a").first().waitFor();
    expect(await page.getAttribute("#course-search-results a", "href")).toBe("01-every-output.html#cell-math");
    await page.close();
  });

  it("draws every Chinese character of a page and of a chart picture with a real glyph (no tofu), and screenshots both", async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(pathToFileURL(path.join(siteDir, "zh/01-every-output.html")).href);
    await page.evaluate(() => document.fonts.ready);
    const pageFont = await page.$eval("article p", (p) => getComputedStyle(p).font);
    const pageText = await page.$eval("body", (body) => body.innerText);
    expect(pageText).toContain("过拟合");
    // The check can fail: Old Hungarian has no font on the machine, so it is tofu.
    expect(await tofuCharacters(page, "𐲀𐲁", pageFont)).toEqual(["𐲀", "𐲁"]);
    expect(await tofuCharacters(page, pageText.replace(/[^\p{Script=Han}]/gu, ""), pageFont)).toEqual([]);
    await page.screenshot({ path: path.join(screenshots, "zh-01-every-output.png") });
    await page.locator('img[src^="data:image/svg+xml"]').first().scrollIntoViewIfNeeded();
    await page.locator('img[src^="data:image/svg+xml"]').first().screenshot({ path: path.join(screenshots, "zh-chart-in-page.png") });

    // The chart picture drawn in Node: its labels as the browser draws them, in the font the SVG names.
    await page.goto(pathToFileURL(path.join(siteDir, "chart.svg")).href);
    const labels = await page.$$eval("text", (texts) => texts.map((text) => ({ text: text.textContent ?? "", font: getComputedStyle(text).font })));
    const shown = labels.map((label) => label.text).join("");
    for (const label of [CHART_LABELS.title, CHART_LABELS.x, CHART_LABELS.y, ...CHART_LABELS.categories]) expect(shown).toContain(label);
    for (const { text, font } of labels.filter((label) => /\p{Script=Han}/u.test(label.text))) {
      expect(await tofuCharacters(page, text, font), `${text} in ${font}`).toEqual([]);
    }
    await page.screenshot({ path: path.join(screenshots, "zh-chart.png") });
    await page.close();
  });
});
