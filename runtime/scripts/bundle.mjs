// The runtime as one prebuilt file, for a program's start to load and compile one module
// instead of the ~150 files of dist/ (run after tsc; esbuild is a build-time dependency only):
//   dist/pyts-runtime.js   the whole runtime as one ES module (`@pyts/runtime/bundle`);
//   dist/pyts-runtime-script.js  the same as a classic script (a function returning the exports), which
//                          `pyts run` compiles with a V8 code cache (Node 20 has none for ES
//                          modules) and preloads;
//   dist/pyts-stdlib-script.js, dist/pyts-asyncio-script.js  the standard-library modules' files
//                          and asyncio's, each compiled (with its own code cache) on first use;
//   dist/pyts-run.js       what programs under `pyts run` import: the preloaded runtime's
//                          exports, re-exported by name (`@pyts/runtime/run`).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const runtime = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(runtime, "dist");

// The bundle's entry: dist/index.js with its standard-library modules made lazy. Each
// `export { reModule as re } from "./re.js"` of modules/stdlib.js becomes a module object whose
// attribute names (read here from the built module) wait for the file's first use
// (lazyModule); the file is reached through require(), which esbuild turns into an
// initialiser it runs on that first use. A program's start then runs only the files the
// runtime's core needs.
const STDLIB_LINE = 'export * from "./modules/stdlib.js";';
const index = fs.readFileSync(path.join(dist, "index.js"), "utf8");
if (!index.includes(STDLIB_LINE)) throw new Error(`bundle.mjs: dist/index.js lacks the line ${STDLIB_LINE}`);
const built = await import(pathToFileURL(path.join(dist, "index.js")).href);
const lazy = [];
for (const line of fs.readFileSync(path.join(dist, "modules/stdlib.js"), "utf8").split("\n")) {
  const exported = /^export \{ (.*) \} from "(.*)";$/.exec(line);
  if (exported === null) continue;
  for (const specifier of exported[1].split(", ")) {
    const [local, name] = specifier.split(" as ");
    if (!/Module$/.test(local) || name === undefined) throw new Error(`bundle.mjs: modules/stdlib.ts exports ${specifier}, not a module object`);
    const module = built[name];
    const names = Object.entries(Object.getOwnPropertyDescriptors(module))
      .filter(([key]) => key !== "__name__")
      .map(([key, descriptor]) => [key, descriptor.enumerable === true]);
    if (names.some(([key]) => !/^[\w$]+$/.test(key))) throw new Error(`bundle.mjs: the module ${name} has an attribute name lazyModule's list cannot hold`);
    if (Object.getOwnPropertySymbols(module).length > 0) throw new Error(`bundle.mjs: the module ${name} has symbol keys, which a lazy module cannot forward`);
    lazy.push({ name, moduleName: module.__name__, names, file: `./modules/${exported[2].replace(/^\.\//, "")}` });
  }
}
// index.js's functions from standard-library modules' files (`export { threadSleep } from
// "./modules/time.js";`, what green threads call) forward to the file, loaded on the first
// call: the file stays out of the runtime's core, which every start loads.
const LAZY_FUNCTION = /^export \{ ([\w$]+) \} from "(\.\/modules\/[\w-]+\.js)";$/gm;
const lazyFiles = new Set(lazy.map(({ file }) => file));
for (const [, name, file] of index.matchAll(LAZY_FUNCTION)) {
  if (lazyFiles.has(file) && typeof built[name] !== "function") throw new Error(`bundle.mjs: index.js re-exports ${name} from ${file}, which is not a function a lazy export can forward to`);
}
/**
 * The entry: dist/index.js with each standard-library module made by `lazyModule`, its file
 * loaded by `load(file)`; `deferred`: each exported as the function making it (deferredModule),
 * which the script's export object calls in a getter (scriptExport).
 */
function lazyEntry(load, extra = [], deferred = false, asyncioLoad = null) {
  const forwarded = index.replace(LAZY_FUNCTION, (line, name, file) =>
    lazyFiles.has(file) ? `export function ${name}(...args) { return (${load(file)}).${name}.apply(this, args); }` : line,
  );
  const layered = asyncioLoad === null ? forwarded : asyncioApart(forwarded, asyncioLoad);
  return layered.replace(STDLIB_LINE, () =>
    [
      `import { ${deferred ? "deferredModule" : "lazyModule"} as $$lazyModule } from "./modules/module-object.js";`,
      ...lazy.map(({ name, moduleName, names, file }) => `const $${name} = $$lazyModule(${JSON.stringify(moduleName)}, ${JSON.stringify(names.map(([key, enumerable]) => (enumerable ? key : "!" + key)).join(" "))}, () => ${load(file)});`),
      `export { ${lazy.map(({ name }) => `$${name} as ${name}`).join(", ")} };`,
      ...extra,
    ].join("\n"),
  );
}
// asyncio and the timeline apart from `pyts run`'s core (a script of their own, compiled on
// the first use of asyncio): index.js's `export * from "./asyncio/index.js"` becomes the
// module object `asyncio` made on first use (deferredModule), each function export a function
// forwarding to the loaded file, each class export a getter (asyncioDeferred); the timeline
// loads only when PYTS_TIMELINE asks for it, started by pyts run once the core has run
// ($$startTimeline: asyncio's script needs the core's $$internals).
const ASYNCIO_LINE = 'export * from "./asyncio/index.js";';
const TIMELINE_LINES = 'import { startTimelineFromEnvironment } from "./timeline/index.js";\nstartTimelineFromEnvironment();';
if (!index.includes(ASYNCIO_LINE) || !index.includes(TIMELINE_LINES)) throw new Error("bundle.mjs: dist/index.js lacks the asyncio or timeline lines the core script leaves out");
const ASYNCIO_FILE = "./asyncio/index.js";
const asyncioBuilt = await import(pathToFileURL(path.join(dist, "asyncio/index.js")).href);
const isClass = (value) => typeof value === "function" && /^class\b/.test(Function.prototype.toString.call(value));
const asyncioDeferred = new Set(Object.keys(asyncioBuilt).filter((name) => name === "asyncio" || typeof asyncioBuilt[name] !== "function" || isClass(asyncioBuilt[name])));
function asyncioApart(text, load) {
  const module = asyncioBuilt.asyncio;
  const names = Object.entries(Object.getOwnPropertyDescriptors(module))
    .filter(([key]) => key !== "__name__")
    .map(([key, descriptor]) => (descriptor.enumerable === true ? key : "!" + key));
  if (names.some((key) => !/^!?[\w$]+$/.test(key))) throw new Error("bundle.mjs: the asyncio module has an attribute name deferredModule's list cannot hold");
  const exports = Object.keys(asyncioBuilt).map((name) =>
    name === "asyncio"
      ? `export const asyncio = $$deferredAsyncio("asyncio", ${JSON.stringify(names.join(" "))}, () => ${load(ASYNCIO_FILE)});`
      : asyncioDeferred.has(name)
        ? `export const ${name} = () => (${load(ASYNCIO_FILE)}).${name};`
        : `export function ${name}(...args) { return (${load(ASYNCIO_FILE)}).${name}.apply(this, args); }`,
  );
  return text
    .replace(ASYNCIO_LINE, () => ['import { deferredModule as $$deferredAsyncio } from "./modules/module-object.js";', ...exports].join("\n"))
    // Small files the standard-library modules share with asyncio (the timeline recording's
    // binding, the thread sleep, SimpleNamespace), kept in the core so that `import time`
    // (time.sleep, get_clock_info) does not load asyncio's script.
    .replace(TIMELINE_LINES, () => `import { recording as $$recording } from "./core/recording.js";\nimport { sleepThread as $$sleepThread } from "./core/sleep-thread.js";\nimport { SimpleNamespace as $$SimpleNamespace } from "./modules/simple-namespace.js";\nimport { environment as $$environment } from "./core/host.js";\nexport function $$startTimeline() { if ($$environment("PYTS_TIMELINE")) (${load("./timeline/index.js")}).startTimelineFromEnvironment(); }`);
}
// Files the core's files import that `pyts run`'s core leaves to the modules' script: each is
// large (the character names' data is ~360 KB, a third of the core) and used only by rare
// paths of the core (the `namereplace` error handler; `__doc__` of built-in functions and
// methods, with ~50 KB of docstrings; glibc's atan2 and its table, for complex numbers). In
// the core, an import of one reads a stand-in whose functions forward to the file, loaded
// through the modules' script on the first call. Every export of such a file must be a function.
const DEFERRED_CORE_FILES = ["./modules/unicode-names.js", "./values/builtin-docs.js", "./modules/libm-atan2.js"];
const deferredExports = new Map();
for (const file of DEFERRED_CORE_FILES) {
  const built = await import(pathToFileURL(path.join(dist, file)).href);
  const names = Object.keys(built);
  if (names.some((name) => typeof built[name] !== "function")) throw new Error(`bundle.mjs: ${file} exports more than functions, which the core's stand-in cannot forward`);
  deferredExports.set(path.join(dist, file), { file, names });
}
/** The core's stand-ins for DEFERRED_CORE_FILES, each function loading the file by `load(file)`. */
const deferredInCore = (load) => ({
  name: "pyts-deferred-core-files",
  setup(build) {
    build.onResolve({ filter: /^\./ }, (args) => {
      const file = path.resolve(args.resolveDir, args.path);
      return deferredExports.has(file) ? { path: file, namespace: "pyts-deferred" } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: "pyts-deferred" }, (args) => {
      const { file, names } = deferredExports.get(args.path);
      return { contents: names.map((name) => `export function ${name}(...args) { return (${load(file)}).${name}.apply(this, args); }`).join("\n"), loader: "js" };
    });
  },
});
const entry = path.join(dist, "bundle-entry.js");
const common = {
  entryPoints: [entry],
  bundle: true,
  // The runtime reaches Node only through core/host.ts (process.getBuiltinModule), so the
  // bundle has no imports at all.
  platform: "neutral",
  target: "es2022",
  // Python-visible names come from JS class and function names in places: a name esbuild
  // renames to avoid a clash between two files must keep its `.name`.
  keepNames: true,
  // PYTS_BUNDLE_READABLE=1 keeps lines (for profiles that name the line of a hot spot).
  minifyWhitespace: process.env.PYTS_BUNDLE_READABLE !== "1",
  minifySyntax: true,
  // Local names kept: most functions' `.name` is then already the one keepNames sets (see
  // NAME_HELPER below), which costs more than the shorter text saves.
  minifyIdentifiers: false,
  legalComments: "none",
  logLevel: "warning",
};

// 1. The ES module: one file, the modules' files reached through require().
fs.writeFileSync(entry, lazyEntry((file) => `require(${JSON.stringify(file)})`));
const esm = await build({ ...common, format: "esm", outfile: path.join(dist, "pyts-runtime.js"), metafile: true });
const everyFile = esm.metafile.inputs;

// 2. The scripts pyts run compiles (each with its V8 code cache): the core, and the
// standard-library modules' files apart, compiled on the first use of one. The core's files
// are those the entry reaches without the modules; the modules' script reaches the core's
// through `internals` (per core file, by path, a function making an object of its exports), which the core hands it.
const STDLIB_HOOK = 'globalThis[Symbol.for("@pyts/runtime/stdlib")]';
const ASYNCIO_HOOK = 'globalThis[Symbol.for("@pyts/runtime/asyncio")]';
const coreLoad = (file) => `${STDLIB_HOOK}(${JSON.stringify(file)})`;
const asyncioLoad = (file) => `${ASYNCIO_HOOK}(${JSON.stringify(file)})`;
fs.writeFileSync(entry, lazyEntry(coreLoad, [], false, asyncioLoad));
const coreProbe = await build({ ...common, plugins: [deferredInCore(coreLoad)], format: "esm", write: false, metafile: true });
const coreFiles = new Set(Object.keys(coreProbe.metafile.inputs).filter((f) => f !== path.relative(process.cwd(), entry) && !f.startsWith("pyts-deferred:")));
// asyncio's script: the files asyncio and the timeline reach beyond the core's (with the few
// standard-library files they use, such as enum's, which the modules' script then reaches here).
const asyncioProbe = await build({ ...common, plugins: [deferredInCore(coreLoad)], entryPoints: [path.join(dist, "asyncio/index.js"), path.join(dist, "timeline/index.js")], outdir: dist, format: "esm", write: false, metafile: true });
const asyncioFiles = new Set(Object.keys(asyncioProbe.metafile.inputs).filter((f) => !coreFiles.has(f) && !f.startsWith("pyts-deferred:")));
const shared = [...new Set(Object.entries(everyFile).flatMap(([file, { imports }]) => (coreFiles.has(file) ? [] : imports.map((i) => i.path).filter((i) => coreFiles.has(i)))))].sort();
const distPath = (file) => "./" + path.relative(dist, path.resolve(file)).split(path.sep).join("/");
// Each shared file's exports reach the modules' script as an object made on its first use
// (a function per file): namespace objects (`import * as`) for the ~110 shared files would
// define over a thousand getters as the core starts, which most programs never read.
const sharedExports = await Promise.all(shared.map(async (file) => Object.keys(await import(pathToFileURL(path.resolve(file)).href))));
const lazyExports = (names, i) => `() => ({ ${names.map((name, j) => `get ${JSON.stringify(name)}() { return $$core${i}$${j}; }`).join(", ")} })`;
fs.writeFileSync(
  entry,
  lazyEntry(coreLoad, [
    ...shared.map((file, i) => `import { ${sharedExports[i].map((name, j) => `${JSON.stringify(name)} as $$core${i}$${j}`).join(", ")} } from ${JSON.stringify(distPath(file))};`),
    `export const $$internals = { ${[
      ...shared.map((file, i) => `${JSON.stringify(distPath(file))}: ${lazyExports(sharedExports[i], i)}`),
      ...[...asyncioFiles].map((file) => `${JSON.stringify(distPath(file))}: () => ${asyncioLoad(distPath(file))}`),
    ].join(", ")} };`,
    'export { initialiseLazy as $$initialiseLazy } from "./modules/module-object.js";',
    'export { programStarted as $$programStarted } from "./modules/program-modules.js";',
  ], true, asyncioLoad),
);
// The core hands out its exports as one plain object (what pyts-run.js reads them from, once):
// no getter per name, as an ES module namespace would need, except for the standard-library
// modules, each made on its first read (deferredModule).
const exportNames = Object.values(esm.metafile.outputs)[0].exports.filter((name) => name !== "default");
const scriptEntry = path.join(dist, "script-entry.js");
const allNames = [...exportNames, "$$internals", "$$initialiseLazy", "$$programStarted", "$$startTimeline"];
const deferredNames = new Set([...lazy.map(({ name }) => name), ...asyncioDeferred]);
const scriptExport = (name, i) => (deferredNames.has(name) ? `get ${JSON.stringify(name)}() { return $${i}(); }` : `${JSON.stringify(name)}: $${i}`);
fs.writeFileSync(
  scriptEntry,
  `import { ${allNames.map((name, i) => `${name} as $${i}`).join(", ")} } from "./bundle-entry.js";\nexport default { ${allNames.map(scriptExport).join(", ")} };\n`,
);
// Function expressions (strict, as the ES modules they were built from) that `pyts run`
// compiles as they are read, with no copy of the text to wrap them.
await build({
  ...common,
  plugins: [deferredInCore(coreLoad)],
  entryPoints: [scriptEntry],
  format: "iife",
  globalName: "pytsRuntime",
  banner: { js: '(function () {"use strict";' },
  footer: { js: "return pytsRuntime.default;})" },
  outfile: path.join(dist, "pyts-runtime-script.js"),
});
fs.rmSync(scriptEntry);
const stdlibEntry = path.join(dist, "stdlib-entry.js");
fs.writeFileSync(
  stdlibEntry,
  `export function load(file) {\n  switch (file) {\n${[...new Set([...lazy.map(({ file }) => file), ...DEFERRED_CORE_FILES])].map((file) => `    case ${JSON.stringify(file)}: return require(${JSON.stringify(file)});`).join("\n")}\n  }\n  throw new Error("pyts runtime: no module file " + file);\n}\n`,
);
/**
 * The shared core files whose exports never change once the core has run (no exported `let`
 * or `var`; TypeScript forbids assigning to a function or class): their names, by path.
 */
const fixedExports = new Map();
shared.forEach((file, i) => {
  const text = fs.readFileSync(path.resolve(file), "utf8");
  const variableLines = text.split("\n").filter((line) => /^(export )?(let|var) /.test(line));
  const names = sharedExports[i];
  const variable = (name) => variableLines.some((line) => new RegExp(`(^|[^\\w$])${name.replace(/\$/g, "\\$")}([^\\w$]|$)`).test(line));
  if (names.every((name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== "default" && !variable(name))) fixedExports.set(distPath(file), names);
});
/**
 * The files of another script (`elsewhere`), each reached through `internals` (the core's
 * $$internals). A core file whose exports are fixed becomes a module of constants read once,
 * as the script first uses it: its functions are then called straight, where a CommonJS
 * stand-in's would be read through two getters at every use (esbuild's interop object, then
 * the core's lazy one), which costs most before V8 has optimised the caller (a cold start).
 */
const filesElsewhere = (elsewhere) => ({
  name: "pyts-core-files",
  setup(build) {
    build.onResolve({ filter: /^\./ }, (args) => {
      const file = path.relative(process.cwd(), path.resolve(args.resolveDir, args.path));
      return elsewhere.has(file) ? { path: distPath(file), namespace: "pyts-core" } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: "pyts-core" }, (args) => {
      const reach = `internals[${JSON.stringify(args.path)}]()`;
      const names = fixedExports.get(args.path);
      if (names === undefined || names.length === 0) return { contents: `module.exports = ${reach};`, loader: "js" };
      return { contents: `const $$file = ${reach};\nexport const ${names.map((name) => `${name} = $$file.${name}`).join(", ")};\n`, loader: "js" };
    });
  },
});
await build({
  ...common,
  entryPoints: [stdlibEntry],
  plugins: [filesElsewhere(new Set([...coreFiles, ...asyncioFiles]))],
  format: "iife",
  globalName: "pytsStdlib",
  banner: { js: '(function (internals) {"use strict";' },
  footer: { js: "return pytsStdlib;})" },
  outfile: path.join(dist, "pyts-stdlib-script.js"),
});
fs.rmSync(stdlibEntry);
// asyncio's files (an asyncio or timeline file first initialises asyncio's index, in the
// order the core's ES module runs them: events.js before futures and tasks).
const asyncioEntry = path.join(dist, "asyncio-entry.js");
fs.writeFileSync(
  asyncioEntry,
  `export function load(file) {\n  if (/^\\.\\/(asyncio|timeline)\\//.test(file)) require(${JSON.stringify(ASYNCIO_FILE)});\n  switch (file) {\n${[...asyncioFiles].map((file) => `    case ${JSON.stringify(distPath(file))}: return require(${JSON.stringify(distPath(file))});`).join("\n")}\n  }\n  throw new Error("pyts runtime: no asyncio file " + file);\n}\n`,
);
await build({
  ...common,
  entryPoints: [asyncioEntry],
  plugins: [filesElsewhere(coreFiles)],
  format: "iife",
  globalName: "pytsAsyncio",
  banner: { js: '(function (internals) {"use strict";' },
  footer: { js: "return pytsAsyncio;})" },
  outfile: path.join(dist, "pyts-asyncio-script.js"),
});
fs.rmSync(asyncioEntry);

// Renamed on the way (`$enum as enum`): some export names are reserved words as bindings.
const names = exportNames;
fs.writeFileSync(
  path.join(dist, "pyts-run.js"),
  `// Generated by scripts/bundle.mjs: the runtime \`pyts run\` preloaded (dist/pyts-runtime-script.js), by name.
const runtime = globalThis[Symbol.for("@pyts/runtime")];
if (runtime === undefined) throw new Error("@pyts/runtime/run is the runtime of programs started by pyts run; import @pyts/runtime elsewhere");
const { ${names.map((n) => `${n}: $${n}`).join(", ")} } = runtime;
export { ${names.map((n) => `$${n} as ${n}`).join(", ")} };
`,
);
// keepNames's helper sets `.name` on every function and class as its file initialises (over a
// thousand at a start): it now leaves a function alone whose name is already right, as most
// are (identifiers are not minified), so that only names esbuild changed cost a defineProperty.
const NAME_HELPER = /var __name\s*=\s*\((\w+),\s*(\w+)\)\s*=>\s*(\w+)\(\1,\s*"name",\s*\{\s*(?:value|value:\s*\2),\s*configurable:\s*(?:!0|true)\s*\}\)/;
for (const file of ["pyts-runtime.js", "pyts-runtime-script.js", "pyts-stdlib-script.js", "pyts-asyncio-script.js"]) {
  const text = fs.readFileSync(path.join(dist, file), "utf8");
  if (!NAME_HELPER.test(text)) throw new Error(`bundle.mjs: dist/${file} lacks esbuild's __name helper in the expected form`);
  fs.writeFileSync(path.join(dist, file), text.replace(NAME_HELPER, (_, target, value, define) => `var __name=(${target},${value})=>${target}.name===${value}?${target}:${define}(${target},"name",{value:${value},configurable:!0})`));
}
// In the modules' and asyncio's scripts every CommonJS module is a file of another script
// (filesElsewhere), whose exports object is ES-module-like already (named exports only): each
// import of one reads it as it is, where esbuild's __toESM copied every export into a new object
// per importing file (~13 ms of asyncio's load).
if (sharedExports.some((names) => names.includes("default"))) throw new Error("bundle.mjs: a core file shared with the other scripts has a default export, which their imports need __toESM for");
for (const script of ["pyts-stdlib-script.js", "pyts-asyncio-script.js"]) {
  const text = fs.readFileSync(path.join(dist, script), "utf8");
  const modules = [...text.matchAll(/__commonJS\(\{"([^"]*)"/g)].map(([, name]) => name);
  if (modules.some((name) => !name.startsWith("pyts-core:"))) throw new Error(`bundle.mjs: dist/${script} bundles a CommonJS module that is not another script's file`);
  fs.writeFileSync(path.join(dist, script), text.replace(/__toESM\((require_[\w$]+\(\)),1\)/g, "$1"));
}
// pyts run reads the scripts as latin1 (src/cli/run-program.ts): esbuild escapes what is not ASCII.
// (The readable build keeps comments, which may not be: read as latin1 they only garble.)
for (const script of ["pyts-runtime-script.js", "pyts-stdlib-script.js", "pyts-asyncio-script.js"]) {
  if (process.env.PYTS_BUNDLE_READABLE !== "1" && fs.readFileSync(path.join(dist, script)).some((byte) => byte > 0x7f)) throw new Error(`bundle.mjs: dist/${script} is not ASCII`);
}
// The entry served esbuild only.
fs.rmSync(entry);
