import { createHash } from "node:crypto";

/** Shard `index` of `count`, both counted from 1 as in `--shard 2/4`. */
export interface Shard {
  index: number;
  count: number;
}

/** Parses `I/N` (1 ≤ I ≤ N), the value of `--shard`. */
export function parseShard(raw: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(raw.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new Error(`--shard must be I/N with 1 ≤ I ≤ N (for example 2/4); got ${JSON.stringify(raw)}`);
  }
  return { index, count };
}

export function shardLabel(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}

/**
 * The shard (1…count) that grades `learner`. A hash of the folder name, not its position in the
 * listing, so a learner added or removed between shard runs does not move everyone else.
 */
export function shardOfLearner(learner: string, count: number): number {
  const digest = createHash("sha256").update(learner, "utf8").digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

export function inShard(shard: Shard): (learner: string) => boolean {
  return (learner) => shardOfLearner(learner, shard.count) === shard.index;
}
