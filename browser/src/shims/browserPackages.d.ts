// The browser ports of Node modules the runtime bundles, typed as the Node modules they copy.
declare module "util/" {
  import util from "node:util";
  export default util;
}
