import { describe, expect, it } from "vitest";
import { loadBreastCancerTensors, mlpBinaryClassifier, tf, train, type ProgressCallbacks } from "@tsdl/lib";

function standardised() {
  const { x, y } = loadBreastCancerTensors();
  const { mean, variance } = tf.moments(x, 0);
  return { x: x.sub(mean).div(variance.sqrt()) as tf.Tensor2D, y: y.reshape([-1, 1]) as tf.Tensor2D };
}

describe("train", () => {
  const { x, y } = standardised();

  it("trains the articles' MLP (10 epochs, batch 32) to > 93% validation accuracy and reports progress", async () => {
    const calls: string[] = [];
    const progress: ProgressCallbacks = {
      onTrainBegin: async () => { calls.push("begin"); },
      onEpochEnd: async () => { calls.push("epoch"); },
      onTrainEnd: async () => { calls.push("end"); },
    };
    const model = mlpBinaryClassifier(30, { seed: 1 });
    const result = await train(model, x, y, { epochs: 10, batchSize: 32, validationSplit: 0.2, seed: 1, progress });
    expect(result.epochsRun).toBe(10);
    const valAcc = result.history.history.val_acc as number[];
    expect(valAcc[9]).toBeGreaterThan(0.93);
    expect(calls).toEqual(["begin", ...new Array(10).fill("epoch"), "end"]);
    // Without early stopping, the best epoch is the one with the lowest val_loss.
    const valLoss = result.history.history.val_loss as number[];
    expect(result.bestValue).toBe(Math.min(...valLoss));
    expect(valLoss[result.bestEpoch - 1]).toBe(result.bestValue);
  });

  it("repeats exactly with the same seed and shuffles differently with another", async () => {
    const run = async (seed: number) => {
      const model = mlpBinaryClassifier(30, { seed: 2 });
      const result = await train(model, x, y, { epochs: 3, batchSize: 64, seed, progress: false });
      return result.history.history.loss as number[];
    };
    const a = await run(5);
    expect(await run(5)).toEqual(a);
    expect(await run(6)).not.toEqual(a);
  });

  it("applies the learning-rate schedule before each epoch", async () => {
    const model = mlpBinaryClassifier(30, { seed: 3, learningRate: 0.01 });
    const result = await train(model, x, y, {
      epochs: 4, batchSize: 128, progress: false, learningRateSchedule: (epoch, lr) => (epoch === 0 ? lr : lr / 2),
    });
    expect(result.learningRates).toEqual([0.01, 0.005, 0.0025, 0.00125]);
  });

  it("early stopping stops after `patience` bad epochs and restores the best epoch's weights", async () => {
    const model = mlpBinaryClassifier(30, { seed: 4, learningRate: 0.01 });
    // From epoch 3 on, a huge learning rate makes the validation loss worse.
    const result = await train(model, x, y, {
      epochs: 30, batchSize: 32, validationSplit: 0.2, seed: 4, progress: false,
      learningRateSchedule: (epoch, lr) => (epoch === 3 ? 5 : lr),
      earlyStopping: { patience: 2, restoreBestWeights: true },
    });
    const valLoss = result.history.history.val_loss as number[];
    expect(result.monitor).toBe("val_loss");
    expect(result.epochsRun).toBe(result.bestEpoch + 2);
    expect(result.stoppedEpoch).toBe(result.epochsRun);
    expect(result.restoredBestWeights).toBe(true);
    expect(result.bestValue).toBe(Math.min(...valLoss));
    // The restored model scores the best epoch's validation loss (the last 20% of the rows).
    const split = Math.floor(x.shape[0] * 0.8);
    const [loss] = model.evaluate(x.slice(split), y.slice(split)) as tf.Scalar[];
    expect(loss.dataSync()[0]).toBeCloseTo(result.bestValue, 4);
    expect(valLoss[valLoss.length - 1]).toBeGreaterThan(result.bestValue);
  });

  it("validationData is used as given and monitored by default", async () => {
    const model = mlpBinaryClassifier(30, { seed: 5 });
    const [xVal, yVal] = [x.slice(0, 100), y.slice(0, 100)];
    const result = await train(model, x.slice(100), y.slice(100), {
      epochs: 3, batchSize: 64, validationData: [xVal, yVal], progress: false, earlyStopping: { patience: 5 },
    });
    expect(result.monitor).toBe("val_loss");
    const [loss] = model.evaluate(xVal, yVal) as tf.Scalar[];
    const valLoss = result.history.history.val_loss as number[];
    expect(loss.dataSync()[0]).toBeCloseTo(valLoss[result.bestEpoch - 1], 4);
  });

  it("rejects bad options with the argument, expectation and value", async () => {
    const model = mlpBinaryClassifier(30);
    await expect(train(model, x, y, { validationSplit: 1.5, progress: false })).rejects.toThrow("validationSplit must be in (0, 1); got 1.5");
    await expect(train(model, x, y.slice(0, 10), { progress: false })).rejects.toThrow("y must have as many samples as x (569); got 10");
    await expect(train(model, x, y, { epochs: 1, progress: false, earlyStopping: { monitor: "val_auc" } }))
      .rejects.toThrow(/monitor "val_auc" is not logged; logged: loss, acc/);
  });
});
