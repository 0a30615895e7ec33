// Python's `ast`, as far as pyts provides it: `literal_eval`, which parses with pyts's own
// compiler at run time (runtime/lang/eval-exec.ts) and accepts only literals, as CPython's.
import { literalEval } from "../lang/eval-exec.js";
import { moduleObject } from "./module-object.js";

function literal_eval(node_or_string: unknown): unknown {
  return literalEval(node_or_string);
}

export const astModule = moduleObject("ast", { literal_eval });
