import { describe, expect, it } from "vitest";
import { Figure, toDisplayContent } from "@tsdl/kernel-ext";
import { renderMimeBundle } from "../../tools/src/handouts/renderOutput.js";
import { newPageMarkdownEnv } from "../../tools/src/handouts/markdown.js";

describe("a chart as the tsdl kernel stores it (figure once, in its HTML) in a handout", () => {
  it("is drawn from its figure by the page's plotly.js, like a Plotly MIME output", async () => {
    const { data } = await toDisplayContent(new Figure([{ type: "bar", x: ["a", "b"], y: [3, 5] }], { title: { text: "Counts" } }));
    const context = { markdownEnv: newPageMarkdownEnv(), chartCount: 0 };
    const html = renderMimeBundle(data as Record<string, string>, {}, context);
    expect(context.chartCount).toBe(1);
    expect(html).toContain('<div class="plotly-chart" id="plotly-chart-1"></div>');
    const spec = JSON.parse(/<script type="application\/json" class="plotly-figure" data-target="plotly-chart-1">([\s\S]*?)<\/script>/.exec(html)![1]!);
    expect(spec.data).toEqual([{ type: "bar", x: ["a", "b"], y: [3, 5] }]);
    expect(spec.layout.title).toEqual({ text: "Counts" });
    expect(html).not.toContain("Plotly.newPlot");
  });
});
