// `pyts build`: convert a tree of .py files into an output folder, as a build script expects:
// unchanged files are skipped, `--check` only verifies, diagnostics can be read by machines.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { convertAll } from "./convert-pool.js";
import { ConversionFailed, checkNotInput, collectPythonFiles, writeOutput, writeStdout, type FileDiagnostic, type SourceMapMode } from "./convert.js";
import { ProgramTree, programModules } from "./program.js";
import { globMatcher } from "./exclude.js";
import { modulesNeedingTwins, twinPath, updateTwins, type ModuleImports } from "./entry-twins.js";

/** Folders a build never enters unless asked: environments, caches, dependencies, dot folders. */
export { DEFAULT_EXCLUDES } from "./exclude.js";

export interface BuildOptions {
  paths: string[];
  outDir: string;
  check: boolean;
  exclude: string[];
  quiet: boolean;
  json: boolean;
  colour: boolean;
  runtimeModule?: string;
  format: boolean;
  sourceMap: SourceMapMode;
  version: string;
  /** name each file converted and why (a `--watch` rebuild) */
  reportFiles?: boolean;
}

/** "orphaned" (with --check): an output whose input is gone */
type FileStatus = "converted" | "up to date" | "stale" | "missing" | "failed" | "orphaned";

interface FileOutcome {
  file: string;
  output: string;
  status: FileStatus;
  diagnostics: FileDiagnostic[];
  report?: string;
}

/** What a written output records about its input, so an unchanged input is not converted again. */
interface BuildStamp {
  version: string;
  sourceHash: string;
  options: string;
  /** the program modules the file imports, and what its conversion read of them */
  imports?: string[];
  /** it also imports names computed at run time */
  computed?: boolean;
  deps?: string;
  /** the waiting methods of the programs it is part of, which its conversion awaits the calls of */
  programMethods?: string;
  /** the input's absolute path: when it is gone, the build removes its outputs */
  source?: string;
}

function sourceHash(file: string): string {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** The build's record in the output folder: a stamp for each output, by its path relative to the folder. */
const MANIFEST = ".pyts-build.json";

function readManifest(outDir: string): Record<string, BuildStamp> {
  try {
    const data = JSON.parse(fs.readFileSync(path.join(outDir, MANIFEST), "utf8")) as unknown;
    return typeof data === "object" && data !== null ? (data as Record<string, BuildStamp>) : {};
  } catch {
    return {}; // none yet, or unreadable: everything is converted again
  }
}

function writeManifest(outDir: string, manifest: Record<string, BuildStamp>): void {
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, MANIFEST);
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(manifest, null, 1) + "\n");
  fs.renameSync(temporary, file);
}

export async function runBuild(options: BuildOptions): Promise<number> {
  const started = performance.now();
  const excluded = options.exclude.map(globMatcher);
  const skippedLinks: string[] = [];
  const inputs = collectPythonFiles(options.paths, (file, why) => skippedLinks.push(`${file}: ${why}`)).filter(
    ({ relative }) => !excluded.some((matches) => matches(relative.split(path.sep).join("/"))),
  );
  if (!options.json) for (const line of skippedLinks) process.stderr.write(`pyts: skipping ${line}\n`);

  // Two inputs that map to one output would overwrite each other: refuse before writing anything.
  const sources = new Map<string, string>();
  for (const { file, relative } of inputs) {
    const outFile = path.resolve(options.outDir, relative.replace(/\.py$/, ".ts"));
    const earlier = sources.get(outFile);
    if (earlier !== undefined) throw new ConversionFailed(`pyts: ${earlier} and ${file} would both be written to ${outFile}`);
    sources.set(outFile, file);
    checkNotInput(file, outFile);
  }
  // A module's twin (entry-twins.ts) must not overwrite another input's output either.
  for (const [outFile, file] of sources) {
    const other = sources.get(twinPath(outFile));
    if (other !== undefined) throw new ConversionFailed(`pyts: ${other} would be written to ${twinPath(outFile)}, where the build puts the twin of ${file}`);
  }

  // Each root is a program: its modules import each other by dotted name from the root.
  const rootOf = (file: string, relative: string): string => path.resolve(file.slice(0, file.length - relative.length) || ".");
  const byRoot = new Map<string, string[]>();
  for (const { file, relative } of inputs) byRoot.set(rootOf(file, relative), [...(byRoot.get(rootOf(file, relative)) ?? []), file]);
  const programs = new Map([...byRoot].map(([root, files]) => [root, { tree: new ProgramTree(root), ...programModules(root, files) }]));
  const settings = JSON.stringify({ runtimeModule: options.runtimeModule ?? null, format: options.format, sourceMap: options.sourceMap });
  // A file's output depends on what its conversion read of the modules it imports: their
  // facts, and a package's submodules (`from pkg import name` may name one). A change there
  // rebuilds the file (its dependents, not the whole program).
  const depsOf = (root: string, imports: readonly string[]): string => {
    const { modules } = programs.get(root)!;
    return JSON.stringify(imports.map((name) => [name, modules.get(name) ?? null, [...modules.keys()].filter((m) => m.startsWith(name + ".") && !m.slice(name.length + 1).includes(".")).sort()]));
  };
  const manifest = readManifest(options.outDir);
  let manifestChanged = false;
  const progress = !options.quiet && !options.json && process.stderr.isTTY === true && inputs.length > 20;
  const outcomes: FileOutcome[] = [];
  // First the cheap part: which outputs are up to date. The rest are converted, maybe in parallel.
  const pending: { index: number; key: string; stamp: BuildStamp; why: string }[] = [];
  /** The imports whose facts differ from what the file's last conversion read (named in a watch rebuild's report). */
  const changedImports = (previous: BuildStamp, root: string): string => {
    const imports = previous.imports ?? [];
    let before: unknown[] = [];
    try {
      before = JSON.parse(previous.deps ?? "[]") as unknown[];
    } catch {
      // an unreadable record: every import counts as changed
    }
    return imports.filter((name, i) => JSON.stringify(before[i] ?? null) !== depsOf(root, [name]).slice(1, -1)).join(", ");
  };
  for (const [index, { file, relative }] of inputs.entries()) {
    const output = path.join(options.outDir, relative.replace(/\.py$/, ".ts"));
    const programMethods = JSON.stringify(programs.get(rootOf(file, relative))!.modules.get(programs.get(rootOf(file, relative))!.tree.nameOf(file)?.name ?? "")?.programBlockingMethods ?? []);
    const stamp: BuildStamp = { version: options.version, sourceHash: sourceHash(file), options: settings, programMethods, source: path.resolve(file) };
    const key = relative.split(path.sep).join("/");
    const previous = fs.existsSync(output) ? manifest[key] : undefined;
    const same = previous && previous.version === stamp.version && previous.sourceHash === stamp.sourceHash && previous.options === stamp.options && (previous.programMethods ?? "[]") === programMethods;
    const depsChanged = same && previous.deps !== depsOf(rootOf(file, relative), previous.imports ?? []);
    const upToDate = same && !depsChanged;
    outcomes.push({ file, output, status: upToDate ? "up to date" : "missing", diagnostics: [] });
    if (!upToDate) pending.push({ index, key, stamp, why: depsChanged ? ` (a module it imports changed: ${changedImports(previous!, rootOf(file, relative))})` : "" });
  }
  // An output whose input was deleted since the build wrote it would still be compiled and
  // imported: it goes too (its map and twin with it), and --check reports it.
  const inputKeys = new Set(inputs.map(({ relative }) => relative.split(path.sep).join("/")));
  const orphans = Object.entries(manifest).filter(([key, stamp]) => !inputKeys.has(key) && stamp.source !== undefined && !fs.existsSync(stamp.source));
  for (const [key, stamp] of orphans) {
    const output = path.join(options.outDir, key.replace(/\.py$/, ".ts"));
    if (options.check) {
      if (fs.existsSync(output)) outcomes.push({ file: stamp.source!, output, status: "orphaned", diagnostics: [], report: `${stamp.source}: is gone, but its output ${output} is still there` });
      continue;
    }
    for (const file of [output, output + ".map", twinPath(output)]) fs.rmSync(file, { force: true });
    delete manifest[key];
    manifestChanged = true;
    if (!options.quiet && !options.json) process.stderr.write(`pyts: removed ${output} (its input ${stamp.source} is gone)\n`);
  }
  const jobs = pending.map(({ index }) => {
    const { file, relative } = inputs[index]!;
    const program = programs.get(rootOf(file, relative))!;
    const found = program.tree.nameOf(file);
    // A file whose path is no module name (`my-script.py`) can only be a program's entry.
    const stem = path.basename(file).replace(/\.py$/, "");
    const module = found ? { name: found.name, isPackage: found.isPackage, modules: program.modules } : { name: stem, modules: program.modules, entryOnly: true };
    return { file, options: { outName: path.basename(outcomes[index]!.output), runtimeModule: options.runtimeModule, format: options.format, colour: options.colour, module } };
  });
  const warnings: string[] = [];
  let finished = 0;
  await convertAll(jobs, (reply) => {
    const { index, key, stamp, why } = pending[reply.id]!;
    const outcome = outcomes[index]!;
    if (progress) process.stderr.write(`\r\x1b[K[${++finished}/${pending.length}] ${key}`);
    if (reply.kind === "converted") {
      warnings[index] = reply.warnings;
      if (options.check) {
        outcome.status = fs.existsSync(outcome.output) ? "stale" : "missing";
        return;
      }
      writeOutput(outcome.output, reply.result, outcome.file, options.sourceMap);
      const { file, relative } = inputs[index]!;
      manifest[key] = { ...stamp, imports: reply.result.imports, ...(reply.result.importsComputed ? { computed: true } : {}), deps: depsOf(rootOf(file, relative), reply.result.imports) };
      if (options.reportFiles && !options.json && !options.quiet) process.stderr.write(`pyts: rebuilt ${outcome.file}${why}\n`);
      manifestChanged = true;
      outcome.status = "converted";
    } else {
      outcome.status = "failed";
      outcome.report = reply.kind === "failed" ? reply.report : `${outcome.file}: error: pyts failed on this file (internal error: ${reply.message}); please report it`;
      if (reply.kind === "failed") outcome.diagnostics = reply.diagnostics;
    }
  });
  if (progress) process.stderr.write("\r\x1b[K");
  if (manifestChanged) writeManifest(options.outDir, manifest);
  const staleTwins = writeTwins(inputs, outcomes, manifest, (file, relative) => programs.get(rootOf(file, relative))!.tree, options.check);

  const count = (status: FileStatus): number => outcomes.filter((o) => o.status === status).length;
  const seconds = (performance.now() - started) / 1000;
  const failedBuild = outcomes.some((o) => o.status !== "converted" && o.status !== "up to date") || staleTwins.length > 0;
  if (options.json) {
    const files = outcomes.map(({ file, output, status, diagnostics }) => ({ file, output, status, diagnostics }));
    const summary = Object.fromEntries((["converted", "up to date", "stale", "missing", "failed", "orphaned"] as const).map((s) => [s, count(s)]));
    await writeStdout(JSON.stringify({ ok: !failedBuild, files, skipped: skippedLinks, ...(staleTwins.length ? { staleTwins } : {}), summary, seconds: Number(seconds.toFixed(3)) }, null, 2) + "\n");
    return failedBuild ? 1 : 0;
  }
  for (const [index, o] of outcomes.entries()) {
    if (warnings[index]) process.stderr.write(warnings[index]);
    if (o.report) process.stderr.write(o.report + "\n");
    else if (o.status === "stale" || o.status === "missing") process.stderr.write(`${o.file}: output ${o.output} is ${o.status === "stale" ? "out of date" : "missing"}\n`);
  }
  for (const twin of staleTwins) process.stderr.write(`pyts: output ${twin} is missing or out of date\n`);
  if (!options.quiet || failedBuild) {
    const parts = options.check
      ? [`${count("up to date")} up to date`, `${count("stale") + count("missing")} to convert`]
      : [`converted ${count("converted")} file(s)`, `${count("up to date")} up to date`];
    if (count("failed")) parts.push(`${count("failed")} failed`);
    if (count("orphaned")) parts.push(`${count("orphaned")} to remove`);
    process.stderr.write(`pyts: ${parts.join(", ")} in ${seconds.toFixed(2)} s\n`);
  }
  return failedBuild ? 1 : 0;
}

/**
 * The twins of the modules each program can import by name while they run as its entry, from
 * what the manifest records of every module's imports; returns those `check` found missing.
 */
function writeTwins(
  inputs: { file: string; relative: string }[],
  outcomes: FileOutcome[],
  manifest: Record<string, BuildStamp>,
  treeOf: (file: string, relative: string) => ProgramTree,
  check: boolean,
): string[] {
  const programs = new Map<ProgramTree, { imports: Map<string, ModuleImports>; outputs: Map<string, string> }>();
  inputs.forEach(({ file, relative }, index) => {
    const tree = treeOf(file, relative);
    const found = tree.nameOf(file);
    const stamp = manifest[relative.split(path.sep).join("/")];
    if (!found) return;
    const program = programs.get(tree) ?? { imports: new Map(), outputs: new Map() };
    programs.set(tree, program);
    program.imports.set(found.name, { imports: stamp?.imports ?? [], computed: stamp?.computed === true });
    program.outputs.set(found.name, outcomes[index]!.output);
  });
  return [...programs.values()].flatMap(({ imports, outputs }) => updateTwins(outputs, modulesNeedingTwins(imports), check));
}

/**
 * `--watch`: build, then build again whenever a .py file under the roots changes. Each run
 * converts only the changed files and the files whose imports changed in what their
 * conversion read (the stamps record each file's imports), and names each file it rebuilt.
 * Never returns; the process ends on a signal.
 */
export async function watchBuild(options: BuildOptions): Promise<number> {
  let running: Promise<unknown> = runBuild(options).catch(reportFailure);
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  const rebuild = (): void => {
    // Editors write a file in several steps: wait for the burst to end, and never run two builds at once.
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (again) return;
      again = true;
      running = running.then(async () => {
        again = false;
        process.stderr.write(`pyts: change detected, rebuilding\n`);
        await runBuild({ ...options, reportFiles: true }).catch(reportFailure);
      });
    }, 100);
  };
  for (const root of options.paths) {
    const folder = fs.statSync(root).isDirectory() ? root : path.dirname(root);
    fs.watch(folder, { recursive: true }, (_event, name) => {
      if (name === null || String(name).endsWith(".py")) rebuild();
    });
  }
  await running;
  process.stderr.write("pyts: watching for changes (Ctrl-C stops)\n");
  return new Promise<number>(() => {});
}

function reportFailure(error: unknown): void {
  if (error instanceof ConversionFailed) process.stderr.write(error.report + "\n");
  else if (error instanceof Error) process.stderr.write(`pyts: ${error.message}\n`);
}
