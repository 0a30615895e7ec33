print -1
class C(A, B, metaclass=M, kw): pass
