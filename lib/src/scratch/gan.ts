function checkProbabilities(where: string, name: string, values: ArrayLike<number>): void {
  if (values.length === 0) throw new Error(`${where}: ${name} must be non-empty, got 0 values`);
  for (let i = 0; i < values.length; i++) {
    if (!(values[i] >= 0 && values[i] <= 1)) throw new Error(`${where}: ${name} must be probabilities in [0, 1], got ${values[i]} at index ${i}`);
  }
}

// Keeps log() finite when the discriminator is perfectly sure.
const safeLog = (p: number): number => Math.log(Math.min(Math.max(p, 1e-12), 1));

function meanLog(values: ArrayLike<number>, transform: (p: number) => number): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += safeLog(transform(values[i]));
  return sum / values.length;
}

export interface GanLosses {
  /** V(D, G) = E[log D(x)] + E[log(1 − D(G(z)))]: D maximises it, G minimises it. */
  value: number;
  /** The discriminator's loss −V(D, G): binary cross-entropy with real → 1 and fake → 0. */
  discriminator: number;
  /** The generator's minimax loss E[log(1 − D(G(z)))]; its gradient vanishes when D easily rejects fakes. */
  generatorMinimax: number;
  /** The non-saturating generator loss −E[log D(G(z))] used in practice: same fixed point, strong early gradients. */
  generator: number;
}

/**
 * The GAN objective (Goodfellow et al., 2014) from the discriminator's outputs: `realScores` = D(x) on real
 * samples and `fakeScores` = D(G(z)) on generated ones, each the probability that D thinks its input is real.
 *
 * Taught in notebooks/02-algorithms.ipynb.
 */
export function ganLosses(realScores: ArrayLike<number>, fakeScores: ArrayLike<number>): GanLosses {
  checkProbabilities("ganLosses", "realScores", realScores);
  checkProbabilities("ganLosses", "fakeScores", fakeScores);
  const realTerm = meanLog(realScores, (d) => d);
  const fakeTerm = meanLog(fakeScores, (d) => 1 - d);
  return {
    value: realTerm + fakeTerm,
    discriminator: -(realTerm + fakeTerm),
    generatorMinimax: fakeTerm,
    generator: -meanLog(fakeScores, (d) => d),
  };
}
