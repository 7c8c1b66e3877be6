import { readdirSync, readFileSync } from "node:fs";

/** The process of the kernel with this id: the one whose command line names its connection file. */
export function findKernelPid(kernelId: string): number {
  const marker = `kernel-${kernelId}.json`;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(marker)) return Number(entry);
    } catch {
      // The process ended while we looked.
    }
  }
  throw new Error(`no process has ${marker} on its command line`);
}

/** Resident memory of a process in MiB (VmRSS), as a memory limit counts it. */
export function residentMiB(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!match) throw new Error(`/proc/${pid}/status has no VmRSS line`);
  return Number(match[1]) / 1024;
}
