import { describe, expect, it } from "vitest";
import { Tokenizer } from "@tsdl/lib";

// Expected values are derived by hand from the Keras Tokenizer source and docs
// (keras_preprocessing/text.py): counts sorted descending with a stable sort, index 0 reserved,
// the OOV token first at index 1, `num_words` applied only when converting texts.
const texts = ["The cat sat on the mat.", "The dog ate my homework!", "the cat"];

describe("Tokenizer (Keras semantics)", () => {
  it("orders the index by descending count, ties by first appearance", () => {
    const tok = new Tokenizer().fitOnTexts(texts);
    expect([...tok.wordIndex]).toEqual([
      ["the", 1], ["cat", 2], ["sat", 3], ["on", 4], ["mat", 5], ["dog", 6], ["ate", 7], ["my", 8], ["homework", 9],
    ]);
    expect(tok.wordCounts.get("the")).toBe(4);
    expect(tok.wordCounts.get("cat")).toBe(2);
    expect(tok.wordDocs.get("the")).toBe(3);
    expect(tok.wordDocs.get("cat")).toBe(2);
    expect(tok.documentCount).toBe(3);
    // "b" and "a" both occur twice; "b" was seen first, so it comes first (not alphabetical).
    expect([...new Tokenizer().fitOnTexts(["b a", "a b c"]).wordIndex]).toEqual([["b", 1], ["a", 2], ["c", 3]]);
  });

  it("gives the OOV token index 1 and shifts the vocabulary", () => {
    const tok = new Tokenizer({ oovToken: "<OOV>" }).fitOnTexts(texts);
    expect(tok.wordIndex.get("<OOV>")).toBe(1);
    expect(tok.wordIndex.get("the")).toBe(2);
    expect(tok.wordIndex.get("homework")).toBe(10);
    expect(tok.textsToSequences(["The zebra ate"])).toEqual([[2, 1, 8]]);
  });

  it("keeps indices below numWords; the rest become OOV, or vanish without an OOV token", () => {
    const withOov = new Tokenizer({ numWords: 4, oovToken: "<OOV>" }).fitOnTexts(texts);
    expect(withOov.wordIndex.size).toBe(10);
    expect(withOov.textsToSequences(["the cat sat on a mat"])).toEqual([[2, 3, 1, 1, 1, 1]]);
    expect(withOov.sequencesToTexts([[2, 3, 4, 42]])).toEqual(["the cat <OOV> <OOV>"]);
    const plain = new Tokenizer({ numWords: 4 }).fitOnTexts(texts);
    expect(plain.textsToSequences(["the cat sat on a mat"])).toEqual([[1, 2, 3]]);
    expect(plain.sequencesToTexts([[1, 2, 3, 4, 42]])).toEqual(["the cat sat"]);
  });

  it("maps sequences back to text", () => {
    const tok = new Tokenizer().fitOnTexts(texts);
    expect(tok.sequencesToTexts([[1, 2, 3, 9, 42], []])).toEqual(["the cat sat homework", ""]);
  });

  it("honours lower, filters, split and charLevel", () => {
    expect([...new Tokenizer({ lower: false }).fitOnTexts(["Cat cat"]).wordIndex]).toEqual([["Cat", 1], ["cat", 2]]);
    expect(new Tokenizer({ filters: "" }).tokenize("Hi, you!")).toEqual(["hi,", "you!"]);
    expect(new Tokenizer({ split: "," }).tokenize("a,b c")).toEqual(["a", "b c"]);
    expect(new Tokenizer().tokenize("don't\tstop--now")).toEqual(["don't", "stop", "now"]);
    // Character level keeps spaces and punctuation: Keras applies no filters in this mode.
    const chars = new Tokenizer({ charLevel: true }).fitOnTexts(["Ab a!"]);
    expect([...chars.wordIndex]).toEqual([["a", 1], ["b", 2], [" ", 3], ["!", 4]]);
    expect(chars.textsToSequences(["ba"])).toEqual([[2, 1]]);
    expect(chars.sequencesToTexts([[2, 1]])).toEqual(["b a"]);
  });

  it("splits Chinese into characters by default and leaves non-Han text exactly as Keras", () => {
    const tok = new Tokenizer();
    expect(tok.tokenize("我喜欢这部电影！")).toEqual(["我", "喜", "欢", "这", "部", "电", "影"]);
    expect(tok.tokenize("我爱NLP，真的")).toEqual(["我", "爱", "nlp", "真", "的"]);
    expect(tok.tokenize("well—done “quoted”")).toEqual(["well—done", "“quoted”"]);
    expect(new Tokenizer({ cjk: "none" }).tokenize("我喜欢这部电影！")).toEqual(["我喜欢这部电影！"]);
    const words = new Tokenizer({ cjk: "word" }).tokenize("我喜欢这部电影。");
    expect(words.join("")).toBe("我喜欢这部电影");
    expect(words.length).toBeLessThan(7);
    expect(words).toContain("电影");
  });

  it("refuses bad input with the argument named", () => {
    expect(() => new Tokenizer({ numWords: 0 })).toThrow("Tokenizer: options.numWords must be a positive integer or null; got 0");
    expect(() => new Tokenizer({ split: "" })).toThrow('Tokenizer: options.split must be a non-empty string; got ""');
    expect(() => new Tokenizer({ cjk: "jieba" as "char" })).toThrow('Tokenizer: options.cjk must be "char", "word" or "none"; got "jieba"');
    expect(() => new Tokenizer().textsToSequences(["a"])).toThrow("Tokenizer.textsToSequences: the tokenizer has no vocabulary; call fitOnTexts() first");
    expect(() => new Tokenizer().fitOnTexts("just one text" as unknown as string[])).toThrow(
      'Tokenizer.fitOnTexts: texts must be an array of strings; got "just one text"',
    );
    expect(() => new Tokenizer().fitOnTexts(["ok", 3 as unknown as string])).toThrow("Tokenizer.fitOnTexts: texts[1] must be a string; got 3");
    const tok = new Tokenizer().fitOnTexts(texts);
    expect(() => tok.sequencesToTexts([[1, 2.5]])).toThrow("Tokenizer.sequencesToTexts: sequences[0][1] must be an integer index; got 2.5");
  });
});

describe("Tokenizer JSON in Keras' to_json() format", () => {
  // What Keras writes for Tokenizer(oov_token="<OOV>").fit_on_texts(["the cat", "the dog"]).
  const kerasJson = JSON.stringify({
    class_name: "Tokenizer",
    config: {
      num_words: null,
      filters: '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n',
      lower: true,
      split: " ",
      char_level: false,
      oov_token: "<OOV>",
      document_count: 2,
      word_counts: '{"the": 2, "cat": 1, "dog": 1}',
      word_docs: '{"cat": 1, "the": 2, "dog": 1}',
      index_docs: '{"3": 1, "2": 2, "4": 1}',
      index_word: '{"1": "<OOV>", "2": "the", "3": "cat", "4": "dog"}',
      word_index: '{"<OOV>": 1, "the": 2, "cat": 3, "dog": 4}',
    },
  });

  it("reads a Keras tokenizer and converts text the same way", () => {
    const tok = Tokenizer.fromJSON(kerasJson);
    expect(tok.cjk).toBe("none");
    expect(tok.textsToSequences(["The bird, the dog"])).toEqual([[2, 1, 2, 4]]);
    expect(tok.sequencesToTexts([[3, 1]])).toEqual(["cat <OOV>"]);
  });

  it("writes the same config Keras writes, and round-trips", () => {
    const tok = new Tokenizer({ oovToken: "<OOV>" }).fitOnTexts(["the cat", "the dog"]);
    const config = JSON.parse(tok.toJSON()).config;
    const keras = JSON.parse(kerasJson).config;
    for (const key of Object.keys(keras)) {
      const parse = (v: unknown) => (typeof v === "string" && v.startsWith("{") ? JSON.parse(v) : v);
      expect(parse(config[key]), key).toEqual(parse(keras[key]));
    }
    // Integer-like tokens keep their count order through JSON, so ties still resolve the same way.
    const numbers = new Tokenizer({ cjk: "word" }).fitOnTexts(["b 10 10 b 2"]);
    const back = Tokenizer.fromJSON(numbers.toJSON());
    expect([...back.wordCounts]).toEqual([["b", 2], ["10", 2], ["2", 1]]);
    expect(back.fitOnTexts(["b"]).wordIndex.get("10")).toBe(2);
    expect(back.cjk).toBe("word");
    expect(() => Tokenizer.fromJSON("{")).toThrow(/^Tokenizer\.fromJSON: json must be a JSON string from toJSON\(\) or Keras' to_json\(\); got invalid JSON/);
    expect(() => Tokenizer.fromJSON('{"class_name": "Model"}')).toThrow('Tokenizer.fromJSON: json must be an object with class_name "Tokenizer" and a config; got "Model"');
  });
});
