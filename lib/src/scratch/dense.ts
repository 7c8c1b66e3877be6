import { type ActivationName, activate, activationBackward } from "./activations.js";
import { Matrix, addRowVector, matMul, sumRows, transpose } from "./matrix.js";
import type { Parameter } from "./parameter.js";
import { type SeedOrRng, toRng } from "../random/index.js";

export interface DenseLayerOptions {
  inputSize: number;
  units: number;
  /** Default "linear". */
  activation?: ActivationName;
  /** Seed (or a shared generator) for the initial weights, default 0. */
  seed?: SeedOrRng;
}

/**
 * A fully connected layer a = f(X·W + b), with X of shape [batch, inputSize] and W of [inputSize, units].
 */
export class DenseLayer {
  readonly inputSize: number;
  readonly units: number;
  readonly activation: ActivationName;
  readonly weights: Matrix;
  readonly bias: Float64Array;
  readonly weightsGradient: Matrix;
  readonly biasGradient: Float64Array;
  private lastInput: Matrix | undefined;
  private lastPreActivation: Matrix | undefined;

  constructor({ inputSize, units, activation = "linear", seed = 0 }: DenseLayerOptions) {
    for (const [name, value] of [["inputSize", inputSize], ["units", units]] as const) {
      if (!Number.isInteger(value) || value < 1) throw new Error(`DenseLayer: ${name} must be a positive integer, got ${value}`);
    }
    this.inputSize = inputSize;
    this.units = units;
    this.activation = activation;
    const rng = toRng(seed);
    // Glorot-uniform, Keras's default: keeps the activations' variance roughly constant from layer to layer.
    const limit = Math.sqrt(6 / (inputSize + units));
    this.weights = new Matrix(inputSize, units).map(() => (2 * rng() - 1) * limit);
    this.bias = new Float64Array(units);
    this.weightsGradient = new Matrix(inputSize, units);
    this.biasGradient = new Float64Array(units);
  }

  get parameterCount(): number {
    return this.weights.data.length + this.bias.length;
  }

  /** Computes the layer's output and remembers what `backward` needs. */
  forward(input: Matrix): Matrix {
    if (input.cols !== this.inputSize) {
      throw new Error(`DenseLayer.forward: input must have ${this.inputSize} columns, got shape [${input.shape.join(", ")}]`);
    }
    this.lastInput = input;
    this.lastPreActivation = addRowVector(matMul(input, this.weights), this.bias);
    return activate(this.activation, this.lastPreActivation);
  }

  /**
   * Given ∂L/∂output, stores ∂L/∂W and ∂L/∂b and returns ∂L/∂input for the layer before.
   * Chain rule: dZ = f'(Z) ⊙ dA, dW = Xᵀ·dZ, db = Σ_rows dZ, dX = dZ·Wᵀ.
   */
  backward(gradOutput: Matrix): Matrix {
    const input = this.lastInput;
    const z = this.lastPreActivation;
    if (input === undefined || z === undefined) throw new Error("DenseLayer.backward: call forward first");
    if (gradOutput.rows !== z.rows || gradOutput.cols !== z.cols) {
      throw new Error(`DenseLayer.backward: gradOutput must have shape [${z.shape.join(", ")}], got [${gradOutput.shape.join(", ")}]`);
    }
    const gradZ = activationBackward(this.activation, z, gradOutput);
    this.weightsGradient.data.set(matMul(transpose(input), gradZ).data);
    this.biasGradient.set(sumRows(gradZ));
    return matMul(gradZ, transpose(this.weights));
  }

  parameters(prefix = "dense"): Parameter[] {
    return [
      { name: `${prefix}/weights`, value: this.weights.data, grad: this.weightsGradient.data },
      { name: `${prefix}/bias`, value: this.bias, grad: this.biasGradient },
    ];
  }
}
