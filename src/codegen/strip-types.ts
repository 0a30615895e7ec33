// TypeScript to JavaScript on the Babel AST, before printing: `pyts run` executes the emitted
// module directly, so nothing else has to understand TypeScript. Only the constructs codegen
// produces occur (annotations, `as`, type arguments, index signatures), but every type-only
// form Babel knows is handled so a new one cannot slip through as a syntax error.
import * as t from "@babel/types";

/** Keys that hold only type information on otherwise JavaScript nodes. */
const TYPE_KEYS = ["typeAnnotation", "returnType", "typeParameters", "typeArguments", "superTypeParameters", "implements", "predicate"] as const;

/** Flags that only the type checker reads. */
const TS_FLAGS = ["optional", "definite", "abstract", "override", "readonly", "declare"];

/** Expressions that wrap a value in a type assertion: the value is what runs. */
function unwrap(node: t.Node): t.Node {
  while (t.isTSAsExpression(node) || t.isTSSatisfiesExpression(node) || t.isTSNonNullExpression(node) || t.isTSTypeAssertion(node) || t.isTSInstantiationExpression(node)) {
    node = node.expression;
  }
  return node;
}

/** Statements and class members that exist only for the type checker. */
function typeOnly(node: t.Node): boolean {
  if (t.isTSTypeAliasDeclaration(node) || t.isTSInterfaceDeclaration(node) || t.isTSDeclareFunction(node) || t.isTSDeclareMethod(node) || t.isTSIndexSignature(node)) return true;
  if (t.isTSModuleDeclaration(node) || t.isTSEnumDeclaration(node)) return node.declare === true;
  if (t.isClassProperty(node) || t.isClassAccessorProperty(node) || t.isVariableDeclaration(node)) return node.declare === true;
  if (t.isImportDeclaration(node) || t.isImportSpecifier(node)) return node.importKind === "type";
  if (t.isExportNamedDeclaration(node)) return node.exportKind === "type" || (node.declaration ? typeOnly(node.declaration) : false);
  return false;
}

export function stripTypes(file: t.File): void {
  strip(file);
}

function strip(node: t.Node): void {
  const record = node as unknown as Record<string, unknown>;
  for (const key of TYPE_KEYS) {
    // `typeAnnotation` of a TS node is its content, but TS nodes never survive to here.
    if (record[key] !== undefined && record[key] !== null) record[key] = key === "implements" ? [] : null;
  }
  // `optional` is JavaScript's `?.` on member and call expressions, TypeScript's `x?` elsewhere.
  const typeFlags = t.isOptionalMemberExpression(node) || t.isOptionalCallExpression(node) ? TS_FLAGS.slice(1) : TS_FLAGS;
  for (const flag of typeFlags) {
    if (record[flag] === true && !t.isClassProperty(node)) delete record[flag];
  }
  if (t.isClassProperty(node) || t.isClassMethod(node)) {
    const member = node as t.ClassProperty;
    member.accessibility = null;
    member.definite = null;
    member.readonly = null;
    member.abstract = null;
    member.override = false;
  }
  if (t.isTSParameterProperty(node)) throw new Error("a parameter property cannot be stripped to JavaScript");
  for (const key of t.VISITOR_KEYS[node.type] ?? []) {
    const child = record[key];
    if (Array.isArray(child)) {
      const kept = (child as (t.Node | null)[]).filter((c) => c === null || !typeOnly(c)).map((c) => (c === null ? c : unwrap(c)));
      record[key] = kept;
      for (const c of kept) if (c) strip(c);
    } else if (child && typeof child === "object" && "type" in child) {
      const inner = unwrap(child as t.Node);
      record[key] = inner;
      strip(inner);
    }
  }
}
