try:
    pass
except:
    pass
try:
    f()
except ValueError:
    pass
except (TypeError, KeyError) as e:
    raise
except Exception as e:
    raise RuntimeError("x") from e
else:
    done()
finally:
    cleanup()
try:
    pass
finally:
    pass
try:
    pass
except* ValueError as eg:
    pass
except* (TypeError, KeyError):
    pass
raise
raise E
raise E("m") from None
assert x
assert x, "message"
assert (x, y)
