"""jupyter_kernel_test's protocol suite against the tsdl kernel (run by jupyterIntegration.test.ts beside it).

Covers kernel info, streams, errors, execute results, display data, completion, is_complete,
inspection and history (tail, range and search). The pager and clear_output samples are not set:
the kernel has no pager, and clear_output is tested through the display API elsewhere.
"""
import unittest

import jupyter_kernel_test


class TsdlKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "tsdl"
    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("oops")'
    code_generate_error = 'throw new Error("expected")'
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"tsdl".length', "result": "4"},
        {"code": "[1, 2, 3]", "result": "[ 1, 2, 3 ]"},
    ]
    code_display_data = [
        {
            "code": 'import { display } from "@tsdl/kernel-ext";\n'
            'display({ [Symbol.for("Jupyter.display")]: () => ({ "text/html": "<b>hi</b>" }) });',
            "mime": "text/html",
        },
        {
            "code": 'import * as tslab from "tslab";\ntslab.display.png(new Uint8Array([137, 80, 78, 71]));',
            "mime": "image/png",
        },
    ]
    completion_samples = [
        {"text": "Math.PI.toFix", "matches": {"toFixed"}},
        {"text": "const completeMe = 1;\ncompleteM", "matches": {"completeMe"}},
    ]
    complete_code_samples = ["1 + 1", "const x = 3;"]
    incomplete_code_samples = ["function f() {", "const a = ["]
    code_inspect_sample = "Math.max"
    supported_history_operations = ("tail", "range", "search")
    code_history_pattern = "6 * 7"


if __name__ == "__main__":
    unittest.main()
