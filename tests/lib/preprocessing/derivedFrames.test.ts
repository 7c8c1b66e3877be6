import * as dfd from "danfojs-node";
import { describe, expect, it } from "vitest";
import { StandardScaler, countNa, dropNa, trainTestSplit } from "@tsdl/lib";
import { isDataFrame } from "../../../lib/src/preprocessing/dataFrame.js";

// danfo's loc/copy/iloc return instances of its base classes, not of danfojs-node's subclasses.
describe("frames returned by danfo's own operations", () => {
  const frame = new dfd.DataFrame({ a: [1, 2, Number.NaN, 4], b: [10, 20, 30, 40], c: ["x", "y", "z", "w"] });
  const selected = frame.loc({ columns: ["a", "b"] });
  const copied = frame.copy();

  it("are not instances of the exported subclass, but isDataFrame recognises them", () => {
    expect(selected instanceof dfd.DataFrame).toBe(false);
    expect([isDataFrame(frame), isDataFrame(selected), isDataFrame(copied), isDataFrame([[1]])]).toEqual([true, true, true, false]);
  });

  it("work with the helpers that take DataFrames", () => {
    expect(countNa(copied)).toEqual({ a: 1, b: 0, c: 0 });
    const complete = dropNa(selected);
    expect(complete.shape).toEqual([3, 2]);
    const scaled = new StandardScaler().fitTransform(complete);
    // b = [10, 20, 40]: mean 70/3, population std √(1400/9); hand-computed z-scores.
    const expected = [-1.0690449676496976, -0.2672612419124244, 1.3363062095621219];
    (scaled.column("b").values as number[]).forEach((z, i) => expect(z).toBeCloseTo(expected[i]!, 12));
    const split = trainTestSplit(complete, { testSize: 1, seed: 0 });
    expect(split.xTrain.shape[0] + split.xTest.shape[0]).toBe(3);
  });
});
