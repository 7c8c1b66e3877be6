// Issue 16: the static chart pictures are drawn in Node, where Vega estimates text widths at 0.8 em per
// character; a Han character is a full em, so Chinese labels were underestimated.
import { describe, expect, it } from "vitest";
import { plotlyToStaticChart } from "../../../kernel-ext/src/staticChart/index.js";
import { estimatedTextWidth } from "../../../kernel-ext/src/staticChart/wideTextWidth.js";

function svgOfChart(result: Awaited<ReturnType<typeof plotlyToStaticChart>>): string {
  if (!("image" in result)) throw new Error(result.reason);
  return Buffer.from(result.image.dataUrl.slice(result.image.dataUrl.indexOf(",") + 1), "base64").toString("utf8");
}

describe("text widths in static chart pictures", () => {
  it("counts a Han character (and a full-width colon) as 1 em and other characters as Vega's 0.8 em", () => {
    // 2 Han characters = 2 em; " loss" = 5 × 0.8 = 4 em; 6 em at 12 px = 72 px.
    expect(estimatedTextWidth("训练 loss", 12)).toBe(72);
    // 验证损失 4 em + full-width colon 1 em + "0.25" 3.2 em = 8.2 em at 10 px = 82 px.
    expect(estimatedTextWidth("验证损失：0.25", 10)).toBe(82);
    // Vega's own estimate for text without wide characters: ~~(0.8 × 13 × 11) = 114.
    expect(estimatedTextWidth("training loss", 11)).toBe(114);
  });

  it("puts the y-axis title left of Chinese tick labels measured at 1 em per character", async () => {
    const svg = svgOfChart(
      await plotlyToStaticChart({
        data: [{ type: "bar", orientation: "h", y: ["过拟合", "欠拟合的模型", "正则化"], x: [3, 5, 2] }],
        layout: { yaxis: { title: { text: "问题的种类" } } },
      }),
    );
    // Tick labels are anchored at their right end; the longest, 6 Han characters at 11 px, is 66 px wide.
    const label = /translate\(([\d.]+) [\d.]+\)">欠拟合的模型</.exec(svg);
    // The title is rotated -90° about (cx, cy) from the origin, so its baseline sits at x = cx - cy;
    // its glyphs lie left of the baseline.
    const title = /rotate\(-90 ([\d.]+) ([\d.]+)\)">问题的种类</.exec(svg);
    expect(label, "the long tick label in the SVG").not.toBeNull();
    expect(title, "the y-axis title in the SVG").not.toBeNull();
    const labelLeft = Number(label![1]) - 66;
    const titleBaseline = Number(title![1]) - Number(title![2]);
    expect(titleBaseline).toBeLessThanOrEqual(labelLeft);
  });
});
