class A:
  def f(a, a):
    x y
