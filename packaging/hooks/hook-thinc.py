"""thinc, under spaCy: its modules and data files without its test suite."""

from PyInstaller.utils.hooks import collect_data_files, collect_submodules

hiddenimports = collect_submodules("thinc", filter=lambda name: not name.startswith("thinc.tests"))
datas = collect_data_files("thinc", excludes=["tests/**"])
