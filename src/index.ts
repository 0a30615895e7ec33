export { transpile, RUNTIME_PACKAGE, type TranspileOptions, type TranspileResult } from "./transpile.js";
export { DiagnosticError, type Diagnostic } from "./frontend/ast.js";
export { parsePython } from "./frontend/parse.js";
export { transpileFiles, type TranspileFilesOptions, type TranspiledFile } from "./transpile-files.js";
