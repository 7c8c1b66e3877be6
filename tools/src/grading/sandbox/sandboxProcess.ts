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
const READABLE = ["node_modules", "lib", "kernel-ext", "shims", "data", "package.json", "tools/dist/grading/sandbox", "tools/dist/grading/protocol"];

const UNSHARE_NETWORK = ["--user", "--map-root-user", "--net", "--"];
let networkIsolation: boolean | undefined;

/**
 * Whether sandboxes get a network namespace of their own (only a loopback that is down), so
 * learner code reaches no host, not even this one. Node 20's permission model has no network
 * rule; `unshare` (util-linux) needs unprivileged user namespaces, which some containers forbid.
 */
export function sandboxNetworkIsolated(): boolean {
  networkIsolation ??= process.platform === "linux" && spawnSync("unshare", [...UNSHARE_NETWORK, "true"], { stdio: "ignore" }).status === 0;
  return networkIsolation;
}

/**
 * Starts a sandbox under Node's permission model: it reads packages and its temp dir, writes only
 * its temp dir, and cannot start processes or workers. Its stdout is discarded (learner output
 * can be arbitrarily large); stderr is returned for crash diagnostics. Where the machine allows it,
 * the sandbox also has no network (`unshare` execs Node, so the child's pid is Node's).
 */
export function spawnSandbox(tempDir: string, limits: SandboxLimits): SpawnedSandbox {
  const args = [
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
  const [command, commandArgs] = sandboxNetworkIsolated() ? ["unshare", [...UNSHARE_NETWORK, process.execPath, ...args]] : [process.execPath, args];
  const child = spawn(command, commandArgs, { cwd: tempDir, env, stdio: ["ignore", "ignore", "pipe", "pipe"] });
  return { child, channel: child.stdio[3] as Readable & Writable };
}
