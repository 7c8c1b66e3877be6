import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { stripVTControlCharacters } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chartFigure } from "@tsdl/kernel-ext";
import { KernelClient, type JupyterMessage } from "../../kernel-ext/dist/client/index.js";
import { repoRoot } from "../helpers/runNode.js";

// One kernel process for every protocol test (it takes seconds to start); the built launcher runs.
let kernel: KernelClient;

beforeAll(async () => {
  kernel = await KernelClient.start({ cwd: path.join(repoRoot, "notebooks") });
  const imports = await kernel.execute(
    'import { tf, train } from "@tsdl/lib";\nimport { display, Figure, liveProgress } from "@tsdl/kernel-ext";',
  );
  expect(imports.reply.status, JSON.stringify(imports.reply)).toBe("ok");
}, 180_000);

afterAll(async () => {
  await kernel?.shutdown();
});

const ofType = (messages: JupyterMessage[], type: string) => messages.filter((m) => m.header.msg_type === type);
const plain = (traceback: unknown) => (traceback as string[]).map((line) => stripVTControlCharacters(line));

describe("the tsdl kernel over ZeroMQ", () => {
  it("starts and imports without an uncaught error on its stderr", () => {
    expect(kernel.stderr).not.toMatch(/Uncaught|Unhandled|could not start/);
  });

  it("sends 1 + 1 as an execute_result with text/plain 2 and the reply's execution_count", async () => {
    const { reply, messages } = await kernel.execute("1 + 1");
    expect(reply.status).toBe("ok");
    const [result] = ofType(messages, "execute_result");
    expect(result?.content.data).toEqual({ "text/plain": "2" });
    expect(result?.content.execution_count).toBe(reply.execution_count);
    expect(ofType(messages, "execute_input")[0]?.content.code).toBe("1 + 1");
  });

  it("sends plotly.js with the first chart, and again when the cell that carried it is re-run or deleted", async () => {
    const chart = 'new Figure([{ type: "scatter", y: [1, 2] }])';
    const carriesLoader = async (cellId: string, deletedCells: string[] = []) => {
      const { messages } = await kernel.execute(chart, { metadata: { cellId, deletedCells } });
      return messages.some((m) => String((m.content.data as Record<string, unknown> | undefined)?.["text/html"] ?? "").includes("window.__tsdlPlotly ="));
    };
    expect(await carriesLoader("c1")).toBe(true);
    expect(await carriesLoader("c2")).toBe(false);
    expect(await carriesLoader("c1")).toBe(true);
    expect(await carriesLoader("c2")).toBe(false);
    expect(await carriesLoader("c3", ["c1"])).toBe(true);
  });

  it("sends plotly.js again when the classic Notebook (no cell ids) re-runs the cell that carried it", async () => {
    const first = 'new Figure([{ type: "bar", y: [1, 2] }])';
    const other = 'new Figure([{ type: "bar", y: [3, 4] }])';
    const carriesLoader = async (code: string) =>
      (await kernel.execute(code)).messages.some((m) => String((m.content.data as Record<string, unknown> | undefined)?.["text/html"] ?? "").includes("window.__tsdlPlotly ="));
    // The carrier so far was a JupyterLab cell with another source, so this cell is not it.
    expect(await carriesLoader(first)).toBe(false);
    expect(await carriesLoader(other)).toBe(false);
    // Re-running the JupyterLab carrier's source without an id counts as re-running it.
    expect(await carriesLoader('new Figure([{ type: "scatter", y: [1, 2] }])')).toBe(true);
    expect(await carriesLoader(first)).toBe(false);
    expect(await carriesLoader('new Figure([{ type: "scatter", y: [1, 2] }])')).toBe(true);
  });

  it("shows a tensor with text/html and text/plain", async () => {
    const { messages } = await kernel.execute("tf.tensor2d([[1, 2], [3, 4]])");
    const data = ofType(messages, "execute_result")[0]?.content.data as Record<string, string>;
    expect(data["text/plain"]).toMatch(/^Tensor float32 \[2, 2\]/);
    expect(data["text/plain"]).toContain("[[1., 2.],\n [3., 4.]]");
    expect(data["text/html"]).toContain("<table");
  });

  it("shows a figure as interactive HTML that holds the figure once", async () => {
    const { messages } = await kernel.execute('new Figure([{ type: "bar", x: ["a", "b"], y: [3, 5] }])');
    const data = ofType(messages, "execute_result")[0]?.content.data as Record<string, unknown>;
    expect(Object.keys(data).sort()).toEqual(["text/html", "text/plain"]);
    expect(chartFigure(data)).toEqual({ data: [{ type: "bar", x: ["a", "b"], y: [3, 5] }], layout: {}, config: {} });
    expect(String(data["text/html"])).toContain("Plotly.newPlot");
    expect(data["text/plain"]).toBe("Plotly figure: 1 trace (bar)");
  });

  it("reports a type error as an error message pointing at the cell line", async () => {
    const { reply, messages } = await kernel.execute('const ok = 1;\nconst wrong: number = "text";');
    expect(reply.status).toBe("error");
    const [error] = ofType(messages, "error");
    expect(error?.content.ename).toBe("TSError");
    expect(error?.content.evalue).toContain("Type 'string' is not assignable to type 'number'");
    expect(plain(error?.content.traceback).join("\n")).toContain("cell line 2:7");
  });

  it("reports a thrown error with ename, evalue and the cell line, coloured as IPython colours them", async () => {
    const { reply, messages } = await kernel.execute('const before = 1;\nthrow new RangeError("too far");');
    expect(reply).toMatchObject({ status: "error", ename: "RangeError", evalue: "too far" });
    const traceback = ofType(messages, "error")[0]?.content.traceback as string[];
    // Nothing about the kernel's own frames that ran the cell.
    expect(plain(traceback)).toEqual(["RangeError: too far", '    at cell line 2: throw new RangeError("too far");']);
    // ename in red, the cell line in green (IPython's traceback colours).
    expect(traceback[0]).toBe("\x1b[0;31mRangeError\x1b[0m: too far");
    expect(traceback[1]).toContain("\x1b[0;32m    at cell line 2\x1b[0m");
  });

  it("keeps what a cell defined before it threw, as ipykernel does", async () => {
    const failed = await kernel.execute('const defined = 20;\nfunction twice(x: number) { return 2 * x; }\nthrow new Error("late");');
    expect(failed.reply.status).toBe("error");
    const completion = await kernel.request("complete_request", { code: "twi", cursor_pos: 3 });
    expect(completion.content.matches).toContain("twice");
    const { messages } = await kernel.execute("twice(defined) + 2");
    expect(ofType(messages, "execute_result")[0]?.content.data).toEqual({ "text/plain": "42" });
  });

  it("shows the cell line of an error thrown inside tfjs before any package frame, and hides those frames", async () => {
    const { reply } = await kernel.execute("const a = tf.ones([2, 3]) as tf.Tensor2D;\nconst b = tf.ones([4, 5]) as tf.Tensor2D;\nconst c = a.matMul(b);");
    expect(reply.evalue).toContain("matMul inner dimensions must match");
    const traceback = plain(reply.traceback);
    expect(traceback[1]).toBe("    at cell line 3: const c = a.matMul(b);");
    expect(traceback).toHaveLength(3);
    expect(traceback[2]).toMatch(/^    … \d+ frames inside packages hidden/);
    expect(traceback.join("\n")).not.toContain("node_modules");
  });

  it("updates a display in place with update_display_data and the same display_id", async () => {
    const { messages } = await kernel.execute('const h = display("first", { id: "progress-1" });\nawait h.update("second");');
    const shown = ofType(messages, "display_data")[0];
    const updated = ofType(messages, "update_display_data")[0];
    expect(shown?.content).toMatchObject({ data: { "text/plain": "'first'" }, transient: { display_id: "progress-1" } });
    expect(updated?.content).toMatchObject({ data: { "text/plain": "'second'" }, transient: { display_id: "progress-1" } });
  });

  it("shows live training progress as a status line and a loss chart, each updated in place", async () => {
    const { reply, messages } = await kernel.execute(
      "const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });\n" +
        'model.compile({ optimizer: "sgd", loss: "meanSquaredError" });\n' +
        "await model.fit(tf.ones([8, 2]), tf.ones([8, 1]), { epochs: 3, batchSize: 4, verbose: 0,\n" +
        "  callbacks: new tf.CustomCallback(liveProgress({ title: \"fit\", epochs: 3, stepsPerEpoch: 2 }) as never) });",
    );
    expect(reply.status, JSON.stringify(reply)).toBe("ok");
    const shown = ofType(messages, "display_data").filter((m) => String((m.content.data as Record<string, unknown>)["text/plain"]) !== "");
    expect(shown).toHaveLength(2);
    const [status, chart] = shown.map((m) => (m.content.transient as { display_id: string }).display_id);
    const updates = ofType(messages, "update_display_data");
    const statusTexts = updates.filter((m) => (m.content.transient as { display_id: string }).display_id === status)
      .map((m) => String((m.content.data as Record<string, unknown>)["text/plain"]));
    expect(statusTexts.at(-1)).toMatch(/^fit: █{24} done: 3 epochs · \d+:\d\d · loss \d/);
    const chartUpdates = updates.filter((m) => (m.content.transient as { display_id: string }).display_id === chart);
    // Shown after epoch 1, updated after epochs 2 and 3; the last has three points per curve.
    expect(chartUpdates).toHaveLength(2);
    const figure = chartFigure(chartUpdates.at(-1)!.content.data as Record<string, unknown>)!;
    expect(figure.data[0]!.x).toEqual([1, 2, 3]);
  });

  it("after early stopping, the live chart spans the epochs run and the status says where it stopped and what it restored", async () => {
    // A learning rate of 10 makes the loss grow from the first step: best epoch 1, patience 1 stops after epoch 2.
    const { reply, messages } = await kernel.execute(
      "const diverging = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], kernelInitializer: 'ones' })] });\n" +
        "diverging.compile({ optimizer: tf.train.sgd(10), loss: 'meanSquaredError' });\n" +
        "const early = await train(diverging, tf.ones([8, 2]), tf.zeros([8, 1]), { epochs: 100, batchSize: 8, earlyStopping: { monitor: 'loss', patience: 1 } });\n" +
        "[early.epochsRun, early.bestEpoch, early.stoppedEpoch]",
    );
    expect(reply.status, JSON.stringify(reply)).toBe("ok");
    expect(ofType(messages, "execute_result")[0]?.content.data).toEqual({ "text/plain": "[ 2, 1, 2 ]" });
    const texts = [...ofType(messages, "display_data"), ...ofType(messages, "update_display_data")].map((m) => m.content.data as Record<string, unknown>);
    expect(String(texts.filter((d) => String(d["text/plain"]).startsWith("Training:")).at(-1)?.["text/plain"])).toMatch(
      /^Training: stopped early at epoch 2 of 100, restored epoch 1 · \d+:\d\d · loss /,
    );
    const charts = texts.map(chartFigure).filter((f) => f !== undefined);
    const last = charts.at(-1)!;
    expect(last.data.map((t) => t.x)).toEqual([[1, 2]]);
    // no planned range: the axis follows the two epochs run, ticked 1, 2
    expect(last.layout?.xaxis?.range).toBeUndefined();
    expect(last.layout?.xaxis?.dtick).toBe(1);
  });

  it("keeps tslab's own display API working", async () => {
    const { messages } = await kernel.execute('import * as tslab from "tslab";\ntslab.display.html("<i>from tslab</i>");');
    expect(ofType(messages, "display_data")[0]?.content.data).toEqual({ "text/html": "<i>from tslab</i>" });
  });

  it("interrupts a long synchronous loop and keeps earlier variables", async () => {
    expect((await kernel.execute("const kept = 41;")).reply.status).toBe("ok");
    const started = Date.now();
    const timer = setTimeout(() => kernel.interrupt(), 1500);
    const { reply } = await kernel.execute("let n = 0;\nwhile (true) { n++; }");
    clearTimeout(timer);
    expect(reply).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
    expect(Date.now() - started).toBeLessThan(15_000);
    const after = await kernel.execute("kept + 1");
    expect(ofType(after.messages, "execute_result")[0]?.content.data).toEqual({ "text/plain": "42" });
  });

  it("interrupts a cell waiting on a promise that never settles", async () => {
    const timer = setTimeout(() => kernel.interrupt(), 1500);
    const { reply } = await kernel.execute("await new Promise(() => {});");
    clearTimeout(timer);
    expect(reply).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
  });

  it("stops a fit left running by an interrupted cell at its next batch", async () => {
    const setup = await kernel.execute(
      "let batches = 0;\n" +
        "const slow = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });\n" +
        'slow.compile({ optimizer: "sgd", loss: "meanSquaredError" });',
    );
    expect(setup.reply.status).toBe("ok");
    // Interrupted once the fit is surely training (a few epochs in), not while the cell still compiles.
    let timer: NodeJS.Timeout | undefined;
    const interrupted = await kernel.execute(
      "await slow.fit(tf.ones([64, 2]), tf.ones([64, 1]), { epochs: 100000, batchSize: 8, verbose: 0, callbacks: [\n" +
        "  new tf.CustomCallback({ onBatchEnd: async () => { batches++; await new Promise((r) => setTimeout(r, 5)); } }),\n" +
        "  new tf.CustomCallback(liveProgress({ epochs: 100000 }) as never)] });",
      {
        onMessage: (m) => {
          if (timer === undefined && String((m.content.data as Record<string, unknown> | undefined)?.["text/plain"] ?? "").includes("epoch 4/100000")) {
            timer = setTimeout(() => kernel.interrupt(), 300);
          }
        },
      },
    );
    clearTimeout(timer);
    expect(interrupted.reply).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
    const check = await kernel.execute("const seen = batches;\nawait new Promise((r) => setTimeout(r, 500));\n[seen > 0, batches - seen]");
    expect(check.reply.status).toBe("ok");
    expect(ofType(check.messages, "execute_result")[0]?.content.data).toEqual({ "text/plain": "[ true, 0 ]" });
    expect(ofType(check.messages, "stream")).toEqual([]);
    // The status says so, and the chart spans the epochs that finished, not the 100000 planned.
    const shown = [...interrupted.messages, ...check.messages]
      .filter((m) => ["display_data", "update_display_data"].includes(m.header.msg_type))
      .map((m) => m.content.data as Record<string, unknown>);
    const status = String(shown.filter((d) => String(d["text/plain"]).startsWith("Training:")).at(-1)?.["text/plain"]);
    const epochsDone = Number(/^Training: interrupted in epoch \d+ of 100000 \((\d+) epochs? done\)/.exec(status)?.[1]);
    expect(epochsDone, status).toBeGreaterThan(0);
    const chart = shown.map(chartFigure).filter((f) => f !== undefined).at(-1)!;
    expect(chart.data[0]!.x).toEqual(Array.from({ length: epochsDone }, (_, i) => i + 1));
  });

  it("runs a cell sent right behind a failing one when stop_on_error is false", async () => {
    const failing = kernel.execute('throw new Error("x")', { stopOnError: false });
    const next = kernel.execute("1 + 1");
    expect((await failing).reply.status).toBe("error");
    const { reply, messages } = await next;
    expect(reply.status).toBe("ok");
    expect(ofType(messages, "execute_result")[0]?.content.data).toEqual({ "text/plain": "2" });
  });

  it("with stop_on_error aborts only the requests already queued, like ipykernel, which show as not run", async () => {
    const failing = kernel.execute('await new Promise((r) => setTimeout(r, 300));\nthrow new Error("x")');
    const queued = kernel.execute("1 + 1");
    expect((await failing).reply.status).toBe("error");
    const aborted = await queued;
    // No execution_count (front ends then show "In [ ]") and nothing on iopub, as from ipykernel.
    expect(aborted.reply).toEqual({ status: "aborted" });
    expect(aborted.messages).toEqual([]);
    const later = await kernel.execute("2 + 2");
    expect(ofType(later.messages, "execute_result")[0]?.content.data).toEqual({ "text/plain": "4" });
  });

  it("describes itself in kernel_info_reply", async () => {
    const info = await kernel.request("kernel_info_request", {});
    expect(info.header.msg_type).toBe("kernel_info_reply");
    expect(info.content).toMatchObject({ status: "ok", implementation: "tsdl", language_info: { name: "typescript", file_extension: ".ts" } });
  });

  it("reports the language_info every course notebook saved, so opening one does not mark it modified", async () => {
    const info = await kernel.request("kernel_info_request", {});
    const folder = path.join(repoRoot, "notebooks");
    const notebooks = readdirSync(folder).filter((name) => name.endsWith(".ipynb"));
    expect(notebooks.length).toBeGreaterThan(5);
    for (const name of notebooks) {
      const saved = (JSON.parse(readFileSync(path.join(folder, name), "utf8")) as { metadata: { language_info: unknown } }).metadata.language_info;
      expect(saved, name).toEqual(info.content.language_info);
    }
  });

  it("completes members and globals, and inspects with clean documentation", async () => {
    const completion = await kernel.request("complete_request", { code: "Math.PI.toFix", cursor_pos: 13 });
    expect(completion.header.msg_type).toBe("complete_reply");
    expect(completion.content).toMatchObject({ status: "ok", cursor_start: 8, cursor_end: 13 });
    expect(completion.content.matches).toContain("toFixed");
    const inspection = await kernel.request("inspect_request", { code: "Math.max", cursor_pos: 6, detail_level: 0 });
    expect(inspection.content.found).toBe(true);
    expect(String((inspection.content.data as Record<string, string>)["text/plain"])).toContain("max(");
  });

  it("hides tfjs's kernel names from tf. completion and keeps the ops, classes and namespaces", async () => {
    const kernelNames = [...readFileSync(path.join(repoRoot, "node_modules/@tensorflow/tfjs-core/dist/kernel_names.d.ts"), "utf8")
      .matchAll(/export declare const (\w+) = "/g)].map((m) => m[1]!);
    expect(kernelNames).toContain("_FusedMatMul");
    const { content } = await kernel.request("complete_request", { code: "tf.", cursor_pos: 3 });
    const matches = content.matches as string[];
    expect(matches.filter((name) => kernelNames.includes(name))).toEqual([]);
    for (const name of ["abs", "matMul", "tensor2d", "layers", "train", "Tensor", "Sequential", "AdamOptimizer"]) expect(matches).toContain(name);
    // tslab listed 513 names here; tfjs 4.22 exports 180 kernel names.
    expect(matches).toHaveLength(513 - 180);
    // Typing the underscore asks for the internals.
    const internals = await kernel.request("complete_request", { code: "tf._Fu", cursor_pos: 6 });
    expect(internals.content.matches).toContain("_FusedMatMul");
  });

  it("shows tfjs documentation without markdown fences or tfjs's {heading: …} tags", async () => {
    const { content } = await kernel.request("inspect_request", { code: "tf.tensor2d", cursor_pos: 8, detail_level: 0 });
    const data = content.data as Record<string, string>;
    const text = data["text/plain"]!;
    expect(text.split("\n")[0]).toBe("function tensor2d(values: TensorLike2D, shape?: [number, number], dtype?: DataType): Tensor2D");
    expect(text).toContain("\n    tf.tensor2d([[1, 2], [3, 4]]).print();\n");
    expect(text).toContain("- values: The values of the tensor.");
    expect(text).not.toMatch(/```|\{heading|`|\(alias\)|export tensor2d/);
    expect(data["text/markdown"]).toMatch(/^```typescript\nfunction tensor2d\(/);
    expect(data["text/markdown"]).not.toContain("{heading");
  });

  it("answers history_request with the cells this kernel ran: tail, range and search", async () => {
    const first = await kernel.execute("const historyMarker = 7;");
    const second = await kernel.execute("historyMarker * 6");
    const line = second.reply.execution_count!;
    const tail = await kernel.request("history_request", { output: false, raw: true, hist_access_type: "tail", n: 2 });
    expect(tail.header.msg_type).toBe("history_reply");
    expect(tail.content).toEqual({ status: "ok", history: [[1, line - 1, "const historyMarker = 7;"], [1, line, "historyMarker * 6"]] });
    expect(first.reply.execution_count).toBe(line - 1);
    const withOutput = await kernel.request("history_request", { output: true, raw: true, hist_access_type: "range", session: 0, start: line, stop: line + 1 });
    expect(withOutput.content.history).toEqual([[1, line, ["historyMarker * 6", "42"]]]);
    const search = await kernel.request("history_request", { output: false, raw: true, hist_access_type: "search", pattern: "*historyMarker*", n: 10 });
    expect(search.content.history).toEqual([[1, line - 1, "const historyMarker = 7;"], [1, line, "historyMarker * 6"]]);
  });

  it("answers comm_info_request with comm_info_reply and its other requests with their own reply types", async () => {
    const comms = await kernel.request("comm_info_request", { target_name: "jupyter.widget" });
    expect(comms.header.msg_type).toBe("comm_info_reply");
    expect(comms.content).toEqual({ status: "ok", comms: {} });
    const complete = await kernel.request("is_complete_request", { code: "function f() {" });
    expect(complete.header.msg_type).toBe("is_complete_reply");
    expect(complete.content.status).toBe("incomplete");
    const connect = await kernel.request("connect_request", {});
    expect(connect.header.msg_type).toBe("connect_reply");
    expect(typeof connect.content.shell_port).toBe("number");
    const interrupt = await kernel.request("interrupt_request", {}, "control");
    expect(interrupt.header.msg_type).toBe("interrupt_reply");
    expect(interrupt.content).toEqual({ status: "ok" });
    const after = await kernel.execute("40 + 2");
    expect(ofType(after.messages, "execute_result")[0]?.content.data).toEqual({ "text/plain": "42" });
  });
});
