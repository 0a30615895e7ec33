import unittest

log = []


def setUpModule():
    log.append("module up")


def tearDownModule():
    log.append("module down")
    print(log)


class Temperature:
    def __init__(self, celsius):
        if celsius < -273.15:
            raise ValueError("below absolute zero")
        self.celsius = celsius

    @property
    def fahrenheit(self):
        return self.celsius * 9 / 5 + 32

    def __eq__(self, other):
        return isinstance(other, Temperature) and self.celsius == other.celsius

    def __repr__(self):
        return f"Temperature({self.celsius})"


class TemperatureTest(unittest.TestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        log.append("class up")

    @classmethod
    def tearDownClass(cls):
        log.append("class down")

    def test_freezing(self):
        self.assertEqual(Temperature(0).fahrenheit, 32)

    def test_boiling(self):
        self.assertAlmostEqual(Temperature(100).fahrenheit, 212.0, places=3)

    def test_equality(self):
        self.assertEqual(Temperature(5), Temperature(5))
        self.assertNotEqual(Temperature(5), Temperature(6))
        self.assertEqual(Temperature(5), Temperature(7))

    def test_invalid(self):
        self.assertRaises(ValueError, Temperature, -300)

    def test_list_of_temperatures(self):
        temps = [Temperature(c) for c in (10, 20, 30)]
        self.assertEqual(temps, [Temperature(10), Temperature(25), Temperature(30)])

    def test_greater(self):
        self.assertGreater(Temperature(30).fahrenheit, Temperature(20).fahrenheit)
        self.assertIsInstance(Temperature(1), Temperature)
        self.assertIsNone(None)
        self.assertIs(True, Temperature(1) == Temperature(1))


class Broken(unittest.TestCase):
    def setUp(self):
        raise OSError("fixture file missing")

    def test_a(self):
        pass


if __name__ == "__main__":
    unittest.main()
