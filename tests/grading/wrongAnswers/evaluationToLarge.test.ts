// Issue 15: the exercises of notebooks 05–08 pass on the solution and fail on the mistakes a learner is
// likely to make (the release stub is covered by courseExercises.test.ts). Learner "wrong-a" hands in one
// mistake per exercise, "wrong-b" a second one where there is one; a wrong training exercise returns
// without training, so it costs no more than a prediction.
// Grading spawns judges and sandboxes from tools/dist: build first.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { GradeReport } from "../../../tools/src/grading/grade/gradeReport.js";
import { listExercises } from "../../../tools/src/grading/notebook/findExerciseCell.js";
import { readNotebook } from "../../../tools/src/grading/notebook/readNotebook.js";
import { defaultNotebooksDir } from "../../../tools/src/grading/repoPaths.js";
import { exerciseScore, gradeWrongAnswers, type WrongAnswer } from "./gradeWrongAnswers.js";

interface Mistake extends WrongAnswer {
  /** What the learner got wrong. */
  mistake: string;
  /** Start of the name of every hidden test that must fail on it. */
  caughtBy: string[];
}

const EVALUATION = "05-evaluation.ipynb";
const LANGUAGE = "06-language.ipynb";
const VISION = "07-vision.ipynb";
const LARGE = "08-large-models.ipynb";

const lines = (...body: string[]) => body.join("\n");

const MISTAKES: Mistake[] = [
  {
    name: "wrong-a", notebook: EVALUATION, exercise: "ex05-prf-from-confusion", mistake: "reads the columns as the true class",
    body: lines(
      "const [[, fn], [fp, tp]] = matrix as [[number, number], [number, number]];",
      "const precision = tp + fp === 0 ? 0 : tp / (tp + fp);",
      "const recall = tp + fn === 0 ? 0 : tp / (tp + fn);",
      "const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);",
      "return { precision, recall, f1 };",
    ),
    caughtBy: ["reads rows as the true class"],
  },
  {
    name: "wrong-b", notebook: EVALUATION, exercise: "ex05-prf-from-confusion", mistake: "divides by zero when nothing is predicted positive",
    body: lines(
      "const [[, fp], [fn, tp]] = matrix as [[number, number], [number, number]];",
      "const precision = tp / (tp + fp);",
      "const recall = tp / (tp + fn);",
      "return { precision, recall, f1: (2 * precision * recall) / (precision + recall) };",
    ),
    caughtBy: ["a perfect classifier scores 1; no positives at all scores 0"],
  },
  {
    name: "wrong-a", notebook: EVALUATION, exercise: "ex05-best-f1-threshold", mistake: "predicts 1 when p ≥ t (the threshold on the wrong side)",
    body: lines(
      "let best = { threshold: candidates[0]!, f1: -1 };",
      "for (const threshold of [...candidates].sort((a, b) => a - b)) {",
      "  let tp = 0, fp = 0, fn = 0;",
      "  probabilities.forEach((p, i) => {",
      "    const predicted = p >= threshold ? 1 : 0;",
      "    if (predicted === 1 && labels[i] === 1) tp++;",
      "    else if (predicted === 1) fp++;",
      "    else if (labels[i] === 1) fn++;",
      "  });",
      "  const f1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);",
      "  if (f1 > best.f1) best = { threshold, f1 };",
      "}",
      "return best.threshold;",
    ),
    caughtBy: ["predicts 1 only when p > t, strictly"],
  },
  {
    name: "wrong-b", notebook: EVALUATION, exercise: "ex05-best-f1-threshold", mistake: "keeps the last of tied candidates, not the smallest",
    body: lines(
      "let best = { threshold: candidates[0]!, f1: -1 };",
      "for (const threshold of [...candidates].sort((a, b) => a - b)) {",
      "  let tp = 0, fp = 0, fn = 0;",
      "  probabilities.forEach((p, i) => {",
      "    const predicted = p > threshold ? 1 : 0;",
      "    if (predicted === 1 && labels[i] === 1) tp++;",
      "    else if (predicted === 1) fp++;",
      "    else if (labels[i] === 1) fn++;",
      "  });",
      "  const f1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);",
      "  if (f1 >= best.f1) best = { threshold, f1 };",
      "}",
      "return best.threshold;",
    ),
    caughtBy: ["when every candidate scores F1 = 0, the smallest wins"],
  },
  {
    name: "wrong-a", notebook: EVALUATION, exercise: "ex05-auc-by-ranks", mistake: "counts a tie as a win",
    body: lines(
      "const positives = scores.filter((_, i) => labels[i] === 1);",
      "const negatives = scores.filter((_, i) => labels[i] === 0);",
      "let wins = 0;",
      "for (const p of positives) for (const n of negatives) wins += p >= n ? 1 : 0;",
      "return wins / (positives.length * negatives.length);",
    ),
    caughtBy: ["matches roc_auc_score on ten samples with a tie", "1 for a perfect ranking, 0 for a reversed one, 0.5 when all scores tie"],
  },
  {
    name: "wrong-b", notebook: EVALUATION, exercise: "ex05-auc-by-ranks", mistake: "averages the scores of each class instead of comparing pairs",
    body: lines(
      "const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;",
      "const positives = mean(scores.filter((_, i) => labels[i] === 1));",
      "const negatives = mean(scores.filter((_, i) => labels[i] === 0));",
      "return positives > negatives ? 1 : positives === negatives ? 0.5 : 0;",
    ),
    caughtBy: ["matches roc_auc_score on ten samples", "depends only on the ranking"],
  },
  {
    name: "wrong-a", notebook: LANGUAGE, exercise: "ex06-pad-sequences", mistake: "pads after the sequence ('post')",
    body: lines(
      "return sequences.map((seq) => {",
      "  const kept = seq.slice(Math.max(0, seq.length - maxlen));",
      "  return [...kept, ...new Array<number>(maxlen - kept.length).fill(0)];",
      "});",
    ),
    caughtBy: ["pads in front and keeps the end", "truncates from the front and pads in one call"],
  },
  {
    name: "wrong-b", notebook: LANGUAGE, exercise: "ex06-pad-sequences", mistake: "keeps the start of a long sequence (truncating 'post')",
    body: lines(
      "return sequences.map((seq) => {",
      "  const kept = seq.slice(0, maxlen);",
      "  return [...new Array<number>(maxlen - kept.length).fill(0), ...kept];",
      "});",
    ),
    caughtBy: ["pads in front and keeps the end", "truncates from the front and pads in one call"],
  },
  {
    name: "wrong-a", notebook: LANGUAGE, exercise: "ex06-vocabulary", mistake: "numbers words by first occurrence instead of count",
    body: lines(
      "const index = new Map<string, number>([[\"<OOV>\", 1]]);",
      "for (const text of texts) for (const word of text) if (!index.has(word)) index.set(word, index.size + 1);",
      "return { index, encode: (words) => words.map((w) => index.get(w) ?? 1) };",
    ),
    caughtBy: ["orders by count, breaks ties by first appearance", "encodes known words by index"],
  },
  {
    name: "wrong-b", notebook: LANGUAGE, exercise: "ex06-vocabulary", mistake: "leaves no index for OOV: words from 1, unknown words 0",
    body: lines(
      "const counts = new Map<string, number>();",
      "for (const text of texts) for (const word of text) counts.set(word, (counts.get(word) ?? 0) + 1);",
      "const ordered = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([word]) => word);",
      "const index = new Map<string, number>(ordered.map((word, i) => [word, i + 1]));",
      "return { index, encode: (words) => words.map((w) => index.get(w) ?? 0) };",
    ),
    caughtBy: ["orders by count, breaks ties by first appearance", "encodes known words by index"],
  },
  {
    name: "wrong-a", notebook: LANGUAGE, exercise: "ex06-masked-attention", mistake: "softmax over every score, the mask ignored",
    body: lines(
      "const largest = Math.max(...scores);",
      "const exps = scores.map((s) => Math.exp(s - largest));",
      "const total = exps.reduce((a, b) => a + b, 0);",
      "return exps.map((e) => e / total);",
    ),
    caughtBy: ["softmax over unmasked scores with exact zeros on padding", "ignores how large masked scores are"],
  },
  {
    name: "wrong-b", notebook: LANGUAGE, exercise: "ex06-masked-attention", mistake: "subtracts the largest score including the masked ones",
    body: lines(
      "const largest = Math.max(...scores);",
      "const exps = scores.map((s, i) => (mask[i] ? Math.exp(s - largest) : 0));",
      "const total = exps.reduce((a, b) => a + b, 0);",
      "return exps.map((e) => e / total);",
    ),
    caughtBy: ["ignores how large masked scores are and stays finite"],
  },
  {
    name: "wrong-a", notebook: LANGUAGE, exercise: "ex06-train-classifier", mistake: "builds the model but never trains it",
    body: lines(
      "const vocabulary = 5000, maxlen = 40;",
      "const tokenizer = new Tokenizer({ numWords: vocabulary, oovToken: \"<OOV>\", cjk: \"word\" }).fitOnTexts(trainTexts);",
      "const encode = (texts: string[]) => padSequences(tokenizer.textsToSequences(texts), { maxlen, truncating: \"post\" });",
      "const init = new SeededInit(1);",
      "const model = tf.sequential({ layers: [",
      "  tf.layers.embedding({ inputDim: vocabulary, outputDim: 32, inputLength: maxlen, embeddingsInitializer: init.embedding() }),",
      "  tf.layers.conv1d({ filters: 64, kernelSize: 3, activation: \"relu\", ...init.dense() }),",
      "  tf.layers.globalMaxPooling1d({}),",
      "  tf.layers.dense({ units: 1, activation: \"sigmoid\", ...init.dense() }),",
      "] });",
      "const probabilities = model.predict(encode(testTexts)) as tf.Tensor;",
      "return Array.from(probabilities.dataSync(), (p) => (p > 0.5 ? 1 : 0));",
    ),
    caughtBy: ["reaches 75% accuracy"],
  },
  {
    name: "wrong-a", notebook: VISION, exercise: "ex07-conv-output-size", mistake: "forgets the stride",
    body: "return n + 2 * p - k + 1;",
    caughtBy: ["valid convolutions and pooling", "stride and padding together"],
  },
  {
    name: "wrong-b", notebook: VISION, exercise: "ex07-conv-output-size", mistake: "forgets the padding",
    body: "return Math.floor((n - k) / s) + 1;",
    caughtBy: ["stride and padding together"],
  },
  {
    name: "wrong-a", notebook: VISION, exercise: "ex07-receptive-field", mistake: "applies a layer's stride to its own kernel",
    body: lines(
      "let field = 1;",
      "let jump = 1;",
      "for (const { kernel, stride } of layers) {",
      "  jump *= stride;",
      "  field += (kernel - 1) * jump;",
      "}",
      "return field;",
    ),
    caughtBy: ["the articles' CNN", "a stride counts for every layer above it"],
  },
  {
    name: "wrong-b", notebook: VISION, exercise: "ex07-receptive-field", mistake: "adds the kernels and ignores the strides",
    body: "return layers.reduce((field, { kernel }) => field + kernel - 1, 1);",
    caughtBy: ["the articles' CNN", "a stride counts for every layer above it"],
  },
  {
    name: "wrong-a", notebook: VISION, exercise: "ex07-conv-params", mistake: "forgets the input channels",
    body: "return kernelHeight * kernelWidth * filters + (useBias ? filters : 0);",
    caughtBy: ["matches the published counts", "rectangular kernels and no bias"],
  },
  {
    name: "wrong-b", notebook: VISION, exercise: "ex07-conv-params", mistake: "always counts the bias",
    body: "return kernelHeight * kernelWidth * inChannels * filters + filters;",
    caughtBy: ["rectangular kernels and no bias"],
  },
  {
    name: "wrong-a", notebook: VISION, exercise: "ex07-train-classifier", mistake: "builds the network but never trains it",
    body: lines(
      "const seeded = (seed: number) => ({ kernelInitializer: tf.initializers.heNormal({ seed }) });",
      "const model = tf.sequential({",
      "  layers: [",
      "    tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 16, kernelSize: 3, activation: \"relu\", ...seeded(1) }),",
      "    tf.layers.maxPooling2d({ poolSize: 2 }),",
      "    tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: \"relu\", ...seeded(2) }),",
      "    tf.layers.maxPooling2d({ poolSize: 2 }),",
      "    tf.layers.flatten(),",
      "    tf.layers.dense({ units: 10, ...seeded(3) }),",
      "  ],",
      "});",
      "const predicted = tf.tidy(() => (model.predict(heldOut) as tf.Tensor).argMax(-1));",
      "const ids = Array.from(predicted.dataSync());",
      "tf.dispose(predicted);",
      "model.dispose();",
      "return ids;",
    ),
    caughtBy: ["passes 80% accuracy"],
  },
  {
    name: "wrong-a", notebook: LARGE, exercise: "ex08-causal-attention", mistake: "leaves out the 1/√d scale",
    body: lines(
      "if (q.length !== k.length || k.length !== v.length) {",
      "  throw new Error(`q, k and v must have the same number of rows; got ${q.length}, ${k.length} and ${v.length}`);",
      "}",
      "return q.map((qi, i) => {",
      "  const scores = k.slice(0, i + 1).map((kj) => kj.reduce((s, kjc, c) => s + qi[c]! * kjc, 0));",
      "  const max = Math.max(...scores);",
      "  const exps = scores.map((s) => Math.exp(s - max));",
      "  const total = exps.reduce((a, b) => a + b, 0);",
      "  return v[0]!.map((_, c) => exps.reduce((s, e, j) => s + (e / total) * v[j]![c]!, 0));",
      "});",
    ),
    caughtBy: ["scales scores by √d"],
  },
  {
    name: "wrong-b", notebook: LARGE, exercise: "ex08-causal-attention", mistake: "attends to every position, the causal mask left out",
    body: lines(
      "if (q.length !== k.length || k.length !== v.length) {",
      "  throw new Error(`q, k and v must have the same number of rows; got ${q.length}, ${k.length} and ${v.length}`);",
      "}",
      "const d = q[0]?.length ?? 0;",
      "return q.map((qi) => {",
      "  const scores = k.map((kj) => kj.reduce((s, kjc, c) => s + qi[c]! * kjc, 0) / Math.sqrt(d));",
      "  const max = Math.max(...scores);",
      "  const exps = scores.map((s) => Math.exp(s - max));",
      "  const total = exps.reduce((a, b) => a + b, 0);",
      "  return v[0]!.map((_, c) => exps.reduce((s, e, j) => s + (e / total) * v[j]![c]!, 0));",
      "});",
    ),
    caughtBy: ["scales scores by √d", "never lets a position see later values"],
  },
  {
    name: "wrong-a", notebook: LARGE, exercise: "ex08-int8-quantize", mistake: "takes the scale from the mean |w| instead of the max",
    body: lines(
      "const scale = weights.reduce((a, w) => a + Math.abs(w), 0) / weights.length / 127 || 1;",
      "const q = weights.map((w) => Math.max(-127, Math.min(127, Math.round(w / scale))));",
      "const restored = q.map((qi) => qi * scale);",
      "const maxError = Math.max(0, ...weights.map((w, i) => Math.abs(w - restored[i]!)));",
      "return { q, scale, restored, maxError };",
    ),
    caughtBy: ["rounds w / s with s = max|w| / 127", "takes the scale from the largest magnitude", "keeps every error within half a step"],
  },
  {
    name: "wrong-b", notebook: LARGE, exercise: "ex08-int8-quantize", mistake: "takes the scale from the largest weight, not the largest magnitude",
    body: lines(
      "const scale = Math.max(0, ...weights) / 127 || 1;",
      "const q = weights.map((w) => Math.max(-127, Math.min(127, Math.round(w / scale))));",
      "const restored = q.map((qi) => qi * scale);",
      "const maxError = Math.max(0, ...weights.map((w, i) => Math.abs(w - restored[i]!)));",
      "return { q, scale, restored, maxError };",
    ),
    caughtBy: ["takes the scale from the largest magnitude"],
  },
  {
    name: "wrong-a", notebook: LARGE, exercise: "ex08-temperature-sample", mistake: "divides the probabilities by the temperature after the softmax",
    body: lines(
      "if (!(temperature >= 0)) throw new Error(`temperature must be ≥ 0; got ${temperature}`);",
      "if (temperature === 0) return probabilities.indexOf(Math.max(...probabilities));",
      "const weights = probabilities.map((p) => p / temperature);",
      "const total = weights.reduce((a, b) => a + b, 0);",
      "let cumulative = 0;",
      "for (let i = 0; i < weights.length; i++) {",
      "  cumulative += weights[i]! / total;",
      "  if (cumulative > u) return i;",
      "}",
      "return weights.length - 1;",
    ),
    caughtBy: ["at temperature 2 takes square roots and renormalises"],
  },
  {
    name: "wrong-b", notebook: LARGE, exercise: "ex08-temperature-sample", mistake: "multiplies the logits by the temperature",
    body: lines(
      "if (!(temperature >= 0)) throw new Error(`temperature must be ≥ 0; got ${temperature}`);",
      "if (temperature === 0) return probabilities.indexOf(Math.max(...probabilities));",
      "const logits = probabilities.map((p) => Math.log(Math.max(p, 1e-30)) * temperature);",
      "const max = Math.max(...logits);",
      "const weights = logits.map((l) => Math.exp(l - max));",
      "const total = weights.reduce((a, b) => a + b, 0);",
      "let cumulative = 0;",
      "for (let i = 0; i < weights.length; i++) {",
      "  cumulative += weights[i]! / total;",
      "  if (cumulative > u) return i;",
      "}",
      "return weights.length - 1;",
    ),
    caughtBy: ["at temperature 2 takes square roots and renormalises"],
  },
  {
    name: "wrong-a", notebook: LARGE, exercise: "ex08-transfer-head", mistake: "trains the network from scratch on the 20 images, no pretraining",
    body: lines(
      "const init = new SeededInit(1);",
      "const model = tf.sequential({ layers: [",
      "  tf.layers.dense({ inputShape: [64], units: 64, activation: \"relu\", ...init.dense() }),",
      "  tf.layers.dense({ units: 32, activation: \"relu\", ...init.dense() }),",
      "  tf.layers.dense({ units: 1, activation: \"sigmoid\", ...init.dense() }),",
      "] });",
      "model.compile({ optimizer: tf.train.adam(0.01), loss: \"binaryCrossentropy\" });",
      "await train(model, fewX, fewY.reshape([-1, 1]), { epochs: 40, batchSize: 10, seed: 1, progress: false });",
      "return Array.from((model.predict(testX) as tf.Tensor).dataSync(), (p) => (p > 0.5 ? 1 : 0));",
    ),
    caughtBy: ["beats training from scratch on 'is the digit 5 or more?'"],
  },
  {
    name: "wrong-b", notebook: LARGE, exercise: "ex08-transfer-head", mistake: "pretrains the body but never trains the new head",
    body: lines(
      "const init = new SeededInit(1);",
      "const body = [",
      "  tf.layers.dense({ inputShape: [64], units: 64, activation: \"relu\", ...init.dense() }),",
      "  tf.layers.dense({ units: 32, activation: \"relu\", ...init.dense() }),",
      "];",
      "const digitModel = tf.sequential({ layers: [...body, tf.layers.dense({ units: 10, activation: \"softmax\", ...init.dense() })] });",
      "digitModel.compile({ optimizer: tf.train.adam(0.01), loss: \"sparseCategoricalCrossentropy\" });",
      "await train(digitModel, pretrainX, pretrainY, { epochs: 10, batchSize: 32, seed: 1, progress: false });",
      "for (const layer of body) layer.trainable = false;",
      "const model = tf.sequential({ layers: [...body, tf.layers.dense({ units: 1, activation: \"sigmoid\", ...init.dense() })] });",
      "return Array.from((model.predict(testX) as tf.Tensor).dataSync(), (p) => (p > 0.5 ? 1 : 0));",
    ),
    caughtBy: ["beats training from scratch on 'is the digit 5 or more?'", "beats training from scratch on 'is the digit drawn with a loop?'"],
  },
];

describe("hidden tests against plausible wrong answers (notebooks 05 to 08)", () => {
  let report: GradeReport;
  beforeAll(async () => {
    const started = Date.now();
    report = await gradeWrongAnswers(MISTAKES);
    console.log(`graded the solution and ${new Set(MISTAKES.map((m) => m.name)).size} learners in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 1_200_000);

  it("has a wrong answer for every exercise of the four notebooks", () => {
    for (const notebook of [EVALUATION, LANGUAGE, VISION, LARGE]) {
      const covered = new Set(MISTAKES.filter((m) => m.notebook === notebook).map((m) => m.exercise));
      expect(listExercises(readNotebook(path.join(defaultNotebooksDir, notebook))).filter((id) => !covered.has(id)), notebook).toEqual([]);
    }
  });

  it("gives the solution full marks on every exercise, so every failure below is the wrong answer's", () => {
    expect(report.instructorCheck.failures).toEqual([]);
    for (const exercise of new Set(MISTAKES.map((m) => m.exercise))) {
      const score = exerciseScore(report, "solution", exercise);
      expect(score.failed, exercise).toEqual([]);
      expect(score.points, exercise).toBe(score.max);
    }
  });

  it.each(MISTAKES.map((m) => [`${m.exercise}: ${m.mistake}`, m] as const))("catches %s", (_title, m) => {
    const grade = report.students.find((s) => s.student === m.name)?.exercises.find((e) => e.exercise === m.exercise);
    if (!grade) throw new Error(`no grade for ${m.name} on ${m.exercise}`);
    console.log(`${m.exercise} / ${m.mistake}: ${grade.points}/${grade.max}`);
    expect(grade.points).toBeLessThan(grade.max);
    for (const name of m.caughtBy) {
      const tests = grade.tests.filter((test) => test.visibility === "hidden" && test.name.startsWith(`${m.exercise}: ${name}`));
      expect(tests.length, `no hidden test named "${name}…"`).toBeGreaterThan(0);
      // The wrong answer loads and runs, so a failure is its value's fault, not a crash or a stub.
      for (const test of tests) {
        expect(test.passed, test.name).toBe(false);
        expect(test.message ?? "", test.name).not.toMatch(/not implemented yet|timed out|could not be loaded/);
      }
    }
  });
});
