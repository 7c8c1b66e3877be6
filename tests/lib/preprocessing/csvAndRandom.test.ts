import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as dfd from "danfojs-node";
import { csvToTensors, seededRandom } from "@tsdl/lib";
import { gaussian, shuffle } from "../../../lib/src/random/seededRandom.js";

describe("csvToTensors", () => {
  const file = join(mkdtempSync(join(tmpdir(), "tsdl-csv-")), "data.csv");
  writeFileSync(file, "f1,f2,species\n1,2,b\n3,4,a\n5,6,b\n");

  it("reads a CSV file into features and class-id labels", () => {
    const { x, y, featureNames, classNames } = csvToTensors(file, { label: "species" });
    expect(x.arraySync()).toEqual([[1, 2], [3, 4], [5, 6]]);
    expect(y.dtype).toBe("int32");
    expect(y.arraySync()).toEqual([1, 0, 1]);
    expect(featureNames).toEqual(["f1", "f2"]);
    expect(classNames).toEqual(["a", "b"]);
  });

  it("takes a DataFrame, a numeric label and a feature subset", () => {
    const frame = new dfd.DataFrame({ a: [1, 2], b: [3, 4], t: [0.5, 1.5] });
    const { x, y, classNames } = csvToTensors(frame, { label: "t", features: ["b"] });
    expect(x.arraySync()).toEqual([[3], [4]]);
    expect(y.arraySync()).toEqual([0.5, 1.5]);
    expect(classNames).toBeUndefined();
  });

  it.each([
    [() => csvToTensors(file, { label: "target" }), "csvToTensors: options.label must be a column of the data (f1, f2, species); got \"target\""],
    [() => csvToTensors(file, { label: "f1" }), `csvToTensors: column "species" must be numeric (one-hot encode text columns first); got text such as "b"`],
    [() => csvToTensors(new dfd.DataFrame({ a: [1, NaN], t: [0, 1] }), { label: "t" }), `csvToTensors: column "a" must be no missing values (use dropNa or fillNa first); got a missing value in row 1`],
    [() => csvToTensors(file, { label: "species", features: ["f1", "species"] }), `csvToTensors: options.features must be feature columns other than the label "species"; got a list containing "species"`],
  ])("bad input %#", (call, message) => {
    expect(call).toThrow(message);
  });
});

describe("seeded randomness", () => {
  it("repeats a stream for a seed and differs between seeds", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const first = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(first);
    expect(first.every((v) => v >= 0 && v < 1)).toBe(true);
    const c = seededRandom(43);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(first);
    expect(() => seededRandom(NaN)).toThrow("seededRandom: seed must be a finite number or a string; got NaN");
  });

  it("shuffles into a permutation without touching the input", () => {
    const input = Array.from({ length: 50 }, (_, i) => i);
    const out = shuffle(input, 1);
    expect(out).not.toEqual(input);
    expect([...out].sort((p, q) => p - q)).toEqual(input);
    expect(input[0]).toBe(0);
    expect(shuffle(input, 1)).toEqual(out);
  });

  it("draws standard normals", () => {
    const rng = seededRandom("normal");
    const xs = Array.from({ length: 40_000 }, () => gaussian(rng));
    const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
    const variance = xs.reduce((s, v) => s + (v - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1)).toBeLessThan(0.03);
    // About 4.55% of a standard normal lies beyond ±2.
    expect(Math.abs(xs.filter((v) => Math.abs(v) > 2).length / xs.length - 0.0455)).toBeLessThan(0.005);
  });
});
