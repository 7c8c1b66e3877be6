#!/usr/bin/env node
import { readFileSync } from "node:fs";
import "../renderers/registerBuiltinRenderers.js";
import type { ConnectionInfo } from "../client/connectionFile.js";
import { KernelInterruptError } from "@tsdl/display";
import { PlotlyInNotebook } from "../plotlyLibrary/plotlyInNotebook.js";
import { CellRunner } from "./cellRunner.js";
import { KernelServer } from "./kernelServer.js";
import { shellRequests } from "./shellRequests.js";

const connectionFile = process.argv[2];
if (!connectionFile) {
  console.error("usage: launch.js CONNECTION_FILE (the kernelspec passes {connection_file})");
  process.exit(2);
}

// tfjs stacks are deeper than Node's default 10 frames, which would cut off the cell's own line.
Error.stackTraceLimit = 50;
try {
  const connection = JSON.parse(readFileSync(connectionFile, "utf8")) as ConnectionInfo;
  const cells = new CellRunner(process.cwd(), {
    allFrames: process.env.TSDL_TRACEBACK === "full",
    preloadTypes: (process.env.TSDL_PRELOAD_TYPES ?? "").split(",").filter(Boolean),
  }, [new PlotlyInNotebook()]);
  // Jupyter interrupts with SIGINT: synchronous code stops via vm's breakOnSigint, awaits via this.
  process.on("SIGINT", () => cells.interrupt());
  process.on("uncaughtException", (error) => console.error("Uncaught exception:", error));
  process.on("unhandledRejection", (reason) => {
    // An interrupted cell's leftover work (a fit stopped by liveProgress) rejects after the cell ended.
    if (reason instanceof Error && reason.name === new KernelInterruptError().name) return;
    console.error("Unhandled promise rejection:", reason);
  });
  await KernelServer.start(connection, shellRequests(cells, connection), () => cells.executor.close());
  // After the sockets are up, so the front end's kernel_info_request is answered first.
  setTimeout(() => cells.preloadTypes(), 0);
} catch (error) {
  // Left running, a half-started kernel would answer nothing; the frontend should see it exit.
  console.error("tsdl kernel could not start:", error);
  process.exit(1);
}
