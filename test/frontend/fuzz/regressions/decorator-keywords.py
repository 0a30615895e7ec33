def f(): pass
@not x
def g(): pass
@lambda f: f
def h(): pass
@None
def i(): pass
@ yield x
def j(): pass
