// The live handouts: every code cell of the page becomes an editor with Run, Run all above and Stop,
// run by the course's runtime in a worker; the executed outputs stay until the learner runs the cell.
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { javascript } from "@codemirror/lang-javascript";
import { defaultHighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { EditorState } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { liveGlobal, type PageNotebook } from "./liveGlobal.js";
import { LiveOutputs } from "./renderLiveOutput.js";
import { RuntimeClient } from "./runtimeClient.js";
import { pageWords } from "./pageWords.js";

interface LiveCell {
  section: HTMLElement;
  editor: EditorView;
  prompt: HTMLElement | null;
  status: HTMLElement;
  run: HTMLButtonElement;
}

const runtime = new RuntimeClient();
let executionCount = 0;
let queue: Promise<unknown> = Promise.resolve();
let runningCell: LiveCell | undefined;

function button(label: string, className: string, title: string): HTMLButtonElement {
  const element = document.createElement("button");
  element.type = "button";
  element.className = className;
  element.textContent = label;
  element.title = title;
  return element;
}

function outputArea(section: HTMLElement): HTMLElement {
  let area = section.querySelector<HTMLElement>(":scope > .cell-outputs");
  if (!area) {
    area = document.createElement("div");
    area.className = "cell-outputs";
    section.append(area);
  }
  return area;
}

async function runCell(cell: LiveCell): Promise<string> {
  cell.status.textContent = pageWords.waiting;
  cell.section.classList.add("live-queued");
  const run = queue.then(async () => {
    runningCell = cell;
    cell.section.classList.replace("live-queued", "live-running");
    cell.status.textContent = pageWords.running;
    if (cell.prompt) cell.prompt.textContent = "[*]";
    const outputs = new LiveOutputs(outputArea(cell.section));
    const began = performance.now();
    let status: string;
    try {
      status = await runtime.run(cell.editor.state.doc.toString(), (event) => {
        if (event.type === "stream") outputs.stream(event.name, event.text);
        else if (event.type === "display") outputs.display(event.kind, event.displayId, event.data);
        else if (event.type === "result") outputs.result(event.data);
        else if (event.type === "error") outputs.error(event.ename, event.evalue, event.traceback);
      });
    } catch (error) {
      outputs.error("RuntimeError", (error as Error).message, []);
      status = "error";
    }
    executionCount += 1;
    if (cell.prompt) cell.prompt.textContent = `[${executionCount}]`;
    const seconds = ((performance.now() - began) / 1000).toFixed(1);
    cell.status.textContent = { ok: pageWords.ran(seconds), error: pageWords.failed(seconds), interrupted: pageWords.stopped, restarted: pageWords.restarted }[status] ?? status;
    cell.section.classList.remove("live-running");
    cell.section.dataset.liveStatus = status;
    runningCell = undefined;
    return status;
  });
  queue = run.catch(() => undefined);
  return run;
}

function liveCells(): LiveCell[] {
  return [...document.querySelectorAll<HTMLElement>("section.code-cell")].map((section) => {
    const input = section.querySelector<HTMLElement>(":scope > .cell-input")!;
    const code = input.querySelector<HTMLElement>("pre > code");
    const source = code?.textContent ?? "";
    const editorHost = document.createElement("div");
    editorHost.className = "live-editor";
    const cell = {} as LiveCell;
    cell.editor = new EditorView({
      parent: editorHost,
      state: EditorState.create({
        doc: source,
        extensions: [
          history(),
          keymap.of([
            { key: "Shift-Enter", run: () => (void runCell(cell), true) },
            ...defaultKeymap,
            ...historyKeymap,
          ]),
          javascript({ typescript: true }),
          syntaxHighlighting(defaultHighlightStyle),
          EditorView.lineWrapping,
        ],
      }),
    });
    code?.parentElement?.replaceWith(editorHost);
    const toolbar = document.createElement("div");
    toolbar.className = "live-toolbar";
    cell.run = button(pageWords.run, "live-run", pageWords.runTitle);
    const above = button(pageWords.runAbove, "live-run-above", pageWords.runAboveTitle);
    const stop = button(pageWords.stop, "live-stop", pageWords.stopTitle);
    cell.status = document.createElement("span");
    cell.status.className = "live-status";
    cell.status.setAttribute("aria-live", "polite");
    toolbar.append(cell.run, above, stop, cell.status);
    input.after(toolbar);
    // Starting takes seconds (the worker, lib, the data sets): begin when the learner reaches for a cell.
    for (const [target, event] of [[toolbar, "pointerenter"], [editorHost, "focusin"]] as const) {
      target.addEventListener(event, () => runtime.warmUp(), { once: true });
    }
    cell.section = section;
    cell.prompt = input.querySelector<HTMLElement>(".prompt");
    cell.run.addEventListener("click", () => void runCell(cell));
    stop.addEventListener("click", () => runningCell && runtime.stop());
    above.addEventListener("click", () => {
      const cells = pageCells;
      for (const each of cells.slice(0, cells.indexOf(cell) + 1)) void runCell(each);
    });
    return cell;
  });
}

function editedNotebook(notebook: PageNotebook, cells: LiveCell[]): string {
  const edits = new Map(cells.map((cell) => [cell.section.id.replace(/^cell-/, ""), cell.editor.state.doc.toString()]));
  const lines = (text: string) => text.split(/(?<=\n)/);
  return JSON.stringify(
    {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: notebook.metadata,
      cells: notebook.cells.map((cell) =>
        cell.cell_type === "code"
          ? { cell_type: "code", id: cell.id, metadata: cell.metadata, execution_count: null, outputs: [], source: lines(edits.get(cell.id) ?? cell.source) }
          : { cell_type: "markdown", id: cell.id, metadata: cell.metadata, source: lines(cell.source) },
      ),
    },
    null,
    1,
  );
}

function pageBar(cells: LiveCell[]): void {
  const notebook = liveGlobal().notebook;
  const bar = document.createElement("div");
  bar.className = "live-bar";
  const status = document.createElement("span");
  status.className = "live-runtime-status";
  status.textContent = pageWords.banner;
  runtime.onStatus = (text) => (status.textContent = text);
  bar.append(status);
  if (notebook) {
    const download = button(pageWords.download, "live-download", pageWords.downloadTitle);
    download.addEventListener("click", () => {
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([editedNotebook(notebook, cells)], { type: "application/x-ipynb+json" }));
      link.download = notebook.file;
      link.click();
    });
    bar.append(download);
  }
  document.querySelector("article")?.prepend(bar);
}

const pageCells = liveCells();
pageBar(pageCells);
