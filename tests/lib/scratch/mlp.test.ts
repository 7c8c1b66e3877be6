import { describe, expect, it } from "vitest";
import { scratch } from "@tsdl/lib";
import { DenseLayer } from "../../../lib/src/scratch/dense.js";
import { numericalGradient, relativeError } from "../../../lib/src/scratch/gradientCheck.js";
import { Matrix } from "../../../lib/src/scratch/matrix.js";

const { Adam, MLP, SGD, gradientCheck } = scratch;

/** Deterministic, irregular inputs in [−1.5, 1.5]. */
function seededInputs(rows: number, cols: number, offset: number): Matrix {
  return new Matrix(rows, cols).map((_, i, j) => Math.sin(1.7 * i + 0.9 * j + offset) * 1.5);
}

describe("dense layer", () => {
  it("has inputs × units + units parameters (Keras: Dense(64) on 100 inputs = 6,464)", () => {
    expect(new DenseLayer({ inputSize: 100, units: 64 }).parameterCount).toBe(6464);
  });

  it("forward is activation(X·W + b), computed by hand for a 1 × 2 input", () => {
    const layer = new DenseLayer({ inputSize: 2, units: 2, activation: "relu" });
    layer.weights.data.set([1, -1, 2, 0.5]);
    layer.bias.set([0.5, -3]);
    // [1, 2]·[[1, −1], [2, 0.5]] + [0.5, −3] = [5.5, −3] → relu → [5.5, 0]
    expect(layer.forward(Matrix.fromRows([[1, 2]])).toRows()).toEqual([[5.5, 0]]);
  });

  it("backward's input gradient matches a numerical gradient", () => {
    const layer = new DenseLayer({ inputSize: 3, units: 4, activation: "tanh", seed: 3 });
    const x = seededInputs(5, 3, 0.1);
    const upstream = seededInputs(5, 4, 2);
    const loss = () => {
      const out = layer.forward(x);
      let sum = 0;
      for (let i = 0; i < out.data.length; i++) sum += out.data[i] * upstream.data[i];
      return sum;
    };
    layer.forward(x);
    const gradInput = layer.backward(upstream);
    expect(relativeError(gradInput.data, numericalGradient(loss, x.data))).toBeLessThan(1e-8);
  });

  it("rejects an input with the wrong number of columns", () => {
    const layer = new DenseLayer({ inputSize: 3, units: 2 });
    expect(() => layer.forward(Matrix.zeros(4, 2))).toThrow("DenseLayer.forward: input must have 3 columns, got shape [4, 2]");
  });
});

describe("MLP backpropagation", () => {
  const cases = [
    { name: "tanh → softmax, categorical cross-entropy", sizes: [4, 6, 3], hidden: "tanh", output: "softmax", loss: "categoricalCrossEntropy" },
    { name: "sigmoid → sigmoid, binary cross-entropy", sizes: [3, 5, 4, 1], hidden: "sigmoid", output: "sigmoid", loss: "binaryCrossEntropy" },
    { name: "relu → linear, mean squared error", sizes: [3, 7, 2], hidden: "relu", output: "linear", loss: "meanSquaredError" },
  ] as const;

  for (const c of cases) {
    it(`matches numerical gradients with relative error < 1e-6: ${c.name}`, () => {
      const mlp = new MLP({ layerSizes: c.sizes, hiddenActivation: c.hidden, outputActivation: c.output, seed: 7 });
      const outputs = c.sizes[c.sizes.length - 1];
      const x = seededInputs(8, c.sizes[0], 0.3);
      const y =
        c.loss === "categoricalCrossEntropy"
          ? new Matrix(8, outputs).map((_, i, j) => (i % outputs === j ? 1 : 0))
          : c.loss === "binaryCrossEntropy"
            ? new Matrix(8, 1).map((_, i) => i % 2)
            : seededInputs(8, outputs, 5);
      mlp.computeGradients(x, y, c.loss);
      const check = gradientCheck(() => mlp.loss(x, y, c.loss), mlp.parameters());
      expect(check.perParameter).toHaveLength(2 * (c.sizes.length - 1));
      console.info(`gradient check (${c.name}): max relative error ${check.maxRelativeError.toExponential(2)}`);
      expect(check.maxRelativeError).toBeLessThan(1e-6);
    });
  }

  it("adds the L2 penalty λ·Σw² and its gradient 2λw to the weights (not the biases)", () => {
    const mlp = new MLP({ layerSizes: [3, 4, 2], hiddenActivation: "tanh", seed: 2 });
    const x = seededInputs(6, 3, 1);
    const y = seededInputs(6, 2, 4);
    const l2 = 0.05;
    const sumOfSquares = mlp.layers.reduce((sum, layer) => sum + layer.weights.data.reduce((a, w) => a + w * w, 0), 0);
    expect(mlp.loss(x, y, "meanSquaredError", l2)).toBeCloseTo(mlp.loss(x, y, "meanSquaredError") + l2 * sumOfSquares, 14);
    mlp.computeGradients(x, y, "meanSquaredError", l2);
    expect(gradientCheck(() => mlp.loss(x, y, "meanSquaredError", l2), mlp.parameters()).maxRelativeError).toBeLessThan(1e-6);
  });

  it("learns XOR with Adam (seeded, repeatable)", () => {
    const x = [[0, 0], [0, 1], [1, 0], [1, 1]];
    const y = [[0], [1], [1], [0]];
    const train = () => {
      const mlp = new MLP({ layerSizes: [2, 8, 1], hiddenActivation: "tanh", outputActivation: "sigmoid", seed: 1 });
      const history = mlp.fit(x, y, { loss: "binaryCrossEntropy", optimizer: new Adam({ learningRate: 0.05 }), epochs: 400 });
      return { history, predictions: Array.from(mlp.predict(x).data) };
    };
    const first = train();
    expect(first.history[399]).toBeLessThan(0.05);
    expect(first.predictions.map(Math.round)).toEqual([0, 1, 1, 0]);
    expect(train().predictions).toEqual(first.predictions);
  });

  it("mini-batches cover every sample once per epoch", () => {
    const mlp = new MLP({ layerSizes: [1, 1], outputActivation: "linear", seed: 0 });
    const seen: number[] = [];
    const history = mlp.fit([[1], [2], [3], [4], [5]], [[2], [4], [6], [8], [10]], {
      loss: "meanSquaredError",
      optimizer: new SGD(0.01),
      epochs: 200,
      batchSize: 2,
      onEpoch: (epoch) => seen.push(epoch),
    });
    expect(seen).toHaveLength(200);
    expect(history[199]).toBeLessThan(1e-3);
  });

  it("rejects targets of the wrong shape", () => {
    const mlp = new MLP({ layerSizes: [2, 3, 1] });
    expect(() => mlp.computeGradients([[1, 2]], [[1, 0]], "meanSquaredError")).toThrow("MLP: targets must have shape [1, 1], got [1, 2]");
  });
});
