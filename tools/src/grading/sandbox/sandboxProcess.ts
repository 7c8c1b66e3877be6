import { type ChildProcess, spawn } from "node:child_process";
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

/**
 * Starts a sandbox under Node's permission model: it reads packages and its temp dir, writes only
 * its temp dir, and cannot start processes or workers. Its stdout is discarded (learner output
 * can be arbitrarily large); stderr is returned for crash diagnostics.
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
  const child = spawn(process.execPath, args, { cwd: tempDir, env, stdio: ["ignore", "ignore", "pipe", "pipe"] });
  return { child, channel: child.stdio[3] as Readable & Writable };
}
