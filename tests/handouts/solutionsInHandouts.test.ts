import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { renderHandouts } from "../../tools/src/handouts/renderHandouts.js";

const exerciseSource = [
  "function mean(xs: number[]): number {",
  "  // BEGIN SOLUTION",
  "  return xs.reduce((sum, x) => sum + x, 0) / xs.length;",
  "  // END SOLUTION",
  "}",
].join("\n");

const notebook = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells: [
    { cell_type: "markdown", id: "intro", metadata: {}, source: "# Means\n\nWrite `mean`." },
    { cell_type: "code", id: "ex01-mean", metadata: { tags: ["exercise"] }, execution_count: 1, outputs: [], source: exerciseSource },
    { cell_type: "code", id: "check", metadata: {}, execution_count: 2, outputs: [], source: "mean([1, 2, 3])" },
  ],
};

const text = (html: string) => html.replace(/<[^>]+>/g, "").replaceAll("&quot;", '"').replaceAll("&gt;", ">");

describe("exercise solutions in handouts", () => {
  let executedDir: string;
  beforeAll(async () => {
    executedDir = await mkdtemp(path.join(tmpdir(), "handouts-solutions-"));
    await writeFile(path.join(executedDir, "01-means.ipynb"), JSON.stringify(notebook));
  });

  async function render(withSolutions?: boolean) {
    const outDir = path.join(executedDir, `out-${String(withSolutions)}`);
    await renderHandouts({ executedDir, outDir, withSolutions });
    const [page, search] = await Promise.all(["01-means.html", "search-index.js"].map((file) => readFile(path.join(outDir, file), "utf8")));
    return { page, search };
  }

  it("by default shows the learner's stub, and the solution is neither on the page nor in the search index", async () => {
    const { page, search } = await render();
    expect(text(page)).toContain('throw new Error("Exercise ex01-mean (mean): not implemented yet");');
    expect(page).not.toContain("reduce");
    expect(page).not.toContain("BEGIN SOLUTION");
    expect(page).not.toContain('class="solution"');
    expect(search).toContain("not implemented yet");
    expect(search).not.toContain("reduce");
  });

  it("with withSolutions adds the solution, collapsed, under the stub, and still indexes only the stub", async () => {
    const { page, search } = await render(true);
    const details = /<details class="solution">([\s\S]*?)<\/details>/.exec(page);
    expect(details).not.toBeNull();
    expect(text(details![1]!)).toContain("return xs.reduce((sum, x) => sum + x, 0) / xs.length;");
    expect(page.indexOf("not implemented yet")).toBeLessThan(details!.index);
    expect(page.match(/class="solution"/g)).toHaveLength(1);
    expect(search).not.toContain("reduce");
  });
});
