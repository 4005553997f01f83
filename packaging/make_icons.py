"""Render the app icon from its one source, resources/icons/parallax.svg, for the installers.

Writes into build/icons/ (build/ is ignored by git; nothing here is committed):

    parallax-16.png … parallax-1024.png   the PNG sizes (Linux, the .desktop entry)
    parallax.ico                          Windows: the exe, the installer, .parallax files
    parallax.icns                         macOS: the .app bundle and the dmg
    parallax.iconset/                     the same sizes named for Apple's `iconutil`

The SVG is drawn by Qt's own QSvgRenderer (QtSvg ships in PySide6-Essentials), so the
icon looks the same as the window icon the app draws from the same file. Pillow
(the `build` extra) packs the PNGs into .ico and .icns; on macOS `iconutil` is used
for the .icns when it is there, Pillow otherwise.

    python packaging/make_icons.py [--svg PATH] [--out DIR]
"""

import argparse
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "parallax.svg"
OUT = ROOT / "build" / "icons"

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# iconutil's names: icon_<n>x<n>.png and its @2x twin drawn at twice the size.
ICONSET = {
    "icon_16x16.png": 16,
    "icon_16x16@2x.png": 32,
    "icon_32x32.png": 32,
    "icon_32x32@2x.png": 64,
    "icon_128x128.png": 128,
    "icon_128x128@2x.png": 256,
    "icon_256x256.png": 256,
    "icon_256x256@2x.png": 512,
    "icon_512x512.png": 512,
    "icon_512x512@2x.png": 1024,
}


def render_pngs(svg: Path, sizes=PNG_SIZES) -> dict[int, bytes]:
    """PNG bytes of the SVG drawn at each size, transparent outside the artwork."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - Qt wants one before painting
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {svg} is not an SVG that Qt can draw")
    rendered = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        rendered[size] = bytes(data.data())
    return rendered


def write_ico(pngs: dict[int, bytes], target: Path) -> None:
    """A Windows .ico holding each size as drawn, not scaled down from the largest."""
    from PIL import Image

    images = [Image.open(io.BytesIO(pngs[size])).convert("RGBA") for size in ICO_SIZES]
    largest = images[-1]
    largest.save(target, format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=images[:-1])


def write_icns(pngs: dict[int, bytes], iconset: Path, target: Path) -> None:
    """A macOS .icns: with iconutil from the .iconset on a Mac, else with Pillow."""
    iconutil = shutil.which("iconutil")
    if iconutil:
        subprocess.run([iconutil, "--convert", "icns", "--output", str(target), str(iconset)], check=True)
        return
    from PIL import Image

    sizes = (16, 32, 64, 128, 256, 512, 1024)
    images = [Image.open(io.BytesIO(pngs[size])).convert("RGBA") for size in sizes]
    images[-1].save(target, format="ICNS", append_images=images[:-1])


def make_icons(svg: Path = SVG, out: Path = OUT) -> list[Path]:
    """Write every icon file; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    pngs = render_pngs(svg)
    written = []
    for size, data in pngs.items():
        path = out / f"parallax-{size}.png"
        path.write_bytes(data)
        written.append(path)
    iconset = out / "parallax.iconset"
    shutil.rmtree(iconset, ignore_errors=True)
    iconset.mkdir()
    for name, size in ICONSET.items():
        (iconset / name).write_bytes(pngs[size])
    write_ico(pngs, out / "parallax.ico")
    write_icns(pngs, iconset, out / "parallax.icns")
    written += [out / "parallax.ico", out / "parallax.icns"]
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=SVG, help=f"source SVG (default: {SVG.relative_to(ROOT)})")
    parser.add_argument("--out", type=Path, default=OUT, help=f"output folder (default: {OUT.relative_to(ROOT)})")
    args = parser.parse_args(argv)
    for path in make_icons(args.svg, args.out):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
