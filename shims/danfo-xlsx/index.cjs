"use strict";
const message =
  "reading Excel files through danfo is disabled in tsdl; save the sheet as CSV and read it with " +
  "readCsvFrame(path) from @tsdl/lib (or danfo's readCSV)";

// Whatever danfo reaches for (`xlsx.read`, `xlsx.utils.sheet_to_json`, `xlsx.writeFile`) is this function, which throws.
const disabled = new Proxy(function xlsx() {}, {
  apply() {
    throw new Error(message);
  },
  get(target, key) {
    if (typeof key === "symbol" || key === "then" || key === "__esModule") return undefined;
    return disabled;
  },
});

module.exports = disabled;
