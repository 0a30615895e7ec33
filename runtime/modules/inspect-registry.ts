// The source text the compiler keeps for inspect (src/lower/inspect-sources.ts): a module that
// imports inspect registers its text and its defs' blocks here when its body starts. Small and
// free of imports: emitted code loads it without loading inspect itself.

export interface ModuleSource {
  text: string;
  /** qualified name -> [first line, last line] (1-based), functions (the last def) and classes (the first) */
  functions: Map<string, [number, number]>;
  classes: Map<string, [number, number]>;
}

const sources = new Map<string, ModuleSource>();

/** `registerSources(__name__, text, ((qualname, kind, start, end), ...))`, emitted by the compiler. */
export function registerSources(module: string, text: string, blocks: Iterable<Iterable<unknown>>): void {
  const entry: ModuleSource = { text, functions: new Map(), classes: new Map() };
  for (const block of blocks) {
    const [qualname, kind, start, end] = Array.from(block) as [string, bigint, bigint, bigint];
    const span: [number, number] = [Number(start), Number(end)];
    if (kind === 0n) entry.functions.set(qualname, span);
    else if (!entry.classes.has(qualname)) entry.classes.set(qualname, span);
  }
  sources.set(module, entry);
}

export function moduleSource(module: string): ModuleSource | undefined {
  return sources.get(module);
}
