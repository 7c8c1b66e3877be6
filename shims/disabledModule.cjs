"use strict";
// One stand-in shape for every danfo dependency tsdl switches off: whatever danfo reaches for
// (`request.get(url)`, `xlsx.utils.sheet_to_json`, …) is a function that throws `message`.
module.exports = function disabledModule(name, message) {
  const disabled = new Proxy({ [name]() {} }[name], {
    apply() {
      throw new Error(message);
    },
    get(target, key) {
      if (typeof key === "symbol" || key === "then" || key === "__esModule") return undefined;
      return disabled;
    },
  });
  return disabled;
};
