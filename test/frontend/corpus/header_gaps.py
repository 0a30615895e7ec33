# Starred for-iterables, tuple match subjects and expression decorators
for x in *a, *b:
    pass
for x in a, *b:
    pass
else:
    pass
match a, b:
    case (1, 2):
        pass
    case _:
        pass
match *a, b:
    case [1, 2]: pass
match -x, y:
    case _: pass
@buttons[0].clicked.connect
def on_click(): pass
@(lambda f: f)
def g(): pass
@x.y(1,
     2)[3]  # comment
class C:
    @registry["handlers"].add
    def h(self): pass
    def m(self):
        for i in *self.a, 1: print(i)
        with (open(a) as f, open(b) as g): return f, g
@a
@b[0]
def h(): pass
