// Issue 15: the exercises of notebooks 04 and 09 pass on the solution and fail on the mistakes a
// learner is likely to make (the release stub is covered by courseExercises.test.ts).
// Grading spawns judges and sandboxes from tools/dist: build first.
import { beforeAll, describe, expect, it } from "vitest";
import type { GradeReport } from "../../../tools/src/grading/grade/gradeReport.js";
import { exerciseScore, gradeWrongAnswers, type WrongAnswer } from "./gradeWrongAnswers.js";

const WRONG_ANSWERS: WrongAnswer[] = [
  {
    name: "lowest-loss-rate", notebook: "04-training.ipynb", exercise: "ex04-choose-learning-rate",
    body: "const usable = rates.filter((_, i) => Number.isFinite(losses[i]));\nreturn usable.reduce((best, r) => (losses[rates.indexOf(r)]! < losses[rates.indexOf(best)]! ? r : best));",
  },
  {
    name: "linear-slope-rate", notebook: "04-training.ipynb", exercise: "ex04-choose-learning-rate",
    body: [
      "if (rates.length !== losses.length) throw new Error(`rates and losses differ in length`);",
      "let best = 0;",
      "for (let i = 0; i + 1 < rates.length && Number.isFinite(losses[i + 1]); i++) {",
      "  if ((losses[i + 1]! - losses[i]!) / (rates[i + 1]! - rates[i]!) < (losses[best + 1]! - losses[best]!) / (rates[best + 1]! - rates[best]!)) best = i;",
      "}",
      "return rates[best]!;",
    ].join("\n"),
  },
  {
    name: "training-rounded-up", notebook: "04-training.ipynb", exercise: "ex04-training-steps",
    body: [
      "const trainSamples = Math.ceil(samples * (1 - validationSplit));",
      "const stepsPerEpoch = Math.ceil(trainSamples / batchSize);",
      "return { trainSamples, validationSamples: samples - trainSamples, stepsPerEpoch, totalSteps: stepsPerEpoch * epochs, lastBatchSize: trainSamples - (stepsPerEpoch - 1) * batchSize };",
    ].join("\n"),
  },
  {
    name: "last-batch-remainder", notebook: "04-training.ipynb", exercise: "ex04-training-steps",
    body: [
      "const trainSamples = Math.floor(samples * (1 - validationSplit));",
      "const stepsPerEpoch = Math.ceil(trainSamples / batchSize);",
      "return { trainSamples, validationSamples: samples - trainSamples, stepsPerEpoch, totalSteps: stepsPerEpoch * epochs, lastBatchSize: trainSamples % batchSize };",
    ].join("\n"),
  },
  {
    name: "untrained-model", notebook: "04-training.ipynb", exercise: "ex04-train-classifier",
    body: [
      "const init = new SeededInit(7);",
      "const model = tf.sequential();",
      "model.add(tf.layers.dense({ inputShape: [xTrain.shape[1]], units: 32, activation: \"relu\", ...init.dense() }));",
      "model.add(tf.layers.dense({ units: 1, activation: \"sigmoid\", ...init.dense() }));",
      "model.compile({ optimizer: tf.train.adam(0.003), loss: \"binaryCrossentropy\" });",
      "return model;",
    ].join("\n"),
  },
  {
    name: "throughput-with-warm-up", notebook: "09-faq.ipynb", exercise: "ex09-steady-throughput",
    body: "if (steps.length === 0) throw new Error(\"steps is empty\");\nif (steps.some((s) => !(s.ms > 0))) throw new Error(\"ms must be positive\");\nreturn steps.reduce((a, s) => a + s.samples, 0) / (steps.reduce((a, s) => a + s.ms, 0) / 1000);",
  },
  {
    name: "throughput-drops-every-slow-step", notebook: "09-faq.ipynb", exercise: "ex09-steady-throughput",
    body: [
      "if (steps.length === 0) throw new Error(\"steps is empty\");",
      "if (steps.some((s) => !(s.ms > 0))) throw new Error(\"ms must be positive\");",
      "const sorted = steps.map((s) => s.ms).sort((a, b) => a - b);",
      "const m = sorted.length >> 1;",
      "const median = sorted.length % 2 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;",
      "const steady = steps.filter((s) => s.ms <= 2 * median);",
      "return steady.reduce((a, s) => a + s.samples, 0) / (steady.reduce((a, s) => a + s.ms, 0) / 1000);",
    ].join("\n"),
  },
  {
    name: "throughput-mean-of-rates", notebook: "09-faq.ipynb", exercise: "ex09-steady-throughput",
    body: [
      "if (steps.length === 0) throw new Error(\"steps is empty\");",
      "if (steps.some((s) => !(s.ms > 0))) throw new Error(\"ms must be positive\");",
      "const sorted = steps.map((s) => s.ms).sort((a, b) => a - b);",
      "const m = sorted.length >> 1;",
      "const median = sorted.length % 2 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;",
      "let first = 0;",
      "while (first < steps.length && steps[first]!.ms > 2 * median) first++;",
      "const rates = steps.slice(first).map((s) => s.samples / (s.ms / 1000));",
      "return rates.reduce((a, b) => a + b, 0) / rates.length;",
    ].join("\n"),
  },
  {
    name: "imputation-leaks", notebook: "09-faq.ipynb", exercise: "ex09-choose-imputation",
    body: [
      "const known = column.filter((v) => !Number.isNaN(v));",
      "if (!(k >= 2 && k <= known.length)) throw new Error(`k out of range: ${k}`);",
      "const sorted = [...known].sort((a, b) => a - b);",
      "const m = sorted.length >> 1;",
      "const fills = { mean: known.reduce((a, b) => a + b, 0) / known.length, median: sorted.length % 2 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2 };",
      "const errors = { mean: known.reduce((a, v) => a + Math.abs(v - fills.mean), 0) / known.length, median: known.reduce((a, v) => a + Math.abs(v - fills.median), 0) / known.length };",
      "return { errors, best: errors.median < errors.mean ? \"median\" : \"mean\" };",
    ].join("\n"),
  },
];

describe("hidden tests against plausible wrong answers (notebooks 04 and 09)", () => {
  let report: GradeReport;
  beforeAll(async () => {
    const started = Date.now();
    report = await gradeWrongAnswers(WRONG_ANSWERS);
    console.log(`graded ${WRONG_ANSWERS.length + 1} learners in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 900_000);

  it("gives the solution full marks on every exercise a wrong answer targets", () => {
    for (const wrong of WRONG_ANSWERS) {
      const score = exerciseScore(report, "solution", wrong.exercise);
      expect(score.failed, wrong.exercise).toEqual([]);
    }
  });

  it.each(WRONG_ANSWERS.map((wrong) => [wrong.name, wrong] as const))("fails %s on at least one test", (_name, wrong) => {
    const score = exerciseScore(report, wrong.name, wrong.exercise);
    expect(score.points).toBeLessThan(score.max);
    console.log(`${wrong.name}: ${score.points}/${score.max}, fails ${score.failed.join("; ")}`);
  });
});
