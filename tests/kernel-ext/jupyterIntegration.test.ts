import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeNotebook, type NotebookOutput } from "../../kernel-ext/dist/client/index.js";
import { repoRoot } from "../helpers/runNode.js";

// Debian's Jupyter (python3-jupyter-client, nbconvert, python3-jupyter-kernel-test) drives the kernel
// installed into a temporary prefix, as `npm run kernel:install -- --prefix` would.
const python = "/usr/bin/python3";
const here = path.join(repoRoot, "tests/kernel-ext");
const sample = path.join(here, "fixtures/sample.ipynb");
let prefix: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  prefix = mkdtempSync(path.join(tmpdir(), "tsdl-prefix-"));
  for (let run = 0; run < 2; run++) {
    execFileSync(process.execPath, [path.join(repoRoot, "kernel-ext/dist/kernelspec/cli.js"), "--prefix", prefix], { encoding: "utf8" });
  }
  env = { ...process.env, JUPYTER_PATH: path.join(prefix, "share/jupyter"), PYDEVD_DISABLE_FILE_VALIDATION: "1" };
});

afterAll(() => {
  rmSync(prefix, { recursive: true, force: true });
});

describe("the tsdl kernelspec", () => {
  it("registers this Node and the built launcher, idempotently", () => {
    const spec = JSON.parse(readFileSync(path.join(prefix, "share/jupyter/kernels/tsdl/kernel.json"), "utf8"));
    expect(spec).toMatchObject({ display_name: "TypeScript (tsdl)", language: "typescript" });
    expect(spec.argv).toEqual([process.execPath, path.join(repoRoot, "kernel-ext/dist/kernel/launch.js"), "{connection_file}"]);
    expect(existsSync(spec.argv[1])).toBe(true);
    const listed = JSON.parse(execFileSync("jupyter", ["kernelspec", "list", "--json"], { env, encoding: "utf8" }));
    expect(listed.kernelspecs.tsdl.resource_dir).toBe(path.join(prefix, "share/jupyter/kernels/tsdl"));
  });

  it("refuses two install locations at once, naming both", () => {
    const run = spawnSync(process.execPath, [path.join(repoRoot, "kernel-ext/dist/kernelspec/cli.js"), "--user", "--prefix", prefix], { encoding: "utf8" });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("choose one of --user, --sys-prefix and --prefix, got --user and --prefix");
  });
});

describe("Jupyter's own clients against the tsdl kernel", () => {
  it("passes jupyter_kernel_test, history, completion, inspection and display included", () => {
    const run = spawnSync(python, ["-m", "unittest", "-v", "tsdl_kernel_test"], { cwd: here, env, encoding: "utf8", timeout: 150_000 });
    expect(run.status, run.stderr).toBe(0);
    for (const test of ["history", "completion", "inspect", "display_data", "is_complete", "kernel_info", "error"]) {
      expect(run.stderr).toMatch(new RegExp(`test_${test} \\(.*\\) \\.\\.\\. ok`));
    }
    // Only the pager and clear_output, which the kernel has no sample for, are skipped.
    expect(run.stderr).toMatch(/Ran 12 tests[\s\S]*OK \(skipped=2\)/);
  });

  it("runs a sample notebook with jupyter nbconvert --execute --to html", () => {
    const out = mkdtempSync(path.join(tmpdir(), "tsdl-nbconvert-"));
    try {
      const run = spawnSync(
        "jupyter",
        ["nbconvert", "--execute", "--to", "html", "--allow-errors", "--ExecutePreprocessor.timeout=120", "--output-dir", out, sample],
        { cwd: here, env, encoding: "utf8", timeout: 150_000 },
      );
      expect(run.status, run.stderr).toBe(0);
      const html = readFileSync(path.join(out, "sample.html"), "utf8");
      expect(html).toContain("hello from the kernel");
      expect(html).toContain("<b>rich output</b>");
      expect(html).toContain("a failing cell");
      // The cell after the failing one ran (tslab alone would abort it) and drew its figure.
      expect(html).toContain("Plotly.newPlot");
      expect(html).toContain("step 2");
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe("executeNotebook", () => {
  it("returns the executed notebook with nbformat outputs, continuing after a failing cell", async () => {
    const reports: string[] = [];
    const notebook = await executeNotebook(sample, { timeoutPerCellMs: 120_000, onCell: (r) => reports.push(`${r.index}:${r.status}`) });
    expect(reports).toEqual(["1:ok", "2:ok", "3:ok", "4:error", "5:ok"]);
    const outputs = notebook.cells.map((c) => c.outputs ?? []) as NotebookOutput[][];
    expect(notebook.cells.map((c) => c.execution_count)).toEqual([undefined, 1, 2, 3, 4, 5]);
    expect(outputs[2]).toEqual([{ output_type: "execute_result", execution_count: 2, data: { "text/plain": "2" }, metadata: {} }]);
    expect(outputs[3]![0]).toEqual({ output_type: "stream", name: "stdout", text: "hello from the kernel\n" });
    expect(outputs[4]![0]).toMatchObject({ output_type: "error", ename: "Error", evalue: "a failing cell" });
    // The display was updated in place ("step 2" where "step 1" was shown), then plotly.js came once before the chart.
    const displays = outputs[5]!.filter((o) => o.output_type === "display_data");
    expect(displays.map((d) => (d as { data: Record<string, unknown> }).data["text/plain"])).toEqual(["'step 2'", ""]);
    expect(outputs[5]!.at(-1)).toMatchObject({ output_type: "execute_result", data: { "text/plain": "Plotly figure: 1 trace (scatter) · squares" } });
    expect(notebook.metadata.kernelspec).toMatchObject({ name: "tsdl" });
  });
});
