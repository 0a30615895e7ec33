class A: pass
class B(A): x = 1
class C(A, B, metaclass=M, **kw):
    """doc"""
    def m(self):
        return self
@dataclass
class D():
    x: int = 0
class E(*bases): pass
