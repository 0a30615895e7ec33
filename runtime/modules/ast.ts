// Python's `ast`, as far as pyts provides it: `literal_eval`, which parses with pyts's own
// compiler at run time (runtime/lang/eval-exec.ts) and accepts only literals, as CPython's.
import { literalEval, PyCF_ONLY_AST } from "../lang/eval-exec.js";
import { moduleObject } from "./module-object.js";

function literal_eval(node_or_string: unknown): unknown {
  return literalEval(node_or_string);
}

// compile()'s flags (ast.PyCF_ONLY_AST is refused there with a clear error)
export const astModule = moduleObject("ast", { literal_eval, PyCF_ONLY_AST: BigInt(PyCF_ONLY_AST), PyCF_TYPE_COMMENTS: 0x1000n, PyCF_ALLOW_TOP_LEVEL_AWAIT: 0x2000n });
