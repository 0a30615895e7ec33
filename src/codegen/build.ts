// Babel node builders without Babel's run-time validation. @babel/types' builders check every
// field of every node against its definition as they build it: about a tenth of the time
// spent turning IR into a Babel tree, to catch mistakes the TypeScript types of the same
// builders already rule out. These build the very same objects (same keys, in the same order,
// with the same defaults: BUILDER_KEYS and NODE_FIELDS are what Babel's own builders are
// generated from) and skip the checks; the types are Babel's.
import * as t from "@babel/types";

const BUILDERS = [
  "arrayExpression", "arrayPattern", "arrowFunctionExpression", "assignmentExpression", "assignmentPattern", "awaitExpression",
  "bigIntLiteral", "binaryExpression", "blockStatement", "booleanLiteral", "breakStatement", "callExpression", "catchClause",
  "classBody", "classDeclaration", "classExpression", "classMethod", "classProperty", "conditionalExpression", "continueStatement",
  "emptyStatement", "exportNamedDeclaration", "exportSpecifier", "expressionStatement", "file", "forOfStatement", "forStatement",
  "functionDeclaration", "functionExpression", "identifier", "ifStatement", "import", "importDeclaration", "importSpecifier",
  "labeledStatement", "logicalExpression", "memberExpression", "metaProperty", "newExpression", "nullLiteral", "numericLiteral",
  "objectExpression", "objectPattern", "objectProperty", "optionalMemberExpression", "program", "restElement", "returnStatement",
  "sequenceExpression", "spreadElement", "staticBlock", "stringLiteral", "switchCase", "switchStatement", "templateElement", "templateLiteral", "thisExpression",
  "throwStatement", "tryStatement", "tsAnyKeyword", "tsArrayType", "tsAsExpression", "tsBigIntKeyword", "tsBooleanKeyword",
  "tsDeclareMethod", "tsIndexSignature", "tsNullKeyword", "tsNumberKeyword", "tsStringKeyword", "tsTupleType", "tsTypeAnnotation",
  "tsTypeParameterInstantiation", "tsTypeReference", "tsUnionType", "tsUnknownKeyword", "tsVoidKeyword", "unaryExpression",
  "variableDeclaration", "variableDeclarator", "whileStatement", "withStatement", "yieldExpression",
] as const;

export type Builders = Pick<typeof t, (typeof BUILDERS)[number]>;

/** The node type a builder makes (`tsTypeAnnotation` -> `TSTypeAnnotation`). */
function nodeType(builder: string): string {
  return builder.startsWith("ts") ? `TS${builder.slice(2)}` : builder[0]!.toUpperCase() + builder.slice(1);
}

function unvalidated(builder: string): (...args: unknown[]) => t.Node {
  const type = nodeType(builder);
  const keys = t.BUILDER_KEYS[type];
  const fields = t.NODE_FIELDS[type];
  if (keys === undefined || fields === undefined) throw new Error(`internal error: no Babel node type ${type}`);
  // An omitted argument takes the field's default where Babel's builder declares one: for the
  // optional fields and those whose default is not null (a fresh array for `[]`); a required
  // field's omitted argument stays undefined, as there.
  const defaults = keys.map((key) => {
    const field = fields[key];
    return field !== undefined && (field.optional === true || field.default !== null) ? field.default : undefined;
  });
  const bigint = type === "BigIntLiteral";
  return (...args) => {
    const node: Record<string, unknown> = { type };
    for (let i = 0; i < keys.length; i++) {
      let value = args[i];
      if (value === undefined) {
        const fallback = defaults[i];
        value = Array.isArray(fallback) ? [] : fallback;
      } else if (bigint && typeof value === "bigint") value = value.toString();
      node[keys[i]!] = value;
    }
    return node as unknown as t.Node;
  };
}

export const b = Object.fromEntries(BUILDERS.map((name) => [name, unvalidated(name)])) as unknown as Builders;
