"""The report's chart: products per month by type against the monthly target, as a print PNG.

Greys and hatching so that it reads in black and white; a serif font with every Vietnamese
diacritic; the same numbers always give the same bytes (no date or version in the file).
matplotlib is imported only when a chart is drawn, and drawn with its Agg canvas directly
(no pyplot, no global backend).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

WIDTH_MM = 160
HEIGHT_MM = 80
DPI = 250  # print resolution: 160 mm at 250 dpi is 1575 pixels wide
LABELLED_MONTHS = 6  # up to this many months, each bar carries its number
FONTS = ["Times New Roman", "Liberation Serif", "DejaVu Serif"]  # the first one installed
# (fill, hatch) per product type, in order: distinct in grey and in pattern alike
FILLS = [("0.25", ""), ("0.62", "///"), ("white", "..."), ("0.85", "xx"), ("white", "\\\\\\"),
         ("0.45", "--")]


@dataclass(frozen=True)
class Target:
    """A dashed line: the monthly minimum and its legend text."""

    minimum: int
    label: str


def monthly_chart(months: Sequence[str], counts: Mapping[str, Sequence[int]],
                  targets: Sequence[Target], *, y_label: str) -> bytes:
    """PNG bytes: grouped bars, one group per month (labels), one bar per type (counts' keys)."""
    figure = chart_figure(months, counts, targets, y_label=y_label)
    return _grey_png(figure.canvas.buffer_rgba())


def chart_figure(months: Sequence[str], counts: Mapping[str, Sequence[int]],
                 targets: Sequence[Target], *, y_label: str):
    """The chart drawn on a matplotlib Figure (Agg canvas). Every text prints as given: no
    TeX, however many "$" a name from the sheet holds."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    style = {
        "font.family": "serif",
        "font.serif": FONTS,
        "font.size": 10,
        "hatch.linewidth": 0.6,
        "axes.linewidth": 0.6,
        "svg.hashsalt": "commsplan",  # no randomness anywhere in the drawing
        "text.parse_math": False,  # names come from the sheet: "$5$" prints as typed, not TeX
    }
    with matplotlib.rc_context(style):
        figure = Figure(figsize=(WIDTH_MM / 25.4, HEIGHT_MM / 25.4), dpi=DPI)
        canvas = FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        series = list(counts.items())
        group = 0.8
        width = group / max(len(series), 1)
        # The legend's entries, bars first, kept here: asking the axes for them would drop
        # a name that starts with "_" (matplotlib's mark of an artist left out of legends).
        handles, labels = [], []
        for index, (name, values) in enumerate(series):
            fill, hatch = FILLS[index % len(FILLS)]
            offset = -group / 2 + width * (index + 0.5)
            handles.append(axes.bar([m + offset for m in range(len(months))], list(values),
                                    width, color=fill, hatch=hatch, edgecolor="black",
                                    linewidth=0.6))
            labels.append(str(name))
        for number, target in enumerate(targets):
            handles.append(axes.axhline(target.minimum, color="black", linewidth=1.1,
                                        linestyle=(0, (5, 3)) if number == 0 else (0, (2, 2)),
                                        zorder=3))
            labels.append(target.label)
        axes.set_xticks(range(len(months)), list(months))
        axes.set_xlim(-0.6, len(months) - 0.4)
        tallest = max([max(v, default=0) for _, v in series] + [t.minimum for t in targets] + [1])
        axes.set_ylim(0, tallest * 1.15 + 0.5)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_ylabel(y_label)
        axes.grid(axis="y", color="0.85", linewidth=0.5)
        axes.set_axisbelow(True)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        if len(months) > 8:
            axes.tick_params(axis="x", labelsize=9)
        if len(months) <= LABELLED_MONTHS:
            for bars in axes.containers:
                axes.bar_label(bars, labels=[str(int(v)) if v else "" for v in bars.datavalues],
                               padding=1.5, fontsize=8)
        count = len(handles)
        columns = max(count if count <= 5 else -(-count // 2), 1)
        rows = -(-count // columns)
        # matplotlib fills a legend column by column; reading goes row by row
        order = [r * columns + c for c in range(columns) for r in range(rows)
                 if r * columns + c < count]
        axes.legend([handles[i] for i in order], [labels[i] for i in order],
                    loc="upper center", bbox_to_anchor=(0.46, -0.17), frameon=False,
                    ncol=columns, fontsize=9, handlelength=1.8, columnspacing=1.2)
        # Fixed margins, not tight_layout: that would draw the whole figure once more.
        figure.subplots_adjust(left=0.085, right=0.995, top=0.97, bottom=0.27 + 0.05 * (rows - 1))
        figure.set_facecolor("white")
        canvas.draw()
        return figure


def _grey_png(rgba) -> bytes:
    """The drawn pixels as a PNG of one 8-bit grey channel and no alpha: the drawing is greys
    only, so that is a third of the bytes and no soft mask in the PDF. Pillow writes no date,
    no software name: the same pixels give the same bytes."""
    from PIL import Image

    out = io.BytesIO()
    Image.frombuffer("RGBA", (rgba.shape[1], rgba.shape[0]), bytes(rgba), "raw", "RGBA", 0, 1) \
        .convert("L").save(out, format="PNG", dpi=(DPI, DPI))
    return out.getvalue()
