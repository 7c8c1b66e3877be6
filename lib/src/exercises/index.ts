export { expectClose, expectEqual, expectThrows, selfCheck, type CheckResult } from "./selfCheck.js";
