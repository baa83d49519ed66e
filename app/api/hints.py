"""Validation messages that say what to send instead (#12).

Pydantic's own messages describe the failure in its terms ("Datetimes provided to dates
should have zero time", a raw regular expression); these name the accepted forms and,
where the input is close to one, suggest it.
"""

import difflib
import re
from collections.abc import Mapping
from typing import Any

from app.dates import period_bounds
from app.nlp.rules import fold, load_rules

DATE_PARAMS = frozenset({"date_from", "date_to"})
COUNTRY_PARAMS = frozenset({"country", "about"})
COUNTRY_FORMS = "an ISO 3166-1 alpha-2 code such as CN or JP, or EU, UN, NATO, ASEAN"
LOOSE_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?$")
ENUM_CHOICE = re.compile(r"'([^']*)'")
# ``format`` once chose the representation too; it now filters only (#12).
EXPORT_HINTS = {
    "csv": "ask for /summits.csv, or send Accept: text/csv",
    "ndjson": "ask for /summits.ndjson, or send Accept: application/x-ndjson",
    "geojson": "ask for /summits.geojson, or send Accept: application/geo+json",
    "json": "JSON is what /summits returns by default",
}
SIMILARITY_CUTOFF = 0.6  # difflib ratio above which an input counts as a misspelling


def explain(error: Mapping[str, Any]) -> str | None:
    """A message for this validation error that says what to send; None keeps pydantic's."""
    loc = tuple(error.get("loc", ()))
    if len(loc) < 2 or loc[0] != "query":
        return None
    name, value = str(loc[1]), str(error.get("input", ""))
    if name in DATE_PARAMS and str(error.get("type", "")).startswith("date"):
        return _date_hint(name, value)
    if name in COUNTRY_PARAMS and error.get("type") == "string_pattern_mismatch":
        return _country_hint(value)
    if name == "format" and value.strip().lower() in EXPORT_HINTS:
        return (
            "format filters by how the leaders met (in_person, phone, video); for "
            f"{value}, {EXPORT_HINTS[value.strip().lower()]}"
        )
    if error.get("type") == "enum":
        return _enum_hint(value, str((error.get("ctx") or {}).get("expected", "")))
    return None


def _date_hint(name: str, value: str) -> str:
    """The accepted forms, and the one meant when only the separators or padding differ."""
    hint = (
        f"send YYYY, YYYY-MM or YYYY-MM-DD, such as {name}=2020, {name}=2020-11 "
        f"or {name}=2020-11-05"
    )
    loose = LOOSE_DATE.match(value.strip())
    if loose:
        meant = "-".join([loose[1], *(f"{int(part):02d}" for part in loose.groups()[1:] if part)])
        if meant != value and period_bounds(meant):
            return f"'{value}' is not a date: {hint}; did you mean {name}={meant}?"
    return f"'{value}' is not a date: {hint}"


def _country_hint(value: str) -> str:
    """Accepted forms, and the code of the country the value names, if it names one."""
    codes = load_rules().country_index.get(fold(value.strip()), ())
    if codes:
        return f"send {COUNTRY_FORMS}; for {value} send {' or '.join(codes)}"
    return f"'{value}' is not a country code: send {COUNTRY_FORMS}"


def _enum_hint(value: str, expected: str) -> str | None:
    """The accepted values, and the closest one to what was sent."""
    choices = ENUM_CHOICE.findall(expected)
    if not choices:
        return None
    close = difflib.get_close_matches(value.lower(), choices, n=1, cutoff=SIMILARITY_CUTOFF)
    message = f"'{value}' is not one of: {', '.join(choices)}"
    return f"{message}; did you mean '{close[0]}'?" if close else message
