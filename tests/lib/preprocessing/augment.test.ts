import { describe, expect, it } from "vitest";
import * as dfd from "danfojs-node";
import {
  addGaussianNoise,
  backendInfo,
  flipLeftRight,
  randomCrop,
  randomFlipLeftRight,
  randomRotate,
  randomShift,
  rotate,
  shift,
  tf,
} from "@tsdl/lib";

const image = (rows: number[][]) => tf.tensor4d(rows.flat(), [1, rows.length, rows[0]!.length, 1]);
const pixels = (t: tf.Tensor4D) => (t.arraySync() as number[][][][])[0]!.map((r) => r.map((p) => p[0]));
const grid3 = [[1, 2, 3], [4, 5, 6], [7, 8, 9]];

describe("addGaussianNoise", () => {
  it("never touches the label column or text columns of a DataFrame", () => {
    const frame = new dfd.DataFrame({ f1: [1, 2, 3, 4], f2: [10, 20, 30, 40], species: ["a", "b", "a", "b"], target: [0, 1, 0, 1] });
    const noisy = addGaussianNoise(frame, 0.1, 42, { labelColumn: "target" });
    expect(noisy.column("target").values).toEqual([0, 1, 0, 1]);
    expect(noisy.column("species").values).toEqual(["a", "b", "a", "b"]);
    expect(noisy.column("f1").values).not.toEqual([1, 2, 3, 4]);
    (noisy.column("f2").values as number[]).forEach((v, i) => expect(Math.abs(v - (i + 1) * 10)).toBeLessThan(1));
    expect(addGaussianNoise(frame, 0.1, 42, { labelColumn: "target" }).values).toEqual(noisy.values);
  });

  it("adds N(0, std²) noise to features given alone, repeatably", () => {
    const features = Array.from({ length: 200 }, () => Array(100).fill(5));
    const noisy = addGaussianNoise(features, 0.5, 7);
    const diffs = noisy.flat().map((v) => v - 5);
    const mean = diffs.reduce((s, v) => s + v, 0) / diffs.length;
    const std = Math.sqrt(diffs.reduce((s, v) => s + (v - mean) ** 2, 0) / diffs.length);
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(std).toBeGreaterThan(0.49);
    expect(std).toBeLessThan(0.51);
    expect(features[0]![0]).toBe(5);
    expect(addGaussianNoise(features, 0.5, 7)).toEqual(noisy);
    const t = addGaussianNoise(tf.ones([3, 2]), 0.1, 1);
    expect(t.shape).toEqual([3, 2]);
  });

  it.each([
    [() => addGaussianNoise(new dfd.DataFrame({ a: [1], y: [0] }), 0.1, 1, undefined as unknown as { labelColumn: string }),
      "addGaussianNoise: options.labelColumn must be the label column name(s) of the DataFrame, which are never perturbed; got undefined"],
    [() => addGaussianNoise(new dfd.DataFrame({ a: [1], y: [0] }), 0.1, 1, { labelColumn: "label" }), `addGaussianNoise: options.labelColumn must be a column of the DataFrame (a, y); got "label"`],
    [() => addGaussianNoise([[1, 2]], -1, 1), "addGaussianNoise: std must be a finite number ≥ 0; got -1"],
    [() => addGaussianNoise([[1, NaN]], 0.1, 1), "addGaussianNoise: features[0][1] must be a finite number (fill or drop missing values first); got NaN"],
    [() => addGaussianNoise(tf.tensor2d([[1, 2], [NaN, 3]]), 0.1, 1), "addGaussianNoise: features must be finite values (fill or drop missing values first); got NaN at flat index 2"],
  ])("bad input %#", (call, message) => {
    expect(call).toThrow(message);
  });
});

describe("image augmentation on [N, H, W, C] tensors", () => {
  it.skipIf(process.env.TSDL_BACKEND)("runs on the wasm backend in this test environment", () => {
    expect(backendInfo().name).toBe("wasm");
  });

  it("flips left-right", () => {
    expect(pixels(flipLeftRight(image(grid3)))).toEqual([[3, 2, 1], [6, 5, 4], [9, 8, 7]]);
  });

  it("shifts by whole pixels and fills the border", () => {
    expect(pixels(shift(image(grid3), { dx: 1 }))).toEqual([[0, 1, 2], [0, 4, 5], [0, 7, 8]]);
    expect(pixels(shift(image(grid3), { dy: -1, fillValue: -1 }))).toEqual([[4, 5, 6], [7, 8, 9], [-1, -1, -1]]);
    expect(pixels(shift(image(grid3), { dx: -2, dy: 1 }))).toEqual([[0, 0, 0], [3, 0, 0], [6, 0, 0]]);
  });

  it("rotates counter-clockwise about the centre pixel (90° matches numpy's rot90)", () => {
    expect(pixels(rotate(image(grid3), Math.PI / 2))).toEqual([[3, 6, 9], [2, 5, 8], [1, 4, 7]]);
    const grid4 = [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12], [13, 14, 15, 16]];
    expect(pixels(rotate(image(grid4), Math.PI))).toEqual(grid4.map((r) => [...r].reverse()).reverse());
  });

  it("crops a seeded random window per image, copying pixels exactly", () => {
    const batch = tf.tensor4d(Array.from({ length: 2 * 5 * 6 }, (_, i) => i), [2, 5, 6, 1]);
    const crops = randomCrop(batch, [3, 4], 11);
    expect(crops.shape).toEqual([2, 3, 4, 1]);
    const source = batch.arraySync();
    (crops.arraySync() as number[][][][]).forEach((crop, n) => {
      const first = crop[0]![0]![0]! - n * 30;
      const top = Math.floor(first / 6);
      const left = first % 6;
      expect(crop).toEqual(source[n]!.slice(top, top + 3).map((r) => r.slice(left, left + 4)));
    });
    expect(randomCrop(batch, [3, 4], 11).arraySync()).toEqual(crops.arraySync());
    expect(randomCrop(batch, [5, 6], 1).arraySync()).toEqual(source);
  });

  it.each([
    [() => flipLeftRight(tf.zeros([3, 3]) as unknown as tf.Tensor4D), "flipLeftRight: images must be a [N, H, W, C] tensor; got a float32 tensor of shape [3, 3]"],
    [() => shift(image(grid3), { dx: 3 }), "shift: options.dx must be an integer with |dx| < width (3); got 3"],
    [() => rotate(image(grid3), NaN), "rotate: radians must be a finite angle in radians; got NaN"],
    [() => randomCrop(image(grid3), [4, 1], 0), "randomCrop: size must be [height, width] of whole pixels within the 3×3 images; got [4,1]"],
  ])("bad input %#", (call, message) => {
    expect(call).toThrow(message);
  });
});

describe("random image augmentation, one draw per image", () => {
  const batch = tf.tensor4d(Array.from({ length: 20 * 3 * 3 }, (_, i) => i % 9), [20, 3, 3, 1]);
  const images = () => batch.arraySync() as number[][][][];

  it("flips each image with the given probability", () => {
    expect(randomFlipLeftRight(batch, 1, 1).arraySync()).toEqual(flipLeftRight(batch).arraySync());
    expect(randomFlipLeftRight(batch, 1, 0).arraySync()).toEqual(images());
    const half = randomFlipLeftRight(batch, 3).arraySync() as number[][][][];
    const flipped = half.filter((img) => img[0]![0]![0] === 2).length;
    expect(half.every((img) => img[0]![0]![0] === 0 || img[0]![0]![0] === 2)).toBe(true);
    expect(flipped).toBeGreaterThan(3);
    expect(flipped).toBeLessThan(17);
    expect(randomFlipLeftRight(batch, 3).arraySync()).toEqual(half);
  });

  it("shifts each image by an offset within the limit", () => {
    const out = randomShift(batch, 1, 5).arraySync() as number[][][][];
    const candidates = [-1, 0, 1].flatMap((dy) => [-1, 0, 1].map((dx) => JSON.stringify(shift(batch.slice([0], [1]) as tf.Tensor4D, { dx, dy }).arraySync()[0])));
    for (const img of out) expect(candidates).toContain(JSON.stringify(img));
    expect(new Set(out.map((img) => JSON.stringify(img))).size).toBeGreaterThan(1);
  });

  it("rotates by a seeded angle within the limit; a zero limit changes nothing", () => {
    expect(randomRotate(batch, 0, 1).arraySync()).toEqual(images());
    expect(randomRotate(batch, 0.5, 9).arraySync()).toEqual(randomRotate(batch, 0.5, 9).arraySync());
    expect(() => randomRotate(batch, -1, 0)).toThrow("randomRotate: maxRadians must be a finite angle ≥ 0 in radians; got -1");
    expect(() => randomShift(batch, 3, 0)).toThrow("randomShift: maxShift must be a whole number of pixels from 0 to 2; got 3");
    expect(() => randomFlipLeftRight(batch, 0, 2)).toThrow("randomFlipLeftRight: probability must be a number in [0, 1]; got 2");
  });
});
