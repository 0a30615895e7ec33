// `exit` and `quit`, the builtins Python's site module adds: calling one raises SystemExit as
// sys.exit does (scripts call them to stop), and the repr says how to leave the interpreter.
import { SystemExit } from "./exceptions.js";
import { CALLABLE_OBJECT } from "./repr.js";

function quitter(name: string): (...args: unknown[]) => never {
  const leave = (...args: unknown[]): never => {
    throw args.length === 0 || args[0] === undefined ? new SystemExit() : new SystemExit(args[0]);
  };
  Object.defineProperty(leave, "name", { value: name });
  return Object.assign(leave, { [CALLABLE_OBJECT]: true, __repr__: (): string => `Use ${name}() or Ctrl-D (i.e. EOF) to exit` });
}

export const exit = quitter("exit");
export const quit = quitter("quit");
