// Codegen of a snippet (source run by eval/exec, lower/snippet.ts): the body of a JavaScript
// function `($rt, $scope) => ...` that the runtime builds with `new Function`. The runtime's
// names come from `$rt` (destructured as a module would import them); the code runs in a
// strict function inside `with ($scope)`, the one sloppy statement, so each Python global the
// snippet names is found in the namespace the runtime's scope object answers from.
import * as t from "@babel/types";
import { b } from "./build.js";
import * as generatorModule from "@babel/generator";
import type { ModuleIr } from "../lower/ir.js";
import { BabelBuilder } from "./to-babel.js";
import { markPositions, RuntimeImportTable } from "./emit.js";
import { extractPositions, MarkerCount, markerTokens } from "./positions.js";
import { stripTypes } from "./strip-types.js";
import { SNIPPET_SCOPE } from "../lower/snippet.js";

type Generate = typeof import("@babel/generator").default;
const generate: Generate =
  (generatorModule as unknown as { default: Generate & { default?: Generate } }).default.default ??
  (generatorModule as unknown as { default: Generate }).default;

/** The top level's function: its frames in a JS stack are the `<module>` frame (runtime/lang/frames.ts). */
const SNIPPET_MODULE_FUNCTION = "$module";

/** The parameter holding the runtime's exports. */
export const SNIPPET_RUNTIME = "$rt";

export interface EmittedSnippet {
  body: string;
  /** [generated line (0-based), Python line (1-based)] of each statement that begins a line, for tracebacks */
  lines: [number, number][];
}

export function emitSnippet(module: ModuleIr, filename: string): EmittedSnippet {
  const imports = new RuntimeImportTable(module.userNames);
  const builder = new BabelBuilder(imports, filename, { blankLines: false });
  const body = builder.stmts(module.body);
  markPositions(builder.positioned);
  const names = [...imports.used.entries()].map(([name, local]) => b.objectProperty(b.identifier(name), b.identifier(local), false, name === local));
  const inner: t.Statement[] = [b.expressionStatement(b.stringLiteral("use strict"))];
  if (names.length) inner.push(b.variableDeclaration("const", [b.variableDeclarator(b.objectPattern(names), b.identifier(SNIPPET_RUNTIME))]));
  inner.push(...body);
  const run = b.callExpression(b.memberExpression(b.functionExpression(b.identifier(SNIPPET_MODULE_FUNCTION), [], b.blockStatement(inner), false, module.topLevelAwait), b.identifier("call")), [b.identifier("undefined")]);
  const program = b.program([b.withStatement(b.identifier(SNIPPET_SCOPE), b.blockStatement([b.returnStatement(run)]))], [], "script");
  const file = b.file(program);
  stripTypes(file);
  // The statements' position markers (positions.ts) give the Python line of each generated line.
  const count = new MarkerCount();
  const raw = generate(file, { comments: true, shouldPrintComment: count.shouldPrintComment }).code;
  const markers = markerTokens(raw, count.positions, count.blanks);
  if (markers === null) return { body: generate(file, { comments: false }).code, lines: [] };
  const { code, mappings } = extractPositions(raw, { comments: markers });
  const lines = new Map<number, number>();
  for (const m of mappings) if (!lines.has(m.genLine)) lines.set(m.genLine, m.srcLine);
  return { body: code, lines: [...lines] };
}
