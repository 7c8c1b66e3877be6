import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { tf } from "../backend/index.js";

const MODEL_JSON_FILE = "model.json";
const WEIGHTS_FILE = "weights.bin";

/**
 * A `tf.io` handler for a directory holding `model.json` and `weights.bin`: the layout
 * tfjs-node's `file://` handler writes (one weights group, `paths: ["weights.bin"]`). It needs
 * only Node's `fs`, so it works on every backend. Loading also accepts sharded manifests
 * (several groups or paths, concatenated in manifest order), as the tfjs converter writes.
 */
function fileSystemHandler(dir: string): tf.io.IOHandler {
  if (typeof dir !== "string" || dir === "") throw new Error(`dir must be a non-empty path; got ${JSON.stringify(dir)}`);
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      if (artifacts.modelTopology instanceof ArrayBuffer) {
        throw new Error("saveModel writes layers models (JSON topology); got a binary graph topology");
      }
      const weights = artifacts.weightData === undefined
        ? new ArrayBuffer(0)
        : new tf.io.CompositeArrayBuffer(artifacts.weightData).slice();
      const modelJson: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology as object,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
        ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
        ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
      };
      await mkdir(dir, { recursive: true });
      const json = JSON.stringify(modelJson);
      await writeFile(join(dir, MODEL_JSON_FILE), json);
      await writeFile(join(dir, WEIGHTS_FILE), new Uint8Array(weights));
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: "JSON",
          modelTopologyBytes: Buffer.byteLength(JSON.stringify(modelJson.modelTopology)),
          weightSpecsBytes: Buffer.byteLength(JSON.stringify(modelJson.weightsManifest[0].weights)),
          weightDataBytes: weights.byteLength,
        },
      };
    },

    async load(): Promise<tf.io.ModelArtifacts> {
      const path = join(dir, MODEL_JSON_FILE);
      let text: string;
      try {
        text = await readFile(path, "utf8");
      } catch (error) {
        throw new Error(`loadModel needs ${path}; could not read it: ${(error as Error).message}`);
      }
      const modelJson = JSON.parse(text) as tf.io.ModelJSON;
      if (modelJson.modelTopology == null) throw new Error(`${path} has no modelTopology`);
      return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
        const specs = manifest.flatMap((group) => group.weights);
        const buffers = await Promise.all(
          manifest.flatMap((group) => group.paths).map(async (p) => {
            const bytes = await readFile(join(dir, p));
            return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
          }),
        );
        return [specs, tf.io.concatenateArrayBuffers(buffers)];
      });
    },
  };
}

/**
 * Saves a layers model to `dir` as `model.json` + `weights.bin` (created if missing). With
 * `includeOptimizer` the loss, metrics and optimizer state are saved too, so `loadModel` returns
 * a compiled model that continues training (tfjs's default leaves them out).
 *
 * Taught in notebooks/05-evaluation.ipynb; also used in 06-language.
 */
export async function saveModel(
  model: tf.LayersModel, dir: string, { includeOptimizer = false }: { includeOptimizer?: boolean } = {},
): Promise<tf.io.SaveResult> {
  return model.save(fileSystemHandler(dir), { includeOptimizer });
}

/**
 * Loads a layers model saved by `saveModel` (or by tfjs-node's `file://`) from `dir`.
 *
 * Taught in notebooks/05-evaluation.ipynb; also used in 06-language.
 */
export async function loadModel(dir: string, options: { strict?: boolean } = {}): Promise<tf.LayersModel> {
  return tf.loadLayersModel(fileSystemHandler(dir), options);
}
