x = a if b:
  pass
