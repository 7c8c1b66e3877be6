import { execFile } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { parseAllDocuments, parseDocument } from "yaml";
import { scratchDir } from "../grading/helpers/fixtureCourse.js";
import { repoRoot } from "../helpers/runNode.js";

// The chart's schema and default values at 4.3.2 (BSD-3-Clause, LICENSE beside them), the version values.yaml names.
const chart = path.join(repoRoot, "tests/deploy/fixtures/z2jh-4.3.2");
const deploy = path.join(repoRoot, "deploy");
const run = promisify(execFile);

type Tree = Record<string, unknown>;

function readYaml(file: string): Tree {
  const document = parseDocument(readFileSync(file, "utf8"), { uniqueKeys: true });
  if (document.errors.length > 0 || document.warnings.length > 0) {
    throw new Error(`${file}: ${[...document.errors, ...document.warnings].map((e) => e.message).join("; ")}`);
  }
  return document.toJS() as Tree;
}

const isMap = (value: unknown): value is Tree => typeof value === "object" && value !== null && !Array.isArray(value);

// Helm's rule for --values: maps merge key by key, anything else (lists included) replaces. No library does exactly this.
function helmMerge(defaults: unknown, override: unknown): unknown {
  if (!isMap(defaults) || !isMap(override)) return override === undefined ? defaults : override;
  const merged: Tree = { ...defaults };
  for (const [key, value] of Object.entries(override)) merged[key] = helmMerge(defaults[key], value);
  return merged;
}

const validate = new Ajv({ strict: false, allErrors: true }).compile(readYaml(path.join(chart, "values.schema.yaml")));
const chartDefaults = readYaml(path.join(chart, "values.yaml"));

function schemaErrors(values: Tree): string[] {
  return validate(helmMerge(chartDefaults, values)) ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}

const values = readYaml(path.join(deploy, "values.yaml"));
const singleuser = values.singleuser as Tree;

/** Kubernetes quantities as bytes ("1G", "1.5Gi", "512M"). */
function bytes(quantity: string | number): number {
  const match = /^([\d.]+)([KMGT]i?)?$/.exec(String(quantity));
  if (!match) throw new Error(`not a memory quantity: ${quantity}`);
  const [, number, unit = ""] = match;
  const power = { "": 0, K: 1, M: 2, G: 3, T: 4 }[unit[0] ?? ""] ?? 0;
  return Number(number) * (unit.endsWith("i") ? 1024 : 1000) ** power;
}

describe("deploy/values.yaml for Zero to JupyterHub 4.3.2", () => {
  it("parses and passes the chart's own schema, merged with the chart's defaults as helm does", () => {
    expect(schemaErrors(values)).toEqual([]);
  });

  it("would be refused for a key the chart does not know or a value of the wrong type", () => {
    const misspelt = helmMerge(values, { singleuser: { memory: { limt: "2G" } } }) as Tree;
    expect(schemaErrors(misspelt).join("\n")).toMatch(/\/singleuser\/memory must NOT have additional properties.*limt/);
    const wrongType = helmMerge(values, { singleuser: { cpu: { limit: "two" } } }) as Tree;
    expect(schemaErrors(wrongType).join("\n")).toMatch(/\/singleuser\/cpu\/limit must be number/);
    const stray = helmMerge(values, { singleuser: { homeDir: "/home/jovyan" } }) as Tree;
    expect(schemaErrors(stray)).not.toEqual([]);
  });

  it("culls idle servers, hands the notebooks out at start and mounts the submissions volume the grading Jobs read", () => {
    expect(values.cull).toMatchObject({ enabled: true, timeout: 3600 });
    expect(singleuser.lifecycleHooks).toEqual({ postStart: { exec: { command: ["/usr/local/bin/tsdl-handout"] } } });
    const storage = singleuser.storage as { extraVolumes: Tree[]; extraVolumeMounts: Tree[] };
    expect(storage.extraVolumes).toEqual([{ name: "tsdl-submissions", persistentVolumeClaim: { claimName: "tsdl-submissions" } }]);
    expect(storage.extraVolumeMounts[0]).toMatchObject({ name: "tsdl-submissions", subPath: "submissions/{username}" });
    const [owner] = singleuser.initContainers as { image: string; volumeMounts: Tree[] }[];
    expect(owner!.volumeMounts[0]).toMatchObject({ name: "tsdl-submissions", subPath: "submissions/{username}" });
    const image = singleuser.image as { name: string; tag: string };
    expect(owner!.image, "the init container reuses the learner image, pulled already").toBe(`${image.name}:${image.tag}`);
  });

  it("guarantees each learner the memory measured for notebook 04 (deploy/README.md) and limits above it", () => {
    const readme = readFileSync(path.join(deploy, "README.md"), "utf8");
    // Rows of the measured table: | learners | first output s | notebook 04 s | kernel MiB import / training / peak | server MiB |
    const rows = [...readme.matchAll(/^\| (\d+) \|.*$/gm)].map((match) => match[0].split("|").map((cell) => cell.trim()));
    expect(rows.map((cells) => Number(cells[1])), "deploy/README.md measures 1, 4 and 8 learners").toEqual([1, 4, 8]);
    const kernelPeak = Math.max(...rows.map((cells) => Number(/\/ (\d+)$/.exec(cells[4]!)?.[1])));
    const server = Math.max(...rows.map((cells) => Number(cells[5])));
    expect(kernelPeak).toBeGreaterThan(100);
    expect(server).toBeGreaterThan(30);
    const { guarantee, limit } = singleuser.memory as { guarantee: string; limit: string };
    expect(bytes(guarantee)).toBeGreaterThanOrEqual((kernelPeak + server) * 2 ** 20);
    expect(bytes(limit)).toBeGreaterThanOrEqual(bytes(guarantee) + kernelPeak * 2 ** 20);
  });
});

describe("deploy/kubernetes: sharded grading", () => {
  const documents = (name: string) => parseAllDocuments(readFileSync(path.join(deploy, "kubernetes", name), "utf8")).map((d) => d.toJS() as Tree);
  const [job] = documents("grade-job.yaml") as [Tree];
  const [merge] = documents("merge-job.yaml") as [Tree];
  const [claim] = documents("submissions-volume.yaml") as [Tree];
  const container = (manifest: Tree) => ((manifest.spec as Tree).template as { spec: { containers: Tree[]; volumes: Tree[] } }).spec.containers[0]!;
  const claimOf = (manifest: Tree) => ((manifest.spec as Tree).template as { spec: { volumes: { persistentVolumeClaim: { claimName: string } }[] } }).spec.volumes[0]!.persistentVolumeClaim.claimName;

  it("is an Indexed Job with one shard per completion, on the claim the learners write to", () => {
    expect(job).toMatchObject({ apiVersion: "batch/v1", kind: "Job", spec: { completionMode: "Indexed", completions: 4, parallelism: 4 } });
    const env = container(job).env as { name: string; value: string }[];
    expect(env.find((e) => e.name === "SHARDS")?.value).toBe(String((job.spec as Tree).completions));
    expect((claim.metadata as Tree).name).toBe("tsdl-submissions");
    expect(claim.spec).toMatchObject({ accessModes: ["ReadWriteMany"] });
    expect(claimOf(job)).toBe("tsdl-submissions");
    expect(claimOf(merge)).toBe("tsdl-submissions");
  });

  // The container's own shell script, with /data moved to a temp folder and npm replaced by a recorder.
  async function runShard(index: number, data: string): Promise<string> {
    const bin = path.join(data, "bin");
    mkdirSync(bin, { recursive: true });
    writeFileSync(path.join(bin, "npm"), `#!/bin/sh\nprintf '%s\\n' "$@" > "${data}/npm-args"\n`);
    chmodSync(path.join(bin, "npm"), 0o755);
    const { command, args, env } = container(job) as { command: string[]; args: string[]; env: { name: string; value: string }[] };
    const script = args[0]!.replaceAll("/data/", `${data}/`);
    const result = await run(command[0]!, [...command.slice(1), script], {
      env: { PATH: `${bin}:/usr/bin:/bin`, JOB_COMPLETION_INDEX: String(index), ...Object.fromEntries(env.map((e) => [e.name, e.value])) },
    });
    return result.stdout;
  }

  it("turns JOB_COMPLETION_INDEX 0…3 into --shard 1/4…4/4, and skips a shard whose part exists", async () => {
    for (const index of [0, 3]) {
      const data = scratchDir("job");
      await runShard(index, data);
      expect(readFileSync(path.join(data, "npm-args"), "utf8").trim().split("\n")).toEqual(
        ["run", "grade", "--", `${data}/submissions`, "--shard", `${index + 1}/4`, "--out", `${data}/parts`, "--jobs", "2"]);
    }
    const data = scratchDir("job");
    mkdirSync(path.join(data, "parts"));
    writeFileSync(path.join(data, "parts/shard-3-of-4.json"), "{}");
    expect(await runShard(2, data)).toContain("shard 3/4 is graded already");
  });

  it("merges the parts the shards write", () => {
    const shardArgs = (container(job).args as string[])[0]!;
    const out = /--out (\S+)/.exec(shardArgs)?.[1];
    expect(container(merge).command).toEqual(["npm", "run", "grade", "--", "--merge", out, "--out", "/data/grades"]);
  });
});
