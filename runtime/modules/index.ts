// What emitted code imports from the modules folder: the standard-library module objects and
// the helpers of imports and module namespaces.
export * from "./stdlib.js";
export * from "./helpers.js";
