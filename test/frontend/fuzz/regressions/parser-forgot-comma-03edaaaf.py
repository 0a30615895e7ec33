@x.y(1
     2)[3]
def f(): pass
