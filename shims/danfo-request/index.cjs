"use strict";
module.exports = require("../disabledModule.cjs")(
  "request",
  "reading URLs through danfo is disabled in tsdl (nothing is downloaded at run time); " +
    "read a local file instead, e.g. readCsvFrame(dataFile(\"penguins.csv\")) from @tsdl/lib or fs.readFileSync",
);
