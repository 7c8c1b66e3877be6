import { tf } from "../backend/index.js";

type Initializer = ReturnType<typeof tf.initializers.zeros>;

/**
 * Hands out initializers seeded `seed, seed + 1, …` so every layer gets its own repeatable draw
 * (one shared seed would give layers of equal shape identical weights).
 *
 * Taught in notebooks/04-training.ipynb; also used in 06-language, 08-large-models.
 */
export class SeededInit {
  private next: number;

  constructor(seed: number) {
    if (!Number.isInteger(seed)) throw new Error(`seed must be an integer; got ${seed}`);
    this.next = seed;
  }

  private take(): number {
    return this.next++;
  }

  glorotUniform(): Initializer {
    return tf.initializers.glorotUniform({ seed: this.take() });
  }

  heNormal(): Initializer {
    return tf.initializers.heNormal({ seed: this.take() });
  }

  orthogonal(): Initializer {
    const init = tf.initializers.orthogonal({ seed: this.take(), gain: 1 });
    // tfjs warns "Slowness may result" above 2,000 elements; the QR of an LSTM's 64×256
    // recurrent kernel takes milliseconds, so the warning would only clutter notebooks.
    (init as unknown as { ELEMENTS_WARN_SLOW: number }).ELEMENTS_WARN_SLOW = 1_000_000;
    return init;
  }

  /** Keras's Embedding default: uniform in [−0.05, 0.05]. */
  embedding(): Initializer {
    return tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: this.take() });
  }

  /** Kernel initializers for a Dense / Conv layer (bias stays zeros, as in Keras). */
  dense(): { kernelInitializer: Initializer } {
    return { kernelInitializer: this.glorotUniform() };
  }

  /** Kernel and recurrent initializers for an LSTM, Keras's defaults with seeds. */
  lstm(): { kernelInitializer: Initializer; recurrentInitializer: Initializer } {
    return { kernelInitializer: this.glorotUniform(), recurrentInitializer: this.orthogonal() };
  }
}

export function positiveInt(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive integer; got ${value}`);
  }
  return value;
}
