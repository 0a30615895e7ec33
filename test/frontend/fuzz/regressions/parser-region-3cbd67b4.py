@(lambاda : f)
def g(0): pass
