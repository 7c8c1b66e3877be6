"use strict";
const message =
  "reading URLs through danfo is disabled in tsdl (nothing is downloaded at run time); " +
  "read a local file instead, e.g. readCsvFrame(dataFile(\"penguins.csv\")) from @tsdl/lib or fs.readFileSync";

// Whatever danfo reaches for (`request.get(url)`, `request(url)`) is this function, which throws.
const disabled = new Proxy(function request() {}, {
  apply() {
    throw new Error(message);
  },
  get(target, key) {
    if (typeof key === "symbol" || key === "then" || key === "__esModule") return undefined;
    return disabled;
  },
});

module.exports = disabled;
