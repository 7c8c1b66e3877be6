import { launcherPath } from "../client/kernelClient.js";

export const kernelName = "tsdl";

/** The kernel.json of the tsdl kernel: this Node running this package's launcher. */
export function tsdlKernelSpec(nodePath = process.execPath, launcher = launcherPath) {
  return {
    argv: [nodePath, launcher, "{connection_file}"],
    display_name: "TypeScript (tsdl)",
    language: "typescript",
    interrupt_mode: "signal",
    // The course's first cell imports @tsdl/lib: read its types while the learner opens the notebook.
    env: { TSDL_PRELOAD_TYPES: "@tsdl/lib" },
    metadata: { debugger: false },
  };
}
