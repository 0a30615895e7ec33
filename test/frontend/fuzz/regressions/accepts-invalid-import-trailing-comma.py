# `import a,` has no trailing comma in CPython (dotted_as_names)
import numers,
