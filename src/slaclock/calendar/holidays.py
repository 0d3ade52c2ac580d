"""Public holidays from the `holidays` package: which dates they close, with their names.

Argentine law separates *feriados* (mandatory rest) from *días no laborables*
(Maundy Thursday and the bridge days decreed for tourism), on which an
employer may open. `HolidayRules.non_working_days` keeps that class closed
(the default, as the `holidays` package lists them) or opens it as a whole.

The package covers each country for a range of years (Argentina: 1957-2100).
A year outside it has no data, which is not the same as no holidays: by
default such a year is an error (`HolidayDataError`), and
``missing_years="none"`` says explicitly that none apply. Within the range,
years after `complete_through` may still lack holidays decreed year by year
(bridge days): results there are *provisional*.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Literal

import holidays as holidays_pkg
from pydantic import field_validator, model_validator

from slaclock import _text as short
from slaclock._checks import shorten
from slaclock._model import FrozenModel
from slaclock._time import MAX_YEAR, MIN_YEAR, check_year
from slaclock.errors import HolidayDataError, OutOfRangeError, UnknownHolidayCountryError

__all__ = [
    "DatedHoliday",
    "Holiday",
    "HolidayDataInfo",
    "HolidayKind",
    "HolidayRules",
    "kind_label",
]

_HOLIDAYS_VERSION: str = holidays_pkg.__version__  # type: ignore[attr-defined]

HolidayKind = Literal["holiday", "non_working_day"]

#: Source-language names (the package's default language for the country)
#: of the days Argentine law calls "días no laborables".
_NON_WORKING_NAMES: dict[str, frozenset[str]] = {
    "AR": frozenset({"Jueves Santo", "Feriado con fines turísticos"}),
}


def kind_label(kind: str) -> str:
    """A kind of closed day in words: "holiday", "non-working day", "outside hours"..."""
    return kind.replace("non_working", "non-working").replace("_", " ")


@dataclass(frozen=True, slots=True, repr=False)
class Holiday:
    """A date closed by the holiday data, with its name (for explanations)."""

    day: date
    name: str
    kind: HolidayKind
    category: str

    def __str__(self) -> str:
        return f"{self.day.isoformat()} {self.name} ({kind_label(self.kind)})"

    def __repr__(self) -> str:
        extra = () if self.category == "public" else (f"category={short.text(self.category)}",)
        return short.call(
            "Holiday", self.day.isoformat(), short.text(self.name), self.kind, *extra
        )


class DatedHoliday(FrozenModel):
    """A holiday the user names: a company's own day, or a country the package lacks.

    It closes its date like a package holiday, and `holiday()` and `explain()`
    report it by its name.
    """

    day: date
    name: str
    kind: HolidayKind = "holiday"

    def as_holiday(self) -> Holiday:
        """The same day as a `Holiday` (category "user")."""
        return Holiday(day=self.day, name=self.name, kind=self.kind, category="user")


class HolidayDataInfo(FrozenModel):
    """Which holiday data a calendar used: package version, country, years, completeness."""

    package: str = "holidays"
    version: str
    country: str
    subdivision: str | None
    categories: tuple[str, ...]
    complete_through: int | None
    years: tuple[int, ...]
    #: The years the package has data for this country (first, last).
    covered: tuple[int, int] = (MIN_YEAR, MAX_YEAR)
    #: What a year without data means: "error" (refused) or "none" (no holidays).
    missing_years: Literal["error", "none"] = "error"

    def describe(self) -> str:
        """'holidays 0.109, AR public, decreed days known through 2026' (explanations)."""
        through = self.complete_through if self.complete_through is not None else "n/a"
        return (
            f"{self.package} {self.version}, {self.country} {'+'.join(self.categories)}, "
            f"decreed days known through {through}"
        )

    def provisional_note(self, years: tuple[int, ...]) -> str:
        """Why results over `years` are provisional: holidays not decreed yet, or no data
        at all (taken to have none, as ``missing_years="none"`` says)."""
        first, last = self.covered
        missing = [y for y in years if not first <= y <= last]
        later = [y for y in years if first <= y <= last]
        parts = []
        if later:
            parts.append(
                f"depends on {_list(later)}, whose decreed holidays (bridge days) may not be "
                "in the data yet"
            )
        if missing:
            parts.append(
                f"depends on {_list(missing)}, for which the holidays package has no "
                f"{self.country} data ({first}-{last} only): taken to have no holidays "
                "(missing_years='none')"
            )
        return "; ".join(parts)

    def __repr__(self) -> str:
        where = self.country + (f"-{self.subdivision}" if self.subdivision else "")
        named = {"complete_through": str(self.complete_through), "years": _years(self.years)}
        return short.call(
            "HolidayDataInfo",
            f"{self.package} {self.version}",
            f"{where} {'+'.join(self.categories)}",
            named=named,
        )


def _list(years: list[int]) -> str:
    """'1950, 1951' or '1900-1956' for a long run."""
    if len(years) > 3 and years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}-{years[-1]}"
    return ", ".join(str(y) for y in years)


def _years(years: tuple[int, ...]) -> str:
    """'2025-2027' for consecutive years, else the years themselves (or their count)."""
    if len(years) > 2 and list(years) == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}-{years[-1]}"
    return short.value(years)


class HolidayRules(FrozenModel):
    """Which public holidays close the calendar: country, subdivision, categories.

    `complete_through` is the last year whose data is known to include the
    dates set by decree each year (Argentina's bridge days); leave it None to
    use what the installed `holidays` package ships.
    """

    country: str = "AR"
    subdivision: str | None = None
    categories: tuple[str, ...] = ("public",)
    non_working_days: bool = True
    language: str | None = "en_US"
    complete_through: int | None = None
    #: A year the package has no data for: "error" (refuse, the default) or "none"
    #: (explicitly: no public holidays that year).
    missing_years: Literal["error", "none"] = "error"

    @field_validator("complete_through", mode="after")
    @classmethod
    def _through(cls, v: int | None) -> int | None:
        if v is not None and not MIN_YEAR <= v <= MAX_YEAR:
            raise OutOfRangeError(
                f"complete_through {shorten(v)} is outside the years slaclock supports "
                f"({MIN_YEAR}-{MAX_YEAR}); give the last year whose decreed holidays the data "
                "includes, or None to use what the holidays package ships."
            )
        return v

    @field_validator("categories", mode="before")
    @classmethod
    def _categories(cls, v: object) -> object:
        return (v,) if isinstance(v, str) else v

    @model_validator(mode="after")
    def _known_to_holidays(self) -> HolidayRules:
        key = (self.country, self.subdivision, self.categories, self.language)
        if key != _DEFAULT_KEY:
            _check_known(*key)
        # The defaults are checked on first use of the data (`covered_years`), so that
        # building the default calendar (as `import slaclock` does) does not load the
        # holidays package's country modules.
        return self

    def covered_years(self) -> tuple[int, int]:
        """The first and last year the `holidays` package has data for (within 1900-2199)."""
        _check_known(self.country, self.subdivision, self.categories, self.language)
        return _covered(self.country)

    def missing_data(self, year: int) -> HolidayDataError:
        """The error for a year without data, naming the covered years and the ways out."""
        first, last = self.covered_years()
        return HolidayDataError(
            f"the holidays package ({_HOLIDAYS_VERSION}) has {self.country} holidays for "
            f"{first}-{last} only, and this needs {year}. slaclock does not assume a year "
            "without data has no holidays: supply them with "
            "BusinessCalendar(extra_holidays=[DatedHoliday(...), ...]) and "
            "HolidayRules(missing_years='none'), or pass HolidayRules(missing_years='none') "
            "to say that none apply."
        )

    def for_year(self, year: int) -> dict[date, Holiday]:
        """Closed dates of one year (per the rules), each with its name and kind."""
        check_year(year, "holiday lookup")
        first, last = self.covered_years()
        if not first <= year <= last:
            if self.missing_years == "error":
                raise self.missing_data(year)
            return {}
        table = _year_table(self.country, self.subdivision, self.categories, self.language, year)
        if self.non_working_days:
            return table
        return {d: h for d, h in table.items() if h.kind != "non_working_day"}

    def data_complete_through(self) -> int | None:
        """Last year whose decree-set dates the data includes (None: no such notion)."""
        if self.complete_through is not None:
            return self.complete_through
        return _shipped_complete_through(self.country)

    def undecreed_years(self, first: int, last: int) -> tuple[int, ...]:
        """Years in [first, last] with data, but past `data_complete_through()`: holidays
        decreed year by year (bridge days) may be missing."""
        through = self.data_complete_through()
        low, high = self.covered_years()
        if through is None:
            return ()
        return tuple(range(max(first, through + 1, low), min(last, high) + 1))

    def no_data_years(self, first: int, last: int) -> tuple[int, ...]:
        """Years in [first, last] the package has no data for (assumed to have no holidays
        when ``missing_years="none"``)."""
        low, high = self.covered_years()
        return (*range(first, min(last, low - 1) + 1), *range(max(first, high + 1), last + 1))

    def provisional_years(self, first: int, last: int) -> tuple[int, ...]:
        """Years in [first, last] whose holidays may be incomplete: undecreed or no data."""
        return tuple(
            sorted({*self.undecreed_years(first, last), *self.no_data_years(first, last)})
        )

    def info(self, years: tuple[int, ...]) -> HolidayDataInfo:
        """Describe the data used for `years`."""
        return HolidayDataInfo(
            version=_HOLIDAYS_VERSION,
            country=self.country,
            subdivision=self.subdivision,
            categories=self.categories,
            complete_through=self.data_complete_through(),
            years=years,
            covered=self.covered_years(),
            missing_years=self.missing_years,
        )


_DEFAULT_KEY = (
    HolidayRules.model_fields["country"].default,
    HolidayRules.model_fields["subdivision"].default,
    HolidayRules.model_fields["categories"].default,
    HolidayRules.model_fields["language"].default,
)


@lru_cache(maxsize=256)
def _check_known(
    country: str, subdivision: str | None, categories: tuple[str, ...], language: str | None
) -> None:
    """Refuse a country, categories, subdivision or language the package does not have."""
    cls = _country_class(country)
    unknown = set(categories) - set(cls.supported_categories)
    if unknown or not categories:
        raise UnknownHolidayCountryError(
            f"holiday categories {shorten(sorted(unknown)) if unknown else '()'} are not "
            f"available for {country}; choose from {sorted(cls.supported_categories)}."
        )
    subdivisions = getattr(cls, "subdivisions", ())
    aliases = getattr(cls, "subdivisions_aliases", {})
    if subdivision is not None and subdivision not in (*subdivisions, *aliases):
        raise UnknownHolidayCountryError(
            f"subdivision {shorten(subdivision)} is unknown for {country}; "
            f"choose from {sorted(subdivisions)}."
        )
    languages = getattr(cls, "supported_languages", ())
    if language is not None and language not in languages:
        raise UnknownHolidayCountryError(
            f"language {shorten(language)} is not available for {country} holiday "
            f"names; choose from {sorted(languages)} or None for the default."
        )


@lru_cache(maxsize=1)
def _supported() -> frozenset[str]:
    """The countries the installed `holidays` package supports (its own list).

    Read from the package's registry of country codes, which names every country
    without importing its module (`holidays.list_supported_countries()` imports all
    of them to list their subdivisions, which `import slaclock` would then pay for).
    """
    from holidays.registry import EntityLoader

    return frozenset(EntityLoader.get_country_codes())


def _country_class(country: str) -> Any:
    if country not in _supported():  # never a lookup of any other name in the package
        raise UnknownHolidayCountryError(
            f"country {shorten(country)} is not in the holidays package; use an ISO 3166-1 "
            "alpha-2 code such as 'AR' (holidays.list_supported_countries() lists them), or "
            "holidays=None for no public holidays."
        )
    try:
        return type(holidays_pkg.country_holidays(country, years=()))
    except NotImplementedError as exc:
        raise UnknownHolidayCountryError(
            f"country {shorten(country)} is not in the holidays package; use an ISO 3166-1 "
            "alpha-2 code such as 'AR', or holidays=None for no public holidays."
        ) from exc


@lru_cache(maxsize=4096)
def _year_table(
    country: str,
    subdivision: str | None,
    categories: tuple[str, ...],
    language: str | None,
    year: int,
) -> dict[date, Holiday]:
    table: dict[date, Holiday] = {}
    non_working = _NON_WORKING_NAMES.get(country, frozenset())
    source_language = getattr(_country_class(country), "default_language", None)
    for category in categories:
        source = holidays_pkg.country_holidays(
            country,
            subdiv=subdivision,
            years=year,
            categories=(category,),
            language=source_language,
        )
        shown = source
        if language is not None and language != source_language:
            shown = holidays_pkg.country_holidays(
                country, subdiv=subdivision, years=year, categories=(category,), language=language
            )
        for day, names in source.items():
            parts = {p.strip() for p in names.split(";")}
            kind: HolidayKind = (
                "non_working_day" if category == "public" and parts <= non_working else "holiday"
            )
            existing = table.get(day)
            if existing is not None and (existing.kind == "holiday" or kind != "holiday"):
                continue
            table[day] = Holiday(day=day, name=shown.get(day, names), kind=kind, category=category)
    return table


@lru_cache(maxsize=256)
def _covered(country: str) -> tuple[int, int]:
    cls = _country_class(country)
    first = getattr(cls, "start_year", MIN_YEAR)
    last = getattr(cls, "end_year", MAX_YEAR)
    return max(int(first), MIN_YEAR), min(int(last), MAX_YEAR)


@lru_cache(maxsize=64)
def _shipped_complete_through(country: str) -> int | None:
    cls = _country_class(country)
    special = getattr(_static_class(cls), "special_public_holidays", None)
    if not special:
        return None
    return max(int(y) for y in special)


def _static_class(cls: type) -> type | None:
    """The package's table of one-off (decreed) holidays for a country class, if any."""
    import sys

    for klass in cls.__mro__:
        module = sys.modules.get(klass.__module__)
        candidate = getattr(module, f"{klass.__name__}StaticHolidays", None)
        if isinstance(candidate, type):
            return candidate
    return None
