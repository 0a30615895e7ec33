// Python's `builtins` module (`import builtins`): the same object as `__builtins__` in
// `__main__`, made in module-spec.ts from the builtins the runtime has.
import { builtinsModule } from "./module-spec.js";

export const pyBuiltinsModule = builtinsModule();
