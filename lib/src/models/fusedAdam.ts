import { tf } from "../backend/index.js";
import type { KernelBackend, KernelFunc, NamedTensorInfoMap, TensorInfo } from "@tensorflow/tfjs";
import { valueAccessByBackend, type ValueAccess } from "./backendValues.js";
import { byteOffset, simdKernelsOf } from "../backend/wasmKernels/simd/simdKernels.js";
import type { WasmBackend } from "../backend/wasmKernels/wasmBackend.js";

/**
 * The kernel that updates one variable and its two moments in one pass (cpu and wasm).
 */
export const ADAM_STEP_KERNEL = "TsdlAdamStep";

interface AdamStepAttrs {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

/**
 * Adam's update of one variable, as tfjs's `AdamOptimizer` computes it in nine ops:
 * m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², value ← value − lr·(m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε),
 * where `accBeta1` and `accBeta2` hold β₁ᵗ and β₂ᵗ. Written by hand: tfjs has no fused Adam kernel.
 * On wasm with SIMD the loop is simdKernels.wat's, in float32 as tfjs's ops compute.
 */
function adamStep(access: ValueAccess, onWasm: boolean) {
  return ({ inputs, backend, attrs }: { inputs: NamedTensorInfoMap; backend: KernelBackend; attrs: AdamStepAttrs }): TensorInfo[] => {
    const { value, m, v, gradient, accBeta1, accBeta2 } = inputs as Record<string, TensorInfo>;
    for (const [name, info] of Object.entries({ m, v, gradient })) {
      if (info.shape.join() !== value.shape.join()) {
        throw new Error(`${ADAM_STEP_KERNEL}: ${name} must have the variable's shape [${value.shape}]; got [${info.shape}]`);
      }
    }
    const outs = [access.output(backend, value.shape), access.output(backend, value.shape), access.output(backend, value.shape)];
    const { learningRate, beta1, beta2, epsilon } = attrs;
    const correction1 = 1 - access.values(backend, accBeta1)[0];
    const correction2 = 1 - access.values(backend, accBeta2)[0];
    const simd = onWasm ? simdKernelsOf(backend as WasmBackend) : undefined;
    if (simd !== undefined) {
      const at = (info: TensorInfo) => byteOffset(backend as WasmBackend, info);
      const [x1, m1, v1] = outs.map(at);
      simd.adam(at(value), at(m), at(v), at(gradient), x1, m1, v1, value.shape.reduce((n, d) => n * d, 1),
        beta1, 1 - beta1, beta2, 1 - beta2, learningRate / correction1, 1 / correction2, epsilon);
      return outs;
    }
    const [x, m0, v0, g] = [value, m, v, gradient].map((info) => access.values(backend, info));
    const [x1, m1, v1] = outs.map((info) => access.values(backend, info));
    const keep1 = 1 - beta1;
    const keep2 = 1 - beta2;
    for (let i = 0; i < x.length; i++) {
      const gi = g[i];
      const mi = m0[i] * beta1 + gi * keep1;
      const vi = v0[i] * beta2 + gi * gi * keep2;
      m1[i] = mi;
      v1[i] = vi;
      x1[i] = x[i] - (learningRate * (mi / correction1)) / (Math.sqrt(vi / correction2) + epsilon);
    }
    return outs;
  };
}

for (const [backendName, access] of Object.entries(valueAccessByBackend)) {
  tf.registerKernel({ kernelName: ADAM_STEP_KERNEL, backendName, kernelFunc: adamStep(access, backendName === "wasm") as unknown as KernelFunc });
}

/**
 * The largest variable updated by the kernel's JS loop (the SIMD loop updates any). The JS loop
 * costs ~10 ns an element, the nine wasm ops ~15 µs each plus ~1 ns an element (CPU µs per step,
 * measured side by side: 1,024 weights 46–106 vs 122–236, 16,384: 178 vs 196–221, 131,072: 1,272
 * vs 817–847), so larger ones (embeddings) go through the ops.
 */
export const FUSED_MAX_SIZE = 16_384;

/** tfjs's AdamOptimizer's own ops for one variable. */
function adamStepByOps(
  { value, m, v, gradient, accBeta1, accBeta2 }: Record<"value" | "m" | "v" | "gradient" | "accBeta1" | "accBeta2", tf.Tensor>,
  { learningRate, beta1, beta2, epsilon }: AdamStepAttrs,
): tf.Tensor[] {
  const newM = tf.add(tf.mul(m, beta1), tf.mul(gradient, 1 - beta1));
  const newV = tf.add(tf.mul(v, beta2), tf.mul(tf.square(gradient), 1 - beta2));
  const correctedM = tf.div(newM, tf.sub(1, accBeta1));
  const correctedV = tf.div(newV, tf.sub(1, accBeta2));
  const newValue = tf.add(tf.mul(tf.div(correctedM, tf.add(tf.sqrt(correctedV), epsilon)), -learningRate), value);
  return [newValue, newM, newV];
}

// The parts of tfjs's AdamOptimizer that its typings keep private; the fused step keeps them as
// tfjs does, so getWeights, setWeights and dispose work unchanged.
interface AdamState {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: { originalName: string; variable: tf.Variable }[];
  accumulatedSecondMoment: { originalName: string; variable: tf.Variable }[];
}

/**
 * tfjs's Adam (same config, class name and weights, so a saved model or optimizer loads either way)
 * with each small variable's update in one kernel instead of nine ops (a training step of the
 * course's MLP runs ~110 optimizer ops otherwise); without wasm SIMD, variables above
 * `FUSED_MAX_SIZE` use the ops.
 * On backends without the kernel (tfjs-node) it is tfjs's Adam.
 */
export class FusedAdam extends tf.AdamOptimizer {
  override applyGradients(variableGradients: Parameters<tf.AdamOptimizer["applyGradients"]>[0]): void {
    if (tf.getKernel(ADAM_STEP_KERNEL, tf.getBackend()) === undefined) {
      super.applyGradients(variableGradients);
      return;
    }
    const state = this as unknown as AdamState;
    const named = Array.isArray(variableGradients)
      ? variableGradients
      : Object.entries(variableGradients).map(([name, tensor]) => ({ name, tensor }));
    const attrs = { learningRate: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
    const anySize = tf.getBackend() === "wasm" && simdKernelsOf(tf.backend() as unknown as WasmBackend) !== undefined;
    tf.tidy(() => {
      named.forEach(({ name, tensor: gradient }, i) => {
        const value = tf.engine().registeredVariables[name];
        state.accumulatedFirstMoment[i] ??= { originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        state.accumulatedSecondMoment[i] ??= { originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        if (gradient == null) return;
        const m = state.accumulatedFirstMoment[i].variable;
        const v = state.accumulatedSecondMoment[i].variable;
        const inputs = { value, m, v, gradient, accBeta1: state.accBeta1, accBeta2: state.accBeta2 };
        const [newValue, newM, newV] = value.size <= FUSED_MAX_SIZE || anySize
          ? tf.engine().runKernel(ADAM_STEP_KERNEL, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[]
          : adamStepByOps(inputs, attrs);
        m.assign(newM);
        v.assign(newV);
        value.assign(newValue);
      });
      state.accBeta1.assign(tf.mul(state.accBeta1, this.beta1));
      state.accBeta2.assign(tf.mul(state.accBeta2, this.beta2));
    });
    this.incrementIterations();
  }
}

/**
 * `tf.train.adam` with the fused step (tfjs's defaults: β₁ 0.9, β₂ 0.999, the backend's ε).
 */
export function fusedAdam(learningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon?: number): FusedAdam {
  return new FusedAdam(learningRate, beta1, beta2, epsilon);
}
