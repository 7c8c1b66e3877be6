import { describe, expect, it } from "vitest";
import * as dfd from "danfojs-node";
import { MinMaxScaler, OneHotEncoder, StandardScaler, detectOutliers, dropOutliers, clipOutliers, outlierBounds, quantile } from "@tsdl/lib";

describe("scalers refuse bad input", () => {
  it.each([
    [() => new MinMaxScaler().transform([[1, 2]]), "MinMaxScaler.transform: this scaler has not been fitted yet; call fit() first (on the training split)"],
    [() => new StandardScaler().inverseTransform([[1, 2]]), "StandardScaler.inverseTransform: this scaler has not been fitted yet; call fit() first (on the training split)"],
    [() => new StandardScaler().fit([[1, 2], [3, 4]]).transform([[1, 2, 3]]), "StandardScaler.transform: x must be 2 columns like the data passed to fit(); got 3 columns"],
    [() => new StandardScaler().fit([[1, NaN]]), "StandardScaler.fit: x[0][1] must be a finite number (fill or drop missing values first); got NaN"],
    [() => new MinMaxScaler().fit([]), "MinMaxScaler.fit: x must be non-empty; got no rows"],
    [() => new MinMaxScaler().fit([[1, 2], [3]]), "MinMaxScaler.fit: x[1] must be a row of length 2 like row 0; got length 1"],
    [() => new MinMaxScaler().fit(new dfd.DataFrame({ a: [1], s: ["x"] })), "MinMaxScaler.fit: x must be a DataFrame of numeric columns; got non-numeric column(s) s"],
    [() => new MinMaxScaler({ featureRange: [1, 0] }), "MinMaxScaler: options.featureRange must be [min, max] with min < max; got [1,0]"],
    [
      () => new MinMaxScaler().fit(new dfd.DataFrame({ a: [1, 2], b: [3, 4] })).transform(new dfd.DataFrame({ b: [1], a: [2] })),
      "MinMaxScaler.transform: x must be the columns seen in fit() (a, b); got columns b, a",
    ],
  ])("%#", (call, message) => {
    expect(call).toThrow(message);
  });
});

describe("OneHotEncoder", () => {
  it("encodes DataFrame text columns in place with a fixed, learned category order", () => {
    const train = new dfd.DataFrame({ island: ["Dream", "Biscoe", "Dream"], mass: [3.1, 4.2, 3.8], sex: ["m", "f", "f"] });
    const enc = new OneHotEncoder().fit(train);
    expect(enc.categories).toEqual([["Biscoe", "Dream"], ["f", "m"]]);
    const out = enc.transform(new dfd.DataFrame({ island: ["Biscoe"], mass: [5], sex: ["m"] }, { index: [9] }));
    expect(out.columns).toEqual(["island_Biscoe", "island_Dream", "mass", "sex_f", "sex_m"]);
    expect(out.values).toEqual([[1, 0, 5, 0, 1]]);
    expect(out.index).toEqual([9]);
  });
  it("uses given categories in the given order", () => {
    const enc = new OneHotEncoder({ categories: [["low", "mid", "high"]] }).fit(["high", "low"]);
    expect(enc.transform(["mid", "high"])).toEqual([[0, 1, 0], [0, 0, 1]]);
  });
  it.each([
    [() => new OneHotEncoder().fit(["a", "b"]).transform(["c"]), `OneHotEncoder.transform: data[0][0] must be a category seen in fit() ("a", "b"); got "c" (pass handleUnknown: "ignore" to encode it as all zeros)`],
    [() => new OneHotEncoder().transform(["a"]), "OneHotEncoder.transform: the encoder has not been fitted yet; call fit() first"],
    [() => new OneHotEncoder().fit(["a", null as unknown as string]), "OneHotEncoder.fit: data[1][0] must be a category (fill or drop missing values first); got null"],
    [() => new OneHotEncoder().fit([]), "OneHotEncoder.fit: data must be a non-empty array of values or rows, or a DataFrame; got an array of length 0"],
    [() => new OneHotEncoder({ handleUnknown: "skip" as "ignore" }), `OneHotEncoder: options.handleUnknown must be "error" or "ignore"; got "skip"`],
    [() => new OneHotEncoder({ categories: [["a"]] }).fit(["a", "b"]), `OneHotEncoder.fit: options.categories[0] must be to include every value in the data; got no "b"`],
  ])("bad input %#", (call, message) => {
    expect(call).toThrow(message);
  });
});

describe("outliers on DataFrames and bad input", () => {
  const frame = () => new dfd.DataFrame({ a: [1, 2, 3, 4, 100], b: [5, 5, 6, 5, 5], name: ["p", "q", "r", "s", "t"] });
  it("flags a row when any numeric column has an outlier, and clips or drops by rows", () => {
    // b: Q1 = Q3 = 5, so 6 is outside [5, 5]; a: Q1 = 2, Q3 = 4 → [-1, 7] flags 100.
    expect(detectOutliers(frame())).toEqual([false, false, true, false, true]);
    expect(detectOutliers(frame(), undefined, { columns: ["a"] })).toEqual([false, false, false, false, true]);
    expect(dropOutliers(frame()).index).toEqual([0, 1, 3]);
    expect(clipOutliers(frame(), { method: "iqr" }, { columns: ["a"] }).column("a").values).toEqual([1, 2, 3, 4, 7]);
  });
  it.each([
    [() => outlierBounds([1, NaN]), "outlierBounds: values[1] must be a finite number (fill or drop missing values first); got NaN"],
    [() => outlierBounds([1, 2], { method: "mad" } as unknown as { method: "iqr" }), `outlierBounds: rule.method must be "iqr" or "zscore"; got "mad"`],
    [() => outlierBounds([1, 2], { method: "zscore", threshold: 0 }), "outlierBounds: rule.threshold must be a finite number > 0; got 0"],
    [() => detectOutliers([]), "detectOutliers: values must be non-empty; got an empty array"],
    [() => quantile([1, 2], 1.5), "quantile: q must be a number in [0, 1]; got 1.5"],
    [() => detectOutliers(frame(), undefined, { columns: ["name"] }), `detectOutliers: column "name" must be numeric values; got text values`],
  ])("%#", (call, message) => {
    expect(call).toThrow(message);
  });
});
