// The helpers of imports and module namespaces emitted code imports (the module objects are
// stdlib.ts's).

export { namedTupleBase } from "./namedtuple.js";
export { checkedSubmodule, importName, moduleAttribute, moduleNotFound, submoduleNotImported, submodulesImported } from "./module-object.js";
export { moduleNamespace, lookupGlobal, localsSnapshot, localNames } from "./module-namespace.js";
export { withAnnotations } from "./functools-dispatch.js";
export { __import__ } from "./dunder-import.js";
export { defineModule, moduleReady, importModule, importModuleAsync, importFrom, importByName, ProgramModule, type Accessor } from "./program-modules.js";
export { markAbstract } from "./abc.js";
export { forwardRefs, mroBase, origBases } from "./typing-hooks.js";
export { registerDoctests } from "./doctest-registry.js";
export { registerSources } from "./inspect-registry.js";
export { __build_class__, breakpoint, copyright, credits, globals, help, license, locals } from "./site-builtins.js";
