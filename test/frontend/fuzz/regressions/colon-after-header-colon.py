if x: :
  pass
