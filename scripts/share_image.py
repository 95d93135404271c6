"""Draw the portal's share image, static/img/share.png: the 1200 × 630 picture
that Facebook, Zalo and other apps show with a link to any page that has no
picture of its own (a bulletin's cover image takes its place). Those apps do not
show SVG, hence a PNG.

    .venv/bin/python scripts/share_image.py

It draws the emblem (static/img/emblem.svg) and a generic title in the site's
colours with Debian's Chromium, then stores a palette PNG. The text names no
commune, so the one image serves every install; run it again after changing
the emblem or the colours, and commit the PNG.
"""

import os
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "static/img/share.png"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SIZE = (1200, 630)

PAGE = """<!doctype html><html lang="vi"><meta charset="utf-8"><style>
html, body {{ margin: 0; width: {w}px; height: {h}px; }}
body {{ background: #0a3d6e; color: #fff; display: flex; align-items: center;
  gap: 64px; padding: 0 96px; box-sizing: border-box;
  font-family: "DejaVu Sans", "Liberation Sans", sans-serif; }}
svg {{ width: 300px; height: 300px; flex: none; }}
p {{ margin: 0; }}
.kicker {{ font-size: 34px; letter-spacing: .04em; color: #f2c230; }}
.title {{ font-size: 76px; font-weight: bold; line-height: 1.1; margin: 12px 0 28px; }}
.parts {{ font-size: 34px; }}
</style><body>{emblem}<div>
<p class="kicker">CỔNG THÔNG TIN</p>
<p class="title">Cải cách<br>hành chính</p>
<p class="parts">Thủ tục · Tin tức · Kế hoạch</p>
</div></body></html>"""


def main():
    emblem = (ROOT / "static/img/emblem.svg").read_text(encoding="utf-8")
    html = PAGE.format(w=SIZE[0], h=SIZE[1], emblem=emblem)
    with tempfile.TemporaryDirectory() as tmp:
        page_file, shot = Path(tmp) / "share.html", Path(tmp) / "share.png"
        page_file.write_text(html, encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM)
            page = browser.new_page(viewport={"width": SIZE[0], "height": SIZE[1]})
            page.goto(page_file.as_uri())
            page.screenshot(path=str(shot))
            browser.close()
        image = Image.open(shot).convert("RGB")
        image = image.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=0)
        image.save(TARGET, optimize=True)
    print(f"{TARGET.relative_to(ROOT)}: {TARGET.stat().st_size / 1024:.1f} KB")


if __name__ == "__main__":
    main()
