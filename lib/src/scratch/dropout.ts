import { Matrix } from "./matrix.js";
import { type Rng, type SeedOrRng, toRng } from "../random/index.js";

export interface DropoutResult {
  output: Float64Array;
  /** 0 where a unit was dropped, 1/(1 − rate) where it was kept; backward multiplies the gradient by it. */
  mask: Float64Array;
}

function checkRate(where: string, rate: number): void {
  if (!(rate >= 0 && rate < 1)) throw new Error(`${where}: rate must be in [0, 1), got ${rate}`);
}

/**
 * Inverted dropout at training time: each value is zeroed with probability `rate` and the survivors are
 * scaled by 1/(1 − rate), so the expected output equals the input and inference needs no rescaling.
 *
 * Taught in notebooks/02-algorithms.ipynb.
 */
export function invertedDropout(values: ArrayLike<number>, rate: number, seed: SeedOrRng): DropoutResult {
  checkRate("invertedDropout", rate);
  const random = toRng(seed);
  const keepScale = 1 / (1 - rate);
  const mask = Float64Array.from({ length: values.length }, () => (random() < rate ? 0 : keepScale));
  return { output: Float64Array.from(values, (v, i) => v * mask[i]), mask };
}

/**
 * A dropout layer: random masks while training, the identity at test time.
 *
 * Taught in no notebook yet.
 */
export class Dropout {
  readonly rate: number;
  private readonly random: Rng;
  private lastMask: Float64Array | undefined;

  constructor(rate: number, seed: SeedOrRng = 0) {
    checkRate("Dropout", rate);
    this.rate = rate;
    this.random = toRng(seed);
  }

  forward(input: Matrix, training: boolean): Matrix {
    if (!training) {
      this.lastMask = undefined;
      return input.clone();
    }
    const { output, mask } = invertedDropout(input.data, this.rate, this.random);
    this.lastMask = mask;
    return new Matrix(input.rows, input.cols, output);
  }

  /** Gradients flow only through the kept units, scaled like their values were. */
  backward(gradOutput: Matrix): Matrix {
    const mask = this.lastMask;
    if (mask === undefined) return gradOutput.clone();
    if (mask.length !== gradOutput.data.length) {
      throw new Error(`Dropout.backward: gradOutput must have ${mask.length} values like the last input, got ${gradOutput.data.length}`);
    }
    return gradOutput.map((g, i, j) => g * mask[i * gradOutput.cols + j]);
  }
}
