import { describe, expect, it } from "vitest";
import * as dfd from "danfojs-node";
import { countNa, dropNa, fillNa, interpolateLinear } from "@tsdl/lib";

// Hand-derived expectations (pandas/scikit-learn semantics stated in each test).
const frame = () =>
  new dfd.DataFrame({
    a: [1, NaN, 3, NaN, 10],
    b: ["x", null, "y", "x", "y"],
    c: [0.5, 2, NaN, 4, 5],
    d: [1, 2, 3, 4, 5],
  });
const col = (f: dfd.DataFrame, name: string) => f.column(name).values;

describe("dropNa", () => {
  it("drops rows with any missing value, keeping the original index", () => {
    const out = dropNa(frame());
    expect(out.index).toEqual([0, 4]);
    expect(col(out, "b")).toEqual(["x", "y"]);
  });
  it("looks only at the given columns, or drops columns instead", () => {
    expect(dropNa(frame(), { columns: ["b"] }).index).toEqual([0, 2, 3, 4]);
    expect(dropNa(frame(), { axis: "columns" }).columns).toEqual(["d"]);
    expect(dropNa(frame(), { how: "all" }).shape).toEqual([5, 4]);
  });
  it("counts missing values per column", () => {
    expect(countNa(frame())).toEqual({ a: 2, b: 1, c: 1, d: 0 });
  });
});

describe("fillNa", () => {
  it("mean and median fill numeric columns and leave text columns alone", () => {
    const mean = fillNa(frame(), { strategy: "mean" });
    expect(col(mean, "a")).toEqual([1, 14 / 3, 3, 14 / 3, 10]);
    expect(col(mean, "c")).toEqual([0.5, 2, 2.875, 4, 5]);
    expect(col(mean, "b")).toEqual(["x", null, "y", "x", "y"]);
    const median = fillNa(frame(), { strategy: "median" });
    expect(col(median, "a")).toEqual([1, 3, 3, 3, 10]);
    expect(col(median, "c")).toEqual([0.5, 2, 3, 4, 5]);
  });
  it("mode breaks ties by the smallest value, like SimpleImputer(strategy='most_frequent')", () => {
    const mode = fillNa(frame(), { strategy: "mode" });
    expect(col(mode, "a")).toEqual([1, 1, 3, 1, 10]);
    expect(col(mode, "b")).toEqual(["x", "x", "y", "x", "y"]);
    expect(fillNa([2, 7, 7, null, 2, 9], { strategy: "mode" })).toEqual([2, 7, 7, 2, 2, 9]);
  });
  it("constant fills only the chosen columns", () => {
    const out = fillNa(frame(), { strategy: "constant", value: 0, columns: ["a"] });
    expect(col(out, "a")).toEqual([1, 0, 3, 0, 10]);
    expect(col(out, "c")[2]).toBeNaN();
  });
  it("ffill and bfill carry neighbours; the ends they cannot reach stay missing", () => {
    const f = fillNa(frame(), { strategy: "ffill" });
    expect(col(f, "a")).toEqual([1, 1, 3, 3, 10]);
    expect(col(f, "b")).toEqual(["x", "x", "y", "x", "y"]);
    expect(col(fillNa(frame(), { strategy: "bfill" }), "a")).toEqual([1, 3, 3, 10, 10]);
    expect(fillNa([NaN, 2, NaN], { strategy: "ffill" })).toEqual([NaN, 2, 2]);
    expect(fillNa([NaN, 2, NaN], { strategy: "bfill" })).toEqual([2, 2, NaN]);
  });
});

describe("interpolateLinear (pandas interpolate() defaults)", () => {
  it("fills interior gaps on the line, repeats the last value, leaves leading gaps", () => {
    expect(interpolateLinear([NaN, 1, NaN, NaN, 4, NaN])).toEqual([NaN, 1, 2, 3, 4, 4]);
    expect(col(interpolateLinear(frame()), "a")).toEqual([1, 2, 3, 6.5, 10]);
    expect(col(interpolateLinear(frame()), "b")).toEqual(["x", null, "y", "x", "y"]);
  });
});

describe("bad input", () => {
  it.each([
    [() => fillNa(frame(), { strategy: "mean", columns: ["b"] }), `fillNa: column "b" must be numeric values for strategy "mean"; got text values`],
    [() => fillNa(frame(), { strategy: "average" as "mean" }), `fillNa: options.strategy must be "mean", "median", "mode", "constant", "ffill", "bfill"; got "average"`],
    [() => fillNa(frame(), { strategy: "constant" }), `fillNa: options.value must be a finite number or a string for strategy "constant"; got undefined`],
    [() => fillNa([NaN, null], { strategy: "median" }), "fillNa: values must be at least one present value to compute the median from; got only missing values"],
    [() => fillNa([], { strategy: "mean" }), "fillNa: values must be non-empty; got an empty array"],
    [() => fillNa([1, Infinity], { strategy: "mean" }), "fillNa: values[1] must be a finite number, NaN or null; got Infinity"],
    [() => dropNa(frame(), { columns: ["zzz"] }), `dropNa: options.columns must be column names of the DataFrame (a, b, c, d); got "zzz"`],
    [() => dropNa([1, 2] as unknown as dfd.DataFrame), "dropNa: frame must be a danfo DataFrame; got an array of length 2"],
    [() => dropNa(new dfd.DataFrame({ a: [NaN, 1], b: [1, NaN] })), "dropNa: every row has missing values, so nothing would be left"],
    [() => interpolateLinear(frame(), { columns: ["b"] }), `interpolateLinear: column "b" must be numeric values to interpolate; got text values`],
  ])("%#", (call, message) => {
    expect(call).toThrow(message);
  });
});
