/**
 * `node bench/dist/notebookSizes.js`: the training part of notebooks 06 and 07 timed at today's
 * sizes and at the articles' (text maxlen 100, CNN 10 epochs), on the course's data, builders and
 * `train` settings, so a later step can tell which sizes fit a notebook's 4-minute CI budget.
 * Each run trains one epoch and scales it by the notebook's epochs.
 *
 *   node bench/dist/notebookSizes.js [--only en,zh,cnn]
 */
import { Command } from "commander";
import {
  backendInfo,
  backendReady,
  cnnClassifier,
  loadFashionMnist,
  loadSentimentEn,
  loadSentimentZh,
  lstmBinaryTextClassifier,
  lstmTextClassifier,
  padSequences,
  tf,
  Tokenizer,
  trainTestSplit,
} from "@tsdl/lib";

const options = new Command().option("--only <keys>", "comma-separated: en, zh, cnn").parse().opts<{ only?: string }>();
const wanted = (key: string) => options.only === undefined || options.only.split(",").includes(key);

interface EpochTime {
  wall: number;
  /** CPU seconds of the process, worker threads included: what the epoch costs on a quiet machine. */
  cpu: number;
}

async function secondsPerEpoch(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor, batchSize: number): Promise<EpochTime> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await model.fit(x, y, { epochs: 1, batchSize, verbose: 0 });
  const cpu = process.cpuUsage(cpu0);
  return { wall: (performance.now() - t0) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
}

function textSets(texts: string[], labels: number[], cjk: boolean) {
  const split = trainTestSplit(texts, labels, { testSize: 0.2, seed: 0, stratify: true });
  const tokenizer = new Tokenizer({ numWords: 10000, oovToken: "<OOV>", ...(cjk ? { cjk: "word" as const } : {}) }).fitOnTexts(split.xTrain);
  return { sequences: tokenizer.textsToSequences(split.xTrain), labels: split.yTrain };
}

async function main(): Promise<void> {
  await backendReady();
  const rows: string[] = [];
  const report = (what: string, epochs: number, { wall, cpu }: EpochTime) => {
    const line = `${what.padEnd(48)} wall ${wall.toFixed(1).padStart(6)} s/epoch × ${epochs} = ${(wall * epochs).toFixed(0).padStart(4)} s; CPU ${cpu.toFixed(1).padStart(6)} s/epoch × ${epochs} = ${(cpu * epochs).toFixed(0).padStart(4)} s`;
    rows.push(line);
    process.stderr.write(`${line}\n`);
  };
  if (wanted("en")) {
    const en = loadSentimentEn();
    const { sequences, labels } = textSets(en.texts, en.labels, false);
    const y = tf.tensor1d(labels, "float32");
    for (const maxlen of [25, 100]) {
      const x = padSequences(sequences, { maxlen });
      const model = lstmTextClassifier({ maxlen, learningRate: 0.003, seed: 1 });
      report(`06 English LSTM, ${sequences.length} samples, maxlen ${maxlen}`, 2, await secondsPerEpoch(model, x, y, 128));
      model.dispose();
      x.dispose();
    }
  }
  if (wanted("zh")) {
    const zh = loadSentimentZh();
    const { sequences, labels } = textSets(zh.texts, zh.labels, true);
    const y = tf.tensor2d(labels, [labels.length, 1]);
    for (const maxlen of [40, 100]) {
      const x = padSequences(sequences, { maxlen, truncating: "post" });
      const model = lstmBinaryTextClassifier({ maxlen, learningRate: 0.003, seed: 1 });
      // The notebook trains this model twice (post- and pre-padding).
      report(`06 Chinese LSTM ×2, ${sequences.length} samples, maxlen ${maxlen}`, 4, await secondsPerEpoch(model, x, y, 128));
      model.dispose();
      x.dispose();
    }
  }
  if (wanted("cnn")) {
    const train = loadFashionMnist("train");
    const model = cnnClassifier({ inputShape: [28, 28, 1], learningRate: 0.002, seed: 1 });
    const perEpoch = await secondsPerEpoch(model, train.images, tf.oneHot(train.labels as tf.Tensor1D, 10), 64);
    report(`07 CNN Fashion-MNIST, ${train.images.shape[0]} images, 3 epochs`, 3, perEpoch);
    report(`07 CNN Fashion-MNIST, ${train.images.shape[0]} images, 10 epochs`, 10, perEpoch);
  }
  console.log(`wasm threads: ${backendInfo().threads}\n${rows.join("\n")}`);
}

await main();
