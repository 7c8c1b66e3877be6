/**
 * `npm run bench`: training throughput of every course model on the cpu, wasm and (when installed)
 * tensorflow backends and in PyTorch, side by side, plus matmul GFLOPS; writes dist/bench.json.
 *
 *   npm run bench -- [--batches 20] [--warmup 3] [--cpu-batches 2] [--cpu-all] [--models cnn-cifar,lstm]
 *                    [--profile] [--no-pytorch] [--out dist/bench.json]
 *
 * Samples/s are wall-clock. The machine is shared, so each row also gives samples per CPU-second
 * (the wasm backend runs on one thread; PyTorch's CPU time counts both of its threads) and the
 * load average is printed: compare ratios from the same run only.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { backendReady, tf } from "@tsdl/lib";
import { courseModels, disposeBatch, trainStep, type CourseModel } from "./courseModels.js";

const here = dirname(fileURLToPath(import.meta.url));
const PYTHON = "/usr/bin/python3";
const PYTORCH_SCRIPT = join(here, "..", "pytorch_models.py");
/** Models whose cpu run is skipped unless --cpu-all: tfjs-backend-cpu's UnsortedSegmentSum loops over all 10,000 ids. */
const CPU_TOO_SLOW = new Set(["lstm", "lstm-sigmoid", "conv1d"]);

interface Timing {
  samplesPerSecond: number;
  samplesPerCpuSecond: number;
  msPerBatch: number;
}

interface ModelRow {
  key: string;
  title: string;
  cpu?: Timing;
  cpuSkipped?: string;
  wasm?: Timing;
  tensorflow?: Timing;
  pytorch?: Timing;
  profile?: { kernel: string; ms: number; share: number; calls: number }[];
}

const options = new Command()
  .option("--batches <n>", "timed batches per model on wasm/tensorflow/PyTorch", "20")
  .option("--warmup <n>", "untimed batches first", "3")
  .option("--cpu-batches <n>", "timed batches on the slow cpu backend", "2")
  .option("--cpu-all", "also time the embedding models on cpu (minutes per batch)", false)
  .option("--models <keys>", "comma-separated model keys (default: all)")
  .option("--profile", "print each model's slowest kernels in one wasm training step", false)
  .option("--no-pytorch", "skip PyTorch")
  .option("--out <file>", "JSON output", join(here, "..", "..", "dist", "bench.json"))
  .parse()
  .opts<{
    batches: string;
    warmup: string;
    cpuBatches: string;
    cpuAll: boolean;
    models?: string;
    profile: boolean;
    pytorch: boolean;
    out: string;
  }>();

const log = (line: string) => process.stderr.write(`${line}\n`);

function timeTraining(model: CourseModel, batches: number, warmup: number): Timing {
  const built = model.build(1);
  const optimizer = tf.train.adam(1e-3);
  const batch = model.batch(model.batchSize, 10);
  try {
    for (let i = 0; i < warmup; i++) trainStep(optimizer, built, batch);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < batches; i++) trainStep(optimizer, built, batch);
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    return {
      samplesPerSecond: (batches * model.batchSize) / seconds,
      samplesPerCpuSecond: (batches * model.batchSize) / cpuSeconds,
      msPerBatch: (1000 * seconds) / batches,
    };
  } finally {
    disposeBatch(batch);
    built.dispose();
    optimizer.dispose();
  }
}

async function profileStep(model: CourseModel): Promise<NonNullable<ModelRow["profile"]>> {
  const built = model.build(1);
  const optimizer = tf.train.adam(1e-3);
  const batch = model.batch(model.batchSize, 10);
  trainStep(optimizer, built, batch);
  const info = await tf.profile(() => {
    trainStep(optimizer, built, batch);
  });
  disposeBatch(batch);
  built.dispose();
  optimizer.dispose();
  const byKernel = new Map<string, { ms: number; calls: number }>();
  for (const k of info.kernels) {
    // Ops built from other kernels (e.g. fused matMul's custom gradient) appear as "name__op" and
    // repeat their kernels' time, so they are left out of the shares.
    if (k.name.endsWith("__op")) continue;
    const entry = byKernel.get(k.name) ?? { ms: 0, calls: 0 };
    entry.ms += k.kernelTimeMs as number;
    entry.calls++;
    byKernel.set(k.name, entry);
  }
  const total = [...byKernel.values()].reduce((sum, e) => sum + e.ms, 0);
  return [...byKernel.entries()]
    .map(([kernel, e]) => ({ kernel, ms: e.ms, share: e.ms / total, calls: e.calls }))
    .sort((a, b) => b.ms - a.ms);
}

function matmulGflops(n: number, reps: number): number {
  const a = tf.randomNormal([n, n]);
  const b = tf.randomNormal([n, n]);
  // The product is read (so lazy backends finish) but not returned: tidy would walk the array.
  const multiply = () =>
    tf.tidy(() => {
      tf.matMul(a, b).dataSync();
    });
  multiply();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) multiply();
  const seconds = (performance.now() - t0) / 1000;
  tf.dispose([a, b]);
  return (2 * n ** 3 * reps) / seconds / 1e9;
}

async function tensorflowAvailable(): Promise<boolean> {
  try {
    await import("@tensorflow/tfjs-node" as string);
    return tf.findBackendFactory("tensorflow") != null;
  } catch {
    return false;
  }
}

interface PytorchResult {
  torch: string;
  threads: number;
  models: Record<string, { samplesPerSecond: number; samplesPerCpuSecond: number; msPerBatch: number }>;
  matmulGflops: Record<string, number>;
}

function runPytorch(keys: string[], batches: number, warmup: number): PytorchResult | string {
  const probe = spawnSync(PYTHON, ["-c", "import torch"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    return `PyTorch skipped: ${PYTHON} cannot import torch (${(probe.error?.message ?? probe.stderr).trim().split("\n").pop()})`;
  }
  const args = [PYTORCH_SCRIPT, "--batches", String(batches), "--warmup", String(warmup), "--threads", "2", "--models", keys.join(",")];
  const run = spawnSync(PYTHON, args, { encoding: "utf8", maxBuffer: 1 << 24 });
  if (run.status !== 0) return `PyTorch failed: ${run.stderr.trim().split("\n").pop()}`;
  return JSON.parse(run.stdout) as PytorchResult;
}

const fmt = (x: number | undefined, digits = 0) => (x === undefined ? "—" : x.toFixed(digits));
const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined ? "—" : `${(a / b).toFixed(a / b < 10 ? 2 : 0)}×`;

async function main(): Promise<void> {
  await backendReady();
  const batches = Number(options.batches);
  const warmup = Number(options.warmup);
  const cpuBatches = Number(options.cpuBatches);
  const wanted = options.models?.split(",");
  const models = courseModels().filter((m) => wanted === undefined || wanted.includes(m.key));
  const unknown = wanted?.filter((k) => !models.some((m) => m.key === k)) ?? [];
  if (unknown.length > 0) {
    throw new Error(`--models: unknown key(s) ${unknown.join(", ")}; expected some of ${courseModels().map((m) => m.key).join(", ")}`);
  }
  const loadBefore = loadavg()[0];
  const rows: ModelRow[] = models.map((m) => ({ key: m.key, title: m.title }));
  const withTensorflow = await tensorflowAvailable();

  for (const [i, model] of models.entries()) {
    const row = rows[i];
    await tf.setBackend("wasm");
    log(`[${i + 1}/${models.length}] ${model.key}: wasm, ${batches} batches…`);
    row.wasm = timeTraining(model, batches, warmup);
    if (options.profile) row.profile = await profileStep(model);
    if (withTensorflow) {
      await tf.setBackend("tensorflow");
      log(`[${i + 1}/${models.length}] ${model.key}: tensorflow…`);
      row.tensorflow = timeTraining(model, batches, warmup);
    }
    if (CPU_TOO_SLOW.has(model.key) && !options.cpuAll) {
      row.cpuSkipped = "skipped: cpu UnsortedSegmentSum takes minutes per batch (--cpu-all to run)";
    } else {
      await tf.setBackend("cpu");
      log(`[${i + 1}/${models.length}] ${model.key}: cpu, ${cpuBatches} batches…`);
      row.cpu = timeTraining(model, cpuBatches, 1);
    }
  }
  await tf.setBackend("wasm");

  log("matmul GFLOPS…");
  const matmul: Record<string, Record<string, number>> = { wasm: { 512: matmulGflops(512, 10), 2048: matmulGflops(2048, 2) } };
  await tf.setBackend("cpu");
  matmul.cpu = { 512: matmulGflops(512, 1) };
  await tf.setBackend("wasm");

  let pytorchNote = "PyTorch skipped (--no-pytorch)";
  let pytorch: PytorchResult | undefined;
  if (options.pytorch) {
    log("PyTorch…");
    const result = runPytorch(models.map((m) => m.key), batches, warmup);
    if (typeof result === "string") pytorchNote = result;
    else {
      pytorch = result;
      pytorchNote = `PyTorch ${result.torch}, ${result.threads} threads`;
      matmul.pytorch = result.matmulGflops;
      for (const row of rows) row.pytorch = result.models[row.key];
    }
  }
  const loadAfter = loadavg()[0];

  const header = ["model", "cpu", "wasm", ...(withTensorflow ? ["tensorflow"] : []), "PyTorch", "wasm/cpu", "wasm/PyTorch", "per CPU-s: wasm/PyTorch"];
  const table = rows.map((r) => [
    r.key,
    r.cpu ? fmt(r.cpu.samplesPerSecond, 1) : "skipped",
    fmt(r.wasm?.samplesPerSecond),
    ...(withTensorflow ? [fmt(r.tensorflow?.samplesPerSecond)] : []),
    fmt(r.pytorch?.samplesPerSecond),
    ratio(r.wasm?.samplesPerSecond, r.cpu?.samplesPerSecond),
    ratio(r.wasm?.samplesPerSecond, r.pytorch?.samplesPerSecond),
    ratio(r.wasm?.samplesPerCpuSecond, r.pytorch?.samplesPerCpuSecond),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...table.map((row) => row[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
  console.log(`\nTraining samples/s (batch 32, Adam; ${pytorchNote}; load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)} on ${2} cores)`);
  console.log(line(header));
  for (const row of table) console.log(line(row));
  for (const r of rows.filter((row) => row.cpuSkipped)) console.log(`  ${r.key} cpu ${r.cpuSkipped}`);
  console.log("\nmatmul GFLOPS   512²   2048²");
  for (const [name, g] of Object.entries(matmul)) console.log(`${name.padEnd(14)} ${fmt(g[512], 1).padStart(5)}  ${fmt(g[2048], 1).padStart(6)}`);
  if (options.profile) {
    for (const r of rows) {
      console.log(`\n${r.key}: slowest kernels of one wasm training step`);
      for (const p of r.profile?.slice(0, 8) ?? []) {
        console.log(`  ${p.kernel.padEnd(22)} ${p.ms.toFixed(1).padStart(8)} ms ${(100 * p.share).toFixed(1).padStart(5)}%  ×${p.calls}`);
      }
    }
  }
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(
    options.out,
    JSON.stringify({ date: new Date().toISOString(), loadAverage: [loadBefore, loadAfter], batches, warmup, cpuBatches, models: rows, matmulGflops: matmul, pytorch: pytorch ?? pytorchNote }, null, 2),
  );
  console.log(`\nwrote ${options.out}`);
}

await main();
