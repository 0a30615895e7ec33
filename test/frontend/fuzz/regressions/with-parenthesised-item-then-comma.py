with (a),:
  pass
