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

/** The activations the fused layer computes (by tfjs class name); others fall back to tfjs's graph. */
const ACTIVATIONS = ["tanh", "sigmoid", "hardSigmoid", "relu", "linear"] as const;
type Activation = (typeof ACTIVATIONS)[number];
const isActivation = (name: string): name is Activation => (ACTIVATIONS as readonly string[]).includes(name);

// One loop per activation, chosen outside it: an activation passed as a function makes the gate
// loops' calls polymorphic, so V8 boxes every result (an LSTM step of the course's classifier
// spent a third of its time in the garbage collector).
/** y = f(z) in place over `v[from..to)`. */
function activate(kind: Activation, v: Float32Array, from: number, to: number): void {
  switch (kind) {
    case "tanh":
      for (let i = from; i < to; i++) v[i] = Math.tanh(v[i]);
      return;
    case "sigmoid":
      for (let i = from; i < to; i++) v[i] = 1 / (1 + Math.exp(-v[i]));
      return;
    case "hardSigmoid":
      // Keras's piecewise-linear sigmoid, tfjs's LSTM default: clip(0.2 z + 0.5, 0, 1).
      for (let i = from; i < to; i++) v[i] = Math.min(1, Math.max(0, 0.2 * v[i] + 0.5));
      return;
    case "relu":
      for (let i = from; i < to; i++) v[i] = Math.max(0, v[i]);
      return;
    case "linear":
      return;
  }
}

/** f'(z) written in terms of y = f(z): `out[at + i] = f'(y[from + i])` for i < n. */
function slope(kind: Activation, y: Float32Array, from: number, out: Float32Array, at: number, n: number): void {
  const shift = at - from;
  switch (kind) {
    case "tanh":
      for (let i = from; i < from + n; i++) out[i + shift] = 1 - y[i] * y[i];
      return;
    case "sigmoid":
      for (let i = from; i < from + n; i++) out[i + shift] = y[i] * (1 - y[i]);
      return;
    case "hardSigmoid":
      for (let i = from; i < from + n; i++) out[i + shift] = y[i] > 0 && y[i] < 1 ? 0.2 : 0;
      return;
    case "relu":
      for (let i = from; i < from + n; i++) out[i + shift] = y[i] > 0 ? 1 : 0;
      return;
    case "linear":
      out.fill(1, at, at + n);
      return;
  }
}

/** A sequence's forward values, kept for its backward pass (rows as `lstmSequence` lays them out). */
interface SequenceState {
  batch: number;
  steps: number;
  units: number;
  act: Activation;
  rec: Activation;
  /** x·W + b of every step, `[batch, steps, 4·units]`. */
  xw: Float32Array;
  /** Per step t, `[batch, 4·units]`: i, f, g, o after activation. */
  gates: Float32Array;
  /** hs[t] = h_{t−1} (hs[0] = h0), `[steps + 1, batch, units]`. */
  hs: Float32Array;
  /** cs[t] = c_{t−1}, likewise. */
  cs: Float32Array;
  /** act(c_t) per step, `[steps, batch, units]`. */
  actC: Float32Array;
}

// The gate loops are module functions, not closures of each call, so V8 optimises them once and
// keeps them optimised (closures made per call were re-optimised, and ran unoptimised, every call).
/** Step t's gates, c_t and h_t from r = h_{t−1}·U. */
function cellForward(s: SequenceState, t: number, r: Float32Array): void {
  const { batch, steps, units: u, act, rec, xw, gates, hs, cs, actC } = s;
  const g4 = 4 * u;
  const bu = batch * u;
  for (let b = 0; b < batch; b++) {
    const zRow = (b * steps + t) * g4;
    const gRow = (t * batch + b) * g4;
    const rRow = b * g4;
    for (let j = 0; j < g4; j++) gates[gRow + j] = xw[zRow + j] + r[rRow + j];
    activate(rec, gates, gRow, gRow + 2 * u);
    activate(act, gates, gRow + 2 * u, gRow + 3 * u);
    activate(rec, gates, gRow + 3 * u, gRow + g4);
    const cPrev = t * bu + b * u;
    const cRow = cPrev + bu;
    for (let j = 0; j < u; j++) {
      const c = gates[gRow + u + j] * cs[cPrev + j] + gates[gRow + j] * gates[gRow + 2 * u + j];
      cs[cRow + j] = c;
      actC[cPrev + j] = c;
    }
    activate(act, actC, cPrev, cPrev + u);
    for (let j = 0; j < u; j++) hs[cRow + j] = gates[gRow + 3 * u + j] * actC[cPrev + j];
  }
}

/**
 * Step t backward: from dOut (the gradient of the packed output) and dh_{t}, dc_{t} (in dhNext, dc),
 * the gates' pre-activation gradient into dzStep and dz, dc_{t−1} into dc, h_{t−1} into hPrev.
 * gateSlopes (4·units) and cellSlopes (units) are scratch.
 */
function cellBackward(
  s: SequenceState, t: number, dOut: Float32Array, dhNext: Float32Array, dc: Float32Array, dzStep: Float32Array,
  dz: Float32Array, hPrev: Float32Array, gateSlopes: Float32Array, cellSlopes: Float32Array,
): void {
  const { batch, steps, units: u, act, rec, gates, hs, cs, actC } = s;
  const g4 = 4 * u;
  const bu = batch * u;
  for (let b = 0; b < batch; b++) {
    const gRow = (t * batch + b) * g4;
    const zRow = b * g4;
    const cRow = t * bu + b * u;
    const outRow = (b * (steps + 1) + t) * u;
    slope(rec, gates, gRow, gateSlopes, 0, 2 * u);
    slope(act, gates, gRow + 2 * u, gateSlopes, 2 * u, u);
    slope(rec, gates, gRow + 3 * u, gateSlopes, 3 * u, u);
    slope(act, actC, cRow, cellSlopes, 0, u);
    for (let j = 0; j < u; j++) {
      const k = b * u + j;
      const dh = dOut[outRow + j] + dhNext[k];
      const dcT = dc[k] + dh * gates[gRow + 3 * u + j] * cellSlopes[j];
      dzStep[zRow + j] = dcT * gates[gRow + 2 * u + j] * gateSlopes[j];
      dzStep[zRow + u + j] = dcT * cs[cRow + j] * gateSlopes[u + j];
      dzStep[zRow + 2 * u + j] = dcT * gates[gRow + j] * gateSlopes[2 * u + j];
      dzStep[zRow + 3 * u + j] = dh * actC[cRow + j] * gateSlopes[3 * u + j];
      dc[k] = dcT * gates[gRow + u + j];
    }
    const dzRow = (b * steps + t) * g4;
    for (let j = 0; j < g4; j++) dz[dzRow + j] = dzStep[zRow + j];
    const hRow = (b * steps + t) * u;
    for (let j = 0; j < u; j++) hPrev[hRow + j] = hs[cRow + j];
  }
}

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
    const xw = values(projected);
    projected.dispose();

    // Laid out as SequenceState describes.
    const hs = new Float32Array((steps + 1) * bu);
    const cs = new Float32Array((steps + 1) * bu);
    const gates = new Float32Array(steps * batch * g4);
    const actC = new Float32Array(steps * bu);
    hs.set(values(h0));
    cs.set(values(c0));
    const state: SequenceState = { batch, steps, units: u, act, rec, xw, gates, hs, cs, actC };
    let hTensor = tf.clone(h0);
    for (let t = 0; t < steps; t++) {
      const hr = tf.matMul(hTensor as tf.Tensor2D, recurrentKernel as tf.Tensor2D);
      cellForward(state, t, values(hr));
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
      // Scratch for one row: the gates' slopes and act(c)'s.
      const gateSlopes = new Float32Array(g4);
      const cellSlopes = new Float32Array(u);
      for (let t = steps - 1; t >= 0; t--) {
        const dzStep = new Float32Array(batch * g4);
        cellBackward(state, t, dOut, dhNext, dc, dzStep, dz, hPrev, gateSlopes, cellSlopes);
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
    const activation = cell.activation.getClassName();
    const recurrentActivation = cell.recurrentActivation.getClassName();
    const training = kwargs?.training === true;
    const dropping = training && (cell.dropout > 0 || cell.recurrentDropout > 0);
    if (kwargs?.mask != null || dropping || this.goBackwards || this.stateful || !isActivation(activation) || !isActivation(recurrentActivation)) {
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
