"""The demo workbook: up to date with its sources, clean, and faithful to the seed plan."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pandas as pd
import pytest

from commsplan.book import Book, build_book
from commsplan.sources.workbook import read_workbook
from tests.seed import load_seed, requires_seed

REPO = Path(__file__).resolve().parents[1]
DEMO_XLSX = REPO / "examples" / "ke-hoach-truyen-thong-2024.xlsx"
FANPAGE = "https://www.facebook.com/profile.php?id=61550823471616&mibextid=LQQJ4d"


def _load_builder():
    spec = importlib.util.spec_from_file_location("build_demo", REPO / "scripts" / "build_demo.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_demo = _load_builder()


@pytest.fixture(scope="module")
def book() -> Book:
    return build_book(read_workbook(DEMO_XLSX))


def _column(book: Book, tab: str, key: str) -> list:
    return [None if pd.isna(v) else v for v in book[tab].data[key]]


# The workbook and its sources ---------------------------------------------------------

def test_demo_workbook_is_up_to_date_with_its_sources(book, tmp_path):
    rebuilt = build_book(read_workbook(build_demo.build(tmp_path / "demo.xlsx")))
    assert rebuilt.general.values == book.general.values
    assert rebuilt.tables.keys() == book.tables.keys()
    for key, table in book.tables.items():
        message = f"tab {table.label}: run `python scripts/build_demo.py` and commit the .xlsx"
        try:
            pd.testing.assert_frame_equal(rebuilt[key].data, table.data)
            pd.testing.assert_frame_equal(rebuilt[key].raw, table.raw)
        except AssertionError as exc:
            raise AssertionError(f"{message}\n{exc}") from None


def test_build_is_deterministic(tmp_path):
    first = build_demo.build(tmp_path / "a.xlsx").read_bytes()
    second = build_demo.build(tmp_path / "b.xlsx").read_bytes()
    assert first == second


def test_demo_reads_without_errors(book):
    assert [f for f in book.findings if f.severity == "error"] == []
    # every tab, header and item of the contract is there, and nothing else
    assert [f.code for f in book.findings
            if f.code.startswith(("missing-", "unknown-", "duplicate-"))] == []


def test_every_register_reference_is_valid(book):
    activities = book["activities"].data
    assert set(activities["topic"]) <= set(book["topics"].data["topic"])
    assert set(activities["channel"]) <= set(book["channels"].data["name"])
    assert set(activities["unit"].dropna()) <= set(book["units"].data["name"])
    assert activities["date"].dt.year.eq(2024).all()
    assert len(activities) == len(build_demo.read_activities())


def test_register_dates_typed_as_text_or_serial_read_as_dates(book):
    records = build_demo.read_activities()
    table = book["activities"]
    kinds = {"text": [], "serial": []}
    for index, record in enumerate(records):
        row = index + 2
        assert table.data.at[row, "date"].date() == record["date"], f"row {row}"
        raw = table.raw.at[row, "date"]
        if record["date_as"] == "text":
            kinds["text"].append(row)
            day = record["date"]
            assert raw == f"{day.day}/{day.month}/{day.year}", f"row {row}"
        elif record["date_as"] == "serial":
            kinds["serial"].append(row)
            assert isinstance(raw, (int, float)) and not isinstance(raw, bool), f"row {row}"
            assert raw == (record["date"] - dt.date(1899, 12, 30)).days
        else:
            assert isinstance(raw, (dt.date, dt.datetime)), f"row {row}: {raw!r}"
    assert len(kinds["text"]) >= 4 and len(kinds["serial"]) >= 2


def test_fanpage_address_is_intact(book):
    channels = book["channels"].data.set_index("name")
    assert channels.at["Fanpage Facebook", "address"] == FANPAGE
    assert channels.at["Fanpage Facebook", "kind"] == "Mạng xã hội"
    assert channels.at["Website trường", "address"] is None


def test_cadence_is_visibly_uneven(book):
    activities = book["activities"].data
    months = activities["date"].dt.month
    news = set(months[activities["type"] == "Tin bài"])
    media = set(months[activities["type"].isin(["Ảnh", "Video"])])
    assert set(range(1, 13)) - news == {6, 7}
    assert set(range(1, 13)) - media == {2}
    topics = book["topics"].data.set_index("number")
    assert set(topics["topic"]) - set(activities["topic"]) == {topics.at[7, "topic"]}


def test_anniversary_topic_activities_fall_in_its_window(book):
    topics = book["topics"].data.set_index("number")
    window = topics.loc[13]
    activities = book["activities"].data
    dates = activities.loc[activities["topic"] == window["topic"], "date"]
    assert len(dates) >= window["minimum"] == 2
    assert dates.between(window["window_from"], window["window_to"]).all()


# Faithful to the seed plan ------------------------------------------------------------

@requires_seed
def test_topics_equal_the_seed(book):
    seed = load_seed().topics
    assert _column(book, "topics", "number") == [t.number for t in seed]
    assert 3 not in _column(book, "topics", "number")
    assert _column(book, "topics", "number")[-1] is None
    assert _column(book, "topics", "topic") == [t.title for t in seed]
    assert [list(forms) for forms in _column(book, "topics", "forms")] == [
        list(t.bullets) for t in seed
    ]


@requires_seed
def test_purposes_requirements_and_duties_equal_the_seed(book):
    seed = load_seed()
    plan = book["plan_text"].data

    def texts(section, role=None):
        rows = plan[plan["section"] == section]
        if role is not None:
            rows = rows[rows["role"] == role]
        return list(rows["text"])

    assert texts("Mục đích") == list(seed.purposes)
    assert texts("Yêu cầu") == list(seed.requirements)
    assert list(dict.fromkeys(plan.loc[plan["section"] == "Nhiệm vụ", "role"])) == list(seed.duties)
    for role, duties in seed.duties.items():
        assert texts("Nhiệm vụ", role) == list(duties)
    assert plan.loc[plan["section"] != "Nhiệm vụ", "role"].isna().all()


@requires_seed
def test_channels_cadence_and_people_match_the_seed(book):
    seed = load_seed()
    channels = book["channels"].data
    # the seed's channels and addresses; the descriptions are shortened so that the plan can
    # name each channel first ("Fanpage Facebook (địa chỉ: …): …")
    assert [c.url for c in seed.channels] == list(
        channels["address"].where(channels["address"].notna(), None))
    assert list(channels["name"]) == ["Website trường", "Hội nghị, sự kiện", "Fanpage Facebook"]
    general = book.general.values
    assert f"Thực hiện {general['higher_plan']}." == seed.opening_lines[2]
    assert general["summary"] == seed.opening_lines[1]
    assert general["school_name"] in seed.opening_lines[3]
    assert general["school_year"] in seed.opening_lines[3]
    assert general["preparer_name"] == seed.signatures.preparer_name
    assert general["signer_name"] == seed.signatures.signer_name
    assert general["signer_title"] == seed.signatures.signer_title
    description = book["cadence"].data.set_index("product").at["Tư liệu", "description"]
    assert description in seed.cadence_lines[1]
