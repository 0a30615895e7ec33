// Python identifiers that cannot be JS identifiers get a trailing underscore; every other
// name is kept as the Python program spells it.

const JS_RESERVED = new Set([
  "arguments", "await", "case", "catch", "const", "debugger", "default", "delete", "do",
  "enum", "eval", "export", "extends", "function", "implements", "instanceof", "interface",
  "let", "new", "null", "package", "private", "protected", "public", "static", "super",
  "switch", "this", "throw", "true", "false", "typeof", "var", "void", "yield", "undefined",
  "NaN", "Infinity", "Object", "Array", "Symbol", "Promise", "Error", "Function", "Number",
  "String", "Boolean", "BigInt", "Map", "Set", "JSON", "Math", "Reflect", "globalThis",
]);

export function jsName(pythonName: string): string {
  return JS_RESERVED.has(pythonName) ? `${pythonName}_` : pythonName;
}
