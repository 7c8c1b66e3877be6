// Graded tests for the exercises of notebook 06 (language); expected values worked out by hand.
import { expect } from "vitest";
import { exercise } from "../../tools/src/grading/index.js";

const NOTEBOOK = "06-language.ipynb";

const pad = await exercise<{ padPre(sequences: number[][], maxlen: number): number[][] }>(NOTEBOOK, "ex06-pad-sequences");
pad.test("pads in front and keeps the end of long sequences, like Keras' defaults", 2, () => {
  expect(pad.exports.padPre([[1, 2, 3, 4, 5, 6], [7, 8], [], [9, 10, 11]], 3)).toEqual([[4, 5, 6], [0, 7, 8], [0, 0, 0], [9, 10, 11]]);
});
// Whether padPre mutates its input cannot be graded: the sandbox hands the exercise a copy.
pad.test("truncates from the front and pads in one call, for maxlen 2", 1, () => {
  expect(pad.exports.padPre([[1, 2, 3, 4], [5]], 2)).toEqual([[3, 4], [0, 5]]);
});

type Vocabulary = { index: Map<string, number>; encode(words: string[]): number[] };
const vocab = await exercise<{ buildVocabulary(texts: string[][]): Vocabulary }>(NOTEBOOK, "ex06-vocabulary");
vocab.test("orders by count, breaks ties by first appearance, OOV is 1", 2, () => {
  // counts: the 3, cat 2, sat 1 (seen before mat), mat 1, dog 2 (seen after cat)
  const { index } = vocab.exports.buildVocabulary([["the", "cat", "sat"], ["the", "dog", "cat"], ["mat", "dog", "the"]]);
  expect([...index.entries()]).toEqual([["<OOV>", 1], ["the", 2], ["cat", 3], ["dog", 4], ["sat", 5], ["mat", 6]]);
});
vocab.test("encodes known words by index and unknown words as 1", 1, () => {
  const { encode } = vocab.exports.buildVocabulary([["a", "b", "b"]]);
  expect(encode(["b", "a", "c", "b"])).toEqual([2, 3, 1, 2]);
});

const attention = await exercise<{ maskedAttentionWeights(scores: number[], mask: boolean[]): number[] }>(NOTEBOOK, "ex06-masked-attention");
attention.test("softmax over unmasked scores with exact zeros on padding", 2, () => {
  // e^1, e^2, e^3 over their sum: 0.09003057, 0.24472847, 0.66524096
  const weights = attention.exports.maskedAttentionWeights([3, 1, 100, 2], [true, true, false, true]);
  [0.66524096, 0.09003057, 0, 0.24472847].forEach((w, i) => expect(weights[i]).toBeCloseTo(w, 7));
  expect(weights[2]).toBe(0);
});
attention.test("ignores how large masked scores are and stays finite for large real ones", 1, () => {
  const weights = attention.exports.maskedAttentionWeights([-1000, 800, 800, 5000], [true, true, true, false]);
  [0, 0.5, 0.5, 0].forEach((w, i) => expect(weights[i]).toBeCloseTo(w, 12));
});

// The hands-on exercise: trained in the sandbox on a split the notebook never uses, judged on the held-out reviews.
// The reference solution scores 0.79 here in about 10 CPU-s; predicting one class scores 0.5, and splitting
// Chinese on spaces (one token per review) stays near chance.
type ReviewClassifier = { trainReviewClassifier(trainTexts: string[], trainLabels: number[], testTexts: string[]): number[] };
const classifier = await exercise<ReviewClassifier>(NOTEBOOK, "ex06-train-classifier", { callTimeoutMs: 120_000 });
classifier.test("reaches 75% accuracy on 2,000 held-out Chinese reviews", 4, async () => {
  const { loadSentimentZh, trainTestSplit } = await import("@tsdl/lib");
  const reviews = loadSentimentZh();
  const split = trainTestSplit(reviews.texts, reviews.labels, { testSize: 0.2, seed: 7, stratify: true });
  const predictions = classifier.exports.trainReviewClassifier(split.xTrain, split.yTrain, split.xTest);
  expect(predictions).toHaveLength(split.xTest.length);
  const right = predictions.filter((p, i) => p === split.yTest[i]).length;
  expect(right / split.yTest.length).toBeGreaterThanOrEqual(0.75);
});
classifier.test("gives the same answers when trained twice on the same reviews (seeded)", 1, async () => {
  const { loadSentimentZh } = await import("@tsdl/lib");
  const reviews = loadSentimentZh();
  const [texts, labels, toJudge] = [reviews.texts.slice(2000, 4000), reviews.labels.slice(2000, 4000), reviews.texts.slice(0, 300)];
  const first = classifier.exports.trainReviewClassifier(texts, labels, toJudge);
  expect(first).toHaveLength(300);
  expect(classifier.exports.trainReviewClassifier(texts, labels, toJudge)).toEqual(first);
});
