import { mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { runInNewContext } from "node:vm";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { renderHandouts } from "../../tools/src/handouts/renderHandouts.js";

const exerciseSource = ["function mean(xs: number[]): number {", "  // BEGIN SOLUTION", "  return xs.reduce((sum, x) => sum + x, 0) / xs.length;", "  // END SOLUTION", "}"].join("\n");
const notebook = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { kernelspec: { name: "tsdl", display_name: "TypeScript (tsdl)", language: "typescript" } },
  cells: [
    { cell_type: "markdown", id: "intro", metadata: { claims: [] }, source: "# Means\n\nWrite `mean`. </script>" },
    { cell_type: "code", id: "ex01-mean", metadata: { tags: ["exercise"] }, execution_count: 1, outputs: [], source: exerciseSource },
    { cell_type: "code", id: "check", metadata: {}, execution_count: 2, outputs: [{ output_type: "stream", name: "stdout", text: "2\n" }], source: "mean([1, 2, 3])" },
  ],
};

describe("the live handouts' files", () => {
  let outDir: string;
  beforeAll(async () => {
    const executedDir = await mkdtemp(path.join(tmpdir(), "live-pages-"));
    await writeFile(path.join(executedDir, "01-means.ipynb"), JSON.stringify(notebook));
    outDir = path.join(executedDir, "site");
    await renderHandouts({ executedDir, outDir });
  }, 120_000);

  it("gives each page its notebook as the learner gets it: the stub, no solution, no outputs, only tags kept", async () => {
    const script = await readFile(path.join(outDir, "live/notebooks/01-means.js"), "utf8");
    expect(script).not.toContain("</script>");
    const sandbox: { globalThis?: unknown; __tsdlLive?: { notebook: { file: string; cells: Array<{ id: string; source: string; metadata: object }> }; dataFiles: string[] } } = {};
    sandbox.globalThis = sandbox;
    runInNewContext(script, sandbox);
    const live = sandbox.__tsdlLive!;
    expect(live.notebook.file).toBe("01-means.ipynb");
    expect(live.notebook.cells.map((c) => c.id)).toEqual(["intro", "ex01-mean", "check"]);
    const exercise = live.notebook.cells[1]!;
    expect(exercise.source).not.toContain("reduce");
    expect(exercise.source).toContain("not implemented yet");
    expect(exercise.metadata).toEqual({ tags: ["exercise"] });
    expect(live.notebook.cells[0]!.metadata).toEqual({});
    expect(live.dataFiles).toContain("data/penguins.csv.js");
  });

  it("ships every data set of data/SHA256SUMS with its checksum, and the page loads the runtime", async () => {
    const sums = (await readFile("data/SHA256SUMS", "utf8")).trim().split("\n").map((line) => line.split(/\s+/));
    expect((await readdir(path.join(outDir, "live/data"))).length).toBe(sums.length);
    const sandbox: { globalThis?: unknown; __tsdlLive?: { data: Array<{ path: string; sha256: string; gzipped: boolean; base64: string }> } } = {};
    sandbox.globalThis = sandbox;
    runInNewContext(await readFile(path.join(outDir, "live/data/penguins.csv.js"), "utf8"), sandbox);
    const [penguins] = sandbox.__tsdlLive!.data;
    expect(penguins!.sha256).toBe(sums.find(([, file]) => file === "penguins.csv")![0]);
    // Text travels gzipped; unzipped it is the data set itself.
    expect(penguins!.gzipped).toBe(true);
    expect(gunzipSync(Buffer.from(penguins!.base64, "base64")).equals(await readFile("data/penguins.csv"))).toBe(true);
    const page = await readFile(path.join(outDir, "01-means.html"), "utf8");
    expect(page).toContain('<script src="live/notebooks/01-means.js"></script>');
    expect(page).toContain('<script src="live/page.js"></script>');
  });

  it("leaves the runtime out with live: false", async () => {
    const executedDir = path.dirname(outDir);
    const staticDir = path.join(executedDir, "static");
    await renderHandouts({ executedDir, outDir: staticDir, live: false });
    expect(await readdir(staticDir)).not.toContain("live");
    expect(await readFile(path.join(staticDir, "01-means.html"), "utf8")).not.toContain("live/page.js");
  });
});
