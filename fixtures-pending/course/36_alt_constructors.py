class Date:
    days_in_month = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

    def __init__(self, year, month, day):
        self.year, self.month, self.day = year, month, day

    @classmethod
    def from_string(cls, text):
        y, m, d = map(int, text.split("-"))
        return cls(y, m, d)

    @classmethod
    def from_tuple(cls, parts):
        return cls(*parts)

    @staticmethod
    def is_leap(year):
        return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)

    def day_of_year(self):
        days = sum(self.days_in_month[: self.month - 1]) + self.day
        if self.month > 2 and self.is_leap(self.year):
            days += 1
        return days

    def __repr__(self):
        return f"{type(self).__name__}({self.year}, {self.month}, {self.day})"


class EuroDate(Date):
    def __str__(self):
        return f"{self.day:02d}.{self.month:02d}.{self.year}"


d = Date.from_string("2024-03-15")
print(d, d.day_of_year(), Date.is_leap(2024), d.is_leap(1900))
e = EuroDate.from_string("2023-12-31")
print(repr(e), str(e), e.day_of_year())
print(EuroDate.from_tuple((2000, 2, 29)))
print(type(Date.__dict__["from_string"]).__name__, type(Date.__dict__["is_leap"]).__name__)
print(Date.from_string.__self__ is Date, EuroDate.from_string.__self__.__name__)
