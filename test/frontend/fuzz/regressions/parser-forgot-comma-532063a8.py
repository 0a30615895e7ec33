with (yield_
tx()):
    pass
