import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { findJupyter } from "./jupyterCommands.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const notebooks = fileURLToPath(new URL("../../notebooks/", import.meta.url));

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

console.log(`Opening the course in ${frontEnd === "lab" ? "JupyterLab" : "the classic Jupyter Notebook"} on ${notebooks}`);
const child = spawn(jupyter.command, [frontEnd, `--notebook-dir=${notebooks}`], { stdio: "inherit" });
child.on("exit", (code) => process.exit(code ?? 0));
