import { spawnSync } from "node:child_process";

export const KERNEL_NAME = "tsdl";

export interface JupyterInstall {
  command: string;
  lab: boolean;
  notebook: boolean;
}

function runs(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  return result.status === 0;
}

/** Finds a `jupyter` command and which front ends it has (JupyterLab, classic Notebook). */
export function findJupyter(): JupyterInstall | undefined {
  const command = "jupyter";
  if (!runs(command, ["--version"])) return undefined;
  return { command, lab: runs(command, ["lab", "--version"]), notebook: runs(command, ["notebook", "--version"]) };
}
