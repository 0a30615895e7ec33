f(print [1])
def g():
    return print x
1 = 2
