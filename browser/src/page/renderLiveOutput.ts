import { loadScript, scriptBase } from "./liveGlobal.js";
import { pageWords } from "./pageWords.js";

export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

interface PlotlyFigure {
  data?: unknown[];
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
}
interface PlotlyApi {
  react(target: HTMLElement, data: unknown[], layout: unknown, config: unknown): Promise<unknown>;
}

let plotly: Promise<PlotlyApi> | undefined;

function plotlyApi(): Promise<PlotlyApi> {
  const loaded = (globalThis as { Plotly?: PlotlyApi }).Plotly;
  if (loaded) return Promise.resolve(loaded);
  plotly ??= loadScript(`${scriptBase()}../assets/plotly.min.js`).then(() => (globalThis as unknown as { Plotly: PlotlyApi }).Plotly);
  return plotly;
}

function pre(className: string, text: string): HTMLElement {
  const element = document.createElement("pre");
  element.className = className;
  element.textContent = text;
  return element;
}

/** Draws one MIME bundle into `target` (replacing what it showed), richest type first as the static page does. */
export function renderBundle(target: HTMLElement, data: Record<string, unknown>): void {
  const figure = data[PLOTLY_MIME] as PlotlyFigure | undefined;
  if (figure) {
    let chart = target.querySelector<HTMLElement>(":scope > .output-plotly > .plotly-chart");
    if (!chart) {
      target.replaceChildren();
      const wrapper = document.createElement("div");
      wrapper.className = "output-plotly";
      chart = document.createElement("div");
      chart.className = "plotly-chart";
      wrapper.append(chart);
      target.append(wrapper);
    }
    const drawTo = chart;
    void plotlyApi().then((api) => api.react(drawTo, figure.data ?? [], figure.layout ?? {}, { responsive: true, displaylogo: false, ...figure.config }));
    return;
  }
  const html = data["text/html"];
  if (typeof html === "string") {
    const element = document.createElement("div");
    element.className = "output-html";
    // The worker's renderers write this HTML from the learner's values (escaped); scripts in it do not run.
    element.innerHTML = html;
    target.replaceChildren(element);
    return;
  }
  for (const mime of ["image/png", "image/jpeg", "image/gif"]) {
    const image = data[mime];
    if (typeof image === "string") {
      const wrapper = document.createElement("div");
      wrapper.className = "output-image";
      const img = document.createElement("img");
      img.src = `data:${mime};base64,${image}`;
      img.alt = pageWords.outputImage;
      wrapper.append(img);
      target.replaceChildren(wrapper);
      return;
    }
  }
  target.replaceChildren(pre("output-text", String(data["text/plain"] ?? "")));
}

/** The live outputs of one run of one cell: streams appended, displays updated in place by id. */
export class LiveOutputs {
  private readonly displays = new Map<string, HTMLElement[]>();
  private lastStream: { name: string; element: HTMLElement } | undefined;

  constructor(private readonly area: HTMLElement) {
    area.replaceChildren();
    area.classList.add("live-outputs");
  }

  private block(): HTMLElement {
    const element = document.createElement("div");
    element.className = "live-output";
    this.area.append(element);
    this.lastStream = undefined;
    return element;
  }

  stream(name: string, text: string): void {
    if (this.lastStream?.name !== name) {
      const element = pre(`output-stream output-${name}`, "");
      this.area.append(element);
      this.lastStream = { name, element };
    }
    this.lastStream.element.textContent += text;
  }

  display(kind: "display_data" | "update_display_data", id: string, data: Record<string, unknown>): void {
    if (kind === "update_display_data") {
      for (const element of this.displays.get(id) ?? []) renderBundle(element, data);
      return;
    }
    const element = this.block();
    renderBundle(element, data);
    this.displays.set(id, [...(this.displays.get(id) ?? []), element]);
  }

  result(data: Record<string, unknown>): void {
    renderBundle(this.block(), data);
  }

  error(ename: string, evalue: string, traceback: string[]): void {
    const element = pre("output-error", [`${ename}: ${evalue}`, ...traceback].join("\n"));
    element.setAttribute("role", "alert");
    this.area.append(element);
    this.lastStream = undefined;
  }
}
