import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { findJupyter } from "./jupyterCommands.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const notebooks = fileURLToPath(new URL("../../notebooks/", import.meta.url));
// `npm start -- --zh` opens the Chinese edition's folder; the server's root stays notebooks/, so the
// Chinese notebooks' links to ../figures/ resolve.
const chinese = process.argv.includes("--zh");

const install = spawnSync("npm", ["run", "--silent", "kernel:install", "--", "--user"], { cwd: root, stdio: "inherit" });
if (install.status !== 0) {
  console.error("Registering the tsdl kernel failed (see above). `npm run doctor` explains what is missing.");
  process.exit(install.status ?? 1);
}

const jupyter = findJupyter();
const frontEnd = jupyter?.lab ? "lab" : jupyter?.notebook ? "notebook" : undefined;
if (!jupyter || !frontEnd) {
  console.error(
    [
      "The tsdl kernel is registered, but no Jupyter front end was found to open the course.",
      "Install one, then run `npm start` again:",
      "  pip install jupyterlab                  # JupyterLab (recommended)",
      "  sudo apt-get install jupyter-notebook   # Debian/Ubuntu: the classic Notebook",
    ].join("\n"),
  );
  process.exit(1);
}

/** The server option that opens the zh/ folder first: JupyterLab and Notebook 7 run on jupyter_server, Notebook 6 on its own app. */
function openChineseFolder(): string {
  if (frontEnd === "lab") return "--ServerApp.default_url=/lab/tree/zh";
  const version = spawnSync(jupyter!.command, ["notebook", "--version"], { encoding: "utf8" }).stdout.trim();
  return version.startsWith("6.") ? "--NotebookApp.default_url=/tree/zh" : "--ServerApp.default_url=/tree/zh";
}

const hasChinese = existsSync(`${notebooks}zh`);
console.log(
  [
    `Opening the course in ${frontEnd === "lab" ? "JupyterLab" : "the classic Jupyter Notebook"} on ${notebooks}`,
    `  English: the notebooks in notebooks/ (start with 00-setup.ipynb)${chinese ? "" : " — opening this one"}`,
    ...(hasChinese ? [`  中文版：notebooks/zh/ 文件夹中的笔记本（从 00-setup.ipynb 开始）${chinese ? "——正在打开" : "；用 npm start -- --zh 直接打开"}`] : []),
  ].join("\n"),
);
const args = [frontEnd, `--notebook-dir=${notebooks}`, ...(chinese && hasChinese ? [openChineseFolder()] : [])];
const child = spawn(jupyter.command, args, { stdio: "inherit" });
child.on("exit", (code) => process.exit(code ?? 0));
