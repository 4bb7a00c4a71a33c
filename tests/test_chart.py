"""The report's chart: drawn without a plotting library, bars as tall as their counts."""

import io
import subprocess
import sys

from PIL import Image

from commsplan.documents.chart import DPI, FILLS, monthly_chart


def test_the_chart_is_drawn_without_importing_a_plotting_library():
    script = (
        "import sys\n"
        "from commsplan.documents.chart import Target, monthly_chart\n"
        "png = monthly_chart(['1/2024'], {'Tin bài': [3]}, [Target(1, 'Định mức')],"
        " y_label='Số sản phẩm')\n"
        "assert png.startswith(b'\\x89PNG')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('matplotlib', 'numpy')))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


def test_bars_are_as_tall_as_their_counts_in_one_grey_per_type():
    png = monthly_chart(["1/2024", "2/2024"], {"Tin bài": [2, 4], "Ảnh": [1, 0]}, [],
                        y_label="Số sản phẩm")
    image = Image.open(io.BytesIO(png))
    assert image.mode == "L" and round(image.info["dpi"][0]) == DPI  # one grey, no alpha
    first_grey = FILLS[0][0]
    width, height = image.size
    pixels = image.load()
    heights = {}  # a column of the first type's bars → how many pixels of its grey it holds
    for x in range(width):
        column = sum(1 for y in range(height) if pixels[x, y] == first_grey)
        if column > 40:  # not the legend's key, nor a letter's edge
            heights[x] = column
    bars = []  # runs of neighbouring columns: one per bar
    for x in sorted(heights):
        if bars and x == bars[-1][-1] + 1:
            bars[-1].append(x)
        else:
            bars.append([x])
    assert len(bars) == 2
    tall = [max(heights[x] for x in bar) for bar in bars]
    assert abs(tall[1] / tall[0] - 2) < 0.05
