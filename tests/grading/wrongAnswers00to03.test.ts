// Issue 15's acceptance for notebooks 00–03: every exercise's hidden tests fail on a plausible wrong
// answer, not only on the release stub and on constants (courseExercises.test.ts covers those).
// Each wrong answer below is a mistake a learner is likely to make; the named tests must catch it.
// Grading spawns judges and sandboxes from tools/dist: build first.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { GradeReport } from "../../tools/src/grading/grade/gradeReport.js";
import { gradeSubmissions } from "../../tools/src/grading/grade/gradeSubmissions.js";
import { exerciseIdOf, listExercises } from "../../tools/src/grading/notebook/findExerciseCell.js";
import { cellSource, readNotebook } from "../../tools/src/grading/notebook/readNotebook.js";
import { stripSolutions } from "../../tools/src/grading/release/stripSolutions.js";
import { defaultNotebooksDir, defaultTestsDir } from "../../tools/src/grading/repoPaths.js";
import { scratchDir } from "./helpers/fixtureCourse.js";

interface WrongAnswer {
  /** The learner folder that hands it in: one wrong answer per exercise and learner. */
  learner: string;
  notebook: string;
  exercise: string;
  /** What the mistake is. */
  mistake: string;
  /** The body that replaces the reference solution block, or one per function for a cell with several. */
  body: string | Record<string, string>;
  /** Start of the name of every hidden test that must fail on it. */
  caughtBy: string[];
}

const WRONG_ANSWERS: WrongAnswer[] = [
  {
    learner: "wrong-a", notebook: "00-setup", exercise: "ex00-broadcast-shape", mistake: "aligns the shapes from the left",
    body: `const out: number[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const [x, y] = [a[i] ?? 1, b[i] ?? 1];
      if (x !== y && x !== 1 && y !== 1) throw new Error(\`shapes \${JSON.stringify(a)} and \${JSON.stringify(b)} do not broadcast\`);
      out.push(Math.max(x, y));
    }
    return out;`,
    caughtBy: ["aligns shapes from the right"],
  },
  {
    learner: "wrong-b", notebook: "00-setup", exercise: "ex00-broadcast-shape", mistake: "takes the larger length instead of refusing a clash",
    body: `const rank = Math.max(a.length, b.length);
    return Array.from({ length: rank }, (_, i) => Math.max(a[a.length - rank + i] ?? 1, b[b.length - rank + i] ?? 1));`,
    caughtBy: ["throws on clashing lengths"],
  },
  {
    learner: "wrong-a", notebook: "00-setup", exercise: "ex00-tensor-stats", mistake: "the sample standard deviation (n − 1)",
    body: `const values = Array.from(t.dataSync());
    if (values.length === 0) throw new Error(\`empty tensor of shape \${JSON.stringify(t.shape)}\`);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
    const r = (v: number) => Number(v.toPrecision(4));
    const cells = [t.dtype, JSON.stringify(t.shape), r(Math.min(...values)), r(Math.max(...values)), r(mean), r(std)];
    return {
      "text/plain": \`\${t.dtype} \${JSON.stringify(t.shape)}: min \${cells[2]}, max \${cells[3]}, mean \${cells[4]}, std \${cells[5]}\`,
      "text/html": \`<table><tr>\${cells.map((c) => \`<td>\${c}</td>\`).join("")}</tr></table>\`,
    };`,
    caughtBy: ["uses the population standard deviation"],
  },
  {
    learner: "wrong-a", notebook: "00-setup", exercise: "ex00-time-matmul", mistake: "returns the end time instead of the elapsed time",
    body: `const a = tf.randomUniform([n, n]);
    const b = tf.randomUniform([n, n]);
    const product = tf.matMul(a, b);
    product.dataSync();
    const end = performance.now();
    tf.dispose([a, b, product]);
    return end;`,
    caughtBy: ["times real work"],
  },
  {
    learner: "wrong-a", notebook: "01-concepts", exercise: "ex01-mlp-params", mistake: "forgets the biases",
    body: `let total = 0;
    for (let i = 1; i < sizes.length; i++) total += sizes[i - 1]! * sizes[i]!;
    return total;`,
    caughtBy: ["Keras' mnist_mlp"],
  },
  {
    learner: "wrong-a", notebook: "01-concepts", exercise: "ex01-dense-params", mistake: "multiplies every axis of the input shape",
    body: `if (inputShape.length === 0) throw new Error("inputShape is empty");
    return inputShape.reduce((p, d) => p * d, 1) * units + units;`,
    caughtBy: ["reads only the last axis"],
  },
  {
    learner: "wrong-a", notebook: "01-concepts", exercise: "ex01-memory-bytes", mistake: "forgets the float32 master copy of mixed precision",
    body: `const bytes = ({ float32: 4, float16: 2, bfloat16: 2, int8: 1 } as Record<string, number>)[format];
    if (bytes === undefined) throw new Error(\`unknown format \${format}\`);
    return { serve: n * bytes, train: format === "int8" ? null : n * (2 * bytes + 8) };`,
    caughtBy: ["mixed precision (float16) trains with 16 bytes"],
  },
  {
    learner: "wrong-b", notebook: "01-concepts", exercise: "ex01-memory-bytes", mistake: "adds a master copy to float32 training too",
    body: `const bytes = ({ float32: 4, float16: 2, bfloat16: 2, int8: 1 } as Record<string, number>)[format];
    if (bytes === undefined) throw new Error(\`unknown format \${format}\`);
    return { serve: n * bytes, train: format === "int8" ? null : n * (2 * bytes + 12) };`,
    caughtBy: ["float32 training needs no master copy"],
  },
  {
    learner: "wrong-a", notebook: "01-concepts", exercise: "ex01-compute-optimal", mistake: "solves C = 6·N·r for N, forgetting that D = r·N grows with N",
    body: `if (!(budget > 0) || !Number.isFinite(budget)) throw new Error("budget must be positive");
    if (!(tokensPerParameter > 0)) throw new Error("tokensPerParameter must be positive");
    const parameters = budget / (6 * tokensPerParameter);
    return { parameters, tokens: tokensPerParameter * parameters };`,
    caughtBy: ["takes the square root", "spends the budget exactly"],
  },
  {
    learner: "wrong-a", notebook: "02-algorithms", exercise: "ex02-stable-softmax", mistake: "exponentiates the raw scores",
    body: `const exps = scores.map((s) => Math.exp(s));
    const total = exps.reduce((a, b) => a + b, 0);
    return exps.map((e) => e / total);`,
    caughtBy: ["is unchanged by shifting every score"],
  },
  {
    learner: "wrong-a", notebook: "02-algorithms", exercise: "ex02-adam-step", mistake: "skips the bias correction",
    body: `const mNext = beta1 * m + (1 - beta1) * g;
    const vNext = beta2 * v + (1 - beta2) * g * g;
    return { theta: theta - (alpha * mNext) / (Math.sqrt(vNext) + epsilon), m: mNext, v: vNext };`,
    caughtBy: ["the first step moves θ by α·sign(g)", "three steps match torch.optim.Adam"],
  },
  {
    learner: "wrong-a", notebook: "02-algorithms", exercise: "ex02-numerical-gradient", mistake: "a forward difference",
    body: `const base = f(x);
    return x.map((_, i) => {
      const plus = x.slice();
      plus[i]! += epsilon;
      return (f(plus) - base) / epsilon;
    });`,
    caughtBy: ["uses central differences"],
  },
  {
    learner: "wrong-a", notebook: "02-algorithms", exercise: "ex02-bce-logits", mistake: "the textbook formula on σ(z), which overflows to infinity",
    body: `if (logits.length !== labels.length) throw new Error(\`\${logits.length} logits, \${labels.length} labels\`);
    const p = logits.map((z) => 1 / (1 + Math.exp(-z)));
    const n = logits.length;
    return {
      loss: -p.reduce((s, pi, i) => s + labels[i]! * Math.log(pi) + (1 - labels[i]!) * Math.log(1 - pi), 0) / n,
      gradient: p.map((pi, i) => (pi - labels[i]!) / n),
    };`,
    caughtBy: ["stays finite and exact", "keeps tiny losses accurate"],
  },
  {
    learner: "wrong-b", notebook: "02-algorithms", exercise: "ex02-bce-logits", mistake: "sums the losses and gradients instead of averaging",
    body: `if (logits.length !== labels.length) throw new Error(\`\${logits.length} logits, \${labels.length} labels\`);
    return {
      loss: logits.reduce((s, z, i) => s + Math.max(z, 0) - z * labels[i]! + Math.log1p(Math.exp(-Math.abs(z))), 0),
      gradient: logits.map((z, i) => 1 / (1 + Math.exp(-z)) - labels[i]!),
    };`,
    caughtBy: ["takes the mean, not the sum"],
  },
  {
    learner: "wrong-a", notebook: "03-preprocessing", exercise: "ex03-min-max-scaler", mistake: "Math.min over a column with a NaN in it",
    body: {
      fitMinMax: `const columns = train[0]!.map((_, j) => train.map((row) => row[j]!));
    columns.forEach((column, j) => { if (column.every(Number.isNaN)) throw new Error(\`column \${j} has no values\`); });
    return { min: columns.map((c) => Math.min(...c)), max: columns.map((c) => Math.max(...c)) };`,
      applyMinMax: "return rows.map((row) => row.map((v, j) => (v - fitted.min[j]!) / (fitted.max[j]! - fitted.min[j]! || 1)));",
    },
    caughtBy: ["skips NaN when fitting"],
  },
  {
    learner: "wrong-a", notebook: "03-preprocessing", exercise: "ex03-median-impute", mistake: "sorts with the default (text) order",
    body: `const present = values.filter((v): v is number => v !== null).sort();
    const mid = Math.floor(present.length / 2);
    const median = present.length % 2 === 1 ? present[mid]! : (present[mid - 1]! + present[mid]!) / 2;
    return values.map((v) => (v === null ? median : v));`,
    caughtBy: ["sorts numerically, not as text"],
  },
  {
    learner: "wrong-a", notebook: "03-preprocessing", exercise: "ex03-iqr-mask", mistake: "quartiles at the nearest rank",
    body: `const sorted = [...values].sort((a, b) => a - b);
    const quartile = (q: number) => sorted[Math.round(q * (sorted.length - 1))]!;
    const [q1, q3] = [quartile(0.25), quartile(0.75)];
    return values.map((v) => v < q1 - 1.5 * (q3 - q1) || v > q3 + 1.5 * (q3 - q1));`,
    caughtBy: ["interpolates between ranks"],
  },
  {
    learner: "wrong-a", notebook: "03-preprocessing", exercise: "ex03-stratified-split", mistake: "rounds each class's share on its own",
    body: `const byClass = new Map<string, number[]>();
    labels.forEach((label, i) => byClass.set(label, [...(byClass.get(label) ?? []), i]));
    const [train, test]: [number[], number[]] = [[], []];
    for (const indices of byClass.values()) {
      const order = [...indices];
      for (let i = order.length - 1; i > 0; i--) { const j = Math.floor(random() * (i + 1)); [order[i], order[j]] = [order[j]!, order[i]!]; }
      const take = Math.round(testFraction * order.length);
      test.push(...order.slice(0, take));
      train.push(...order.slice(take));
    }
    return { train: train.sort((a, b) => a - b), test: test.sort((a, b) => a - b) };`,
    caughtBy: ["class counts match scikit-learn"],
  },
  {
    learner: "wrong-b", notebook: "03-preprocessing", exercise: "ex03-stratified-split", mistake: "right counts, but always the first samples of each class (no draw)",
    body: `const byClass = new Map<string, number[]>();
    labels.forEach((label, i) => byClass.set(label, [...(byClass.get(label) ?? []), i]));
    const nTest = Math.ceil(testFraction * labels.length);
    const classes = [...byClass.values()].map((indices) => ({ indices, share: (indices.length * nTest) / labels.length, take: 0 }));
    classes.forEach((c) => { c.take = Math.floor(c.share); });
    const free = nTest - classes.reduce((s, c) => s + c.take, 0);
    [...classes].sort((a, b) => (b.share - b.take) - (a.share - a.take)).slice(0, free).forEach((c) => { c.take += 1; });
    const [train, test]: [number[], number[]] = [[], []];
    for (const { indices, take } of classes) { test.push(...indices.slice(0, take)); train.push(...indices.slice(take)); }
    return { train: train.sort((a, b) => a - b), test: test.sort((a, b) => a - b) };`,
    caughtBy: ["is a random draw", "is repeatable under a seed"],
  },
];

const NOTEBOOKS = [...new Set(WRONG_ANSWERS.map((w) => w.notebook))].sort();
const LEARNERS = [...new Set(WRONG_ANSWERS.map((w) => w.learner))].sort();

describe("plausible wrong answers to the exercises of notebooks 00–03", () => {
  let report: GradeReport;

  beforeAll(async () => {
    const course = scratchDir("course");
    const submissions = scratchDir("submissions");
    for (const notebook of NOTEBOOKS) {
      const file = `${notebook}.ipynb`;
      copyFileSync(path.join(defaultNotebooksDir, file), path.join(course, file));
      for (const learner of LEARNERS) {
        const copy = readNotebook(path.join(course, file));
        for (const cell of copy.cells) {
          const id = exerciseIdOf(cell);
          const wrong = WRONG_ANSWERS.find((w) => w.learner === learner && w.notebook === notebook && w.exercise === id);
          if (cell.cell_type !== "code" || !wrong) continue;
          const { body } = wrong;
          cell.source = stripSolutions(cellSource(cell), id!, `${learner} ${file}`, (_, fn) => (typeof body === "string" ? body : body[fn!]!));
        }
        mkdirSync(path.join(submissions, learner), { recursive: true });
        writeFileSync(path.join(submissions, learner, file), JSON.stringify(copy));
      }
    }
    const testFiles = NOTEBOOKS.flatMap((notebook) => [`${notebook}.public.test.ts`, `${notebook}.test.ts`]).map((name) => path.join(defaultTestsDir, name));
    report = await gradeSubmissions({ submissionsDir: submissions, notebooksDir: course, testsDir: defaultTestsDir, testFiles, jobs: 2 });
  }, 600_000);

  it("has a wrong answer for every exercise of the four notebooks", () => {
    for (const notebook of NOTEBOOKS) {
      const covered = new Set(WRONG_ANSWERS.filter((w) => w.notebook === notebook).map((w) => w.exercise));
      expect(listExercises(readNotebook(path.join(defaultNotebooksDir, `${notebook}.ipynb`))).filter((id) => !covered.has(id)), notebook).toEqual([]);
    }
  });

  it("grades the instructor notebooks in full, so every failure below is the wrong answer's", () => {
    expect(report.instructorCheck.failures).toEqual([]);
  });

  it.each(WRONG_ANSWERS.map((w) => [`${w.notebook}/${w.exercise}`, w.mistake, w] as const))("%s: %s is caught", (key, _mistake, wrong) => {
    const grade = report.students.find((s) => s.student === wrong.learner)!.exercises.find((e) => e.key === key)!;
    expect(grade, key).toBeDefined();
    expect(grade.points, `${key} scored full marks`).toBeLessThan(grade.max);
    for (const name of wrong.caughtBy) {
      const tests = grade.tests.filter((test) => test.visibility === "hidden" && test.name.startsWith(`${wrong.exercise}: ${name}`));
      expect(tests.length, `no test named "${name}…" in ${key}`).toBeGreaterThan(0);
      // The wrong answer loads and runs, so a failure is its value's fault, not a crash or a stub.
      for (const test of tests) {
        expect(test.passed, test.name).toBe(false);
        expect(test.message ?? "", test.name).not.toMatch(/not implemented yet|timed out|could not be loaded/);
      }
    }
  });
});
