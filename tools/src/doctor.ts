import { spawnSync } from "node:child_process";
import { backendInfo, backendReady, verifyDataChecksums } from "@tsdl/lib";
import { findJupyter, KERNEL_NAME } from "./jupyterCommands.js";

type Status = "ok" | "warn" | "fail";
const marks: Record<Status, string> = { ok: "✔", warn: "!", fail: "✘" };
let failures = 0;

function report(status: Status, title: string, detail: string): void {
  if (status === "fail") failures++;
  console.log(`${marks[status]} ${title}\n    ${detail.replaceAll("\n", "\n    ")}`);
}

function checkNode(): void {
  const [major, minor] = process.versions.node.split(".").map(Number) as [number, number];
  const ok = major > 20 || (major === 20 && minor >= 19);
  report(
    ok ? "ok" : "fail",
    `Node.js ${process.versions.node}`,
    ok
      ? "Node 20.19 or newer can load the course's ES-module packages from notebook cells."
      : "The course needs Node 20.19 or newer (notebook cells load ES modules with require). Install a newer Node.",
  );
}

async function checkBackend(): Promise<void> {
  await backendReady();
  const info = backendInfo();
  const lines = info.attempts.map((a) => `${a.ok ? "using" : "skipped"} ${a.name}: ${a.why}`);
  const status: Status = info.name === "cpu" ? "warn" : "ok";
  const advice =
    info.name === "tensorflow"
      ? ""
      : "\nNative TensorFlow is fastest: on a machine with internet access, `npm install @tensorflow/tfjs-node` adds it.";
  report(status, `TensorFlow.js backend: ${info.name}`, `${info.reason}.\n${lines.join("\n")}${advice}`);
}

function checkJupyter(): void {
  const jupyter = findJupyter();
  if (!jupyter) {
    report(
      "fail",
      "Jupyter",
      "No `jupyter` command found. Install JupyterLab (`pip install jupyterlab`), or on Debian/Ubuntu `sudo apt-get install jupyter-notebook`.",
    );
    return;
  }
  const front = jupyter.lab ? "JupyterLab" : jupyter.notebook ? "the classic Jupyter Notebook" : "no front end";
  report(jupyter.lab || jupyter.notebook ? "ok" : "warn", `Jupyter at ${jupyter.command}`, `Front end: ${front}.`);
  const list = spawnSync(jupyter.command, ["kernelspec", "list", "--json"], { encoding: "utf8" });
  const specs = list.status === 0 ? (JSON.parse(list.stdout) as { kernelspecs: Record<string, { resource_dir: string }> }).kernelspecs : {};
  const spec = specs[KERNEL_NAME];
  report(
    spec ? "ok" : "warn",
    `Kernel "${KERNEL_NAME}"`,
    spec ? `Registered at ${spec.resource_dir}.` : "Not registered yet: `npm run kernel:install` (or `npm start`) registers it.",
  );
}

function checkData(): void {
  const results = verifyDataChecksums();
  const bad = results.filter((r) => !r.ok);
  report(
    bad.length === 0 ? "ok" : "fail",
    `Data sets (${results.length} files)`,
    bad.length === 0
      ? "Every file in data/ matches its sha256 in data/SHA256SUMS."
      : bad.map((r) => `${r.file}: ${r.actual === null ? "missing" : `sha256 ${r.actual}, expected ${r.expected}`}`).join("\n") +
          "\nRestore data/ from a fresh clone of the course.",
  );
}

checkNode();
await checkBackend();
checkJupyter();
checkData();
console.log(failures === 0 ? "\nEverything the course needs is in place." : `\n${failures} problem(s) above need fixing.`);
process.exitCode = failures === 0 ? 0 : 1;
