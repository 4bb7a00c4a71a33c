"""`commsplan import`: posts already published → proposed register rows → confirmed rows moved.

The pipeline: `read_posts` (feeds, sitemaps, a Facebook export, the Graph API) → `propose`
(drop what the register or the proposals already hold, by canonical link; guess channel, type
and topic, each with its reason) → `save_proposals` (the proposals tab of a Google Sheet, or a
workbook beside an .xlsx) → later, `apply_proposals` (confirmed rows appended to the register,
removed from the proposals). Nothing here prints.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from commsplan.book import Book, Table
from commsplan.contract import Contract, Tab, allowed_value, load_contract
from commsplan.errors import SourceError
from commsplan.links import FACEBOOK_HOSTS, canonical, place, resolvable_key
from commsplan.messages import say
from commsplan.sources.posts import Post
from commsplan.text import clean, fold

PROPOSALS = "proposals"
REGISTER = "activities"
PROPOSALS_SUFFIX = "-de-xuat.xlsx"
TITLE_SIMILARITY = 90  # rapidfuzz ratio from which two titles of one day are "near-identical"
FEED_TYPE = "article"  # what a post from a feed or a page is, by its key in the contract


# Reading ----------------------------------------------------------------------------------

@dataclass
class Reading:
    """The posts of every source, and how many items had no date (and were left out)."""

    posts: list[Post] = field(default_factory=list)
    undated: int = 0


def read_posts(sources: Iterable[str], fetcher=None, *, facebook_page: str | None = None,
               env=None, since: dt.date | None = None) -> Reading:
    """Posts from addresses and files: feeds, sitemaps, exports; the Graph API for a page."""
    import os

    from commsplan.sources import facebook, feeds

    reading = Reading()
    for source in sources:
        text = source.strip()
        if text.startswith(("http://", "https://")):
            fetcher = fetcher or _fetcher()
            _read_feed_url(text, fetcher, reading, depth=0)
            continue
        path = Path(text)
        if path.suffix.lower() in (".csv", ".xlsx"):
            reading.posts += facebook.read_export(path)
            continue
        if not path.exists():
            raise SourceError("import-bad-from", source=text)
        _add_feed(feeds.read_feed(feeds.read_local(path), path.name), fetcher, reading, 0)
    if facebook_page:
        fetcher = fetcher or _fetcher()
        reading.posts += facebook.read_graph(facebook_page, fetcher, env or os.environ, since)
    return reading


def _fetcher():
    from commsplan.sources.web import Fetcher

    return Fetcher()


def _read_feed_url(url: str, fetcher, reading: Reading, depth: int) -> None:
    from commsplan.sources import feeds

    page = fetcher.fetch(url)
    _add_feed(feeds.read_feed(page.body, url), fetcher, reading, depth)


def _add_feed(feed, fetcher, reading: Reading, depth: int) -> None:
    from commsplan.sources.feeds import MAX_SITEMAPS

    if feed.kind == "sitemapindex":
        if depth >= 2 or len(feed.sitemaps) > MAX_SITEMAPS:
            raise SourceError("import-sitemap-index-too-big", count=len(feed.sitemaps),
                              limit=MAX_SITEMAPS)
        fetcher = fetcher or _fetcher()
        for url in feed.sitemaps:
            _read_feed_url(url, fetcher, reading, depth + 1)
        return
    if not feed.posts and feed.undated:
        raise SourceError("feed-no-dates", origin=feed.origin, count=feed.undated)
    reading.posts += feed.posts
    reading.undated += feed.undated


# What the sheet already holds ---------------------------------------------------------------

class Known:
    """Posts the register and the proposals hold: canonical links, and titles by day.

    Same-day titles matter only where a link cannot tell: for rows whose link does not name
    its post (pfbid…, share links, no link) kept by day here, and for every row of a day when
    the new post's own link cannot tell, found through a per-table index built on demand.
    """

    def __init__(self, tables: Iterable[Table]) -> None:
        from itertools import repeat

        from commsplan.links import FACEBOOK_STORY, resolvable_key

        self.tables = [t for t in tables if not t.data.empty]
        self.keys: dict[str, tuple[Table, int]] = {}  # canonical link → (table, sheet row)
        self.unnamed: dict[dt.date, list[tuple[Table, int, str]]] = defaultdict(list)
        self._days: dict[int, dict] = {}
        for table in reversed(self.tables):  # the first table holding a link names it
            data = table.data
            links = data["link"]
            filled = links[links.notna()]
            # the register's usual form, a story_fbid permalink, in one pass over the column
            story = filled.str.extract(FACEBOOK_STORY, expand=False)
            other = filled[story.isna()]
            other_keys = [canonical(link) for link in other.to_numpy()]
            keys = dict(zip(reversed(other_keys), zip(repeat(table), reversed(
                other.index.tolist()))))
            story = story.dropna()
            keys.update(zip(("facebook:" + story[::-1]).tolist(),
                            zip(repeat(table), story.index[::-1].tolist())))
            self.keys.update(keys)
            unnamed = links.isna()
            # pandas-stubs take no list of values for labels; pandas does
            unnamed[other.index] = [  # type: ignore[call-overload]
                not resolvable_key(k) for k in other_keys]
            chosen = data[unnamed.to_numpy() & data["date"].notna().to_numpy()]
            for row, day, title in zip(chosen.index.tolist(), chosen["date"].dt.date.tolist(),
                                       chosen["title"].tolist()):
                if isinstance(title, str):
                    self.unnamed[day].append((table, int(row), title))

    def where(self, key: str) -> str:
        table, row = self.keys[key]
        return _where(table, row)

    def on(self, day: dt.date, every: bool) -> list[tuple[Table, int, str]]:
        """Rows of that day with a title: every row, or only those whose link cannot tell."""
        if not every:
            rows = self.unnamed.get(day, [])
        else:
            rows = []
            for table in self.tables:
                index = self._days.get(id(table))
                if index is None:
                    dates = table.data["date"].dt.date
                    index = self._days[id(table)] = dates.groupby(dates).indices
                positions = index.get(day)
                if positions is not None:
                    row_numbers = table.data.index.to_numpy()[positions]
                    titles = table.data["title"].to_numpy()[positions]
                    rows += [(table, int(r), t) for r, t in zip(row_numbers, titles)
                             if isinstance(t, str)]
        return rows


def _where(table: Table, row: int) -> str:
    return f"{table.label}!{table.cell('link', row) or row}"


# Proposing ------------------------------------------------------------------------------------

@dataclass
class Proposal:
    """One proposed register row."""

    date: dt.date | None  # None when the source gave no date
    title: str
    link: str
    channel: str = ""
    type: str = ""
    topic: str = ""
    views: int | None = None
    reactions: int | None = None
    reason: str = ""
    source: str = ""
    likely_duplicate: str = ""  # where a near-identical post of the same day is

    def cells(self) -> dict[str, Any]:
        return {"date": self.date, "topic": self.topic, "type": self.type, "title": self.title,
                "channel": self.channel, "link": self.link, "views": self.views,
                "reactions": self.reactions, "reason": self.reason, "source": self.source}


@dataclass
class ImportResult:
    """What `propose` found: the new rows and what it left out."""

    proposals: list[Proposal] = field(default_factory=list)
    read: int = 0
    already_known: int = 0  # in the register or the proposals (or twice in the sources)
    outside_plan: int = 0
    undated: int = 0
    untitled: int = 0  # sitemap links whose page gave no title
    no_channel: set[str] = field(default_factory=set)  # hosts no channel names

    @property
    def likely_duplicates(self) -> int:
        return sum(1 for p in self.proposals if p.likely_duplicate)


def propose(book: Book, reading: Reading, fetcher=None, *,
            known_tables: Iterable[Table] | None = None, plan=None,
            lang: str = "vi") -> ImportResult:
    """The posts the register and the proposals lack, as proposals with guesses and reasons
    (the reasons in `lang`, since they are written into the sheet)."""
    tables = list(known_tables) if known_tables is not None else [book[REGISTER],
                                                                   book[PROPOSALS]]
    known = Known(tables)
    result = ImportResult(read=len(reading.posts), undated=reading.undated)
    seen: set[str] = set()
    named: dict[int, bool] = {}  # id(post) → whether its link names its post
    new: list[Post] = []
    for post in reading.posts:
        key = canonical(post.link)
        if key in known.keys or key in seen:
            result.already_known += 1
            continue
        if plan is not None and post.date is not None and not plan.start <= post.date <= plan.end:
            result.outside_plan += 1
            continue
        seen.add(key)
        new.append(post)
        named[id(post)] = resolvable_key(key)
    _fill_titles([p for p in new if not p.title], fetcher, result)
    channels = ChannelFinder(book, lang)
    topics = TopicGuesser(book, lang)
    for post in new:
        title = post.title or ""
        channel, channel_reason = channels.find(post)
        if not channel:
            result.no_channel.add(place(post.link).host)
        kind = _register_type(post)
        topic, topic_reason = topics.guess(post.category, title)
        proposal = Proposal(date=post.date, title=title, link=post.link, channel=channel,
                            type=kind, topic=topic, views=post.views, reactions=post.reactions,
                            source=post.source)
        proposal.likely_duplicate = _likely_duplicate(post, title, known, named[id(post)])
        reasons = [topic_reason, channel_reason]
        if proposal.likely_duplicate:
            reasons.append(say("reason-likely-duplicate", lang, where=proposal.likely_duplicate))
        if not title:
            reasons.append(say("reason-no-title", lang))
        proposal.reason = " ".join(r for r in reasons if r)
        result.proposals.append(proposal)
    result.proposals.sort(key=lambda p: (p.date, p.link))
    return result


def _fill_titles(posts: list[Post], fetcher, result: ImportResult) -> None:
    """The title of each new sitemap link, read from its page (og:title, else <title>)."""
    if not posts:
        return
    from commsplan.sources.pages import read_page

    fetcher = fetcher or _fetcher()

    def title_of(post: Post) -> str | None:
        try:
            page = fetcher.fetch(post.link)
        except SourceError:
            return None
        return read_page(page.body, page.encoding, page.final_url).title

    for post, title in zip(posts, fetcher.fetch_many(posts, title_of)):
        post.title = title
        if not title:
            result.untitled += 1


def _register_type(post: Post) -> str:
    from commsplan.sources.facebook import post_type

    if post.kind == "article":
        return allowed_value("activities.type", FEED_TYPE)
    return post_type(post.kind) or allowed_value("activities.type",
                                                  "other" if post.kind else FEED_TYPE)


def _likely_duplicate(post: Post, title: str, known: Known, named: bool) -> str:
    """Where a post of the same day with a near-identical title is, when links cannot tell
    (either link is a pfbid or share link, or the register row has no link)."""
    if not title or post.date is None:
        return ""
    same_day = known.on(post.date, every=not named)
    if not same_day:
        return ""
    from rapidfuzz import fuzz, process, utils

    found = process.extractOne(title, [t for _, _, t in same_day], scorer=fuzz.ratio,
                               processor=utils.default_process, score_cutoff=TITLE_SIMILARITY)
    if found is None:
        return ""
    table, row, _ = same_day[found[2]]
    return _where(table, row)


class ChannelFinder:
    """The channel of a link: by its host, and on facebook.com by the page's id or name."""

    def __init__(self, book: Book, lang: str = "vi") -> None:
        self.lang = lang
        self.by_host: dict[str, list[tuple[str | None, str]]] = defaultdict(list)
        table = book["channels"].data
        for name, address in zip(table["name"], table["address"]):
            if isinstance(name, str) and isinstance(address, str):
                where = place(address)
                if where.host:
                    self.by_host[where.host].append((where.page, name))

    def find(self, post: Post) -> tuple[str, str]:
        where = place(post.link)
        host = where.host
        if host in FACEBOOK_HOSTS:
            host = next((h for h in FACEBOOK_HOSTS if h in self.by_host), host)
        candidates = self.by_host.get(host, [])
        page = (post.page or where.page or "").casefold() or None
        if page:
            named = [name for channel_page, name in candidates if channel_page == page]
            if named:
                return named[0], ""
        if len(candidates) == 1 and (page is None or candidates[0][0] is None
                                     or host not in FACEBOOK_HOSTS):
            return candidates[0][1], ""
        if len(candidates) == 1 and post.page:  # an export of one page: the page is the channel
            return candidates[0][1], ""
        return "", say("reason-no-channel", self.lang, host=where.host or post.link)


_SYLLABLE_RE = re.compile(r"\w+")


class TopicGuesser:
    """A topic from the site's category, or from words of the title shared with a topic."""

    def __init__(self, book: Book, lang: str = "vi") -> None:
        self.lang = lang
        table = book["topics"].data
        self.topics: list[tuple[str, str, frozenset, frozenset]] = []
        for name, forms in zip(table["topic"], table["forms"]):
            if not isinstance(name, str):
                continue
            form_text = " ".join(forms) if isinstance(forms, tuple) else str(forms or "")
            self.topics.append((name, fold(name), _pairs(_loose(name)), _pairs(_loose(form_text))))
        self._cache: dict[str, tuple[str, str]] = {}

    def guess(self, category: str, title: str) -> tuple[str, str]:
        if category:
            found = self._by_category(category)
            if found:
                return found, say("reason-topic-category", self.lang, category=clean(category))
        key = _loose(title)
        if key not in self._cache:
            self._cache[key] = self._by_title(key)
        return self._cache[key]

    def _by_category(self, category: str) -> str:
        from rapidfuzz import fuzz

        folded = fold(category)
        best = max(self.topics, key=lambda t: fuzz.token_set_ratio(folded, t[1]), default=None)
        if best is not None and fuzz.token_set_ratio(folded, best[1]) >= 90:
            return best[0]
        return ""

    def _by_title(self, folded: str) -> tuple[str, str]:
        words = _pairs(folded)
        if not words:
            return "", ""
        scored = []
        for name, _, name_pairs, form_pairs in self.topics:
            shared = (words & name_pairs) | (words & form_pairs)
            score = 2 * len(words & name_pairs) + len(words & form_pairs)
            scored.append((score, name, shared))
        scored.sort(key=lambda s: -s[0])
        if not scored or scored[0][0] < 3 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
            return "", say("reason-topic-none", self.lang)
        score, name, shared = scored[0]
        words_shown = ", ".join(sorted(shared)[:4])
        return name, say("reason-topic-title", self.lang, words=words_shown)


_LOOSE: dict[int, str | None] = {}


def _loose(text: str) -> str:
    """Lower case without diacritics, like `fold` but by table: topic words only need this."""
    import unicodedata

    if not _LOOSE:
        for code in range(0xC0, 0x1EFA):
            char = chr(code)
            plain = fold(char)
            if plain != char.casefold() and len(plain) == 1:
                _LOOSE[code] = plain
        for mark in range(0x300, 0x370):
            _LOOSE[mark] = None
    return unicodedata.normalize("NFC", text).lower().translate(_LOOSE)


def _pairs(folded: str) -> frozenset:
    """Two-syllable words of folded text: Vietnamese words are mostly two syllables."""
    syllables = _SYLLABLE_RE.findall(folded)
    return frozenset(f"{a} {b}" for a, b in zip(syllables, syllables[1:]))


# Where the proposals live ---------------------------------------------------------------------

def proposals_path(register: str | Path) -> Path:
    """The workbook beside an .xlsx register that holds its proposals."""
    path = Path(register)
    return path.with_name(path.stem + PROPOSALS_SUFFIX)


def proposals_table(path: Path, contract: Contract | None = None) -> Table:
    """The proposals tab of the workbook beside an .xlsx (an empty table when there is none)."""
    from commsplan.book import build_book
    from commsplan.sources import RawBook
    from commsplan.sources.workbook import read_workbook

    contract = contract or load_contract()
    small = Contract((contract.tab("general"), contract.tab(PROPOSALS)))
    raw = read_workbook(path) if path.exists() else RawBook(str(path), [])
    return build_book(raw, small)[PROPOSALS]


def proposal_rows(tab: Tab, table: Table | None, new: list[Proposal],
                  date_as_text: bool = False) -> list[list[Any]]:
    """Rows of the proposals tab in the contract's column order: the kept ones, then the new."""
    rows: list[list[Any]] = []
    if table is not None:
        for row in table.raw.index:
            rows.append([_kept_value(table, column.key, row, date_as_text)
                         for column in tab.columns])
    for proposal in new:
        cells = proposal.cells()
        rows.append([_cell_value(cells.get(column.key), date_as_text) for column in tab.columns])
    return rows


def _kept_value(table: Table, key: str, row: int, date_as_text: bool) -> Any:
    value = table.raw.at[row, key]
    typed = table.data.at[row, key]
    if key == "date" and isinstance(typed, pd.Timestamp) and not pd.isna(typed):
        return _cell_value(typed.date(), date_as_text)
    return None if value == "" else value


def _cell_value(value: Any, date_as_text: bool) -> Any:
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, dt.date) and date_as_text:
        return value.strftime("%d/%m/%Y")
    return value


def save_proposals_xlsx(register: str | Path, result: ImportResult, table: Table) -> Path:
    """Write the kept and new proposals to the workbook beside the .xlsx register."""
    from commsplan.outputs import save

    contract = load_contract()
    tab = contract.tab(PROPOSALS)
    rows = proposal_rows(tab, table, result.proposals)
    path = proposals_path(register)
    return save(path, proposals_workbook(tab, rows), replace=True).path


def proposals_workbook(tab: Tab, rows: list[list[Any]]) -> bytes:
    """The proposals workbook: the contract's tab, text that starts with '=' kept as text."""
    import io

    from openpyxl import load_workbook

    from commsplan.sheet_writers.workbook import workbook_bytes

    data = workbook_bytes({PROPOSALS: rows}, Contract((tab,)))
    if not any(isinstance(v, str) and v.startswith("=") for row in rows for v in row):
        return data
    workbook = load_workbook(io.BytesIO(data))
    for row in workbook.active.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # a title copied from the web is never a formula
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# Applying ------------------------------------------------------------------------------------

@dataclass
class ApplyResult:
    moved: list[int] = field(default_factory=list)  # proposal rows moved to the register
    not_ready: list[tuple[int, list[str]]] = field(default_factory=list)  # row, what lacks
    rejected: int = 0
    waiting: int = 0  # neither confirmed nor rejected
    register_rows: list[int] = field(default_factory=list)  # where they went


def confirmed_rows(book: Book, proposals: Table) -> tuple[ApplyResult, list[dict[str, Any]]]:
    """The confirmed proposals ready to go, as register values; the others counted."""
    result = ApplyResult()
    register_tab = book.contract.tab(REGISTER)
    allowed_types = set(register_tab.column("type").allowed)
    topics = {t for t in book["topics"].data["topic"] if isinstance(t, str)}
    channels = {c for c in book["channels"].data["name"] if isinstance(c, str)}
    units = {u for u in book["units"].data["name"] if isinstance(u, str)}
    ready: list[dict[str, Any]] = []
    data = proposals.data
    for row in data.index:
        decision: Any = data.at[row, "decision"]
        if decision is pd.NA or decision is None or pd.isna(decision):
            result.waiting += 1
            continue
        if not bool(decision):
            result.rejected += 1
            continue
        values = {key: _typed(data.at[row, key]) for key in data.columns}
        lacking = [register_tab.column(key).header for key in
                   ("date", "topic", "type", "title", "author", "channel") if not values.get(key)]
        wrong = []
        if values.get("topic") and values["topic"] not in topics:
            wrong.append(register_tab.column("topic").header)
        if values.get("channel") and values["channel"] not in channels:
            wrong.append(register_tab.column("channel").header)
        if values.get("type") and values["type"] not in allowed_types:
            wrong.append(register_tab.column("type").header)
        if values.get("unit") and values["unit"] not in units:
            wrong.append(register_tab.column("unit").header)
        if lacking or wrong:
            result.not_ready.append((int(row), lacking + [f"{w} (?)" for w in wrong]))
            continue
        result.moved.append(int(row))
        ready.append(values)
    return result, ready


def _typed(value: Any) -> Any:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date()
    return value


def register_row(table: Table, values: dict[str, Any], date_as_text: bool) -> dict[int, Any]:
    """Column index (0-based, as in the sheet) → value, for one new register row."""
    from openpyxl.utils import column_index_from_string

    cells = {}
    for key, letter in table.letters.items():
        value = values.get(key)
        if value is None or value == "":
            continue
        cells[column_index_from_string(letter) - 1] = _cell_value(value, date_as_text)
    return cells


def last_row(table: Table) -> int:
    """The sheet row of the table's last filled row (its header row when it has none)."""
    if len(table.raw.index):
        return int(table.raw.index.max())
    return 1


def apply_xlsx(path: str | Path, book: Book) -> ApplyResult:
    """Append the confirmed proposals to the register tab of an .xlsx, only there; drop them
    from the proposals workbook beside it."""
    import io

    from openpyxl import load_workbook

    from commsplan.outputs import save

    path = Path(path)
    side = proposals_path(path)
    table = proposals_table(side, book.contract)
    result, ready = confirmed_rows(book, table)
    if not ready:
        return result
    register = book[REGISTER]
    workbook = load_workbook(path)
    sheet = workbook[register.name]
    start = last_row(register) + 1
    for offset, values in enumerate(ready):
        row = start + offset
        for index, value in register_row(register, values, date_as_text=False).items():
            cell = sheet.cell(row=row, column=index + 1, value=value)
            if isinstance(value, dt.date):
                cell.number_format = "DD/MM/YYYY"
            elif isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text as staff typed it, never a formula
        result.register_rows.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    save(path, buffer.getvalue(), replace=True)
    tab = book.contract.tab(PROPOSALS)
    kept = table.raw.index.difference(pd.Index(result.moved))
    remaining = _subset(table, kept)
    save(side, proposals_workbook(tab, proposal_rows(tab, remaining, [])), replace=True)
    return result


def _subset(table: Table, rows: pd.Index) -> Table:
    from dataclasses import replace

    return replace(table, raw=table.raw.loc[rows], data=table.data.loc[rows])


# Google Sheets: one write request per run --------------------------------------------------

def _positioned(table: Table | None, tab: Tab, values: list[Any]) -> dict[int, Any]:
    """Contract-ordered values → sheet column index → value, by the tab's headers as found."""
    from openpyxl.utils import column_index_from_string

    if table is None or not table.letters:
        return dict(enumerate(values))
    cells = {}
    for column, value in zip(tab.columns, values):
        letter = table.letters.get(column.key)
        if letter:
            cells[column_index_from_string(letter) - 1] = value
    return cells


def _as_list(cells: dict[int, Any], width: int) -> list[Any]:
    return [cells.get(i) for i in range(width)]


def save_proposals_google(sheet, book: Book, result: ImportResult) -> str:
    """Append the new proposals to the proposals tab (created when missing), in one request."""
    from commsplan.sheet_writers import rows_google

    tab = book.contract.tab(PROPOSALS)
    table = book[PROPOSALS]
    new_rows = proposal_rows(tab, None, result.proposals, date_as_text=True)
    grids = rows_google.sheet_grids(sheet)
    if table.name is None or fold(table.name) not in grids:
        sheet.batch_update(rows_google.new_tab(tab, rows_google.free_id(grids), new_rows))
        return tab.name
    grid = grids[fold(table.name)]
    placed = [_positioned(table, tab, row) for row in new_rows]
    width = max((max(c) + 1 for c in placed if c), default=len(tab.columns))
    start = last_row(table)  # 0-based index of the row under the last filled one
    requests = rows_google.grow(grid, start + len(placed), width)
    requests.append(rows_google.write_rows(grid["sheetId"], start,
                                           [_as_list(c, width) for c in placed]))
    sheet.batch_update(requests)
    return grid["title"]


def apply_google(sheet, book: Book) -> ApplyResult:
    """Confirmed proposals appended to the register and dropped from the proposals: one request."""
    from commsplan.sheet_writers import rows_google

    proposals = book[PROPOSALS]
    result, ready = confirmed_rows(book, proposals)
    if not ready:
        return result
    grids = rows_google.sheet_grids(sheet)
    register = book[REGISTER]
    register_grid = grids[fold(register.name or "")]
    placed = [register_row(register, values, date_as_text=True) for values in ready]
    width = max(max(c) + 1 for c in placed if c)
    start = last_row(register)
    requests = rows_google.grow(register_grid, start + len(placed), width)
    requests.append(rows_google.write_rows(register_grid["sheetId"], start,
                                           [_as_list(c, width) for c in placed]))
    result.register_rows = [start + 1 + i for i in range(len(placed))]
    tab = book.contract.tab(PROPOSALS)
    kept = proposals.raw.index.difference(pd.Index(result.moved))
    rows = proposal_rows(tab, _subset(proposals, kept), [], date_as_text=True)
    first = int(proposals.raw.index.min())
    span = last_row(proposals) - first + 1
    proposal_width = max(max(_positioned(proposals, tab, [0] * len(tab.columns))) + 1,
                         len(tab.columns))
    placed_rows = [_as_list(_positioned(proposals, tab, row), proposal_width) for row in rows]
    placed_rows += [[None] * proposal_width] * (span - len(placed_rows))
    grid = grids[fold(proposals.name or "")]
    requests.append(rows_google.write_rows(grid["sheetId"], first - 1, placed_rows))
    sheet.batch_update(requests)
    return result
