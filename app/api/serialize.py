"""Records as the API's response models."""

from collections.abc import Sequence

from sqlmodel import Session

from app.models import (
    Article,
    ArticlePublic,
    Summit,
    SummitDetail,
    SummitPublic,
)
from app.queries import plain_summits
from app.queries import summit_detail as summit_detail_row


def summits_public(*, session: Session, summits: Sequence[Summit]) -> list[SummitPublic]:
    """Summits with participants, issues and about, in three queries for the page."""
    return [
        SummitPublic.model_validate(row) for row in plain_summits(session=session, summits=summits)
    ]


def summit_detail(*, session: Session, summit: Summit) -> SummitDetail:
    """One summit with statements, sources and evidence."""
    return SummitDetail.model_validate(
        summit_detail_row(session=session, summit_id=summit.id)  # type: ignore[arg-type]
    )


def article_public(article: Article) -> ArticlePublic:
    """An article without its texts."""
    return ArticlePublic.model_validate(article, from_attributes=True)
