import { tf } from "../backend/index.js";
import { DEFAULT_SEED, seededRandom, shuffledIndices } from "../random/index.js";
import {
  classificationAccuracy, cloneModel, float32WeightBytes, report, type CompressionReport, type EvaluationData,
} from "./modelStats.js";

/**
 * Hinton et al.'s distillation loss, averaged over the batch:
 * α·T²·KL(softmax(teacher/T) ‖ softmax(student/T)) + (1 − α)·CE(labels, softmax(student)).
 * The T² keeps the soft term's gradients on the same scale as the hard term's.
 */
export function distillationLoss(
  studentLogits: tf.Tensor2D, teacherLogits: tf.Tensor2D, labelsOneHot: tf.Tensor2D, temperature: number, alpha: number,
): tf.Scalar {
  if (!(temperature > 0)) throw new Error(`temperature must be > 0; got ${temperature}`);
  if (!(alpha >= 0 && alpha <= 1)) throw new Error(`alpha must be in [0, 1]; got ${alpha}`);
  return tf.tidy(() => {
    const teacherLog = tf.logSoftmax(teacherLogits.div(temperature));
    const studentSoftLog = tf.logSoftmax(studentLogits.div(temperature));
    const kl = tf.sum(tf.mul(tf.exp(teacherLog), tf.sub(teacherLog, studentSoftLog)), -1);
    const ce = tf.neg(tf.sum(tf.mul(labelsOneHot, tf.logSoftmax(studentLogits)), -1));
    return tf.mean(tf.add(kl.mul(alpha * temperature * temperature), ce.mul(1 - alpha))) as tf.Scalar;
  });
}

/** Logits from a model's output: used as is, or log-probabilities when the last layer is a softmax. */
function logitsOf(model: tf.LayersModel, output: tf.Tensor): tf.Tensor2D {
  const last = model.layers[model.layers.length - 1].getConfig();
  const probabilities = last.activation === "softmax";
  return (probabilities ? tf.log(tf.maximum(output, 1e-12)) : output) as tf.Tensor2D;
}

export interface DistillOptions {
  teacher: tf.LayersModel;
  /** Trained in place; its last layer gives logits (linear) or probabilities (softmax). */
  student: tf.LayersModel;
  x: tf.Tensor;
  /** Class ids `[N]` or one-hot `[N, C]`. */
  y: tf.Tensor;
  temperature?: number;
  alpha?: number;
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  seed?: number;
  evaluate?: EvaluationData;
  /** Also train a copy of the student (same initial weights) on the hard labels alone, for comparison. */
  compareWithoutTeacher?: boolean;
  onEpochEnd?: (epoch: number, loss: number) => void;
}

export interface DistillResult {
  student: tf.LayersModel;
  /** The same student trained without the teacher (α = 0), when asked for. */
  baseline?: tf.LayersModel;
  /** bytes teacher → student; accuracy teacher (before) → student (after). */
  report: CompressionReport;
  baselineAccuracy?: number;
  losses: number[];
}

async function fitWithTeacher(
  student: tf.LayersModel, x: tf.Tensor, teacherLogits: tf.Tensor2D, oneHot: tf.Tensor2D,
  { temperature, alpha, epochs, batchSize, learningRate, seed, onEpochEnd }: Required<Pick<DistillOptions, "temperature" | "alpha" | "epochs" | "batchSize" | "learningRate" | "seed">> & Pick<DistillOptions, "onEpochEnd">,
): Promise<number[]> {
  const optimizer = tf.train.adam(learningRate);
  const variables = student.trainableWeights.map((w) => w.read() as tf.Variable);
  const random = seededRandom(seed);
  const n = x.shape[0];
  const losses: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = shuffledIndices(n, random);
    let total = 0;
    for (let start = 0; start < n; start += batchSize) {
      const idx = tf.tensor1d(order.subarray(start, Math.min(n, start + batchSize)), "int32");
      const loss = optimizer.minimize(() => {
        const out = student.apply(tf.gather(x, idx), { training: true }) as tf.Tensor;
        return distillationLoss(logitsOf(student, out), tf.gather(teacherLogits, idx), tf.gather(oneHot, idx), temperature, alpha);
      }, true, variables);
      total += loss!.dataSync()[0] * idx.size;
      tf.dispose([loss!, idx]);
    }
    losses.push(total / n);
    onEpochEnd?.(epoch, total / n);
    await tf.nextFrame();
  }
  optimizer.dispose();
  return losses;
}

/**
 * Knowledge distillation: trains the student to match the teacher's temperature-softened class
 * distribution as well as the true labels. Reports teacher → student size and accuracy, and with
 * `compareWithoutTeacher` the accuracy of the same student trained on the labels alone.
 *
 * Taught in notebooks/08-large-models.ipynb.
 */
export async function distill(options: DistillOptions): Promise<DistillResult> {
  const {
    teacher, student, x, y, temperature = 4, alpha = 0.9, epochs = 20, batchSize = 32, learningRate = 1e-3,
    seed = DEFAULT_SEED, evaluate, compareWithoutTeacher = false, onEpochEnd,
  } = options;
  const teacherLogits = tf.tidy(() => logitsOf(teacher, teacher.predict(x) as tf.Tensor));
  const classes = teacherLogits.shape[1];
  if (y.shape[0] !== x.shape[0]) throw new Error(`y must have ${x.shape[0]} rows like x; got ${y.shape[0]}`);
  const oneHot = tf.tidy(() => (y.rank === 2 && y.shape[1] === classes ? y.toFloat() : tf.oneHot(y.flatten().toInt(), classes).toFloat()) as tf.Tensor2D);
  const baseline = compareWithoutTeacher ? await cloneModel(student) : undefined;
  const settings = { temperature, epochs, batchSize, learningRate, seed };
  const losses = await fitWithTeacher(student, x, teacherLogits, oneHot, { ...settings, alpha, onEpochEnd });
  if (baseline) await fitWithTeacher(baseline, x, teacherLogits, oneHot, { ...settings, alpha: 0 });
  tf.dispose([teacherLogits, oneHot]);
  const accuracy = evaluate ? { before: classificationAccuracy(teacher, evaluate), after: classificationAccuracy(student, evaluate) } : undefined;
  return {
    student,
    ...(baseline ? { baseline } : {}),
    report: report(`distillation (T = ${temperature}, α = ${alpha}): teacher → student float32 weights`, float32WeightBytes(teacher), float32WeightBytes(student), accuracy),
    ...(baseline && evaluate ? { baselineAccuracy: classificationAccuracy(baseline, evaluate) } : {}),
    losses,
  };
}
