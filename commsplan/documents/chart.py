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
    }
    with matplotlib.rc_context(style):
        figure = Figure(figsize=(WIDTH_MM / 25.4, HEIGHT_MM / 25.4), dpi=DPI)
        canvas = FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        series = list(counts.items())
        group = 0.8
        width = group / max(len(series), 1)
        for index, (name, values) in enumerate(series):
            fill, hatch = FILLS[index % len(FILLS)]
            offset = -group / 2 + width * (index + 0.5)
            axes.bar([m + offset for m in range(len(months))], list(values), width,
                     label=name, color=fill, hatch=hatch, edgecolor="black", linewidth=0.6)
        target_labels = {t.label for t in targets}
        for number, target in enumerate(targets):
            axes.axhline(target.minimum, color="black", linewidth=1.1,
                         linestyle=(0, (5, 3)) if number == 0 else (0, (2, 2)),
                         label=target.label, zorder=3)
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
        handles, labels = axes.get_legend_handles_labels()
        order = sorted(range(len(handles)), key=lambda i: labels[i] in target_labels)  # bars first
        columns = len(order) if len(order) <= 5 else -(-len(order) // 2)
        rows = -(-len(order) // columns)
        # matplotlib fills a legend column by column; reading goes row by row
        order = [order[r * columns + c] for c in range(columns) for r in range(rows)
                 if r * columns + c < len(order)]
        axes.legend([handles[i] for i in order], [labels[i] for i in order],
                    loc="upper center", bbox_to_anchor=(0.46, -0.17), frameon=False,
                    ncol=columns, fontsize=9, handlelength=1.8, columnspacing=1.2)
        # Fixed margins, not tight_layout: that would draw the whole figure once more.
        figure.subplots_adjust(left=0.085, right=0.995, top=0.97, bottom=0.27 + 0.05 * (rows - 1))
        figure.set_facecolor("white")
        canvas.draw()
        return _grey_png(canvas.buffer_rgba())


def _grey_png(rgba) -> bytes:
    """The drawn pixels as a PNG of one 8-bit grey channel and no alpha: the drawing is greys
    only, so that is a third of the bytes and no soft mask in the PDF. Pillow writes no date,
    no software name: the same pixels give the same bytes."""
    from PIL import Image

    out = io.BytesIO()
    Image.frombuffer("RGBA", (rgba.shape[1], rgba.shape[0]), bytes(rgba), "raw", "RGBA", 0, 1) \
        .convert("L").save(out, format="PNG", dpi=(DPI, DPI))
    return out.getvalue()
