/**
 * `npm run bench`: training throughput of every course model on the wasm backend and in PyTorch,
 * interleaved (wasm, PyTorch, wasm, PyTorch, … per model and round) so that both sides see the same
 * load, plus matmul GFLOPS; writes dist/bench.json.
 *
 *   npm run bench -- [--rounds 5] [--seconds 0.5] [--batches 2] [--warmup 2] [--models cnn-cifar,lstm]
 *                    [--profile] [--no-pytorch] [--out dist/bench.json]
 *
 * Each side of each round trains for at least --seconds and --batches (so a fast model runs hundreds
 * of batches and a slow one a few). Each ratio is reported as the median of the rounds with its min–max spread, wall-clock and per
 * CPU-second (Node's process.cpuUsage, which counts the wasm worker threads; PyTorch's
 * time.process_time, which counts its threads).
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg, availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { backendInfo, backendReady, tf } from "@tsdl/lib";
import { courseModels, disposeBatch, trainStep, type Batch, type CourseModel } from "./courseModels.js";

const here = dirname(fileURLToPath(import.meta.url));
const PYTHON = "/usr/bin/python3";
const PYTORCH_SCRIPT = join(here, "..", "pytorch_models.py");

interface Timing {
  batches: number;
  samplesPerSecond: number;
  samplesPerCpuSecond: number;
  msPerBatch: number;
}

interface Spread {
  median: number;
  min: number;
  max: number;
}

interface ModelRow {
  key: string;
  title: string;
  wasm: Timing[];
  pytorch: Timing[];
  ratio?: Spread;
  ratioPerCpuSecond?: Spread;
  profile?: { kernel: string; ms: number; share: number; calls: number }[];
}

const options = new Command()
  .option("--rounds <n>", "interleaved rounds per model", "5")
  .option("--seconds <s>", "least time per model, round and side", "0.5")
  .option("--batches <n>", "least batches per model, round and side", "2")
  .option("--warmup <n>", "untimed batches before the first round", "2")
  .option("--models <keys>", "comma-separated model keys (default: all)")
  .option("--profile", "print each model's slowest kernels in a wasm training step", false)
  .option("--no-pytorch", "skip PyTorch")
  .option("--out <file>", "JSON output", join(here, "..", "..", "dist", "bench.json"))
  .parse()
  .opts<{ rounds: string; seconds: string; batches: string; warmup: string; models?: string; profile: boolean; pytorch: boolean; out: string }>();

const log = (line: string) => process.stderr.write(`${line}\n`);

/** A model, its batch and its optimiser state, kept across rounds (as PyTorch's side keeps its own). */
interface WasmTrainer {
  model: tf.LayersModel;
  batch: Batch;
}

async function timeWasm(trainer: WasmTrainer, batchSize: number, minBatches: number, minSeconds: number): Promise<Timing> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let batches = 0;
  while (batches < minBatches || performance.now() - t0 < 1000 * minSeconds) {
    await trainStep(trainer.model, trainer.batch);
    batches++;
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return {
    batches,
    samplesPerSecond: (batches * batchSize) / seconds,
    samplesPerCpuSecond: (batches * batchSize) / ((cpu.user + cpu.system) / 1e6),
    msPerBatch: (1000 * seconds) / batches,
  };
}

/**
 * Each kernel's share of a training step's wall time, averaged over as many steps as fit in about
 * `seconds` (one step of a fast model is too short to profile alone); the rest is JavaScript
 * between kernels.
 */
async function profileStep(trainer: WasmTrainer, msPerBatch: number, seconds: number): Promise<NonNullable<ModelRow["profile"]>> {
  const steps = Math.min(50, Math.max(1, Math.round((1000 * seconds) / msPerBatch)));
  const t0 = performance.now();
  const info = await tf.profile(async () => {
    for (let i = 0; i < steps; i++) await trainStep(trainer.model, trainer.batch);
  });
  const wall = (performance.now() - t0) / steps;
  const byKernel = new Map<string, { ms: number; calls: number }>();
  for (const k of info.kernels) {
    // Ops built from other kernels ("name__op", and customGrad ops such as FusedLstm's sequence op,
    // which the profiler calls "unnamed scope") repeat the time of the kernels they ran, which are
    // listed themselves; their own JavaScript (the LSTM's gate loops) falls in "outside kernels".
    if (k.name.endsWith("__op") || k.name === "unnamed scope") continue;
    const entry = byKernel.get(k.name) ?? { ms: 0, calls: 0 };
    entry.ms += (k.kernelTimeMs as number) / steps;
    entry.calls += 1 / steps;
    byKernel.set(k.name, entry);
  }
  const inKernels = [...byKernel.values()].reduce((sum, e) => sum + e.ms, 0);
  byKernel.set("(outside kernels)", { ms: Math.max(wall - inKernels, 0), calls: 1 });
  return [...byKernel.entries()]
    .map(([kernel, e]) => ({ kernel, ms: e.ms, share: e.ms / wall, calls: Math.round(e.calls) }))
    .sort((a, b) => b.ms - a.ms);
}

function matmulGflops(n: number, reps: number): number {
  const a = tf.randomNormal([n, n]);
  const b = tf.randomNormal([n, n]);
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

/** PyTorch in one long-lived process answering one JSON line per request. */
class PytorchServer {
  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly lines: AsyncIterator<string>,
    readonly about: { torch: string; threads: number },
  ) {}

  static async start(threads: number): Promise<PytorchServer | string> {
    const child = spawn(PYTHON, [PYTORCH_SCRIPT, "--threads", String(threads)], { stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const failed = new Promise<string>((resolve) => {
      child.on("error", (error) => resolve(`PyTorch skipped: ${PYTHON} did not start (${error.message})`));
      child.on("exit", () => resolve(`PyTorch skipped: ${stderr.trim().split("\n").pop() ?? "exited"}`));
    });
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const hello = await Promise.race([lines.next(), failed]);
    if (typeof hello === "string") return hello;
    return new PytorchServer(child, lines, JSON.parse(hello.value as string));
  }

  async ask<T>(request: object): Promise<T> {
    this.child.stdin.write(`${JSON.stringify(request)}\n`);
    const { value, done } = await this.lines.next();
    if (done) throw new Error("PyTorch server closed its output");
    const reply = JSON.parse(value) as T & { error?: string };
    if (reply.error) throw new Error(`PyTorch: ${reply.error}`);
    return reply;
  }

  stop(): void {
    this.child.stdin.end();
  }
}

function spread(values: number[]): Spread | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

const fmt = (x: number | undefined, digits = 0) => (x === undefined ? "—" : x.toFixed(digits));
const fmtSpread = (s: Spread | undefined) =>
  s === undefined ? "—" : `${s.median.toFixed(2)}× (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;

async function main(): Promise<void> {
  await backendReady();
  await tf.setBackend("wasm");
  const rounds = Number(options.rounds);
  const batches = Number(options.batches);
  const seconds = Number(options.seconds);
  const warmup = Number(options.warmup);
  const wanted = options.models?.split(",");
  const all = courseModels();
  const models = all.filter((m) => wanted === undefined || wanted.includes(m.key));
  const unknown = wanted?.filter((k) => !all.some((m) => m.key === k)) ?? [];
  if (unknown.length > 0) {
    throw new Error(`--models: unknown key(s) ${unknown.join(", ")}; expected some of ${all.map((m) => m.key).join(", ")}`);
  }
  const cores = availableParallelism();
  const loadBefore = loadavg()[0];
  let pytorch: PytorchServer | undefined;
  let pytorchNote = "PyTorch skipped (--no-pytorch)";
  if (options.pytorch) {
    const started = await PytorchServer.start(cores);
    if (typeof started === "string") pytorchNote = started;
    else {
      pytorch = started;
      pytorchNote = `PyTorch ${started.about.torch}, ${started.about.threads} threads`;
    }
  }

  const rows: ModelRow[] = models.map((m) => ({ key: m.key, title: m.title, wasm: [], pytorch: [] }));
  const trainers = new Map<string, WasmTrainer>();
  const trainerOf = async (model: CourseModel): Promise<WasmTrainer> => {
    let trainer = trainers.get(model.key);
    if (trainer === undefined) {
      trainer = { model: model.build(1), batch: model.batch(model.batchSize, 10) };
      for (let i = 0; i < warmup; i++) await trainStep(trainer.model, trainer.batch);
      trainers.set(model.key, trainer);
    }
    return trainer;
  };

  for (let round = 1; round <= rounds; round++) {
    for (const [i, model] of models.entries()) {
      log(`round ${round}/${rounds}, ${model.key}: wasm${pytorch ? ", then PyTorch" : ""}, ≥ ${seconds} s and ≥ ${batches} batches each…`);
      rows[i].wasm.push(await timeWasm(await trainerOf(model), model.batchSize, batches, seconds));
      if (pytorch) rows[i].pytorch.push(await pytorch.ask<Timing>({ cmd: "train", model: model.key, batches, seconds, warmup }));
    }
  }
  for (const [i, model] of models.entries()) {
    const row = rows[i];
    if (row.pytorch.length === rows[i].wasm.length) {
      row.ratio = spread(row.wasm.map((w, r) => w.samplesPerSecond / row.pytorch[r].samplesPerSecond));
      row.ratioPerCpuSecond = spread(row.wasm.map((w, r) => w.samplesPerCpuSecond / row.pytorch[r].samplesPerCpuSecond));
    }
    if (options.profile) {
      const msPerBatch = spread(row.wasm.map((t) => t.msPerBatch))?.median ?? 1000;
      row.profile = await profileStep(await trainerOf(model), msPerBatch, seconds);
    }
  }
  for (const trainer of trainers.values()) {
    disposeBatch(trainer.batch);
    trainer.model.dispose();
  }

  log("matmul GFLOPS…");
  const matmul: Record<string, Record<string, number>> = { wasm: { 512: matmulGflops(512, 10), 2048: matmulGflops(2048, 2) } };
  if (pytorch) {
    matmul.pytorch = await pytorch.ask<Record<string, number>>({ cmd: "matmul" });
    pytorch.stop();
  }
  const loadAfter = loadavg()[0];

  const median = (timings: Timing[], pick: (t: Timing) => number) => spread(timings.map(pick))?.median;
  const header = ["model", "batches", "wasm", "PyTorch", "wasm/PyTorch: median (min–max)", "per CPU-s: median (min–max)"];
  const table = rows.map((r) => [
    r.key,
    `${fmt(median(r.wasm, (t) => t.batches))}/${fmt(median(r.pytorch, (t) => t.batches))}`,
    fmt(median(r.wasm, (t) => t.samplesPerSecond)),
    fmt(median(r.pytorch, (t) => t.samplesPerSecond)),
    fmtSpread(r.ratio),
    fmtSpread(r.ratioPerCpuSecond),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...table.map((row) => row[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
  const threads = backendInfo().threads;
  console.log(
    `\nTraining samples/s, median of ${rounds} interleaved rounds of ≥ ${seconds} s per side (batches: median per round, wasm/PyTorch; batch 32, Adam; wasm with ${threads} thread(s); ${pytorchNote}; load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)} on ${cores} cores)`,
  );
  console.log(line(header));
  for (const row of table) console.log(line(row));
  console.log("\nmatmul GFLOPS   512²   2048²");
  for (const [name, g] of Object.entries(matmul)) console.log(`${name.padEnd(14)} ${fmt(g[512], 1).padStart(5)}  ${fmt(g[2048], 1).padStart(6)}`);
  if (options.profile) {
    for (const r of rows) {
      console.log(`\n${r.key}: slowest kernels of a wasm training step, averaged over ≥ ${seconds} s of steps (share of its wall time)`);
      for (const p of r.profile?.slice(0, 8) ?? []) {
        console.log(`  ${p.kernel.padEnd(22)} ${p.ms.toFixed(1).padStart(8)} ms ${(100 * p.share).toFixed(1).padStart(5)}%  ×${p.calls}`);
      }
    }
  }
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(
    options.out,
    JSON.stringify(
      { date: new Date().toISOString(), cores, wasmThreads: threads, loadAverage: [loadBefore, loadAfter], rounds, seconds, batches, warmup, pytorch: pytorchNote, models: rows, matmulGflops: matmul },
      null,
      2,
    ),
  );
  console.log(`\nwrote ${options.out}`);
}

await main();
