import { cp, mkdtemp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseNotebook } from "@tsdl/kernel-ext/notebook";
import { renderHandouts, type HandoutsSite } from "../../tools/src/handouts/renderHandouts.js";
import { repoRoot } from "../helpers/runNode.js";

const fixturesDir = path.join(repoRoot, "tests/handouts/fixtures");

describe("renderHandouts on the hand-made executed notebooks", () => {
  let site: HandoutsSite;
  let everyOutput: string;
  let noTitle: string;
  let index: string;

  beforeAll(async () => {
    const outDir = await mkdtemp(path.join(tmpdir(), "handouts-"));
    await writeFile(path.join(outDir, "removed-notebook.html"), "stale");
    site = await renderHandouts({ executedDir: fixturesDir, outDir });
    [everyOutput, noTitle, index] = await Promise.all(
      ["01-every-output.html", "02-no-title.html", "index.html"].map((file) => readFile(path.join(outDir, file), "utf8")),
    );
  });

  it("writes one page per notebook in file order plus an index, and drops pages of removed notebooks", async () => {
    expect(site.pages.map((page) => [page.notebook, page.file, page.title, page.chartCount])).toEqual([
      ["01-every-output.ipynb", "01-every-output.html", "Every output type", 1],
      ["02-no-title.ipynb", "02-no-title.html", "02 no title", 1],
    ]);
    const files = (await readdir(site.outDir)).filter((name) => name.endsWith(".html")).sort();
    expect(files).toEqual(["01-every-output.html", "02-no-title.html", "index.html"]);
  });

  it("copies figures next to the pages, inlines attachments and points notebook links at pages", async () => {
    expect(noTitle).toContain(`<img src="figures/pipeline.svg" alt="pipeline">`);
    expect(await readFile(path.join(site.outDir, "figures/pipeline.svg"), "utf8")).toBe(
      await readFile(path.join(fixturesDir, "figures/pipeline.svg"), "utf8"),
    );
    expect(noTitle).toMatch(/<img src="data:image\/png;base64,iVBORw0KGgo[A-Za-z0-9+/=]+" alt="square">/);
    expect(noTitle).toContain(`<a href="01-every-output.html#errors">the errors section</a>`);
  });

  it("links every page to the course contents and its neighbours", () => {
    expect(everyOutput).toContain(`<a href="01-every-output.html" aria-current="page">Every output type</a>`);
    expect(everyOutput).toContain(`<a href="02-no-title.html">02 no title</a>`);
    expect(everyOutput).toContain(`rel="next" href="02-no-title.html"`);
    expect(everyOutput).not.toContain(`rel="prev"`);
    expect(noTitle).toContain(`rel="prev" href="01-every-output.html"`);
    expect(noTitle).not.toContain(`rel="next"`);
    expect(index).toContain(`<a href="01-every-output.html#math-and-markdown">Math and markdown</a>`);
    expect(index).toContain(`<a href="02-no-title.html#中文-标题">中文 标题</a>`);
  });

  it("gives headings stable ids, unique across the cells of a page, and lists them in the outline", () => {
    expect(everyOutput).toContain(`<h2 id="math-and-markdown">`);
    expect(everyOutput).toContain(`<h3 id="streams-and-results">`);
    expect(everyOutput).toContain(`<li class="outline-level-3"><a href="#tables-and-images">Tables and images</a></li>`);
    expect(noTitle.match(/<h2 id="[^"]+"/g)).toEqual([`<h2 id="setup"`, `<h2 id="setup-1"`, `<h2 id="中文-标题"`]);
  });

  it("renders math with KaTeX at build time, in markdown cells and in latex and markdown outputs", () => {
    // σ inline, the MSE display block, the text/latex output and the x² in the markdown output.
    expect(everyOutput.match(/<span class="katex">/g)).toHaveLength(4);
    expect(everyOutput).toContain(`<span class="katex-display">`);
    expect(everyOutput).not.toContain("katex-error");
    expect(everyOutput).not.toMatch(/\$\\sigma/);
  });

  it("draws Plotly charts from the JSON, never from the HTML fallback, with plotly.js loaded once from assets", () => {
    const specs = [...everyOutput.matchAll(/<script type="application\/json" class="plotly-figure" data-target="([^"]+)">(.*?)<\/script>/g)];
    expect(specs).toHaveLength(1);
    expect(everyOutput).toContain(`<div class="plotly-chart" id="${specs[0]![1]}">`);
    expect(JSON.parse(specs[0]![2]!).data[0].y).toEqual([1.0, 0.62, 0.41, 0.3, 0.26]);
    expect(everyOutput).not.toContain("cdn.plot.ly");
    expect(everyOutput).not.toContain("__tsdlPlotly");
    expect(everyOutput.match(/<script src="assets\/plotly\.min\.js"><\/script>/g)).toHaveLength(1);
    expect(index).not.toContain("plotly.min.js");
  });

  it("renders streams as a terminal shows them, results, tables and images", () => {
    expect(everyOutput).toContain(`<pre class="output-stream output-stdout">epoch 1\n</pre>`);
    expect(everyOutput).toContain(`<pre class="output-stream output-stderr">warning: slow backend\n</pre>`);
    expect(everyOutput).toContain(`<pre class="output-text">2</pre>`);
    expect(everyOutput).toContain(`<pre class="output-stream output-stdout">step 3/3\n</pre>`);
    expect(everyOutput).toContain(`<div class="output-html"><table class="tensor">`);
    expect(everyOutput).toMatch(/<img src="data:image\/png;base64,iVBORw0KGgo[A-Za-z0-9+/=]+" alt="output image" width="96" height="96">/);
    expect(everyOutput).toContain(`<img src="data:image/svg+xml;base64,${Buffer.from("<svg").toString("base64").slice(0, 4)}`);
  });

  it("shows errors with their traceback, ANSI colours turned into classed spans", () => {
    const error = everyOutput.match(/<pre class="output-error" role="alert">([\s\S]*?)<\/pre>/)![1]!;
    expect(error).toContain(`<span class="ansi-red-fg">RangeError</span>: learning rate must be positive, got -0.1`);
    expect(error).toContain("&lt;cell&gt;:1:7");
    expect(error).not.toContain("\u001b");
  });

  it("highlights TypeScript, marks exercises and leaves raw cells out", () => {
    expect(everyOutput).toContain(`<span class="hljs-keyword">export</span> <span class="hljs-keyword">function</span> <span class="hljs-title function_">softmax</span>`);
    expect(everyOutput).toContain(`<span class="cell-badge">Exercise</span>`);
    expect(everyOutput).toContain(`id="cell-exercise-softmax"`);
    expect(everyOutput).not.toContain("raw cells are not shown");
    expect(noTitle).toContain(`<span class="prompt" aria-label="execution count">[ ]</span>`);
  });

  it("copies plotly.js, KaTeX's stylesheet and all its fonts once into assets", async () => {
    const assets = path.join(site.outDir, "assets");
    const plotly = path.join(repoRoot, "node_modules/plotly.js-dist-min/plotly.min.js");
    expect((await stat(path.join(assets, "plotly.min.js"))).size).toBe((await stat(plotly)).size);
    expect(await readdir(path.join(assets, "katex/fonts"))).toEqual(await readdir(path.join(repoRoot, "node_modules/katex/dist/fonts")));
    expect((await readdir(assets)).sort()).toEqual(["handouts.css", "highlight.css", "katex", "minisearch.js", "plotly-charts.js", "plotly.min.js", "search.js"]);
  });

  it("indexes every markdown and code cell for the course search, under its nearest heading", async () => {
    const script = await readFile(path.join(site.outDir, "search-index.js"), "utf8");
    const docs = JSON.parse(script.replace(/^window\.tsdlSearchDocs = /, "").replace(/;\n$/, "")) as { href: string; heading: string; text: string }[];
    // 17 non-raw cells in 01-every-output, 5 in 02-no-title.
    expect(docs).toHaveLength(22);
    expect(docs).toContainEqual(expect.objectContaining({ href: "01-every-output.html#cell-exercise-softmax", heading: "Exercises" }));
    const math = docs.find((doc) => doc.href === "01-every-output.html#cell-math")!;
    expect(math.text).toMatch(/^Math and markdown The mean squared error is mathrm\{MSE\}/);
    expect(math.text).toContain("MSE regression cross-entropy classification Common misconception: accuracy");
    expect(docs.find((doc) => doc.href === "02-no-title.html#cell-again")!.text).toContain("the errors section is on the previous page");
  });

  it("references no other host from any page", () => {
    for (const html of [everyOutput, noTitle, index]) {
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    }
  });
});

describe("renderHandouts and parseNotebook reject bad input", () => {
  it("names executedDir when it has no notebooks", async () => {
    const empty = await mkdtemp(path.join(tmpdir(), "handouts-empty-"));
    await expect(renderHandouts({ executedDir: empty, outDir: path.join(empty, "out") })).rejects.toThrow(
      `executedDir must contain .ipynb files, got none in ${empty}`,
    );
  });

  it("names the notebook and the figure it links to when the figure is missing", async () => {
    const executedDir = await mkdtemp(path.join(tmpdir(), "handouts-nofigure-"));
    await cp(path.join(fixturesDir, "02-no-title.ipynb"), path.join(executedDir, "02-no-title.ipynb"));
    await expect(renderHandouts({ executedDir, outDir: path.join(executedDir, "out") })).rejects.toThrow(
      `renderHandouts: 02-no-title.ipynb links to figures/pipeline.svg, which is not a file in sourceDir ${executedDir}`,
    );
  });

  it("names the notebook, the expected and the actual nbformat", () => {
    expect(() => parseNotebook(JSON.stringify({ nbformat: 3, cells: [] }), "old.ipynb")).toThrow(
      "old.ipynb has nbformat 3; expected 4 (save it with Jupyter 4 or later)",
    );
    expect(() => parseNotebook(JSON.stringify({ nbformat: 4, cells: [{ cell_type: "heading" }] }), "x.ipynb")).toThrow(
      'x.ipynb: cell 0 is not a notebook cell (expected cell_type code, markdown or raw, got a string)',
    );
  });
});
