import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import path from "node:path";
import type { Readable, Writable } from "node:stream";
import { gradingDist, repoRoot } from "../repoPaths.js";

export interface SandboxLimits {
  /** V8 heap cap for learner code, in MB. */
  memoryMb: number;
}

export interface SpawnedSandbox {
  child: ChildProcess;
  channel: Readable & Writable;
}

// Only public code and data: never tests/, notebooks/, submissions or grading outputs.
const READABLE = ["node_modules", "display", "lib", "kernel-ext", "shims", "data", "package.json", "tools/dist/grading/sandbox", "tools/dist/grading/protocol"];

/** Memory outside the V8 heap (typed arrays, buffers, wasm) the sandbox may commit beyond its heap cap. */
export const OFF_HEAP_MB = 512;
/** Largest file the sandbox may write into its temp dir. */
export const MAX_WRITTEN_FILE_MB = 64;

// A user namespace makes the other namespaces possible without privileges. In its own PID namespace
// the sandbox is process 1: it sees and can signal only itself (kill(-1) and kill(0) stay inside),
// and when it dies the kernel kills anything it left behind. `--kill-child` ties it to `unshare`.
const UNSHARE = ["--user", "--map-root-user", "--net", "--pid", "--fork", "--kill-child", "--"];

export interface SandboxIsolation {
  /** Own session and process group (always): a group kill from inside reaches no grader process. */
  session: true;
  /** Own PID and network namespaces (`unshare`, Linux with unprivileged user namespaces). */
  namespaces: boolean;
  /** Whole-process memory cap (`prlimit --data`, Linux), beyond the V8 heap cap every platform gets. */
  memoryCap: boolean;
  /** Killed by the kernel when its judge thread dies (`setpriv --pdeathsig`, Linux). */
  parentDeath: boolean;
}

let isolation: SandboxIsolation | undefined;

function runs(command: string, args: string[]): boolean {
  return spawnSync(command, [...args, "true"], { stdio: "ignore" }).status === 0;
}

/** What confines a sandbox on this machine, probed once per process. */
export function sandboxIsolation(): SandboxIsolation {
  const linux = process.platform === "linux";
  isolation ??= {
    session: true,
    namespaces: linux && runs("unshare", UNSHARE),
    memoryCap: linux && runs("prlimit", ["--data=1073741824", "--"]),
    parentDeath: linux && runs("setpriv", ["--pdeathsig", "KILL", "--"]),
  };
  return isolation;
}

/** One line for `npm run grade`: which isolation is active here, and what is missing. */
export function describeIsolation(memoryMb: number): string {
  const active = sandboxIsolation();
  const parts = [
    "own session and process group",
    active.namespaces ? "own PID and network namespaces (no signals out, no network)" : "NO PID or network namespace (`unshare --user` is not allowed here: learner code can reach the network)",
    active.memoryCap ? `memory capped at ${memoryMb} MB heap + ${OFF_HEAP_MB} MB off-heap` : `heap capped at ${memoryMb} MB, but NO cap on typed arrays and buffers (no prlimit)`,
    active.parentDeath ? "killed with its judge" : "swept when grading ends",
  ];
  return `sandbox isolation: Node permission model, ${parts.join(", ")}`;
}

/**
 * Starts a sandbox under Node's permission model: it reads packages and its temp dir, writes only
 * its temp dir, and cannot start processes or workers. It leads its own session (so a process-group
 * kill from inside stays inside) and, where the machine allows, gets its own PID and network
 * namespaces and a cap on all the memory it commits. Its stdout is discarded (learner output can be
 * arbitrarily large); stderr is returned for crash diagnostics.
 */
export function spawnSandbox(tempDir: string, limits: SandboxLimits): SpawnedSandbox {
  const nodeArgs = [
    "--experimental-permission",
    ...READABLE.map((entry) => `--allow-fs-read=${path.join(repoRoot, entry)}`),
    `--allow-fs-read=${tempDir}`,
    `--allow-fs-write=${tempDir}`,
    `--max-old-space-size=${limits.memoryMb}`,
    "--disable-warning=ExperimentalWarning",
    path.join(gradingDist, "sandbox", "sandboxMain.js"),
  ];
  const env: NodeJS.ProcessEnv = { HOME: tempDir, TMPDIR: tempDir, PATH: process.env.PATH ?? "" };
  if (process.env.TSDL_BACKEND) env.TSDL_BACKEND = process.env.TSDL_BACKEND;
  // Learner code may start no workers (permission model), so tfjs-wasm runs its single-threaded build.
  env.TSDL_WASM_THREADS = "1";
  const active = sandboxIsolation();
  // Each wrapper execs the next, so the child's pid is the session leader's.
  const command: string[] = [];
  if (active.parentDeath) command.push("setpriv", "--pdeathsig", "KILL", "--");
  if (active.memoryCap) {
    const bytes = (limits.memoryMb + OFF_HEAP_MB) * 1024 * 1024;
    command.push("prlimit", `--data=${bytes}`, `--fsize=${MAX_WRITTEN_FILE_MB * 1024 * 1024}`, "--core=0", "--");
  }
  if (active.namespaces) command.push("unshare", ...UNSHARE);
  command.push(process.execPath, ...nodeArgs);
  const child = spawn(command[0]!, command.slice(1), { cwd: tempDir, env, detached: true, stdio: ["ignore", "ignore", "pipe", "pipe"] });
  return { child, channel: child.stdio[3] as Readable & Writable };
}

/** Kills the sandbox's whole process group (and with it its PID namespace). */
export function killSandbox(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}
