#!/usr/bin/env node
/**
 * `node tools/dist/hub/measureHub.js`: per-learner memory and time to first output on a real
 * JupyterHub at 1, 4 and 8 concurrent learners, each running the handed-out notebook 04 (training).
 * The figures behind deploy/values.yaml and the README's capacity table. Not a test: it prints.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Command, InvalidArgumentError } from "commander";
import { repoRoot } from "../grading/repoPaths.js";
import { findKernelPid, residentMiB } from "./kernelProcess.js";
import { startLearnerServer } from "./learnerServer.js";
import { startLocalHub } from "./localHub.js";
import { notebookErrors, runNotebookOnServer } from "./runNotebookOnServer.js";

const IMPORT_CELL = "nb04-01";
const TRAINING_CELL = "nb04-06";

interface LearnerFigures {
  serverStartS: number;
  kernelStartS: number;
  /** From asking the hub for a server until the notebook's first output: what a learner waits. */
  firstOutputS: number;
  notebookS: number;
  kernelAfterImportMiB: number;
  kernelAfterTrainingMiB: number;
  kernelPeakMiB: number;
  serverMiB: number;
  errors: string[];
}

function parentPid(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")[1]);
}

async function measureLearner(hub: Awaited<ReturnType<typeof startLocalHub>>, name: string): Promise<LearnerFigures> {
  const clicked = performance.now();
  const server = await startLearnerServer(hub, name);
  const memory = { afterImport: Number.NaN, afterTraining: Number.NaN, peak: 0, server: Number.NaN };
  const run = await runNotebookOnServer(server.settings, "tsdl/notebooks/04-training.ipynb", {
    afterCell: (_, cell, kernelId) => {
      const pid = findKernelPid(kernelId);
      const rss = residentMiB(pid);
      memory.peak = Math.max(memory.peak, rss);
      if (cell.id === IMPORT_CELL) memory.afterImport = rss;
      if (cell.id === TRAINING_CELL) memory.afterTraining = rss;
      memory.server = residentMiB(parentPid(pid));
    },
  });
  return {
    serverStartS: server.startMs / 1000,
    kernelStartS: run.kernelStartMs / 1000,
    firstOutputS: (run.firstOutputAt - clicked) / 1000,
    notebookS: run.totalMs / 1000,
    kernelAfterImportMiB: memory.afterImport,
    kernelAfterTrainingMiB: memory.afterTraining,
    kernelPeakMiB: memory.peak,
    serverMiB: memory.server,
    errors: notebookErrors(run),
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

function counts(raw: string): number[] {
  const values = raw.split(",").map(Number);
  if (values.some((value) => !Number.isInteger(value) || value < 1)) throw new InvalidArgumentError(`--learners must be positive integers separated by commas; got ${JSON.stringify(raw)}`);
  return values;
}

const program = new Command("measure-hub")
  .description("Measure per-learner memory and time to first output on a local JupyterHub")
  .option("--learners <n,n,...>", "concurrent learners per round", counts, [1, 4, 8])
  .action(async (options: { learners: number[] }) => {
    const install = mkdtempSync(path.join(os.tmpdir(), "tsdl-measure-"));
    try {
      const folders = { kernelPrefix: path.join(install, "prefix"), binDir: path.join(install, "bin"), hookDir: path.join(install, "hooks"), releaseDir: path.join(install, "release") };
      execFileSync("bash", [path.join(repoRoot, "deploy/setup.sh"), "--no-npm-ci", "--kernel-prefix", folders.kernelPrefix, "--bin-dir", folders.binDir,
        "--hook-dir", folders.hookDir, "--release-dir", folders.releaseDir], { cwd: repoRoot, stdio: ["ignore", "ignore", "inherit"] });
      console.log(`machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load average ${os.loadavg()[0]!.toFixed(1)} (shared: figures are noisy)`);
      console.log("learners | first output s (median / max) | notebook 04 s (median / max) | kernel MiB after import / after training / peak (max) | notebook server MiB (max)");
      for (const count of options.learners) {
        const hub = await startLocalHub({ kernelPrefix: folders.kernelPrefix, handoutHook: path.join(folders.binDir, "tsdl-handout"), courseDir: repoRoot, handoutDir: folders.releaseDir });
        try {
          const figures = await Promise.all(Array.from({ length: count }, (_, i) => measureLearner(hub, `learner-${i + 1}`)));
          const errors = figures.flatMap((figure) => figure.errors);
          const max = (key: keyof LearnerFigures) => Math.max(...figures.map((figure) => figure[key] as number));
          const mid = (key: keyof LearnerFigures) => median(figures.map((figure) => figure[key] as number));
          console.log([
            String(count).padStart(8),
            `${mid("firstOutputS").toFixed(1)} / ${max("firstOutputS").toFixed(1)} (server ${mid("serverStartS").toFixed(1)}, kernel ${mid("kernelStartS").toFixed(1)})`,
            `${mid("notebookS").toFixed(0)} / ${max("notebookS").toFixed(0)}`,
            `${max("kernelAfterImportMiB").toFixed(0)} / ${max("kernelAfterTrainingMiB").toFixed(0)} / ${max("kernelPeakMiB").toFixed(0)}`,
            max("serverMiB").toFixed(0),
            errors.length ? `errors: ${errors.join("; ")}` : "",
          ].join(" | "));
        } finally {
          await hub.stop();
        }
      }
    } finally {
      rmSync(install, { recursive: true, force: true });
    }
  });

await program.parseAsync();
