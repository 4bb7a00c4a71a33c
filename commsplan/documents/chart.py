"""The report's chart: products per month by type against the monthly target, as a print PNG.

Greys and hatching so that it reads in black and white; a serif font with every Vietnamese
diacritic; the same numbers always give the same bytes (no date or version in the file).
Drawn with Pillow alone: a grouped bar chart needs no plotting library, and importing and
running one took most of a report's time. Sizes are given in points and millimetres, as a
printed page measures them, and turned into pixels at DPI.
"""

from __future__ import annotations

import functools
import io
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Pillow is imported only when a chart is drawn
    from PIL import Image

WIDTH_MM = 160
HEIGHT_MM = 80
DPI = 250  # print resolution: 160 mm at 250 dpi is 1575 pixels wide
LABELLED_MONTHS = 6  # up to this many months, each bar carries its number
# The first one installed; Liberation Serif has Times New Roman's metrics, DejaVu Serif every
# Vietnamese letter.
FONT_FILES = ("times.ttf", "Times New Roman.ttf", "Times_New_Roman.ttf",
              "LiberationSerif-Regular.ttf", "DejaVuSerif.ttf")
FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts",
                "/Library/Fonts", "/System/Library/Fonts", "C:/Windows/Fonts")
# (grey level, hatch) per product type, in order: distinct in grey and in pattern alike.
FILLS = [(64, ""), (158, "///"), (255, "..."), (217, "xx"), (255, "\\\\\\"), (115, "--")]
GRID_GREY = 217
BLACK, WHITE = 0, 255
# The plot area inside the picture, as shares of its width and height.
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 0.085, 0.995, 0.03, 0.73
LEGEND_ROW_SHARE = 0.05  # each legend row past the first takes this much from the plot


@dataclass(frozen=True)
class Target:
    """A dashed line: the monthly minimum and its legend text."""

    minimum: int
    label: str


def px(points: float) -> int:
    """Points (1/72 inch) in pixels at DPI, at least one."""
    return max(1, round(points * DPI / 72))


@dataclass(frozen=True)
class ChartPicture:
    """A drawn chart: its pixels, the legend's entries in reading order, and every text drawn
    (as given: nothing in a name from the sheet is read as markup)."""

    image: Image.Image  # one 8-bit grey channel
    legend: tuple[str, ...]
    texts: tuple[str, ...]

    def png(self) -> bytes:
        """PNG bytes; Pillow writes no date and no software name: same pixels, same bytes."""
        out = io.BytesIO()
        self.image.save(out, format="PNG", dpi=(DPI, DPI), optimize=False)
        return out.getvalue()


def monthly_chart(months: Sequence[str], counts: Mapping[str, Sequence[int]],
                  targets: Sequence[Target], *, y_label: str) -> bytes:
    """PNG bytes: grouped bars, one group per month (labels), one bar per type (counts' keys)."""
    return chart_picture(months, counts, targets, y_label=y_label).png()


def chart_picture(months: Sequence[str], counts: Mapping[str, Sequence[int]],
                  targets: Sequence[Target], *, y_label: str) -> ChartPicture:
    """The chart drawn: grouped bars, one group per month, one bar per type, dashed targets."""
    from PIL import Image, ImageDraw

    width, height = round(WIDTH_MM / 25.4 * DPI), round(HEIGHT_MM / 25.4 * DPI)
    picture = Image.new("L", (width, height), WHITE)
    draw = ImageDraw.Draw(picture)
    texts: list[str] = []

    def write(xy, text: str, font, anchor: str) -> None:
        texts.append(text)
        draw.text(xy, text, font=font, fill=BLACK, anchor=anchor)

    series = list(counts.items())
    legend = _legend_items(series, targets)
    columns = len(legend) if len(legend) <= 5 else -(-len(legend) // 2)
    rows = -(-len(legend) // max(columns, 1))
    left, right = PLOT_LEFT * width, PLOT_RIGHT * width
    top = PLOT_TOP * height
    bottom = (PLOT_BOTTOM - LEGEND_ROW_SHARE * max(rows - 1, 0)) * height
    tallest = max([max(v, default=0) for _, v in series] + [t.minimum for t in targets] + [1])
    y_top = tallest * 1.15 + 0.5
    x_from, x_to = -0.6, len(months) - 0.4

    def x_at(value: float) -> float:
        return left + (value - x_from) / (x_to - x_from) * (right - left)

    def y_at(value: float) -> float:
        return bottom - value / y_top * (bottom - top)

    tick_font = _font(9 if len(months) > 8 else 10)
    # The grid and the y axis's numbers.
    for tick in _integer_ticks(y_top):
        y = round(y_at(tick))
        draw.line([(left, y), (right, y)], fill=GRID_GREY, width=px(0.5))
        draw.line([(left - px(3.5), y), (left, y)], fill=BLACK, width=px(0.8))
        write((left - px(5.5), y), str(tick), _font(10), "rm")
    # The bars, then the numbers over them.
    group = 0.8
    bar = group / max(len(series), 1)
    bar_tops = []
    for index, (_, values) in enumerate(series):
        fill, hatch = FILLS[index % len(FILLS)]
        offset = -group / 2 + bar * (index + 0.5)
        for month, value in enumerate(values):
            box = (round(x_at(month + offset - bar / 2)), round(y_at(value)),
                   round(x_at(month + offset + bar / 2)), round(y_at(0)))
            _hatched_box(picture, draw, box, fill, hatch)
            bar_tops.append((box, value))
    # The targets: dashed lines over the bars.
    for number, target in enumerate(targets):
        _dashed_line(draw, left, right, round(y_at(target.minimum)), number)
    if len(months) <= LABELLED_MONTHS:
        for (x0, y0, x1, _), value in bar_tops:
            if value:
                write(((x0 + x1) / 2, y0 - px(1.5)), str(int(value)), _font(8), "md")
    # The axes: left and bottom only, month names under their groups.
    draw.line([(left, top), (left, bottom)], fill=BLACK, width=px(0.6))
    draw.line([(left, bottom), (right, bottom)], fill=BLACK, width=px(0.6))
    for month, name in enumerate(months):
        x = round(x_at(month))
        draw.line([(x, bottom), (x, bottom + px(3.5))], fill=BLACK, width=px(0.8))
        write((x, bottom + px(5.5)), str(name), tick_font, "ma")
    _y_label(picture, y_label, round(px(3)), (top + bottom) / 2)
    texts.append(y_label)
    _legend(picture, draw, legend, columns, centre=left + 0.46 * (right - left),
            top=bottom + 0.17 * (bottom - top))
    texts += [label for label, _ in legend]
    return ChartPicture(picture, tuple(label for label, _ in legend), tuple(texts))


def _legend_items(series, targets) -> list[tuple[str, object]]:
    """(label, what its key shows) in reading order: the bars' types, then the targets."""
    items: list[tuple[str, object]] = [
        (str(name), FILLS[i % len(FILLS)]) for i, (name, _) in enumerate(series)
    ]
    return items + [(target.label, number) for number, target in enumerate(targets)]


def _legend(picture, draw, items, columns: int, *, centre: float, top: float) -> None:
    """The key under the plot, row by row, centred on centre."""
    if not items:
        return
    font = _font(9)
    em = px(9)
    handle, pad, gap = round(1.8 * em), round(0.8 * em), round(1.2 * em)
    row_height = round(1.3 * em)
    label_widths = [draw.textlength(label, font=font) for label, _ in items]
    widths = [max(label_widths[i] for i in range(c, len(items), columns)) + handle + pad
              for c in range(columns)]
    x = centre - (sum(widths) + gap * (columns - 1)) / 2
    starts = []
    for w in widths:
        starts.append(x)
        x += w + gap
    for index, (label, key) in enumerate(items):
        row, column = divmod(index, columns)
        x0 = round(starts[column])
        y = round(top + row * row_height + row_height / 2)
        if isinstance(key, tuple):
            fill, hatch = key
            box = (x0, y - round(0.35 * em), x0 + handle, y + round(0.35 * em))
            _hatched_box(picture, draw, box, fill, hatch)
        else:
            _dashed_line(draw, x0, x0 + handle, y, key)
        draw.text((x0 + handle + pad, y), label, font=font, fill=BLACK, anchor="lm")


def _hatched_box(picture, draw, box: tuple[int, int, int, int], fill: int, hatch: str) -> None:
    """A bar: filled grey, hatched, edged in black."""
    from PIL import Image, ImageDraw

    x0, y0, x1, y1 = box
    if x1 <= x0 or y1 <= y0:
        return
    tile = Image.new("L", (x1 - x0, y1 - y0), fill)
    if hatch:
        _hatch(ImageDraw.Draw(tile), x1 - x0, y1 - y0, hatch)
    picture.paste(tile, (x0, y0))
    draw.rectangle(box, outline=BLACK, width=px(0.6))


def _hatch(draw, width: int, height: int, hatch: str) -> None:
    """Hatch lines across a width × height tile: about six lines per inch for each mark."""
    step = max(4, round(DPI / (6 * len(hatch))))
    line = px(0.6)
    kind = hatch[0]
    if kind in "/x":
        for x in range(-height, width, step):
            draw.line([(x, height), (x + height, 0)], fill=BLACK, width=line)
    if kind in "\\x":
        for x in range(-height, width, step):
            draw.line([(x, 0), (x + height, height)], fill=BLACK, width=line)
    if kind == "-":
        for y in range(step // 2, height, step):
            draw.line([(0, y), (width, y)], fill=BLACK, width=line)
    if kind == ".":
        radius = max(1, px(0.7))
        for row, y in enumerate(range(step // 2, height, step)):
            for x in range(step // 2 + (step // 2 if row % 2 else 0), width, step):
                draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=BLACK)


def _dashed_line(draw, x_from: float, x_to: float, y: int, number: int) -> None:
    """A target line: long dashes for the first target, short ones for the others."""
    width = px(1.1)
    on, off = (px(5.5), px(3.3)) if number == 0 else (px(2.2), px(2.2))
    x = x_from
    while x < x_to:
        draw.line([(x, y), (min(x + on, x_to), y)], fill=BLACK, width=width)
        x += on + off


def _y_label(picture, text: str, x: int, centre_y: float) -> None:
    """The y axis's label, turned a quarter to read upwards, at x from the left edge."""
    from PIL import Image, ImageDraw

    font = _font(10)
    left, upper, right, lower = font.getbbox(text)
    label = Image.new("L", (right - left + 2, lower - upper + 2), WHITE)
    ImageDraw.Draw(label).text((1 - left, 1 - upper), text, font=font, fill=BLACK)
    label = label.rotate(90, expand=True)
    picture.paste(label, (x, round(centre_y - label.height / 2)))


def _integer_ticks(top: float) -> list[int]:
    """Whole numbers from 0 to top, 1, 2 or 5 times a power of ten apart, at most 8 steps."""
    step = 1
    while top / step > 8:
        for factor in (2, 2.5, 2):  # 1 → 2 → 5 → 10 → 20 → 50 …
            step = round(step * factor)
            if top / step <= 8:
                break
    return list(range(0, int(top) + 1, step))


@functools.cache
def _font(points: float):
    """The chart's serif font at this size."""
    from PIL import ImageFont

    path = font_path()
    if path is None:
        return ImageFont.load_default(px(points))
    return ImageFont.truetype(str(path), px(points))


@functools.cache
def font_path() -> Path | None:
    """The file of the first of FONT_FILES installed, else matplotlib's DejaVu Serif if there."""
    found: dict[str, Path] = {}
    wanted = {name.casefold(): name for name in FONT_FILES}
    for folder in FONT_FOLDERS:
        for root, _, names in os.walk(os.path.expanduser(folder)):
            for name in names:
                if name.casefold() in wanted:
                    found.setdefault(wanted[name.casefold()], Path(root) / name)
    for name in FONT_FILES:
        if name in found:
            return found[name]
    import importlib.util

    spec = importlib.util.find_spec("matplotlib")
    if spec is not None and spec.origin:
        bundled = Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf" / "DejaVuSerif.ttf"
        if bundled.exists():
            return bundled
    return None
