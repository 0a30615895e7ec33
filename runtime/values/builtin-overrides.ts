// Replacements of built-in functions a program installs through unittest.mock's
// `patch("builtins.open", ...)` (also `print` and `input`): emitted code calls the runtime's
// functions directly, so each of these looks here first (one property read per call).

/* eslint-disable @typescript-eslint/no-explicit-any */

export const builtinOverrides: { open?: (...args: any[]) => any; print?: (...args: any[]) => any; input?: (...args: any[]) => any } = {};

/** The names `patch("builtins.NAME")` can replace. */
export const PATCHABLE_BUILTINS = ["open", "print", "input"] as const;
