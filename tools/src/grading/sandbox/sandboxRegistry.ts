import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

// Field 22 of /proc/<pid>/stat: when the process started, so a reused pid is never killed.
function startTime(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")[19];
  } catch {
    return undefined;
  }
}

/** The registry folder inside a grading batch's work dir. */
export function sandboxRegistryDir(workDir: string): string {
  return path.join(workDir, "sandboxes");
}

/**
 * Notes a sandbox (the leader of its own process group) in `dir`, so the grader can kill any that
 * is still alive when the batch ends, whatever happened to the judge that started it.
 */
export function recordSandbox(dir: string, pid: number): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, String(pid)), startTime(pid) ?? "");
}

/** Kills the process group of every recorded sandbox still running; returns how many there were. */
export function killRecordedSandboxes(dir: string): number {
  let killed = 0;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid <= 1) continue;
    const recorded = readFileSync(path.join(dir, entry), "utf8");
    const now = startTime(pid);
    if (now === undefined || (recorded !== "" && now !== recorded)) continue;
    try {
      process.kill(-pid, "SIGKILL");
      killed += 1;
    } catch {
      // Gone in between.
    }
  }
  return killed;
}
