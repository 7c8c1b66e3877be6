// Course-wide search. MiniSearch and the index load on first use, so pages open as fast without them.
const input = document.getElementById("course-search");
const results = document.getElementById("course-search-results");
// MiniSearch sits beside this script in assets/; each edition's index sits beside its pages.
const assets = new URL(".", document.currentScript.src);
let searchReady;

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(script);
  });
}

// Chinese has no spaces between words, and MiniSearch's default tokenizer splits on spaces: Han runs
// become their single characters and their two-character pairs (how CJK search engines index), so
// 过拟合 matches 过拟合 wherever it stands in a sentence; other text splits on non-letters as before.
const HAN_RUN = /\p{Script=Han}+/gu;
function tokenize(text) {
  const tokens = text.replace(HAN_RUN, " ").split(/[^\p{L}\p{N}_]+/u).filter(Boolean);
  for (const [run] of text.matchAll(HAN_RUN)) {
    const chars = Array.from(run);
    chars.forEach((char, i) => {
      tokens.push(char);
      if (i + 1 < chars.length) tokens.push(char + chars[i + 1]);
    });
  }
  return tokens;
}
const isHan = (term) => /^\p{Script=Han}+$/u.test(term);

function search() {
  searchReady ??= Promise.all([loadScript(new URL("minisearch.js", assets).href), loadScript("search-index.js")]).then(() => {
    const index = new window.MiniSearch({
      fields: ["heading", "text"],
      storeFields: ["href", "page", "heading", "text"],
      tokenize,
      searchOptions: {
        tokenize,
        // Han unigrams and bigrams are whole words already: no prefix or fuzzy matches on them.
        prefix: (term) => !isHan(term),
        fuzzy: (term) => (isHan(term) ? false : 0.2),
        boost: { heading: 2 },
        combineWith: "AND",
      },
    });
    index.addAll(window.tsdlSearchDocs);
    return index;
  });
  return searchReady;
}

function resultItem(hit) {
  const item = document.createElement("li");
  const link = document.createElement("a");
  link.href = hit.href;
  const title = document.createElement("strong");
  title.textContent = hit.heading ? `${hit.page} › ${hit.heading}` : hit.page;
  const snippet = document.createElement("span");
  snippet.textContent = hit.text.length > 140 ? `${hit.text.slice(0, 140)}…` : hit.text;
  link.append(title, snippet);
  item.append(link);
  return item;
}

input.addEventListener("focus", () => search(), { once: true });
input.addEventListener("input", async () => {
  const query = input.value.trim();
  if (!query) return results.replaceChildren();
  const hits = (await search()).search(query).slice(0, 12);
  if (input.value.trim() !== query) return;
  results.replaceChildren(...hits.map(resultItem));
  if (hits.length === 0) results.replaceChildren(Object.assign(document.createElement("li"), { className: "no-match", textContent: input.dataset.noMatch }));
});
input.addEventListener("keydown", (event) => {
  if (event.key === "Escape") {
    input.value = "";
    results.replaceChildren();
  }
});
