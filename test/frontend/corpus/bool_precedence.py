# `not` binds tighter than `and`/`or` (Lezer groups it the other way)
a = x and not y or z
b = x or not y and z
c = not x and not y or not z and w
d = not not x or y
e = (not x or y) and not (y and z)
f = not x if y else not z
g = while_ok = x and \
    not y.done()
