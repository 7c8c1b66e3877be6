/**
 * `node bench/dist/kernelLatency.js [rounds]` (built by `npm run bench`): how long a learner waits
 * in the tsdl kernel, through the real protocol, in a fresh folder outside the repository:
 * `import { tf } from "@tsdl/lib"` beside `import * as tf from "@tensorflow/tfjs"` (each in a fresh
 * kernel, alternating; the lib import also as the kernelspec starts the kernel, with
 * TSDL_PRELOAD_TYPES=@tsdl/lib, timed after the kernel answered kernel_info as a front end waits
 * for), and a trivial cell (`1+1`) after the lib import. Goals: lib import ≤ 1 s,
 * trivial cell ≤ 50 ms. The machine may be shared, so the kernel's own CPU time (from /proc) is
 * printed beside wall time, with the load average; compare ratios from the same run only.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { KernelClient } from "@tsdl/kernel-ext/client";

const rounds = Number(process.argv[2] ?? 3);
const trivialRuns = 15;

/** The kernel process's user + system CPU time in ms (Linux /proc, 10 ms ticks). */
function cpuMs(kernel: KernelClient): number {
  const fields = readFileSync(`/proc/${kernel.process.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface Sample {
  wall: number;
  cpu: number;
}

async function timed(kernel: KernelClient, code: string): Promise<Sample> {
  const cpu = cpuMs(kernel);
  const started = performance.now();
  const { reply } = await kernel.execute(code);
  if (reply.status !== "ok") throw new Error(`${code} failed: ${reply.ename}: ${reply.evalue}`);
  return { wall: performance.now() - started, cpu: cpuMs(kernel) - cpu };
}

const samples: Record<"lib" | "libPreloaded" | "tfjs" | "trivial", Sample[]> = { lib: [], libPreloaded: [], tfjs: [], trivial: [] };
// As kernel-ext/src/kernelspec/kernelSpec.ts registers the kernel.
const preloaded = { ...process.env, TSDL_PRELOAD_TYPES: "@tsdl/lib" };
const folder = mkdtempSync(path.join(tmpdir(), "tsdl-latency-"));
try {
  for (let round = 0; round < rounds; round++) {
    const tfjs = await KernelClient.start({ cwd: folder });
    samples.tfjs.push(await timed(tfjs, 'import * as tf from "@tensorflow/tfjs";'));
    await tfjs.shutdown();
    const warm = await KernelClient.start({ cwd: folder, env: preloaded });
    await warm.request("kernel_info_request", {});
    samples.libPreloaded.push(await timed(warm, 'import { tf } from "@tsdl/lib";'));
    await warm.shutdown();
    const lib = await KernelClient.start({ cwd: folder });
    samples.lib.push(await timed(lib, 'import { tf } from "@tsdl/lib";'));
    await timed(lib, "1+1");
    const cpu = cpuMs(lib);
    for (let i = 0; i < trivialRuns; i++) samples.trivial.push({ ...(await timed(lib, "1+1")), cpu: Number.NaN });
    // Per-cell CPU from the total over all runs (one run is below the 10 ms tick).
    samples.trivial.at(-1)!.cpu = (cpuMs(lib) - cpu) / trivialRuns;
    await lib.shutdown();
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}

const wall = (key: keyof typeof samples) => median(samples[key].map((s) => s.wall));
const cpu = (key: keyof typeof samples) => median(samples[key].map((s) => s.cpu).filter((c) => !Number.isNaN(c)));
console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}; medians of ${rounds} fresh kernels`);
console.log(`import { tf } from "@tsdl/lib"         wall ${wall("lib").toFixed(0)} ms, kernel CPU ${cpu("lib").toFixed(0)} ms (goal ≤ 1000 ms)`);
console.log(`  with its types preloaded (kernelspec) wall ${wall("libPreloaded").toFixed(0)} ms, kernel CPU ${cpu("libPreloaded").toFixed(0)} ms`);
console.log(`import * as tf from "@tensorflow/tfjs" wall ${wall("tfjs").toFixed(0)} ms, kernel CPU ${cpu("tfjs").toFixed(0)} ms`);
console.log(`lib / tfjs: wall ${(wall("lib") / wall("tfjs")).toFixed(2)}, CPU ${(cpu("lib") / cpu("tfjs")).toFixed(2)}`);
console.log(`trivial cell (1+1)                     wall ${wall("trivial").toFixed(1)} ms, kernel CPU ${cpu("trivial").toFixed(1)} ms (goal ≤ 50 ms)`);
