"use strict";
module.exports = require("../disabledModule.cjs")(
  "xlsx",
  "reading Excel files through danfo is disabled in tsdl; save the sheet as CSV and read it with " +
    "readCsvFrame(path) from @tsdl/lib (or danfo's readCSV)",
);
