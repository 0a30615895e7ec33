with a:
    pass
with a as b:
    pass
with a as b, c as d, e:
    pass
with open(f) as fh: data = fh.read()
