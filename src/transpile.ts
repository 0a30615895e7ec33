// The library entry: Python source in, TypeScript module (and source map) out.
import { parseModule, type CompileWarning } from "./frontend/parse.js";
import { lowerModule } from "./lower/module.js";
import { stackExhausted } from "./frontend/depth.js";
import { emitModule } from "./codegen/emit.js";
import type { SourceMapV3 } from "./codegen/source-map.js";
import { decodeSource } from "./frontend/encoding.js";
import type { ProgramResolver } from "./lower/program-imports.js";
import type { ThreadUse } from "./lower/thread-switches.js";
import { OutOfStack } from "./frontend/ast.js";
import { onLargeStack, transpileOnLargeStack } from "./large-stack.js";

/** The runtime's package name: emitted code imports it, and needs nothing else. */
export const RUNTIME_PACKAGE = "@pyts/runtime";

export type { ProgramResolver };

/** Which module of a program is being converted, and how its imports resolve. */
export interface ModuleOptions {
  /** its dotted name (`pkg.sub`; `pkg` for `pkg/__init__.py`; the entry script's own name) */
  name: string;
  /** the file is a package's `__init__.py` */
  isPackage?: boolean;
  /**
   * the program's modules by dotted name (packages included; `starNames`: what `from m import *`
   * binds, when some module does that), or a resolver
   */
  modules: ReadonlyMap<string, { isPackage: boolean; starNames?: readonly string[]; awaitsAtImport?: boolean; blockingFunctions?: readonly string[]; blockingMethods?: readonly string[]; waitingGenerators?: readonly string[]; programBlockingMethods?: readonly string[]; programThreads?: ThreadUse; programImportsInspect?: boolean }> | ProgramResolver;
  /** the module only runs as the program's entry, never imported (its defs can be optimised as a lone file's) */
  entryOnly?: boolean;
  /**
   * The module is bundled (pyts/esbuild): each program module it imports is also named in a
   * `require` call the bundler follows (run lazily, at the Python import), and the module
   * reports `url` (its source's place) rather than the bundle's `import.meta.url`; `main`
   * marks the bundle's entry point. Needs `javascript`.
   */
  bundle?: { url: string; main?: boolean };
}
export interface TranspileOptions {
  /** the .py path shown in diagnostics and recorded in the source map */
  filename?: string;
  /** the .ts file name recorded in the source map */
  outName?: string;
  /** where emitted code imports the runtime from (default RUNTIME_PACKAGE) */
  runtimeModule?: string;
  /** format the TypeScript with prettier (default true; `pyts run` skips it) */
  format?: boolean;
  /** emit JavaScript instead of TypeScript (the types stripped; `pyts run` executes it) */
  javascript?: boolean;
  /**
   * The module's place in a program of several modules: imports of the program's modules
   * are resolved at compile time and emitted as relative `.js` imports run at the point of
   * the Python import; globals become module-object attributes and named exports. Without
   * it, the module is a lone program (imports of other .py files are refused).
   */
  module?: ModuleOptions;
}

export interface TranspileResult {
  code: string;
  map: SourceMapV3;
  /** the warnings CPython's compiler issues for this source (SyntaxWarning), in its order */
  warnings: CompileWarning[];
  /** with `module`: the program modules this one imports (dotted names, parents first) */
  imports: string[];
  /** with `module`: it also imports modules by names computed at run time (importlib.import_module(name)) */
  importsComputed: boolean;
}

/**
 * `source` is the text, or the file's bytes (decoded as CPython reads a file: PEP 263 coding
 * comment, UTF-8 BOM, strict UTF-8 by default). Throws DiagnosticError (with file positions)
 * for input pyts cannot convert.
 */
export async function transpile(source: string | Uint8Array, options: TranspileOptions = {}): Promise<TranspileResult> {
  try {
    return await convert(source, options);
  } catch (e) {
    // code nested hundreds of levels deep: again, on a thread with room for it
    if (!(e instanceof OutOfStack) || onLargeStack()) throw e;
    const modules = options.module?.modules;
    return await transpileOnLargeStack(source, options, modules && !(modules instanceof Map) ? resolverOf(modules) : null, e);
  }
}

async function convert(source: string | Uint8Array, options: TranspileOptions): Promise<TranspileResult> {
  const filename = options.filename ?? "<stdin>";
  const text = typeof source === "string" ? source : decodeSource(source, filename);
  const parsed = parseModule(text, filename);
  const { module, warnings } = parsed;
  const comments = parsed.comments.map((c) => ({ line: c.line, col: c.col, ownLine: c.ownLine, text: c.text.replace(/^#/, "") }));
  const sourceLines = text.split(/\r\n?|\n/);
  const program = options.module && { name: options.module.name, isPackage: options.module.isPackage ?? false, entryOnly: options.module.entryOnly, bundle: options.module.bundle, resolver: resolverOf(options.module.modules) };
  try {
    const ir = lowerModule(module, { runtimeModule: options.runtimeModule ?? RUNTIME_PACKAGE, comments, sourceLines, program, filename: options.filename });
    // The map's copy of the source has CPython's line breaks (\r\n and \r read as \n), so a
    // line number picks the same line in it as in CPython's traceback.
    const emitted = await emitModule(ir, { sourceName: filename, sourceText: text.replace(/\r\n?/g, "\n"), outName: options.outName ?? filename.replace(/\.py$/, options.javascript ? ".js" : ".ts"), format: options.format, javascript: options.javascript });
    return { ...emitted, warnings, imports: ir.programImports ?? [], importsComputed: ir.computedImport === true };
  } catch (e) {
    throw stackExhausted(module, e) ?? e;
  }
}

/** The text of a Python source file's bytes, as CPython decodes it (for code frames too). */
export { decodeSource };

function resolverOf(modules: ModuleOptions["modules"]): ProgramResolver {
  if (!(modules instanceof Map)) return modules as ProgramResolver;
  const map = modules as ReadonlyMap<string, { isPackage: boolean; starNames?: readonly string[]; awaitsAtImport?: boolean; blockingFunctions?: readonly string[]; blockingMethods?: readonly string[]; waitingGenerators?: readonly string[]; programBlockingMethods?: readonly string[]; programThreads?: ThreadUse; programImportsInspect?: boolean }>;
  return { find: (name) => map.get(name) ?? null, starNames: (name) => map.get(name)?.starNames ?? null, awaitsAtImport: (name) => map.get(name)?.awaitsAtImport === true, blockingFunctions: (name) => map.get(name)?.blockingFunctions ?? null, blockingMethods: (name) => map.get(name)?.blockingMethods ?? null, waitingGenerators: (name) => map.get(name)?.waitingGenerators ?? null, programBlockingMethods: (name) => map.get(name)?.programBlockingMethods ?? null, programThreads: (name) => map.get(name)?.programThreads ?? null, programImportsInspect: (name) => map.get(name)?.programImportsInspect === true };
}
