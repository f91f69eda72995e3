"""Copy the front-end packages installed by npm into fostering/static/vendor/.

GOV.UK Frontend's CSS is rewritten for a council service: the GDS Transport font is for GOV.UK itself,
so its @font-face rules are removed (Arial is used instead, see fostering/static/fostering.css), and the
absolute /assets/ URLs are made relative to the copied stylesheet.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = ROOT / "node_modules"
VENDOR = ROOT / "fostering" / "static" / "vendor"


def main() -> int:
    govuk = MODULES / "govuk-frontend" / "dist" / "govuk"
    axe = MODULES / "axe-core" / "axe.min.js"
    if not govuk.exists() or not axe.exists():
        print("npm packages are missing: run `npm ci` first", file=sys.stderr)
        return 1
    target = VENDOR / "govuk"
    if target.exists():
        shutil.rmtree(target)
    (target / "images").mkdir(parents=True)
    css = (govuk / "govuk-frontend.min.css").read_text()
    css = re.sub(r"@font-face\{[^}]*\}", "", css)
    css = css.replace("font-family:GDS Transport,arial,sans-serif", "font-family:arial,sans-serif")
    css = css.replace("url(/assets/", "url(")
    css = re.sub(r"/\*# sourceMappingURL=.*?\*/", "", css)
    (target / "govuk-frontend.min.css").write_text(css)
    js = (govuk / "govuk-frontend.min.js").read_text()
    js = re.sub(r"//# sourceMappingURL=.*", "", js)
    (target / "govuk-frontend.min.js").write_text(js)
    for image in ["favicon.ico", "favicon.svg"]:
        shutil.copy(govuk / "assets" / "images" / image, target / "images" / image)
    shutil.copy(axe, VENDOR / "axe.min.js")
    # Vega, Vega-Lite and vega-embed draw the forecasts' fan charts (fostering/static/forecasts/fan.js).
    for package, built in (
        ("vega", "vega.min.js"),
        ("vega-lite", "vega-lite.min.js"),
        ("vega-embed", "vega-embed.min.js"),
    ):
        source = MODULES / package / "build" / built
        if source.exists():
            (VENDOR / package).mkdir(exist_ok=True)
            js = re.sub(r"//# sourceMappingURL=.*", "", source.read_text())
            (VENDOR / package / built).write_text(js)
    print(f"copied GOV.UK Frontend, axe-core and Vega into {VENDOR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
