"""Take the screenshots in docs/screenshots/ as a new user sees the app, at 1920×1080 and 1366×768.

    python docs/make_screenshots.py

Each size runs in a child process on an offscreen screen of that size, with fresh
settings and a fresh copy of the seed story. The brief's pages are rendered with
pdftoppm (Debian's poppler-utils) when it is installed.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
SIZES = {"1920": (1920, 1080), "1366": (1366, 768)}


def _shoot(size: str, folder: Path) -> None:
    """In this process (on the screen the parent set up): every view an editor meets first, saved as PNG."""
    from PySide6.QtWidgets import QApplication, QComboBox

    from desktop.app import build_main_window, dispose
    from desktop.domain.entities import Speaker
    from desktop.services import catalog
    from desktop.services.seed import load_seed
    from desktop.services.timeline import Bucket
    from desktop.storage.database import Database
    from desktop.ui.exporting.formats import ExportScope, export
    from desktop.ui.review import open_article_review

    db = Database(folder / "seed.parallax")
    load_seed(db)
    window = build_main_window(db)
    window.showMaximized()
    app = QApplication.instance()

    def settle() -> None:
        for _ in range(40):
            app.processEvents()

    def save(name: str, widget=None) -> None:
        settle()
        (widget or window).grab().save(str(OUT / f"{name}-{size}.png"))

    settle()
    save("comparison")
    claim = window.comparison_model.first_statement()
    window.state.select_statement(claim)
    save("selected-claim")
    window.state.select_statement(None)
    peskov = next(i for i, name in catalog.choices(db, Speaker) if name == "Dmitry Peskov")
    window.state.update_filter(speaker_id=peskov)
    save("speaker-filter")
    window.clear_filter()
    window.search_box.setText("groundless")
    window._apply_search()
    save("search")
    window.clear_filter()
    picker = window.chart.findChild(QComboBox, "bucketPicker")
    for bucket in Bucket:
        picker.setCurrentIndex(picker.findData(bucket.value))  # as the editor picks it
        save(f"chart-{bucket.value}", window.docks["chart"])
    window.views.setCurrentWidget(window.analysis)
    for panel in window.analysis.panels:  # each as the editor first sees it, its figures worked out
        window.analysis.tabs.setCurrentWidget(panel)
        while getattr(panel, "working", False):
            settle()
        save(f"analysis-{panel.title.lower().replace(' ', '-')}")
    window.views.setCurrentWidget(window.comparison)
    reading = open_article_review(window, ROOT / "seeds" / "kremlin-refutes-invasion-reports.txt")
    if reading is not None:
        for _ in range(200):
            settle()
            review = next((w for w in app.topLevelWidgets() if type(w).__name__ == "ReviewWindow" and w.isVisible()), None)
            if review is not None:
                save("review", review)
                review.close()
                break
    if size == "1920" and shutil.which("pdftoppm"):
        us, russia = window.state.left_side, window.state.right_side
        pdf = folder / "brief.pdf"
        export(db, "brief-pdf", pdf, ExportScope(window.state.filter, us, russia, Bucket.WEEK))
        subprocess.run(["pdftoppm", "-png", "-r", "70", str(pdf), str(OUT / "brief-page")], check=True)
    window.close()
    dispose(window)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    if len(sys.argv) == 3 and sys.argv[1] == "--size":
        with tempfile.TemporaryDirectory() as folder:
            _shoot(sys.argv[2], Path(folder))
        return
    for size, (width, height) in SIZES.items():
        with tempfile.TemporaryDirectory() as folder:
            screen = Path(folder) / "screen.json"
            screen.write_text(json.dumps({"screens": [{
                "name": "s", "x": 0, "y": 0, "width": width, "height": height,
                "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1,
            }]}))
            env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screen}"}
            for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
                env[variable] = str(Path(folder) / variable.lower())
            subprocess.run([sys.executable, __file__, "--size", size], env=env, cwd=ROOT, check=True)
    print(f"Saved to {OUT}")


if __name__ == "__main__":
    main()
