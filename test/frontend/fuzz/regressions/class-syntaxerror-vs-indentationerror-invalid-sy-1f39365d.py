with Resource("a") as r:
    print("inside", r.name)
try:
        raise KeyError("k")
except KeyError as e:
    print("caught", repr(e))
with Resource("x") as ., Resource("y") as y:
    print("both", x.name, y.name)
print(early())
    yield label.upper()