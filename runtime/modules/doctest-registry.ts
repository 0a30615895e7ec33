// The examples the compiler compiled for doctest (src/lower/doctests.ts): a module that imports
// doctest registers its `__pyts_doctests__` function here when its body starts, and the doctest
// module asks it for a docstring's examples. Small and free of imports: emitted code loads it
// without loading doctest itself.

/** (its entries are tuples; a module whose docstrings have no examples returns an empty one) */
type Registry = () => Iterable<unknown>;

const registries = new Map<string, Registry>();

/** `registerDoctests(__name__, __pyts_doctests__)`, emitted by the compiler. */
export function registerDoctests(module: string, registry: Registry): void {
  registries.set(module, registry);
}

/** A docstring's compiled examples: `code()` makes a fresh namespace and returns the examples' functions. */
export interface Compiled {
  code: () => Iterable<unknown>;
  /** the 0-based line doctest's finder gives the docstring (null: none) */
  lineno: unknown;
  /** the 1-based line of the .py where the text starts (null: another file) */
  firstLine: number | null;
}

/**
 * The compiled examples of `text` (a docstring, or a text file's contents) under
 * `key` (the object's qualified name, "" for the module, `<file>:name` for a text file): each
 * call makes a fresh namespace and returns the examples' functions, in order.
 */
export function compiledExamples(module: string, key: string, text: string): Compiled | null {
  const registry = registries.get(module);
  if (registry === undefined) return null;
  for (const entry of registry()) {
    const [k, t, lineno, firstLine, factory] = [...(entry as Iterable<unknown>)];
    if (k === key && t === text) return { code: factory as () => Iterable<unknown>, lineno, firstLine: typeof firstLine === "bigint" ? Number(firstLine) : null };
  }
  return null;
}

/** Every registered module's compiled examples of `text` (for objects that name no module). */
export function compiledExamplesAnywhere(key: string, text: string): Compiled | null {
  for (const module of registries.keys()) {
    const found = compiledExamples(module, key, text);
    if (found) return found;
  }
  return null;
}
