import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { GradeReport } from "./gradeReport.js";
import { inShard, type Shard, shardLabel } from "./shard.js";

const FORMAT = "tsdl-grade-shard";
const VERSION = 1;

/** What `npm run grade -- SUBMISSIONS --shard I/N` leaves for `--merge`. */
export interface ShardPart {
  format: typeof FORMAT;
  version: typeof VERSION;
  shard: Shard;
  /** Every learner folder the shard saw, so a merge notices submissions that changed between shards. */
  learners: string[];
  report: GradeReport;
}

export function shardPartFileName(shard: Shard): string {
  return `shard-${shard.index}-of-${shard.count}.json`;
}

/** Writes the part under `outDir`; a shard killed half-way leaves no part behind, only a temp file. */
export function writeShardPart(part: ShardPart, outDir: string): string {
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, shardPartFileName(part.shard));
  const temp = `${file}.${process.pid}.partial`;
  writeFileSync(temp, `${JSON.stringify(part)}\n`);
  renameSync(temp, file);
  return file;
}

function isShard(value: unknown): value is Shard {
  const shard = value as Shard;
  return typeof shard === "object" && shard !== null && Number.isInteger(shard.index) && Number.isInteger(shard.count)
    && shard.count >= 1 && shard.index >= 1 && shard.index <= shard.count;
}

export function readShardPart(file: string): ShardPart {
  let part: ShardPart;
  try {
    part = JSON.parse(readFileSync(file, "utf8")) as ShardPart;
  } catch (error) {
    throw new Error(`${file} is not a shard result: ${(error as Error).message}`);
  }
  if (part?.format !== FORMAT || part.version !== VERSION) {
    throw new Error(`${file} is not a shard result: expected format "${FORMAT}" version ${VERSION}, got ${JSON.stringify(part?.format)} version ${JSON.stringify(part?.version)}`);
  }
  if (!isShard(part.shard) || !Array.isArray(part.learners) || !Array.isArray(part.report?.students)) {
    throw new Error(`${file} is not a shard result: its shard, learners or report.students are missing or malformed`);
  }
  return part;
}

/** The part files named by `paths`: files as given, folders by their shard-*-of-*.json files. */
export function findShardPartFiles(paths: string[]): string[] {
  const files: string[] = [];
  for (const given of paths) {
    if (!existsSync(given)) throw new Error(`--merge: ${given} does not exist`);
    if (!statSync(given).isDirectory()) {
      files.push(given);
      continue;
    }
    const found = readdirSync(given).filter((name) => /^shard-\d+-of-\d+\.json$/.test(name)).sort();
    if (found.length === 0) throw new Error(`--merge: folder ${given} holds no shard-I-of-N.json files`);
    files.push(...found.map((name) => path.join(given, name)));
  }
  return files;
}

/** One shard's learners, in the order of the submissions folder listing. */
export function learnersOfShard(learners: string[], shard: Shard): string[] {
  return learners.filter(inShard(shard));
}

/**
 * Combines one part per shard into the report a single run over all learners gives. Refuses parts
 * that do not fit together (missing or repeated shards, other submissions, other notebooks or tests).
 */
export function mergeShardParts(parts: ShardPart[]): GradeReport {
  const first = parts[0];
  if (!first) throw new Error("--merge needs at least one shard result");
  const { count } = first.shard;
  const byIndex = new Map<number, ShardPart>();
  for (const part of parts) {
    if (part.shard.count !== count) {
      throw new Error(`shard ${shardLabel(part.shard)} does not belong with shard ${shardLabel(first.shard)}: expected shards of ${count}, got ${part.shard.count}`);
    }
    if (byIndex.has(part.shard.index)) throw new Error(`shard ${shardLabel(part.shard)} is given twice`);
    byIndex.set(part.shard.index, part);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !byIndex.has(index));
  if (missing.length > 0) {
    throw new Error(`missing shard${missing.length > 1 ? "s" : ""} ${missing.map((index) => `${index}/${count}`).join(", ")}: run \`npm run grade -- SUBMISSIONS --shard I/${count}\` for each, then merge again`);
  }
  const learners = JSON.stringify(first.learners);
  const course = JSON.stringify([first.report.instructorCheck, first.report.exercises]);
  const graded = new Map<string, GradeReport["students"][number]>();
  for (const part of parts) {
    const label = shardLabel(part.shard);
    if (JSON.stringify(part.learners) !== learners) {
      throw new Error(`shard ${label} saw other learner folders than shard ${shardLabel(first.shard)}: the submissions changed between shard runs, so grade every shard again`);
    }
    if (JSON.stringify([part.report.instructorCheck, part.report.exercises]) !== course) {
      throw new Error(`shard ${label} was graded against other notebooks or tests than shard ${shardLabel(first.shard)}`);
    }
    const expected = learnersOfShard(first.learners, part.shard);
    const actual = part.report.students.map((student) => student.student);
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      throw new Error(`shard ${label} should hold learners ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    }
    for (const student of part.report.students) graded.set(student.student, student);
  }
  return {
    instructorCheck: first.report.instructorCheck,
    exercises: first.report.exercises,
    students: first.learners.map((learner) => graded.get(learner)!),
  };
}
