"""Records as the API's response models."""

from collections.abc import Sequence

from sqlmodel import Session, col, select

from app.models import (
    Article,
    ArticlePublic,
    SourcePublic,
    Statement,
    StatementPublic,
    Summit,
    SummitDetail,
    SummitPublic,
    SummitSource,
)
from app.queries import plain_summits


def summits_public(*, session: Session, summits: Sequence[Summit]) -> list[SummitPublic]:
    """Summits with participants, issues and about, in three queries for the page."""
    return [
        SummitPublic.model_validate(row) for row in plain_summits(session=session, summits=summits)
    ]


def summit_detail(*, session: Session, summit: Summit) -> SummitDetail:
    """One summit with statements, sources and evidence."""
    (public,) = summits_public(session=session, summits=[summit])
    statements = session.exec(
        select(Statement).where(Statement.summit_id == summit.id).order_by(col(Statement.id))
    ).all()
    sources = session.exec(
        select(Article)
        .join(SummitSource, col(SummitSource.article_id) == col(Article.id))
        .where(SummitSource.summit_id == summit.id)
        .order_by(col(Article.id))
    ).all()
    return SummitDetail(
        **public.model_dump(),
        statements=[StatementPublic.model_validate(s, from_attributes=True) for s in statements],
        sources=[
            SourcePublic(
                article_id=a.id,  # type: ignore[arg-type]
                title=a.title,
                url=a.url,
                publisher=a.publisher,
                published_date=a.published_date,
            )
            for a in sources
        ],
        evidence=summit.evidence,
    )


def article_public(article: Article) -> ArticlePublic:
    """An article without its texts."""
    return ArticlePublic.model_validate(article, from_attributes=True)
