import { tf } from "@tsdl/lib";

export interface BackendRuns {
  cpu: Float32Array[];
  wasm: Float32Array[];
  shapes: number[][];
}

/**
 * Runs `compute` on the cpu backend and then on wasm (inputs must be created inside it, seeded),
 * returning each output's values from both. Leaves wasm active.
 */
export async function onCpuAndWasm(compute: () => tf.Tensor | tf.Tensor[]): Promise<BackendRuns> {
  const run = async (name: "cpu" | "wasm") => {
    await tf.setBackend(name);
    const outs = tf.tidy(() => {
      const out = compute();
      return Array.isArray(out) ? out : [out];
    });
    const values = outs.map((t) => Float32Array.from(t.dataSync()));
    const shapes = outs.map((t) => t.shape);
    tf.dispose(outs);
    return { values, shapes };
  };
  try {
    const cpu = await run("cpu");
    const wasm = await run("wasm");
    expectSameShapes(cpu.shapes, wasm.shapes);
    return { cpu: cpu.values, wasm: wasm.values, shapes: wasm.shapes };
  } finally {
    await tf.setBackend("wasm");
  }
}

function expectSameShapes(a: number[][], b: number[][]): void {
  if (JSON.stringify(a) !== JSON.stringify(b)) {
    throw new Error(`cpu output shapes ${JSON.stringify(a)} differ from wasm ${JSON.stringify(b)}`);
  }
}

/** The largest |cpu − wasm| over all outputs (NaN where lengths differ). */
export function maxAbsDiff({ cpu, wasm }: BackendRuns): number {
  let max = 0;
  cpu.forEach((c, i) => {
    const w = wasm[i];
    if (w.length !== c.length) max = Number.NaN;
    for (let j = 0; j < c.length; j++) max = Math.max(max, Math.abs(c[j] - w[j]));
  });
  return max;
}

export function seededNormal(shape: number[], seed: number): tf.Tensor {
  return tf.randomNormal(shape, 0, 1, "float32", seed);
}
