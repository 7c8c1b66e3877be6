// Course-wide search. MiniSearch and the index load on first use, so pages open as fast without them.
const input = document.getElementById("course-search");
const results = document.getElementById("course-search-results");
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

function search() {
  searchReady ??= Promise.all([loadScript("assets/minisearch.js"), loadScript("search-index.js")]).then(() => {
    const index = new window.MiniSearch({
      fields: ["heading", "text"],
      storeFields: ["href", "page", "heading", "text"],
      searchOptions: { prefix: true, fuzzy: 0.2, boost: { heading: 2 }, combineWith: "AND" },
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
  if (hits.length === 0) results.replaceChildren(Object.assign(document.createElement("li"), { className: "no-match", textContent: "No match" }));
});
input.addEventListener("keydown", (event) => {
  if (event.key === "Escape") {
    input.value = "";
    results.replaceChildren();
  }
});
