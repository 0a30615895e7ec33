// Codegen entry: IR module -> Babel program -> text (@babel/generator) -> prettier, with a
// line-level source map back to the Python file.
import * as t from "@babel/types";
import * as generatorModule from "@babel/generator";
import type { ModuleIr } from "../lower/ir.js";
import { BabelBuilder, type RuntimeImports } from "./to-babel.js";
import { buildSourceMap, type Mapping, type SourceMapV3 } from "./source-map.js";
import { callSpans } from "./call-spans.js";

// @babel/generator is CommonJS; under NodeNext its default export is the module object.
type Generate = typeof import("@babel/generator").default;
const generate: Generate =
  (generatorModule as unknown as { default: Generate & { default?: Generate } }).default.default ??
  (generatorModule as unknown as { default: Generate }).default;

export interface EmitOptions {
  /** the .py path as it should appear in the source map */
  sourceName: string;
  sourceText: string;
  /** the .ts file name recorded in the source map */
  outName: string;
  /** format with prettier (skipped when the code is only run, never read) */
  format?: boolean;
}

export interface EmitResult {
  code: string;
  map: SourceMapV3;
}

/** Marker comments carry Python positions through formatting: `/*@py 12:4*\/`. */
const MARKER = /\/\*@py (\d+):(\d+)\*\/ ?/g;

/** Words a binding cannot be named in a module (`enum` is a runtime export, so it gets an alias). */
const RESERVED_WORDS = new Set(["enum", "await", "yield", "let", "static", "implements", "interface", "package", "private", "protected", "public"]);

class RuntimeImportTable implements RuntimeImports {
  readonly used = new Map<string, string>();
  constructor(private readonly userNames: Set<string>) {}

  local(name: string): string {
    let local = this.used.get(name);
    if (local === undefined) {
      local = name;
      while (this.userNames.has(local) || RESERVED_WORDS.has(local)) local += "_";
      this.used.set(name, local);
    }
    return local;
  }
}

export async function emitModule(module: ModuleIr, options: EmitOptions): Promise<EmitResult> {
  const imports = new RuntimeImportTable(module.userNames);
  const builder = new BabelBuilder(imports, options.sourceName);
  const body = builder.stmts(module.body);
  markPositions(body);

  const specifiers = [...imports.used.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, local]) => t.importSpecifier(t.identifier(local), t.identifier(name)));
  const program: t.Statement[] = [];
  if (specifiers.length) program.push(t.importDeclaration(specifiers, t.stringLiteral(module.runtimeModule)));
  program.push(...body);
  if (!module.topLevelAwait && !specifiers.length) program.push(t.exportNamedDeclaration(null, []));

  const file = t.file(t.program(program, [], "module"));
  const raw = generate(file, { comments: true }).code;
  // prettier is loaded only when formatting: `pyts run` starts faster without it.
  const formatted =
    options.format === false
      ? raw
      : await (await import("prettier")).format(raw, { parser: "typescript", printWidth: 100, objectWrap: "collapse" });
  const result = stripMarkers(formatted, options);
  const spans = callSpans(file, result.code);
  if (spans.length) result.map.x_pyts_calls = spans;
  return result;
}

/** Tag each statement (recursively) with its Python position as a leading block comment. */
function markPositions(statements: t.Node[]): void {
  for (const node of statements) {
    t.traverseFast(node, (inner) => {
      if (!t.isStatement(inner) && !t.isClassMethod(inner) && !t.isClassProperty(inner)) return;
      if (t.isBlockStatement(inner) || !inner.loc) return;
      const marker: t.CommentBlock = { type: "CommentBlock", value: `@py ${inner.loc.start.line}:${inner.loc.start.column}` };
      // The marker goes after any Python comments so they keep their own lines.
      inner.leadingComments = [...(inner.leadingComments ?? []), marker];
    });
  }
}

function stripMarkers(formatted: string, options: EmitOptions): EmitResult {
  const mappings: Mapping[] = [];
  const pythonLines = options.sourceText.split(/\r?\n/);
  const out: string[] = [];
  let pendingMarker: { srcLine: number; srcCol: number } | null = null;
  for (const line of formatted.split("\n")) {
    // A marker alone on its line belongs to the statement on the next line.
    const alone = /^\s*\/\*@py (\d+):(\d+)\*\/\s*$/.exec(line);
    if (alone) {
      pendingMarker = { srcLine: Number(alone[1]), srcCol: Number(alone[2]) };
      continue;
    }
    let text = line;
    const found: { col: number; srcLine: number; srcCol: number }[] = [];
    let match: RegExpExecArray | null;
    MARKER.lastIndex = 0;
    while ((match = MARKER.exec(text)) !== null) {
      found.push({ col: match.index, srcLine: Number(match[1]), srcCol: Number(match[2]) });
      text = text.slice(0, match.index) + text.slice(match.index + match[0].length);
      MARKER.lastIndex = match.index;
    }
    if (pendingMarker) {
      found.unshift({ col: text.length - text.trimStart().length, ...pendingMarker });
      pendingMarker = null;
    }
    // A statement that follows a blank line in the Python source keeps one here.
    const first = found[0];
    if (first && first.col === text.length - text.trimStart().length && blankBefore(pythonLines, first.srcLine)) {
      // The blank goes above the statement's own leading comments.
      let at = out.length;
      while (at > 0 && out[at - 1]!.trimStart().startsWith("//")) at--;
      const previous = out[at - 1];
      if (previous !== undefined && previous.trim() !== "" && !previous.trimEnd().endsWith("{")) {
        out.splice(at, 0, "");
        for (const m of mappings) if (m.genLine >= at) m.genLine++;
      }
    }
    for (const f of found) mappings.push({ genLine: out.length, genCol: f.col, srcLine: f.srcLine, srcCol: f.srcCol });
    out.push(text);
  }
  const code = out.join("\n");
  return { code, map: buildSourceMap(options.outName, options.sourceName, options.sourceText, mappings) };
}

/** Is the Python line before `line` (skipping comment lines) blank? */
function blankBefore(lines: string[], line: number): boolean {
  for (let i = line - 2; i >= 0; i--) {
    const text = lines[i]!.trim();
    if (text === "") return true;
    if (!text.startsWith("#") && !text.startsWith("@")) return false;
  }
  return false;
}
