for i in range(-3, )3:
    pass
try:
    pass
