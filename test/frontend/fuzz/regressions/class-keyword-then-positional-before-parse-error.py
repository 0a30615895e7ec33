class C(A, B, metaclass=M, kw):
    """doc"""
pass A: pass
