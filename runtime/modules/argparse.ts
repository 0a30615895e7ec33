// Python's `argparse` module object (the classes live in argparse-*.ts).

import { standardStreams } from "../values/print.js";
import { pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";
import { sysModule } from "./sys.js";
import {
  Action, ArgumentError, ArgumentTypeError, BooleanOptionalAction, FileType, Namespace, SUPPRESS, OPTIONAL, ZERO_OR_MORE, ONE_OR_MORE,
  PARSER, REMAINDER, setStreams, setSysModule, _StoreAction, _StoreConstAction, _StoreTrueAction, _StoreFalseAction, _AppendAction,
  _AppendConstAction, _CountAction, _HelpAction, _VersionAction, _ExtendAction,
} from "./argparse-actions.js";
import { HelpFormatter, RawDescriptionHelpFormatter, RawTextHelpFormatter, ArgumentDefaultsHelpFormatter, MetavarTypeHelpFormatter } from "./argparse-format.js";
import { _ActionsContainer, _ArgumentGroup, _MutuallyExclusiveGroup, _SubParsersAction, setFileTypeClass } from "./argparse-containers.js";
import { ArgumentParser } from "./argparse-parser.js";

setStreams({ stdout: () => standardStreams.stdout, stderr: () => standardStreams.stderr });
setSysModule(() => sysModule);
const FileTypeClass = pyClass(FileType);
setFileTypeClass(FileTypeClass);

export const argparseModule = moduleObject("argparse", {
  ArgumentParser: pyClass(ArgumentParser),
  ArgumentError,
  ArgumentTypeError,
  Namespace: pyClass(Namespace),
  Action: pyClass(Action),
  BooleanOptionalAction: pyClass(BooleanOptionalAction),
  FileType: FileTypeClass,
  HelpFormatter: pyClass(HelpFormatter),
  RawDescriptionHelpFormatter: pyClass(RawDescriptionHelpFormatter),
  RawTextHelpFormatter: pyClass(RawTextHelpFormatter),
  ArgumentDefaultsHelpFormatter: pyClass(ArgumentDefaultsHelpFormatter),
  MetavarTypeHelpFormatter: pyClass(MetavarTypeHelpFormatter),
  SUPPRESS,
  OPTIONAL,
  ZERO_OR_MORE,
  ONE_OR_MORE,
  PARSER,
  REMAINDER,
  _StoreAction: pyClass(_StoreAction),
  _StoreConstAction: pyClass(_StoreConstAction),
  _StoreTrueAction: pyClass(_StoreTrueAction),
  _StoreFalseAction: pyClass(_StoreFalseAction),
  _AppendAction: pyClass(_AppendAction),
  _AppendConstAction: pyClass(_AppendConstAction),
  _CountAction: pyClass(_CountAction),
  _HelpAction: pyClass(_HelpAction),
  _VersionAction: pyClass(_VersionAction),
  _ExtendAction: pyClass(_ExtendAction),
  _SubParsersAction: pyClass(_SubParsersAction),
  _ActionsContainer: pyClass(_ActionsContainer),
  _ArgumentGroup: pyClass(_ArgumentGroup),
  _MutuallyExclusiveGroup: pyClass(_MutuallyExclusiveGroup),
});
