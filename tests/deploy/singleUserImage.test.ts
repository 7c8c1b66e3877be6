import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { ContentsManager } from "@jupyterlab/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLearnerServer } from "../../tools/src/hub/learnerServer.js";
import { type LocalHub, startLocalHub } from "../../tools/src/hub/localHub.js";
import { notebookErrors, runNotebookOnServer } from "../../tools/src/hub/runNotebookOnServer.js";
import { scratchDir } from "../grading/helpers/fixtureCourse.js";
import { repoRoot } from "../helpers/runNode.js";

// deploy/setup.sh is what the Containerfile runs; here it installs into temp folders instead of /usr/local.
// Needs Debian's jupyterhub, jupyter-notebook and node-configurable-http-proxy (.ci/run installs them).
const run = promisify(execFile);
const LEARNERS = ["ada", "grace", "katherine", "margaret"];
const NOTEBOOK = "tsdl/notebooks/01-concepts.ipynb";

interface Install { kernelPrefix: string; binDir: string; hookDir: string; releaseDir: string }
let install: Install;
let setupLog: string;

beforeAll(async () => {
  const root = scratchDir("image");
  install = { kernelPrefix: path.join(root, "prefix"), binDir: path.join(root, "bin"), hookDir: path.join(root, "hooks"), releaseDir: path.join(root, "release") };
  const result = await run("bash", [
    path.join(repoRoot, "deploy/setup.sh"), "--no-npm-ci", "--kernel-prefix", install.kernelPrefix, "--bin-dir", install.binDir,
    "--hook-dir", install.hookDir, "--release-dir", install.releaseDir,
  ], { cwd: repoRoot, timeout: 300_000, maxBuffer: 16 << 20 });
  setupLog = result.stdout + result.stderr;
}, 320_000);

describe("deploy/setup.sh, the image's install step", () => {
  it("registers the tsdl kernel in the prefix with this Node and the built launcher, and ends with a passing smoke run", () => {
    const spec = JSON.parse(readFileSync(path.join(install.kernelPrefix, "share/jupyter/kernels/tsdl/kernel.json"), "utf8")) as { argv: string[]; display_name: string };
    expect(spec.argv).toEqual([process.execPath, path.join(repoRoot, "kernel-ext/dist/kernel/launch.js"), "{connection_file}"]);
    expect(spec.display_name).toBe("TypeScript (tsdl)");
    expect(setupLog).toContain("done: the tsdl kernel runs the course from a learner home");
  });

  it("writes learner notebooks without solutions, with the figures, and links the hook into before-notebook.d", () => {
    const released = readFileSync(path.join(install.releaseDir, "notebooks/01-concepts.ipynb"), "utf8");
    expect(released).not.toMatch(/BEGIN SOLUTION|inputs \* units \+ units/);
    expect(released).toContain("Exercise ex01-dense-params (denseParams): not implemented yet");
    expect(existsSync(path.join(install.releaseDir, "tests/exercises/01-concepts.public.test.ts"))).toBe(true);
    expect(existsSync(path.join(install.releaseDir, "notebooks/figures"))).toBe(existsSync(path.join(repoRoot, "notebooks/figures")));
    expect(readlinkSync(path.join(install.hookDir, "50-tsdl-handout"))).toBe(path.join(install.binDir, "tsdl-handout"));
  });

  it("hands the notebooks out at each start without overwriting what a learner changed", async () => {
    const home = scratchDir("learner-home");
    const env = { ...process.env, HOME: home, TSDL_COURSE_DIR: repoRoot, TSDL_HANDOUT_DIR: install.releaseDir };
    const hook = path.join(install.binDir, "tsdl-handout");
    await run(hook, [], { env });
    const mine = path.join(home, "tsdl/notebooks/01-concepts.ipynb");
    writeFileSync(mine, "my work");
    await run(hook, [], { env });
    expect(readFileSync(mine, "utf8")).toBe("my work");
    expect(readFileSync(path.join(home, "tsdl/notebooks/04-training.ipynb"), "utf8")).toBe(readFileSync(path.join(install.releaseDir, "notebooks/04-training.ipynb"), "utf8"));
    expect(realpathSync(path.join(home, "node_modules"))).toBe(realpathSync(path.join(repoRoot, "node_modules")));
  });

  it("refuses to start a server when the handout is missing", async () => {
    const env = { ...process.env, HOME: scratchDir("learner-home"), TSDL_HANDOUT_DIR: path.join(install.releaseDir, "nowhere") };
    await expect(run(path.join(install.binDir, "tsdl-handout"), [], { env })).rejects.toThrow(/nowhere\/notebooks is missing: run deploy\/setup.sh/);
  });
});

describe("deploy/Containerfile", () => {
  // No container engine here: this checks that the build runs the scripts the tests above and below run.
  const stages = new Map<string, string>();
  for (const stage of readFileSync(path.join(repoRoot, "deploy/Containerfile"), "utf8").split(/^FROM /m).slice(1)) {
    stages.set(/^\S+ AS (\S+)/.exec(stage)![1]!, stage);
  }

  it("builds the learner image on Docker Stacks with setup.sh and then the strip step, and the grader without stripping", () => {
    expect([...stages.keys()]).toEqual(["node", "singleuser", "grader"]);
    expect(readFileSync(path.join(repoRoot, "deploy/Containerfile"), "utf8")).toMatch(/^ARG BASE_IMAGE=quay\.io\/jupyter\/(minimal|base)-notebook:/m);
    const learner = stages.get("singleuser")!;
    expect(learner.indexOf("/opt/tsdl/deploy/setup.sh &&")).toBeGreaterThan(0);
    expect(learner.indexOf("/opt/tsdl/deploy/strip-instructor-files.sh /opt/tsdl")).toBeGreaterThan(learner.indexOf("/opt/tsdl/deploy/setup.sh"));
    expect(stages.get("grader")).toContain("/opt/tsdl/deploy/setup.sh &&");
    expect(stages.get("grader")).not.toContain("strip-instructor-files");
    // The hook is where setup.sh puts it by default, and where values.yaml's postStart calls it.
    expect(readFileSync(path.join(repoRoot, "deploy/setup.sh"), "utf8")).toMatch(/^bin_dir=\/usr\/local\/bin$/m);
    expect(readFileSync(path.join(repoRoot, "deploy/values.yaml"), "utf8")).toContain('command: ["/usr/local/bin/tsdl-handout"]');
  });
});

describe("deploy/strip-instructor-files.sh, the learner image's last step", () => {
  const strip = path.join(repoRoot, "deploy/strip-instructor-files.sh");
  const file = (root: string, relative: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), text);
  };

  it("removes the instructor notebooks and every graded test, keeping the handout and the packages", async () => {
    const course = scratchDir("strip");
    file(course, "notebooks/01-concepts.ipynb", readFileSync(path.join(repoRoot, "notebooks/01-concepts.ipynb"), "utf8"));
    file(course, "tests/exercises/01-concepts.test.ts", "hidden");
    file(course, "release/notebooks/01-concepts.ipynb", readFileSync(path.join(install.releaseDir, "notebooks/01-concepts.ipynb"), "utf8"));
    file(course, "release/tests/exercises/01-concepts.public.test.ts", "public");
    file(course, "lib/dist/index.js", "export {};");
    await run(strip, [course]);
    expect(readdirSync(course, { recursive: true }).map(String).filter((entry) => entry.includes(".")).sort()).toEqual([
      "lib/dist/index.js", "release/notebooks/01-concepts.ipynb", "release/tests/exercises/01-concepts.public.test.ts",
    ]);
  });

  it("fails when a solution or a hidden test sits anywhere else, and before setup.sh wrote the handout", async () => {
    const course = scratchDir("strip");
    file(course, "release/notebooks/00-setup.ipynb", "{}");
    file(course, "docs/copy.ipynb", "// BEGIN SOLUTION");
    file(course, "tools/hidden.spec.ts", "");
    await expect(run(strip, [course])).rejects.toThrow(/solutions or hidden tests are still in[\s\S]*copy\.ipynb[\s\S]*hidden\.spec\.ts/);
    await expect(run(strip, [scratchDir("strip")])).rejects.toThrow(/release\/notebooks is missing: run deploy\/setup.sh first/);
  });
});

describe("JupyterHub with the tsdl kernel, four learners at once", () => {
  let hub: LocalHub;
  afterAll(async () => hub?.stop(), 60_000);

  it("starts each learner's server through the REST API and runs the handed-out notebook with their own solution", async () => {
    hub = await startLocalHub({
      kernelPrefix: install.kernelPrefix, handoutHook: path.join(install.binDir, "tsdl-handout"), courseDir: repoRoot, handoutDir: install.releaseDir,
    });
    const runs = await Promise.all(LEARNERS.map(async (name) => {
      const server = await startLearnerServer(hub, name);
      const contents = new ContentsManager({ serverSettings: server.settings });
      // The learner opens the notebook the hook handed out in their home, solves one exercise and saves.
      const handedOut = await contents.get(NOTEBOOK, { content: true, type: "notebook" });
      const notebook = handedOut.content as { cells: { id: string; cell_type: string; source: string | string[] }[] };
      const exercise = notebook.cells.find((cell) => cell.id === "ex01-dense-params")!;
      expect([exercise.source].flat().join("")).toContain("not implemented yet");
      exercise.source = "function denseParams(inputShape: number[], units: number): number {\n  if (inputShape.length === 0) throw new Error(\"inputShape is empty\");\n  return inputShape[inputShape.length - 1]! * units + units;\n}";
      await contents.save(NOTEBOOK, { type: "notebook", format: "json", content: notebook });
      const started = performance.now();
      const notebookRun = await runNotebookOnServer(server.settings, NOTEBOOK);
      const codeCells = notebook.cells.filter((cell) => cell.cell_type === "code").length;
      return { name, server, notebookRun, codeCells, started, ended: performance.now() };
    }));

    for (const { name, notebookRun, codeCells } of runs) {
      expect(notebookErrors(notebookRun), name).toEqual([]);
      const stderr = notebookRun.cells.flatMap((cell) => cell.outputs).filter((output) => output.output_type === "stream" && output.name === "stderr");
      expect(stderr, name).toEqual([]);
      const text = (id: string) => notebookRun.cells.find((cell) => cell.id === id)!.outputs
        .map((output) => (output.data as Record<string, string> | undefined)?.["text/plain"] ?? "").join("");
      expect(notebookRun.cells, name).toHaveLength(codeCells);
      // 100·64+64 + 64·32+32 + 32·1+1 weights and biases.
      expect(text("nb01-05"), name).toBe("8577");
      expect(text("nb01-14"), name).toMatch(/^✔ denseParams: 3\/3 checks passed/);
      expect(text("nb01-17"), name).toMatch(/^✘ mlpParams: 0\/2 checks passed\n {2}✘ the course MLP: Exercise ex01-mlp-params \(mlpParams\): not implemented yet/);
    }
    // The four notebooks really ran side by side: every one started before any finished.
    expect(Math.max(...runs.map((r) => r.started))).toBeLessThan(Math.min(...runs.map((r) => r.ended)));

    const [ada, grace] = [runs[0]!.server, runs[1]!.server];
    const foreign = await fetch(`${hub.url}/user/${grace.name}/api/contents`, { headers: { Authorization: `token ${ada.token}` } });
    expect(foreign.status, "one learner's token opens another's server").toBe(403);
    const own = await fetch(`${hub.url}/user/${ada.name}/api/contents/tsdl/notebooks`, { headers: { Authorization: `token ${ada.token}` } });
    expect(own.status).toBe(200);
  }, 300_000);
});
