#!/usr/bin/env node
import "../renderers/registerBuiltinRenderers.js";
import { KernelInterruptError } from "@tsdl/display";
import { PlotlyInNotebook } from "../plotlyLibrary/plotlyInNotebook.js";
import { CellRunner } from "./cellRunner.js";
import { KernelServer } from "./kernelServer.js";

const connectionFile = process.argv[2];
if (!connectionFile) {
  console.error("usage: launch.js CONNECTION_FILE (the kernelspec passes {connection_file})");
  process.exit(2);
}

// tfjs stacks are deeper than Node's default 10 frames, which would cut off the cell's own line.
Error.stackTraceLimit = 50;
const cells = new CellRunner(process.cwd(), [new PlotlyInNotebook()]);
const server = new KernelServer(cells, connectionFile);
// Jupyter interrupts with SIGINT: synchronous code stops via vm's breakOnSigint, awaits via this.
process.on("SIGINT", () => cells.interrupt());
process.on("uncaughtException", (error) => console.error("Uncaught exception:", error));
process.on("unhandledRejection", (reason) => {
  // An interrupted cell's leftover work (a fit stopped by liveProgress) rejects after the cell ended.
  if (reason instanceof Error && reason.name === new KernelInterruptError().name) return;
  console.error("Unhandled promise rejection:", reason);
});
try {
  await server.init();
} catch (error) {
  // Left running, a half-started kernel would answer nothing; the frontend should see it exit.
  console.error("tsdl kernel could not start:", error);
  process.exit(1);
}
