"""Dissolved states coded as news of their time knew them (successions.tsv), on articles
written for these tests."""

import datetime as dt

from app.nlp.rules import load_rules
from tests.nlp.conftest import article, run


def _summit(*lines: str) -> tuple[list[str], str | None, list[str]]:
    summits = run(article(*lines)).summits
    assert len(summits) == 1
    summit = summits[0]
    return sorted(p.country or "" for p in summit.participants), summit.country, summit.about


def test_a_cold_war_summit_in_moscow_is_in_the_soviet_union() -> None:
    sides, country, _ = _summit(
        "Thatcher and Gorbachev hold talks",
        "MOSCOW, March 30, 1987 (UPI) - British Prime Minister Margaret Thatcher met Soviet "
        "leader Mikhail Gorbachev in the Kremlin on Monday for seven hours of talks on arms "
        "control and human rights.",
    )
    assert (sides, country) == (["GB", "SU"], "SU")


def test_east_germany_discussed_in_1990_is_a_third_country() -> None:
    _, _, about = _summit(
        "Mitterrand and Kohl confer",
        "PARIS, Feb. 15, 1990 (Reuters) - French President Francois Mitterrand met West German "
        "Chancellor Helmut Kohl at the Elysee Palace on Thursday to discuss economic aid to "
        "East Germany and the pace of German unification.",
    )
    assert "DD" in about


def test_putin_in_moscow_after_1991_stays_in_russia() -> None:
    sides, country, _ = _summit(
        "Putin receives Schroeder",
        "MOSCOW, May 9, 2005 (AFP) - Russian President Vladimir Putin met German Chancellor "
        "Gerhard Schroeder in the Kremlin on Monday for talks on energy and trade.",
    )
    assert (sides, country) == (["DE", "RU"], "RU")


def test_the_former_state_of_a_later_story_is_no_third_country() -> None:
    _, _, about = _summit(
        "Chirac and Kohl meet",
        "BERLIN, June 3, 1996 (dpa) - French President Jacques Chirac met German Chancellor "
        "Helmut Kohl in Berlin on Monday. The leaders discussed the war in the former "
        "Yugoslavia and sanctions against Iraq.",
    )
    assert "YU" not in about


def test_a_place_is_coded_by_the_state_it_lay_in_on_the_day() -> None:
    rules = load_rules()
    on = dt.date
    assert rules.code_on("RU", on(1987, 3, 30), named=False) == "SU"
    assert rules.code_on("RU", on(1992, 1, 2), named=False) == "RU"
    assert rules.code_on("UA", on(1985, 5, 1), named=False) == "SU"  # Kiev lay in the USSR
    assert rules.code_on("UA", on(1985, 5, 1), named=True) == "UA"  # "Ukraine" stays Ukraine
    assert rules.code_on("RS", on(1999, 4, 1), named=False) == "YU"
    assert rules.code_on("CZ", on(1990, 6, 1), named=False) == "CS"
    assert rules.code_on("DE", on(1985, 5, 1), named=False) == "DE"  # the West kept DE
    assert rules.code_on("FR", on(1985, 5, 1), named=False) == "FR"
    assert rules.code_on("RU", None, named=False) == "RU"


def test_the_soviet_capital_is_moscow_in_the_soviet_union() -> None:
    sides, country, _ = _summit(
        "Reagan arrives for summit",
        "May 30, 1988 (AP) - President Ronald Reagan met Soviet leader Mikhail Gorbachev on "
        "Monday in the Soviet capital for talks on arms control.",
    )
    assert (sides, country) == (["SU", "US"], "SU")


def test_leaders_of_east_germany_and_czechoslovakia_carry_their_states_codes() -> None:
    bonn, _, _ = _summit(
        "Honecker in Bonn",
        "BONN, Sept. 8, 1987 (dpa) - East German leader Erich Honecker met Chancellor Helmut "
        "Kohl in Bonn on Tuesday for talks on travel between the two German states.",
    )
    washington, _, _ = _summit(
        "Havel at the White House",
        "WASHINGTON, Feb. 20, 1990 (AP) - President George Bush met President Vaclav Havel of "
        "Czechoslovakia at the White House on Tuesday for talks on economic aid.",
    )
    assert (bonn, washington) == (["DD", "DE"], ["CS", "US"])
