import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CIFAR10_CLASSES, CIFAR10_RECORD_BYTES, loadCifar10Binary, tf } from "@tsdl/lib";

const PLANE = 1024;

/** One record in the published layout: label byte, then the R, G and B planes, each row-major. */
function record(label: number, pixel: (channel: number, row: number, column: number) => number): Uint8Array {
  const bytes = new Uint8Array(1 + 3 * PLANE);
  bytes[0] = label;
  for (let c = 0; c < 3; c++) {
    for (let r = 0; r < 32; r++) for (let x = 0; x < 32; x++) bytes[1 + c * PLANE + r * 32 + x] = pixel(c, r, x);
  }
  return bytes;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}

// Record 0: three lit pixels, one per channel; record 1: every pixel the colour (255, 0, 51).
const sparse = record(3, (c, r, x) => (c === 0 && r === 0 && x === 1 ? 255 : c === 1 && r === 2 && x === 5 ? 51 : c === 2 && r === 31 && x === 31 ? 102 : 0));
const flat = record(9, (c) => [255, 0, 51][c]!);
const third = record(0, (c, r, x) => (c === 0 ? r : c === 1 ? x : 0));

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), "tsdl-cifar10-"));
}

describe("loadCifar10Binary", () => {
  it("reads labels and puts each plane's byte at [row, column, channel] divided by 255", () => {
    const file = path.join(tempDir(), "data_batch_1.bin");
    writeFileSync(file, concat(sparse, flat));
    const { images, labels } = loadCifar10Binary([file]);
    expect(images.shape).toEqual([2, 32, 32, 3]);
    expect(images.dtype).toBe("float32");
    expect(labels.dtype).toBe("int32");
    expect(Array.from(labels.dataSync())).toEqual([3, 9]);
    const data = images.arraySync();
    expect(data[0]![0]![1]).toEqual([1, 0, 0]);
    expect(data[0]![2]![5]![1]).toBeCloseTo(0.2, 6);
    expect(data[0]![31]![31]![2]).toBeCloseTo(0.4, 6);
    expect(data[0]![1]![0]).toEqual([0, 0, 0]);
    expect(images.slice([0, 0, 0, 0], [1]).sum().dataSync()[0]).toBeCloseTo(1.6, 5);
    const colour = data[1]![17]![4]!;
    [1, 0, 0.2].forEach((v, i) => expect(colour[i]).toBeCloseTo(v, 6));
    expect(CIFAR10_CLASSES[3]).toBe("cat");
    tf.dispose([images, labels]);
  });

  it("keeps rows and columns apart (row-major planes)", () => {
    const { images } = loadCifar10Binary(third);
    const data = images.arraySync()[0]!;
    expect(data[7]![20]![0]).toBeCloseTo(7 / 255, 6);
    expect(data[7]![20]![1]).toBeCloseTo(20 / 255, 6);
    images.dispose();
  });

  it("reads several files in order and stops at the limit", () => {
    const dir = tempDir();
    const files = [path.join(dir, "a.bin"), path.join(dir, "b.bin")];
    writeFileSync(files[0]!, concat(sparse, flat));
    writeFileSync(files[1]!, third);
    expect(Array.from(loadCifar10Binary(files).labels.dataSync())).toEqual([3, 9, 0]);
    expect(Array.from(loadCifar10Binary(files, { limit: 1 }).labels.dataSync())).toEqual([3]);
    const { images, labels } = loadCifar10Binary(files, { limit: 3 });
    expect(labels.shape).toEqual([3]);
    expect(images.slice([2, 7, 20, 1], [1, 1, 1, 1]).dataSync()[0]).toBeCloseTo(20 / 255, 6);
  });

  it("refuses bad input with the argument, the expectation and what it got", () => {
    expect(CIFAR10_RECORD_BYTES).toBe(3073);
    expect(() => loadCifar10Binary(sparse.subarray(0, 3000))).toThrow(
      "loadCifar10Binary: files (the bytes) must be a whole number of 3073-byte records; got 3000 bytes");
    const badLabel = sparse.slice();
    badLabel[0] = 10;
    expect(() => loadCifar10Binary(concat(flat, badLabel))).toThrow(/record 1 must be a label byte 0–9; got 10/);
    expect(() => loadCifar10Binary(sparse, { limit: 0 })).toThrow("options.limit must be a positive integer; got 0");
    expect(() => loadCifar10Binary([])).toThrow(/files must be a path, a non-empty array of paths or a Uint8Array; got an array of length 0/);
  });
});
