import pngjs from "pngjs";
import { describe, expect, it } from "vitest";
import { tf } from "@tsdl/lib";
import { renderTensor, toDisplayContent } from "@tsdl/kernel-ext";

const text = (t: tf.Tensor) => String(renderTensor(t).data["text/plain"]);

describe("tensor renderer", () => {
  it("prints values numpy-style under a shape, dtype, backend and memory header", () => {
    const t = tf.tensor2d([[1.5, -2.25], [0.001, 4]]);
    expect(text(t)).toBe(`Tensor float32 [2, 2] · ${tf.getBackend()} · 16 B\n[[ 1.5000, -2.2500],\n [ 0.0010,  4.0000]]`);
    expect(text(tf.tensor1d([1, 2, 3], "int32"))).toBe(`Tensor int32 [3] · ${tf.getBackend()} · 12 B\n[1, 2, 3]`);
    t.dispose();
  });

  it("shows 3 edge items per axis with … for more than 1,000 elements", () => {
    const t = tf.range(0, 2000, 1, "int32");
    expect(text(t).split("\n")[1]).toBe("[   0,    1,    2, …, 1997, 1998, 1999]");
    const m = tf.range(0, 1_000_000, 1, "int32").reshape([1000, 1000]);
    const lines = text(m).split("\n");
    expect(lines[1]).toBe("[[     0,      1,      2, …,    997,    998,    999],");
    expect(lines[4]).toBe(" …,");
    expect(lines[7]).toBe(" [999000, 999001, 999002, …, 999997, 999998, 999999]]");
    tf.dispose([t, m]);
  });

  it("renders an HTML table for rank ≤ 2 with row and column labels", () => {
    const t = tf.tensor2d([[1, 2, 3], [4, 5, 6]]);
    const html = String(renderTensor(t).data["text/html"]);
    expect(html.match(/<tr>/g)).toHaveLength(3);
    expect(html).toContain(">6.</td>");
    t.dispose();
  });

  it("renders a [H, W, 1] tensor as a PNG with the same pixels", () => {
    const values = Array.from({ length: 64 }, (_, i) => (i % 2 === 0 ? 0 : 1));
    const t = tf.tensor3d(values, [8, 8, 1]);
    const content = renderTensor(t);
    const png = pngjs.PNG.sync.read(Buffer.from(String(content.data["image/png"]), "base64"));
    expect([png.width, png.height]).toEqual([8, 8]);
    expect([png.data[0], png.data[4], png.data[5], png.data[7]]).toEqual([0, 255, 255, 255]);
    expect(String(content.data["text/html"])).toContain('<img src="data:image/png;base64,');
    t.dispose();
  });

  it("renders a batch [N, H, W, 3] as a grid of at most 16 images", () => {
    const batch = tf.zeros([20, 10, 10, 3]);
    const content = renderTensor(batch);
    const png = pngjs.PNG.sync.read(Buffer.from(String(content.data["image/png"]), "base64"));
    // 16 images in a 4×4 grid of 10-pixel images with 2-pixel gaps.
    expect([png.width, png.height]).toEqual([46, 46]);
    expect(String(content.data["text/html"])).toContain("first 16 of 20");
    batch.dispose();
  });

  it("leaves the number of tensors unchanged after 10,000 renders", async () => {
    // Every path: whole reads, edges picked in JavaScript, edges gathered on the backend, images, grids.
    const tensors = [tf.scalar(1), tf.ones([3, 4]), tf.ones([40, 50]), tf.ones([300, 300]), tf.ones([28, 28, 1]), tf.ones([20, 10, 10, 3])];
    const before = tf.memory().numTensors;
    for (let i = 0; i < 10_000; i++) await toDisplayContent(tensors[i % tensors.length]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(tensors);
  });

  it("displays a 1000×1000 tensor in under 50 ms and 20 KB", async () => {
    const big = tf.randomNormal([1000, 1000], 0, 1, "float32", 7);
    await toDisplayContent(big);
    const started = performance.now();
    const content = await toDisplayContent(big);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(50);
    expect(Buffer.byteLength(JSON.stringify(content.data))).toBeLessThan(20_000);
    big.dispose();
  });

  it("says a disposed tensor is disposed instead of failing", () => {
    const t = tf.ones([2]);
    t.dispose();
    expect(text(t)).toMatch(/\(disposed\)$/);
  });
});
