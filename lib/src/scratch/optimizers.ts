import { checkSameLength } from "../preprocessing/validate.js";
import type { Parameter } from "./parameter.js";

/** Updates parameters in place from their gradients. */
export interface Optimizer {
  step(parameters: readonly Parameter[]): void;
}

function checkPositive(where: string, name: string, value: number): void {
  if (!(value > 0) || !Number.isFinite(value)) throw new Error(`${where}: ${name} must be a positive number, got ${value}`);
}

function checkFraction(where: string, name: string, value: number): void {
  if (!(value >= 0 && value < 1)) throw new Error(`${where}: ${name} must be in [0, 1), got ${value}`);
}

function checkGradient(where: string, parameter: Parameter): void {
  if (parameter.grad.length !== parameter.value.length) {
    throw new Error(`${where}: gradient of ${parameter.name} must have ${parameter.value.length} values, got ${parameter.grad.length}`);
  }
}

/**
 * Plain (stochastic) gradient descent: θ ← θ − α·g.
 *
 * Taught in notebooks/02-algorithms.ipynb.
 */
export class SGD implements Optimizer {
  constructor(readonly learningRate: number) {
    checkPositive("SGD", "learningRate", learningRate);
  }

  step(parameters: readonly Parameter[]): void {
    for (const p of parameters) {
      checkGradient("SGD.step", p);
      for (let i = 0; i < p.value.length; i++) p.value[i] -= this.learningRate * p.grad[i];
    }
  }
}

export interface MomentumOptions {
  learningRate: number;
  /** Default 0.9. */
  momentum?: number;
}

/**
 * Gradient descent with momentum, in TensorFlow's form (`tf.train.momentum`): v ← μ·v + g; θ ← θ − α·v.
 * The velocity v keeps moving in directions where gradients agree and averages out the zig-zag.
 *
 * Taught in notebooks/02-algorithms.ipynb.
 */
export class Momentum implements Optimizer {
  readonly learningRate: number;
  readonly momentum: number;
  private readonly velocities = new WeakMap<Float64Array, Float64Array>();

  constructor({ learningRate, momentum = 0.9 }: MomentumOptions) {
    checkPositive("Momentum", "learningRate", learningRate);
    checkFraction("Momentum", "momentum", momentum);
    this.learningRate = learningRate;
    this.momentum = momentum;
  }

  step(parameters: readonly Parameter[]): void {
    for (const p of parameters) {
      checkGradient("Momentum.step", p);
      let velocity = this.velocities.get(p.value);
      if (velocity === undefined) {
        velocity = new Float64Array(p.value.length);
        this.velocities.set(p.value, velocity);
      }
      for (let i = 0; i < p.value.length; i++) {
        velocity[i] = this.momentum * velocity[i] + p.grad[i];
        p.value[i] -= this.learningRate * velocity[i];
      }
    }
  }
}

export interface AdamOptions {
  /** α, default 0.001. */
  learningRate?: number;
  /** β₁, default 0.9. */
  beta1?: number;
  /** β₂, default 0.999. */
  beta2?: number;
  /** ε, default 1e-8 as in the paper (TensorFlow.js uses 1e-7). */
  epsilon?: number;
}

/** Adam's running state for one parameter array. */
export interface AdamState {
  /** First moment: running mean of gradients. */
  m: Float64Array;
  /** Second moment: running mean of squared gradients. */
  v: Float64Array;
  /** Number of steps taken so far. */
  t: number;
}

export function createAdamState(size: number): AdamState {
  return { m: new Float64Array(size), v: new Float64Array(size), t: 0 };
}

/**
 * One Adam step (Kingma & Ba, 2015), updating `value` and `state` in place:
 * m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  m̂ = m/(1−β₁ᵗ);  v̂ = v/(1−β₂ᵗ);  θ ← θ − α·m̂/(√v̂ + ε).
 */
export function adamStep(value: Float64Array, grad: ArrayLike<number>, state: AdamState, options: AdamOptions = {}): void {
  const { learningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8 } = options;
  checkSameLength("adamStep", "value", value, "grad", grad);
  if (state.m.length !== value.length || state.v.length !== value.length) {
    throw new Error(`adamStep: state must hold ${value.length} moments, got m: ${state.m.length}, v: ${state.v.length}`);
  }
  state.t += 1;
  // m and v start at 0, so early averages are biased towards 0; dividing by 1 − βᵗ undoes exactly that bias.
  const firstCorrection = 1 - beta1 ** state.t;
  const secondCorrection = 1 - beta2 ** state.t;
  for (let i = 0; i < value.length; i++) {
    const g = grad[i];
    state.m[i] = beta1 * state.m[i] + (1 - beta1) * g;
    state.v[i] = beta2 * state.v[i] + (1 - beta2) * g * g;
    const mHat = state.m[i] / firstCorrection;
    const vHat = state.v[i] / secondCorrection;
    value[i] -= (learningRate * mHat) / (Math.sqrt(vHat) + epsilon);
  }
}

/**
 * The Adam optimizer: `adamStep` applied to every parameter, each with its own moments.
 *
 * Taught in notebooks/02-algorithms.ipynb.
 */
export class Adam implements Optimizer {
  readonly options: Required<AdamOptions>;
  private readonly states = new WeakMap<Float64Array, AdamState>();

  constructor({ learningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8 }: AdamOptions = {}) {
    checkPositive("Adam", "learningRate", learningRate);
    checkFraction("Adam", "beta1", beta1);
    checkFraction("Adam", "beta2", beta2);
    checkPositive("Adam", "epsilon", epsilon);
    this.options = { learningRate, beta1, beta2, epsilon };
  }

  step(parameters: readonly Parameter[]): void {
    for (const p of parameters) {
      checkGradient("Adam.step", p);
      let state = this.states.get(p.value);
      if (state === undefined) {
        state = createAdamState(p.value.length);
        this.states.set(p.value, state);
      }
      adamStep(p.value, p.grad, state, this.options);
    }
  }
}
