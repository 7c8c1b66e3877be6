import { tf } from "../backend/index.js";

type LstmArgs = Parameters<typeof tf.layers.lstm>[0];
type Lstm = ReturnType<typeof tf.layers.lstm>;
type CallArgs = Parameters<Lstm["call"]>;
const LstmBase = tf.layers.lstm({ units: 1 }).constructor as new (args: LstmArgs) => Lstm;

/** The LSTM cell's parts this layer reads (tfjs exports no type for them). */
interface LstmCellParts {
  units: number;
  useBias: boolean;
  dropout: number;
  recurrentDropout: number;
  activation: { getClassName(): string };
  recurrentActivation: { getClassName(): string };
  kernel: tf.LayerVariable;
  recurrentKernel: tf.LayerVariable;
  bias: tf.LayerVariable | null;
}

/** An activation and its derivative written in terms of its output y = f(z). */
interface Activation {
  apply(z: number): number;
  slope(y: number): number;
}

const ACTIVATIONS: Record<string, Activation> = {
  tanh: { apply: Math.tanh, slope: (y) => 1 - y * y },
  sigmoid: { apply: (z) => 1 / (1 + Math.exp(-z)), slope: (y) => y * (1 - y) },
  // Keras's piecewise-linear sigmoid, tfjs's LSTM default: clip(0.2 z + 0.5, 0, 1).
  hardSigmoid: { apply: (z) => Math.min(1, Math.max(0, 0.2 * z + 0.5)), slope: (y) => (y > 0 && y < 1 ? 0.2 : 0) },
  relu: { apply: (z) => Math.max(0, z), slope: (y) => (y > 0 ? 1 : 0) },
  linear: { apply: (z) => z, slope: () => 1 },
};

/** Reads a tensor's values (a copy on wasm; on cpu the backend's own array, read only here). */
const values = (t: tf.Tensor): Float32Array => t.dataSync() as Float32Array;

/**
 * One LSTM layer over a whole sequence as a single differentiable op: the input projection of
 * every step in one matmul, each step's recurrent matmul on the backend and its four gates in one
 * pass over plain arrays, and a hand-written backward pass through time whose weight gradients are
 * three matmuls over all steps. tfjs's own LSTM runs ~15 taped ops per step forward and more
 * backward, each paying the engine's per-op cost. Returns `[B, T + 1, units]`: h_1 … h_T, then c_T.
 */
function lstmSequence(
  cell: { units: number; activation: Activation; recurrentActivation: Activation },
): (x: tf.Tensor, kernel: tf.Tensor, recurrentKernel: tf.Tensor, bias: tf.Tensor, h0: tf.Tensor, c0: tf.Tensor) => tf.Tensor3D {
  const { units: u, activation: act, recurrentActivation: rec } = cell;
  const forward = (x: tf.Tensor, kernel: tf.Tensor, recurrentKernel: tf.Tensor, bias: tf.Tensor, h0: tf.Tensor, c0: tf.Tensor, save: tf.GradSaveFunc) => {
    // Intermediates of this call are disposed when the layer's tidy ends; what the backward pass
    // needs is saved, which keeps it.
    save([x, kernel, recurrentKernel]);
    const [batch, steps, inputDim] = x.shape;
    const g4 = 4 * u;
    const bu = batch * u;
    const projected = tf.tidy(() => tf.add(tf.matMul(tf.reshape(x, [batch * steps, inputDim]) as tf.Tensor2D, kernel as tf.Tensor2D), bias));
    const xw = values(projected).slice();
    projected.dispose();

    // Per step t: hs[t] = h_{t−1} (hs[0] = h0), cs[t] = c_{t−1}; gates hold i, f, g, o after activation.
    const hs = new Float32Array((steps + 1) * bu);
    const cs = new Float32Array((steps + 1) * bu);
    const gates = new Float32Array(steps * batch * g4);
    const actC = new Float32Array(steps * bu);
    hs.set(values(h0));
    cs.set(values(c0));
    let hTensor = tf.clone(h0);
    for (let t = 0; t < steps; t++) {
      const hr = tf.matMul(hTensor as tf.Tensor2D, recurrentKernel as tf.Tensor2D);
      const r = values(hr);
      for (let b = 0; b < batch; b++) {
        const zRow = (b * steps + t) * g4;
        const gRow = (t * batch + b) * g4;
        for (let j = 0; j < u; j++) {
          const i = rec.apply(xw[zRow + j] + r[b * g4 + j]);
          const f = rec.apply(xw[zRow + u + j] + r[b * g4 + u + j]);
          const g = act.apply(xw[zRow + 2 * u + j] + r[b * g4 + 2 * u + j]);
          const o = rec.apply(xw[zRow + 3 * u + j] + r[b * g4 + 3 * u + j]);
          const k = b * u + j;
          const c = f * cs[t * bu + k] + i * g;
          const a = act.apply(c);
          gates[gRow + j] = i;
          gates[gRow + u + j] = f;
          gates[gRow + 2 * u + j] = g;
          gates[gRow + 3 * u + j] = o;
          cs[(t + 1) * bu + k] = c;
          actC[t * bu + k] = a;
          hs[(t + 1) * bu + k] = o * a;
        }
      }
      hr.dispose();
      hTensor.dispose();
      hTensor = tf.tensor2d(hs.slice((t + 1) * bu, (t + 2) * bu), [batch, u]);
    }
    hTensor.dispose();

    const packed = new Float32Array(batch * (steps + 1) * u);
    for (let b = 0; b < batch; b++) {
      for (let t = 0; t < steps; t++) packed.set(hs.subarray((t + 1) * bu + b * u, (t + 1) * bu + (b + 1) * u), (b * (steps + 1) + t) * u);
      packed.set(cs.subarray(steps * bu + b * u, steps * bu + (b + 1) * u), (b * (steps + 1) + steps) * u);
    }
    const value = tf.tensor3d(packed, [batch, steps + 1, u]);

    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
      const [xSaved, kernelSaved, recurrentSaved] = saved as [tf.Tensor, tf.Tensor2D, tf.Tensor2D];
      const dOut = values(dy);
      const dz = new Float32Array(batch * steps * g4);
      const hPrev = new Float32Array(batch * steps * u);
      let dhNext = new Float32Array(bu);
      const dc = new Float32Array(bu);
      for (let b = 0; b < batch; b++) dc.set(dOut.subarray((b * (steps + 1) + steps) * u, (b * (steps + 1) + steps + 1) * u), b * u);
      for (let t = steps - 1; t >= 0; t--) {
        const dzStep = new Float32Array(batch * g4);
        for (let b = 0; b < batch; b++) {
          const gRow = (t * batch + b) * g4;
          const zRow = b * g4;
          for (let j = 0; j < u; j++) {
            const k = b * u + j;
            const i = gates[gRow + j];
            const f = gates[gRow + u + j];
            const g = gates[gRow + 2 * u + j];
            const o = gates[gRow + 3 * u + j];
            const a = actC[t * bu + k];
            const dh = dOut[(b * (steps + 1) + t) * u + j] + dhNext[k];
            const dcT = dc[k] + dh * o * act.slope(a);
            dzStep[zRow + j] = dcT * g * rec.slope(i);
            dzStep[zRow + u + j] = dcT * cs[t * bu + k] * rec.slope(f);
            dzStep[zRow + 2 * u + j] = dcT * i * act.slope(g);
            dzStep[zRow + 3 * u + j] = dh * a * rec.slope(o);
            dc[k] = dcT * f;
          }
          dz.set(dzStep.subarray(zRow, zRow + g4), (b * steps + t) * g4);
          hPrev.set(hs.subarray(t * bu + b * u, t * bu + (b + 1) * u), (b * steps + t) * u);
        }
        const dzTensor = tf.tensor2d(dzStep, [batch, g4]);
        const dhTensor = tf.matMul(dzTensor, recurrentSaved, false, true);
        dhNext = values(dhTensor).slice();
        tf.dispose([dzTensor, dhTensor]);
      }
      return tf.tidy(() => {
        const dzAll = tf.tensor2d(dz, [batch * steps, g4]);
        const hPrevAll = tf.tensor2d(hPrev, [batch * steps, u]);
        return [
          tf.reshape(tf.matMul(dzAll, kernelSaved, false, true), [batch, steps, inputDim]),
          tf.matMul(tf.reshape(xSaved, [batch * steps, inputDim]) as tf.Tensor2D, dzAll, true, false),
          tf.matMul(hPrevAll, dzAll, true, false),
          tf.sum(dzAll, 0),
          tf.tensor2d(dhNext, [batch, u]),
          tf.tensor2d(dc, [batch, u]),
        ];
      });
    };
    return { value, gradFunc };
  };
  return tf.customGrad(forward as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (
    x: tf.Tensor, kernel: tf.Tensor, recurrentKernel: tf.Tensor, bias: tf.Tensor, h0: tf.Tensor, c0: tf.Tensor,
  ) => tf.Tensor3D;
}

/**
 * tfjs's LSTM (same config, weights and Keras semantics; saved as `LSTM`, so models saved with
 * either load with either) computed as one fused op per sequence with a hand-written backward pass.
 * Masks, dropout, `goBackwards`, `stateful` and unknown activations fall back to tfjs's step graph.
 */
export class FusedLstm extends LstmBase {
  static className = "LSTM";

  override call(inputs: CallArgs[0], kwargs: CallArgs[1]): tf.Tensor | tf.Tensor[] {
    const cell = this.cell as unknown as LstmCellParts;
    const activation = ACTIVATIONS[cell.activation.getClassName()];
    const recurrentActivation = ACTIVATIONS[cell.recurrentActivation.getClassName()];
    const training = kwargs?.training === true;
    const dropping = training && (cell.dropout > 0 || cell.recurrentDropout > 0);
    if (kwargs?.mask != null || dropping || this.goBackwards || this.stateful || !activation || !recurrentActivation) {
      return super.call(inputs, kwargs);
    }
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const [batch, steps] = x.shape;
      const u = cell.units;
      const initial = kwargs?.initialState as tf.Tensor[] | undefined;
      const [h0, c0] = initial ?? [tf.zeros([batch, u]), tf.zeros([batch, u])];
      const bias = cell.useBias && cell.bias ? cell.bias.read() : tf.zeros([4 * u]);
      const run = lstmSequence({ units: u, activation, recurrentActivation });
      const packed = run(x, cell.kernel.read(), cell.recurrentKernel.read(), bias, h0, c0);
      const lastH = tf.reshape(tf.slice(packed, [0, steps - 1, 0], [batch, 1, u]), [batch, u]);
      const output = this.returnSequences ? tf.slice(packed, [0, 0, 0], [batch, steps, u]) : lastH;
      if (!this.returnState) return output;
      const lastC = tf.reshape(tf.slice(packed, [0, steps, 0], [batch, 1, u]), [batch, u]);
      return [output, lastH, lastC];
    });
  }
}
tf.serialization.registerClass(FusedLstm as unknown as tf.serialization.SerializableConstructor<tf.serialization.Serializable>);
