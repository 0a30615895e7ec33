import unittest


class Shape:
    def area(self):
        raise NotImplementedError

    def describe(self):
        return f"{type(self).__name__} with area {self.area():.2f}"


class Square(Shape):
    def __init__(self, side):
        self.side = side

    def area(self):
        return self.side ** 2


class Circle(Shape):
    def __init__(self, r):
        self.r = r

    def area(self):
        return 3.14159 * self.r ** 2


class ShapeTestMixin:
    shape_class = None
    args = ()
    expected_area = None

    def setUp(self):
        super().setUp()
        self.shape = self.shape_class(*self.args)

    def test_area(self):
        self.assertAlmostEqual(self.shape.area(), self.expected_area, places=2)

    def test_describe(self):
        self.assertTrue(self.shape.describe().startswith(self.shape_class.__name__))


class SquareTest(ShapeTestMixin, unittest.TestCase):
    shape_class = Square
    args = (3,)
    expected_area = 9


class CircleTest(ShapeTestMixin, unittest.TestCase):
    shape_class = Circle
    args = (1,)
    expected_area = 3.15


class BaseCase(unittest.TestCase):
    def setUp(self):
        self.log = ["base"]

    def test_log(self):
        self.assertEqual(self.log[0], "base")


class DerivedCase(BaseCase):
    def setUp(self):
        super().setUp()
        self.log.append("derived")

    def test_derived(self):
        self.assertEqual(self.log, ["base", "derived"])


class ShapeErrors(unittest.TestCase):
    def test_abstract(self):
        with self.assertRaises(NotImplementedError):
            Shape().area()

    def test_describe_abstract(self):
        Shape().describe()

    def test_types(self):
        self.assertIsInstance(Square(1), Shape)
        self.assertNotIsInstance(Square(1), Circle)
        self.assertTrue(issubclass(Circle, Shape))


if __name__ == "__main__":
    unittest.main(verbosity=2)
