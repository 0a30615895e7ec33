// Python's `builtins` module (`import builtins`): the same object as `__builtins__` in
// `__main__`, made in module-spec.ts from the builtins the runtime has.
import type { PyModule } from "./module-object.js";
import { builtinsModule } from "./module-spec.js";

// (any name: a program reads the builtins by name and may give the module new ones)
export const pyBuiltinsModule: PyModule & { [name: string]: any } = builtinsModule();
