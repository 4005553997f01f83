"""ClaimReview JSON-LD: a schema.org ClaimReview for every statement that carries a verdict.

Schema.org has no property for one claim rebutting another, so those links travel in
the Claim's `parallaxLinks` extension property (see docs/FORMATS.md).
"""

import json
from pathlib import Path

from desktop.domain.filters import StatementFilter
from desktop.domain.values import LinkType, SpeakerKind
from desktop.services.exporting.output_file import written_beside
from desktop.services.exporting.rows import ExportRow, Progress, chosen_ids, export_rows, links_between
from desktop.services.importing.claimreview_reader import LINKS_PROPERTY
from desktop.storage.database import Database


def _omit_empty(node: dict) -> dict:
    return {key: value for key, value in node.items() if value not in (None, "", [], {})}


def _author(row: ExportRow) -> dict:
    speaker = row.speaker
    if speaker.kind == SpeakerKind.BODY.value:
        return _omit_empty({"@type": "Organization", "name": speaker.name, "description": speaker.role})
    return _omit_empty({"@type": "Person", "name": speaker.name, "jobTitle": speaker.role})


def _organisation(name: str) -> dict | None:
    return {"@type": "Organization", "name": name} if name else None


def claim_review(row: ExportRow, links: list[tuple[str, int]], reviewer: str = "") -> dict:
    """The ClaimReview of one statement."""
    statement, document = row.statement, row.document
    appearance = _omit_empty({
        "@type": "CreativeWork", "url": statement.url, "publisher": _organisation(row.outlet.name if row.outlet else ""),
    })
    first = None
    if document is not None:
        first = _omit_empty({
            "@type": "CreativeWork", "headline": document.title, "url": document.url,
            "publisher": _organisation(document.publisher),
            "datePublished": document.published_on.isoformat() if document.published_on else None,
        })
    claim = _omit_empty({
        "@type": "Claim",
        "@id": f"#statement-{statement.id}",
        "author": _author(row),
        "datePublished": statement.said_on.isoformat() if statement.said_on else None,
        "appearance": [appearance] if len(appearance) > 1 else [],
        "firstAppearance": first,
        LINKS_PROPERTY: [{"type": kind, "target": f"#statement-{to_id}"} for kind, to_id in links],
    })
    rating = _omit_empty({
        "@type": "Rating",
        "alternateName": statement.verdict,
        "ratingValue": statement.rating_value,
        "bestRating": statement.rating_best,
        "worstRating": statement.rating_worst,
        "ratingExplanation": statement.verdict_explanation,
    })
    return _omit_empty({
        "@type": "ClaimReview",
        "@id": f"#review-{statement.id}",
        "claimReviewed": statement.text,
        "datePublished": statement.updated_at.date().isoformat(),
        "author": _organisation(reviewer),
        "reviewRating": rating,
        "itemReviewed": claim,
    })


def write_claimreview(
    db: Database, path: Path, chosen: StatementFilter | None = None, reviewer: str = "", progress: Progress | None = None
) -> int:
    """Write a ClaimReview for each chosen statement with a verdict; returns how many.

    `progress` is told how far the reading is (see `export_rows`)."""
    rows = list(export_rows(db, chosen_ids(db, chosen, with_verdict=True), progress))
    links = links_between(db, {row.statement.id for row in rows}, (LinkType.REBUTS.value, LinkType.RESPONDS_TO.value))
    with written_beside(path, db, encoding="utf-8", newline="\n") as file:
        file.write('{"@context": "https://schema.org",\n "@graph": [')
        for number, row in enumerate(rows):
            review = claim_review(row, links.get(row.statement.id, []), reviewer)
            file.write(("," if number else "") + "\n  " + json.dumps(review, ensure_ascii=False))
        file.write("\n ]\n}\n")
    return len(rows)
