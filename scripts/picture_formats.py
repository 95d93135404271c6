"""Picture formats benchmark: what a news cover's copy weighs, and costs to make,
as JPEG (the copies' format before), WebP and AVIF, at the widths phones take.

Usage: .venv/bin/python scripts/picture_formats.py [--photo FILE ...] [--repeat 3]

The pictures are photo-like, not flat noise: a texture as fine as a crowd or
foliage seen from afar (blurred noise, the "fine texture" of docs/bulletins.md),
an outdoor scene (sky gradient, field, blurred shapes, sensor noise), a meeting
hall (many small blurred shapes) and a texture of several scales; each drawn at
4,000 × 3,000, saved as a phone saves it (JPEG 90), then decoded and made
smaller as ``thachha_portal/images.py`` does. Real photographs given with
``--photo`` are measured too, at the widths they reach.

For each picture, width and encoder: the bytes, the CPU time of the encoding
(``time.process_time``: all threads, the median of ``--repeat`` runs) and the
PSNR of the copy's luma against the picture before encoding (dB; higher is
closer; a difference under about 0.5 dB is not seen). Figures and the choice
made from them: docs/bulletins.md (*Cover images*).
"""

import argparse
import io
import math
import random
import statistics
import sys
import time
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageStat

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from thachha_portal import images  # noqa: E402

SIZE = (4000, 3000)
WIDTHS = (
    640,
    672,
    720,
    800,
    1200,
)  # images.SMALL_PHONE_WIDTH, PHONE_WIDTH, MAX_SIDE among them
ENCODERS = {
    "jpeg q80": ("JPEG", {"quality": 80, "optimize": True, "progressive": True}),
    "webp q75 m6": ("WEBP", {"quality": 75, "method": 6}),
    "webp q80 m6": ("WEBP", {"quality": 80, "method": 6}),
    "webp q80 m4": ("WEBP", {"quality": 80, "method": 4}),
    "avif q55 s6": ("AVIF", {"quality": 55, "speed": 6}),
    "avif q65 s6": ("AVIF", {"quality": 65, "speed": 6}),
    "avif q65 s8": ("AVIF", {"quality": 65, "speed": 8}),
    "avif (chosen)": ("AVIF", images.SAVE_OPTIONS["AVIF"][0]),  # q60 speed 8
}


def _noise(size, sigma, blur):
    channels = [Image.effect_noise(size, sigma) for _c in "RGB"]
    picture = Image.merge("RGB", channels)
    return picture.filter(ImageFilter.GaussianBlur(blur)) if blur else picture


def fine_texture():
    return _noise(SIZE, 64, 2)


def outdoor_scene():
    width, height = SIZE
    sky = Image.linear_gradient("L").resize((width, height // 2))
    scene = Image.new("RGB", SIZE)
    scene.paste(
        Image.merge(
            "RGB",
            (sky.point(lambda v: 90 + v // 3),) * 2
            + (sky.point(lambda v: 200 + v // 5),),
        ),
        (0, 0),
    )
    field = _noise((width // 8, height // 16), 40, 0).resize(
        (width, height // 2), Image.Resampling.BICUBIC
    )
    scene.paste(
        Image.blend(Image.new("RGB", field.size, (70, 120, 40)), field, 0.3),
        (0, height // 2),
    )
    draw = ImageDraw.Draw(scene)
    chance = random.Random(4)  # noqa: S311 (a drawing, not a secret)
    for _shape in range(60):  # people, trees, a building
        x, y = chance.randrange(width), chance.randrange(height // 3, height)
        w, h = chance.randrange(40, 400), chance.randrange(80, 700)
        colour = tuple(chance.randrange(256) for _c in "RGB")
        draw.rectangle((x, y - h, x + w, y), fill=colour)
    scene = scene.filter(ImageFilter.GaussianBlur(3))
    return Image.blend(scene, _noise(SIZE, 40, 1), 0.12)


def meeting_hall():
    hall = Image.new("RGB", SIZE, (180, 160, 130))
    draw = ImageDraw.Draw(hall)
    chance = random.Random(7)  # noqa: S311 (a drawing, not a secret)
    for _person in range(1500):
        x, y = chance.randrange(SIZE[0]), chance.randrange(SIZE[1])
        r = chance.randrange(15, 70)
        colour = tuple(chance.randrange(256) for _c in "RGB")
        draw.ellipse((x - r, y - r, x + r, y + 2 * r), fill=colour)
    hall = hall.filter(ImageFilter.GaussianBlur(2))
    return Image.blend(hall, _noise(SIZE, 40, 1), 0.1)


def several_scales():
    layers = [
        _noise((SIZE[0] // scale, SIZE[1] // scale), 64, 0).resize(
            SIZE, Image.Resampling.BICUBIC
        )
        for scale in (200, 40, 8, 2)
    ]
    picture = layers[0]
    for layer in layers[1:]:
        picture = Image.blend(picture, layer, 0.35)
    return picture


SYNTHETIC = {
    "fine texture": fine_texture,
    "outdoor scene": outdoor_scene,
    "meeting hall": meeting_hall,
    "several scales": several_scales,
}


def as_uploaded(picture):
    """The picture as a phone stores it, then as images.py decodes it."""
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=90)
    buffer.seek(0)
    image = Image.open(buffer)
    image.draft("RGB", (images.MAX_SIDE, images.MAX_SIDE))
    image.load()
    image = image.convert("RGB")
    image.thumbnail((images.MAX_SIDE, images.MAX_SIDE), Image.Resampling.LANCZOS)
    return image, len(buffer.getvalue())


def psnr(reference, data):
    copy = Image.open(io.BytesIO(data)).convert("RGB")
    a, b = reference.convert("L"), copy.convert("L")
    rms = ImageStat.Stat(ImageChops.difference(a, b)).rms[0]
    return math.inf if rms == 0 else 20 * math.log10(255 / rms)


def encode(image, kind, options, repeat):
    times = []
    for _run in range(repeat):
        buffer = io.BytesIO()
        start = time.process_time()
        image.save(buffer, kind, **options)
        times.append(time.process_time() - start)
    return buffer.getvalue(), statistics.median(times)


def measure(name, image, repeat):
    print(f"\n{name} ({image.width} × {image.height} decoded)")
    print(
        f"{'width':>6} {'encoder':<13} {'bytes':>8} {'KB':>6} {'CPU ms':>7} {'PSNR':>6}"
    )
    for width in WIDTHS:
        if width > image.width:
            continue
        copy = image.copy()
        copy.thumbnail((width, copy.height), Image.Resampling.LANCZOS)
        for label, (kind, options) in ENCODERS.items():
            data, seconds = encode(copy, kind, options, repeat)
            print(
                f"{copy.width:>6} {label:<13} {len(data):>8} {len(data) / 1024:>6.1f}"
                f" {seconds * 1000:>7.0f} {psnr(copy, data):>6.2f}"
            )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--photo", action="append", default=[], type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", help="comma-separated synthetic pictures")
    args = parser.parse_args()
    wanted = args.only.split(",") if args.only else list(SYNTHETIC)
    for name in wanted:
        image, uploaded = as_uploaded(SYNTHETIC[name]())
        measure(f"{name}, uploaded as {uploaded / 1e6:.1f} MB", image, args.repeat)
    for path in args.photo:
        with Image.open(path) as photo:
            measure(f"photograph {path.name}", photo.convert("RGB"), args.repeat)


if __name__ == "__main__":
    main()
