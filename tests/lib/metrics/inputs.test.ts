import { afterEach, describe, expect, it, vi } from "vitest";
import {
  accuracy,
  classificationReport,
  confusionMatrix,
  f1Score,
  logLoss,
  meanSquaredError,
  precisionScore,
  r2Score,
  recallScore,
  rocAucScore,
  rocCurve,
  tf,
} from "@tsdl/lib";
import { auc } from "../../../lib/src/metrics/roc.js";
import { probabilitiesToLabels } from "../../../lib/src/metrics/predictions.js";

describe("accuracy from labels, thresholded probabilities or argmax", () => {
  it("refuses raw probabilities against labels and says to threshold first", () => {
    expect(() => accuracy([0, 1, 1], [0.2, 0.73, 0.9])).toThrow(
      "accuracy: yPred must be class labels, not probabilities (threshold them first: accuracy(yTrue, yPred, { threshold: 0.5 }), or pass [n, k] scores to use argmax); got 0.2 at index 0",
    );
  });
  it("thresholds probabilities strictly above the threshold, like Keras binaryAccuracy", () => {
    // 0.5 is not > 0.5, so it is class 0: hits at indices 0, 1, 3 → 3/4.
    expect(accuracy([0, 1, 0, 1], [0.5, 0.51, 0.9, 0.99], { threshold: 0.5 })).toBe(0.75);
    // Above 0.995 nothing is positive: hits at indices 0 and 2 → 2/4.
    expect(accuracy([0, 1, 0, 1], [0.5, 0.51, 0.9, 0.99], { threshold: 0.995 })).toBe(0.5);
  });
  it("takes the argmax of [n, k] scores and of one-hot yTrue, from arrays or tensors", () => {
    const scores = [[0.1, 0.7, 0.2], [0.5, 0.3, 0.2], [0.2, 0.2, 0.6], [0.4, 0.4, 0.2]];
    expect(probabilitiesToLabels(scores)).toEqual([1, 0, 2, 0]);
    expect(accuracy([1, 0, 1, 1], scores)).toBe(0.5);
    expect(accuracy(tf.tensor2d([[0, 1, 0], [1, 0, 0], [0, 0, 1], [0, 1, 0]]), tf.tensor2d(scores))).toBe(0.75);
    expect(accuracy(tf.tensor1d([0, 1, 0]), tf.tensor2d([[0.2], [0.6], [0.7]]), { threshold: 0.5 })).toBeCloseTo(2 / 3, 12);
  });
  it("refuses a threshold with [n, k] scores", () => {
    expect(() => accuracy([0, 1], [[0.3, 0.7], [0.6, 0.4]], { threshold: 0.5 })).toThrow(
      "accuracy: yPred must be 1-D probabilities of the positive class when a threshold is given (a 2-D [n, k] input is reduced by argmax); got shape [2, 2]",
    );
  });
});

describe("bad input names the argument, the expectation and the value", () => {
  it.each([
    ["empty yTrue", () => accuracy([], []), "accuracy: yTrue must be non-empty; got an empty array"],
    ["NaN in yPred", () => precisionScore([0, 1], [0, Number.NaN]), "precisionScore: yPred[1] must be a finite number (fill or drop missing values first); got NaN"],
    ["Infinity in yScore", () => rocAucScore([0, 1], [0.3, Infinity]), "rocAucScore: yScore[1] must be a finite number; got Infinity"],
    ["mismatched lengths", () => recallScore([0, 1, 1], [0, 1]), "recallScore: yPred must have 3 values like yTrue, got 2"],
    ["continuous yTrue", () => f1Score([0.5, 1], [0, 1]), "f1Score: yTrue must be class labels (integers or strings); got 0.5 at index 0"],
    ["binary average on 3 classes", () => f1Score([0, 1, 2], [0, 1, 2]), `f1Score: options.average must be "micro", "macro" or "weighted" for multiclass targets (average "binary" needs two classes); got "binary" with 3 classes [0, 1, 2]`],
    ["posLabel not a label", () => precisionScore(["a", "b"], ["a", "b"]), "precisionScore: options.posLabel must be one of the labels [a, b]; got 1"],
    ["bad zeroDivision", () => precisionScore([0, 1], [0, 1], { zeroDivision: 2 as 0 }), `precisionScore: options.zeroDivision must be "warn", 0 or 1; got 2`],
    ["mixed label kinds", () => confusionMatrix([0, 1], ["0", "1"]), "confusionMatrix: yTrue and yPred must be labels of one kind (all numbers or all strings); got a mix of numbers and strings"],
    ["labels absent from yTrue", () => confusionMatrix([0, 1], [0, 1], { labels: [5, 6] }), "confusionMatrix: options.labels must be at least one label that occurs in yTrue; got [5, 6]"],
    ["bad normalize", () => confusionMatrix([0, 1], [0, 1], { normalize: "rows" as "true" }), `confusionMatrix: options.normalize must be "true", "pred" or "all"; got "rows"`],
    ["rocCurve labels not 0/1", () => rocCurve([2, 3], [0.1, 0.9]), "rocCurve: options.posLabel must be the positive class when yTrue is not {0, 1} or {-1, 1}; got undefined with yTrue classes [2, 3]"],
    ["AUC with one class", () => rocAucScore([1, 1], [0.1, 0.9]), "rocAucScore: yTrue must be at least two classes (ROC AUC is not defined for one class); got classes [1]"],
    ["AUC with [n, 2] scores", () => rocAucScore([0, 1], [[0.9, 0.1], [0.2, 0.8]]), "rocAucScore: yScore must be 1-D scores of the positive class for binary yTrue (take column 1 of [n, 2] probabilities); got an array of length 2"],
    ["multiclass AUC with 1-D scores", () => rocAucScore([0, 1, 2], [0.1, 0.5, 0.9]), "rocAucScore: yScore must be [n, 3] class probabilities for multiclass yTrue; got 1-D scores"],
    ["multiclass AUC rows not summing to 1", () => rocAucScore([0, 1, 2], [[0.2, 0.2, 0.2], [0.1, 0.8, 0.1], [0, 0, 1]]), "rocAucScore: yScore[0] must be probabilities that sum to 1 over classes (apply softmax first); got a row summing to 0.6000000000000001"],
    ["multiclass AUC column count", () => rocAucScore([0, 1, 2], [[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]]), "rocAucScore: yScore must be 3 columns, one per class in yTrue [0, 1, 2]; got 2 columns"],
    ["auc not monotonic", () => auc([0, 1, 0.5], [0, 1, 1]), "auc: x must be monotonic (increasing or decreasing); got values that go up and down"],
    ["logLoss one class", () => logLoss([1, 1], [0.8, 0.9]), "logLoss: yTrue must be at least two classes (or pass options.labels with all classes); got only the label 1"],
    ["logLoss probability > 1", () => logLoss([0, 1], [0.2, 1.3]), "logLoss: yPred[1] must be a probability in [0, 1]; got 1.3"],
    ["logLoss wrong columns", () => logLoss([0, 1, 2], [[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]]), "logLoss: yPred must be 3 columns, one per class [0, 1, 2]; got 2 columns"],
    ["r2 with one sample", () => r2Score([1], [1]), "r2Score: yTrue must be at least two samples (R² is not defined for one); got 1 sample"],
    ["regression shapes", () => meanSquaredError([[1, 2], [3, 4]], [1, 3]), "meanSquaredError: yPred must be 2 output column(s) like yTrue; got 1"],
    ["ragged rows", () => meanSquaredError([[1, 2], [3]], [[1, 2], [3, 4]]), "meanSquaredError: yTrue[1] must be a row of length 2 like row 0; got length 1"],
    ["3-D tensor", () => accuracy(tf.zeros([2, 2, 2]), [0, 1]), "accuracy: yTrue must be a 1-D tensor; got a float32 tensor of shape [2, 2, 2]"],
    ["targetNames count", () => classificationReport([0, 1], [0, 1], { targetNames: ["a"] }), "classificationReport: options.targetNames must be 2 names, one per class [0, 1]; got 1 names"],
  ])("%s", (_name, call, message) => {
    expect(call).toThrow(message);
  });
});

describe("zero division warns like scikit-learn", () => {
  afterEach(() => vi.restoreAllMocks());
  it("precision with no predicted positives is 0 with a warning by default, silent with zeroDivision set", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(precisionScore([0, 1, 1], [0, 0, 0])).toBe(0);
    expect(warn).toHaveBeenCalledWith(
      "UndefinedMetricWarning: Precision is ill-defined and being set to 0.0 due to no predicted samples. Use `zeroDivision` parameter to control this behavior.",
    );
    warn.mockClear();
    expect(precisionScore([0, 1, 1], [0, 0, 0], { zeroDivision: 1 })).toBe(1);
    expect(warn).not.toHaveBeenCalled();
  });
});
