#!/usr/bin/env node
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Command } from "commander";
import { kernelName, tsdlKernelSpec } from "./kernelSpec.js";

const program = new Command()
  .name("kernel:install")
  .description(`Registers the "${kernelName}" Jupyter kernel (TypeScript (tsdl)) with this Node and launcher.`)
  .option("--user", "install for the current user (the default)")
  .option("--sys-prefix", "install into the current Python environment (sys.prefix)")
  .option("--prefix <dir>", "install into DIR/share/jupyter/kernels")
  .option("--jupyter <command>", "the jupyter command to use", "jupyter")
  .parse();

const options = program.opts<{ user?: boolean; sysPrefix?: boolean; prefix?: string; jupyter: string }>();
const chosen = [options.user && "--user", options.sysPrefix && "--sys-prefix", options.prefix && "--prefix"].filter(Boolean);
if (chosen.length > 1) program.error(`choose one of --user, --sys-prefix and --prefix, got ${chosen.join(" and ")}`);

const where = options.prefix
  ? ["--prefix", path.resolve(options.prefix)]
  : options.sysPrefix
    ? ["--sys-prefix"]
    : ["--user"];
const directory = mkdtempSync(path.join(tmpdir(), "tsdl-kernelspec-"));
const specDirectory = path.join(directory, kernelName);
try {
  mkdirSync(specDirectory);
  writeFileSync(path.join(specDirectory, "kernel.json"), `${JSON.stringify(tsdlKernelSpec(), null, 2)}\n`);
  // --replace makes a second run overwrite the first, so the command is idempotent.
  const output = execFileSync(
    options.jupyter,
    ["kernelspec", "install", specDirectory, "--name", kernelName, "--replace", ...where],
    { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
  process.stdout.write(output);
  console.log(`Registered the "${kernelName}" kernel: ${tsdlKernelSpec().argv.slice(0, 2).join(" ")}`);
} catch (error) {
  const failure = error as { code?: string; stderr?: string; message: string };
  if (failure.code === "ENOENT") {
    console.error(`"${options.jupyter}" was not found: install Jupyter (e.g. "pip install jupyterlab" or Debian's jupyter-notebook), then run this again.`);
  } else {
    console.error(`jupyter kernelspec install failed: ${failure.stderr ?? failure.message}`);
  }
  process.exitCode = 1;
} finally {
  rmSync(directory, { recursive: true, force: true });
}
