// Bundled with esbuild into a page that renders a notebook's stored outputs with JupyterLab 4's own
// renderers, as a notebook just executed (trusted) or reopened from disk (untrusted), and reports
// per output what a learner sees. Plain JavaScript: it runs in Chromium, not under vitest.
import { RenderMimeRegistry, standardRendererFactories } from "@jupyterlab/rendermime";
import { OutputArea, OutputAreaModel } from "@jupyterlab/outputarea";
import "@jupyterlab/theme-light-extension/style/variables.css";
import "@jupyterlab/rendermime/style/index.css";
import "@jupyterlab/outputarea/style/index.css";

const { notebook, trusted } = window.__JLR__;
const rendermime = new RenderMimeRegistry({ initialFactories: standardRendererFactories });

function parseRgb(text) {
  const [r = 0, g = 0, b = 0, a = 1] = (text.match(/[\d.]+/g) ?? []).map(Number);
  return { r, g, b, a };
}

function luminance({ r, g, b }) {
  const [lr, lg, lb] = [r, g, b].map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * lr + 0.7152 * lg + 0.0722 * lb;
}

// Translucent layers (table header shading) are blended over what lies below them.
function backgroundBehind(element) {
  const layers = [];
  for (let node = element; node; node = node.parentElement) {
    const colour = parseRgb(getComputedStyle(node).backgroundColor);
    if (colour.a > 0) layers.push(colour);
    if (colour.a === 1) break;
  }
  let base = { r: 255, g: 255, b: 255 };
  for (const layer of layers.reverse()) {
    base = { r: layer.r * layer.a + base.r * (1 - layer.a), g: layer.g * layer.a + base.g * (1 - layer.a), b: layer.b * layer.a + base.b * (1 - layer.a) };
  }
  return base;
}

/** The lowest text/background contrast ratio among the elements that hold text in `root`. */
function lowestContrast(root) {
  let lowest = { ratio: Infinity, text: "" };
  for (const element of root.querySelectorAll("*")) {
    const ownText = [...element.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim() !== "");
    if (!ownText || element.closest("svg") || element.getClientRects().length === 0) continue;
    const style = getComputedStyle(element);
    const ink = parseRgb(style.color);
    const paper = backgroundBehind(element);
    const opacity = Number(style.opacity);
    const blended = { r: ink.r * opacity + paper.r * (1 - opacity), g: ink.g * opacity + paper.g * (1 - opacity), b: ink.b * opacity + paper.b * (1 - opacity) };
    const [hi, lo] = [luminance(blended), luminance(paper)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    if (ratio < lowest.ratio) lowest = { ratio, text: element.textContent.trim().slice(0, 60) };
  }
  return lowest;
}

const intersect = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;

/** Pairs of visible text boxes (laid out by the browser) in `node` that overlap, as their texts. */
function overlappingText(node) {
  const boxes = [];
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    if (text.textContent.trim() === "" || text.parentElement.closest("svg, pre, table")) continue;
    const range = document.createRange();
    range.selectNodeContents(text);
    for (const rect of range.getClientRects()) if (rect.width > 0 && rect.height > 0) boxes.push({ rect, text: text.textContent.trim() });
  }
  const pairs = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) if (intersect(boxes[i].rect, boxes[j].rect)) pairs.push([boxes[i].text, boxes[j].text]);
  return pairs;
}

/**
 * The text of each static chart picture, measured: the SVG inside the picture's data URL is put into
 * the page (hidden) so its text boxes can be measured. Returns overlapping pairs and texts cut with "…".
 */
async function pictureText(node) {
  const overlaps = [];
  const cut = [];
  const labels = [];
  for (const img of node.querySelectorAll('img[alt^="Plotly figure"]')) {
    const svgText = await (await fetch(img.src)).text();
    const holder = document.createElement("div");
    holder.style.cssText = "position:absolute;left:-10000px;top:0";
    holder.innerHTML = svgText;
    document.body.append(holder);
    const texts = [...holder.querySelectorAll("text")].filter((t) => t.textContent.trim() !== "");
    const rects = texts.map((t) => t.getBoundingClientRect());
    for (let i = 0; i < texts.length; i++) {
      labels.push(texts[i].textContent.trim());
      if (texts[i].textContent.includes("…")) cut.push(texts[i].textContent.trim());
      for (let j = i + 1; j < texts.length; j++) if (intersect(rects[i], rects[j])) overlaps.push([texts[i].textContent.trim(), texts[j].textContent.trim()]);
    }
    holder.remove();
  }
  return { overlaps, cut, labels };
}

function describe(node) {
  // The sanitiser drops ids, so the static picture is known by its alt text (the chart's summary).
  const pictures = [...node.querySelectorAll('img[alt^="Plotly figure"]')];
  const images = [...node.querySelectorAll("img")].filter((img) => !pictures.includes(img));
  return {
    tables: node.querySelectorAll("table").length,
    images: images.length,
    imagesLoaded: images.filter((img) => img.complete && img.naturalWidth > 0).length,
    pictures: pictures.filter((img) => img.complete && img.naturalWidth > 0 && img.getBoundingClientRect().height > 50).length,
    pictureNotes: [...node.querySelectorAll("pre")].filter((pre) => pre.textContent.includes("No static picture")).length,
    charts: node.querySelectorAll(".js-plotly-plot .main-svg").length > 0 ? node.querySelectorAll(".js-plotly-plot").length : 0,
    contrast: lowestContrast(node),
    overlappingText: overlappingText(node),
    text: node.innerText.slice(0, 120),
  };
}

(async () => {
  const areas = [];
  notebook.cells.forEach((cell, index) => {
    if (cell.cell_type !== "code") return;
    cell.outputs?.forEach((output, outputIndex) => {
      const model = new OutputAreaModel({ trusted });
      const area = new OutputArea({ model, rendermime });
      const box = document.createElement("div");
      box.className = "tsdl-output";
      const label = document.createElement("div");
      label.style.cssText = "font: 11px monospace; opacity: .6";
      label.textContent = `cell ${index + 1} output ${outputIndex + 1}`;
      box.append(label, area.node);
      document.body.append(box);
      model.add(output);
      const chosen = output.data ? rendermime.preferredMimeType(output.data, trusted ? "any" : "ensure") : output.output_type;
      areas.push({ cell: index + 1, output: outputIndex + 1, chosen, plotly: String(output.data?.["text/html"] ?? "").includes("Plotly.newPlot"), node: area.node });
    });
  });
  // Trusted charts draw once the notebook's own plotly.js copy is unpacked; wait for every picture to give way.
  const deadline = Date.now() + 30_000;
  const waiting = () => trusted && areas.some((a) => a.plotly && a.node.querySelector(".js-plotly-plot .main-svg") === null);
  while (waiting() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  await Promise.all([...document.images].map((img) => (img.complete ? null : new Promise((r) => img.addEventListener("load", r, { once: true })))));
  await new Promise((r) => setTimeout(r, 300));
  const report = [];
  for (const { node, ...rest } of areas) report.push({ ...rest, ...describe(node), pictureText: await pictureText(node) });
  window.__REPORT__ = report;
  window.__DONE__ = true;
})();
