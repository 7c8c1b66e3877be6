import { type DisplayContent, type Renderer } from "@tsdl/display";
import { kernelWords } from "../words/kernelWords.js";
import { caption, escapeHtml, formatBytes, htmlTable } from "./html.js";
import { isImageTensor, tensorPng } from "./tensorImage.js";
import { activeBackendName, edgePreview, isTensor, tensorBytes, type EdgePreview, type TensorLike } from "./tensorLike.js";
import { formatValues, tensorText } from "./tensorText.js";

export function tensorHeader(t: TensorLike): string {
  const bytes = tensorBytes(t);
  return [
    kernelWords().tensor(t.dtype, t.shape),
    activeBackendName(),
    bytes === undefined ? undefined : formatBytes(bytes),
  ]
    .filter(Boolean)
    .join(" · ");
}

/** Row or column labels of a previewed axis, with `…` where its middle was left out. */
function axisLabels(preview: EdgePreview, axis: number, dim: number): string[] {
  const n = preview.shape[axis]!;
  const labels: string[] = [];
  for (let i = 0; i < n; i++) {
    if (preview.truncated[axis] && i === preview.edgeItems) labels.push("…");
    labels.push(String(preview.truncated[axis] && i >= preview.edgeItems ? dim - n + i : i));
  }
  return labels;
}

function withEllipsis(cells: string[], preview: EdgePreview, axis: number): string[] {
  if (!preview.truncated[axis]) return cells;
  return [...cells.slice(0, preview.edgeItems), "…", ...cells.slice(preview.edgeItems)];
}

function tableHtml(t: TensorLike, preview: EdgePreview): string {
  const cells = formatValues(preview, t.dtype).map(escapeHtml);
  if (t.rank === 0) return htmlTable([], [[cells[0] ?? ""]], { rowHeaders: false });
  if (t.rank === 1) return htmlTable(axisLabels(preview, 0, t.shape[0]!), [withEllipsis(cells, preview, 0)], { rowHeaders: false });
  const columns = preview.shape[1]!;
  const columnLabels = axisLabels(preview, 1, t.shape[1]!);
  const rowLabels = axisLabels(preview, 0, t.shape[0]!);
  const body: string[][] = [];
  let r = 0;
  for (const label of rowLabels) {
    if (label === "…") {
      body.push(["⋮", ...columnLabels.map(() => "⋮")]);
      continue;
    }
    body.push([label, ...withEllipsis(cells.slice(r * columns, (r + 1) * columns), preview, 1)]);
    r += 1;
  }
  return htmlTable(["", ...columnLabels], body);
}

/** Renders a tensor: header, numpy-style summary, an HTML table (rank ≤ 2) or a PNG (images). */
export function renderTensor(t: TensorLike): DisplayContent {
  const header = tensorHeader(t);
  const words = kernelWords();
  if (t.isDisposed) return { data: { "text/plain": `${header}${words.disposed}`, "text/html": caption(`${header}${words.disposed}`) } };
  const image = isImageTensor(t);
  // An image's pixels are shown as a picture, so its text keeps only the edges.
  const preview = edgePreview(t, 3, image ? 0 : 1000);
  const summary = preview.truncated.some(Boolean) ? words.edgesPerAxis(preview.edgeItems) : "";
  const text = `${header}${summary}\n${tensorText(preview, t.dtype)}`;
  if (image) {
    const picture = tensorPng(t);
    const base64 = picture.png.toString("base64");
    const shown = t.rank === 4 ? words.imagesShown(picture.shown, t.shape[0]!) : "";
    return {
      data: {
        "text/plain": text,
        "text/html": `${caption(header + shown)}<img src="data:image/png;base64,${base64}" width="${picture.displayWidth}" alt="${escapeHtml(header)}" style="image-rendering: pixelated;">`,
        "image/png": base64,
      },
      metadata: { "image/png": { width: picture.displayWidth } },
    };
  }
  const rich =
    t.rank <= 2
      ? tableHtml(t, preview)
      : `<pre style="color: inherit; background: transparent; margin: 0;">${escapeHtml(tensorText(preview, t.dtype))}</pre>`;
  return { data: { "text/plain": text, "text/html": `${caption(header + summary)}${rich}` } };
}

export const tensorRenderer: Renderer = {
  name: "tfjs-tensor",
  test: isTensor,
  render: (value) => renderTensor(value as TensorLike),
};
