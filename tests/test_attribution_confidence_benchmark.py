"""The confidence benchmark counts, at each cut, the proposals an outside scorer matches."""

from pathlib import Path

from benchmarks.attribution_confidence import bands

SCORER = '''
from pathlib import Path
DATA = Path(__file__).parent / "data"

def read_ann(path):
    return [{"content": [tuple(int(x) for x in line.split())]} for line in path.read_text().splitlines()]

def content_span(raw, pred):
    return pred["start"], pred["end"]

def match(golds, preds, threshold):
    return {g: p for g, span in enumerate(golds) for p, pred in enumerate(preds) if pred[0] <= span[0][0] < pred[1]}
'''


def test_bands_count_matched_proposals_at_each_cut(tmp_path: Path):
    (tmp_path / "data" / "text").mkdir(parents=True)
    (tmp_path / "data" / "attributions").mkdir()
    text = "The mayor said the harbour plan was dead because the council had spent its money on the new bridge."
    (tmp_path / "data" / "text" / "a.txt").write_text(text)
    (tmp_path / "data" / "attributions" / "a_0001.ann").write_text(f"{text.index('the harbour')} {len(text)}\n")
    (tmp_path / "score.py").write_text(SCORER)
    found = {cut: (count, right) for cut, count, right in bands(tmp_path / "score.py", 0.3)}
    assert found[0.0] == (1, 1)
    assert found[0.9] == (0, 0)
