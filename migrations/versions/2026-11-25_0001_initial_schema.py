"""Initial schema: articles, people, summits, statements, issues (seeded).

Revision ID: 0001
Revises:
Create Date: 2026-11-25 07:55:26.762695
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    issue_table = sa.table(
        "issue",
        sa.column("slug", sa.String),
        sa.column("label", sa.String),
        sa.column("description", sa.String),
    )
    op.create_table(
        "article",
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("url", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("publisher", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column("published_date", sa.Date(), nullable=True),
        sa.Column("dateline", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("error", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("extractor_version", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("raw_text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article")),
        sa.UniqueConstraint("sha256", name=op.f("uq_article_sha256")),
    )
    op.create_table(
        "issue",
        sa.Column("slug", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("label", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("slug", name=op.f("pk_issue")),
    )
    op.create_table(
        "person",
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("country", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
        sa.Column("wikidata_id", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
        sa.UniqueConstraint("name", "country", name=op.f("uq_person_name")),
    )
    op.create_table(
        "summit",
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(length=10), nullable=False),
        sa.Column("place", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("city", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("country", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("format", sa.String(length=10), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=True),
        sa.Column("context", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column("kind", sa.String(length=15), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_summit")),
    )
    with op.batch_alter_table("summit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_summit_city"), ["city"], unique=False)
        batch_op.create_index(batch_op.f("ix_summit_country"), ["country"], unique=False)
        batch_op.create_index(batch_op.f("ix_summit_date"), ["date"], unique=False)

    op.create_table(
        "statement",
        sa.Column("speaker", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("summit_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.id"],
            name=op.f("fk_statement_article_id_article"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_statement_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["summit_id"],
            ["summit.id"],
            name=op.f("fk_statement_summit_id_summit"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statement")),
    )
    with op.batch_alter_table("statement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_statement_article_id"), ["article_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_statement_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_statement_summit_id"), ["summit_id"], unique=False)

    op.create_table(
        "summit_about",
        sa.Column("summit_id", sa.Integer(), nullable=False),
        sa.Column("country", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
        sa.ForeignKeyConstraint(
            ["summit_id"],
            ["summit.id"],
            name=op.f("fk_summit_about_summit_id_summit"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("summit_id", "country", name=op.f("pk_summit_about")),
    )
    with op.batch_alter_table("summit_about", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_summit_about_country"), ["country"], unique=False)

    op.create_table(
        "summit_issue",
        sa.Column("summit_id", sa.Integer(), nullable=False),
        sa.Column("issue_slug", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["issue_slug"], ["issue.slug"], name=op.f("fk_summit_issue_issue_slug_issue")
        ),
        sa.ForeignKeyConstraint(
            ["summit_id"],
            ["summit.id"],
            name=op.f("fk_summit_issue_summit_id_summit"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("summit_id", "issue_slug", name=op.f("pk_summit_issue")),
    )
    with op.batch_alter_table("summit_issue", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_summit_issue_issue_slug"), ["issue_slug"], unique=False
        )

    op.create_table(
        "summit_participant",
        sa.Column("summit_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column("country", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_summit_participant_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["summit_id"],
            ["summit.id"],
            name=op.f("fk_summit_participant_summit_id_summit"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("summit_id", "person_id", name=op.f("pk_summit_participant")),
    )
    with op.batch_alter_table("summit_participant", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_summit_participant_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "summit_source",
        sa.Column("summit_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.id"],
            name=op.f("fk_summit_source_article_id_article"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["summit_id"],
            ["summit.id"],
            name=op.f("fk_summit_source_summit_id_summit"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("summit_id", "article_id", name=op.f("pk_summit_source")),
    )
    with op.batch_alter_table("summit_source", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_summit_source_article_id"), ["article_id"], unique=False
        )

    # The 24 issue slugs of GUIDELINES.md; later changes to the list get their own migration.
    op.bulk_insert(
        issue_table,
        [
            {
                "slug": "armed-conflict",
                "label": "Armed conflict",
                "description": "Wars, invasions, armed conflicts, ceasefires, peace processes",
            },
            {
                "slug": "bilateral-relations",
                "label": "Bilateral relations",
                "description": "The relationship itself: ties, dialogue mechanisms, visits, historical issues, normalisation",
            },
            {
                "slug": "climate-environment",
                "label": "Climate and environment",
                "description": "Climate change, emissions, environment, biodiversity",
            },
            {
                "slug": "culture-education",
                "label": "Culture and education",
                "description": "People-to-people exchanges, education, tourism, culture, sport",
            },
            {
                "slug": "cybersecurity",
                "label": "Cybersecurity",
                "description": "Cyber attacks and cyber defence",
            },
            {
                "slug": "defense",
                "label": "Defence",
                "description": "Military and security cooperation, alliances, defence capabilities, arms sales, exercises",
            },
            {
                "slug": "development",
                "label": "Development",
                "description": "Development assistance, infrastructure financing",
            },
            {
                "slug": "economy",
                "label": "Economy",
                "description": "Economic cooperation, growth, investment, finance, currency, debt",
            },
            {
                "slug": "energy",
                "label": "Energy",
                "description": "Energy security, oil and gas, clean or renewable energy, civil nuclear power",
            },
            {
                "slug": "food-security",
                "label": "Food security",
                "description": "Food and agriculture, grain",
            },
            {
                "slug": "health",
                "label": "Health",
                "description": "Pandemics, COVID-19, global health",
            },
            {
                "slug": "human-rights",
                "label": "Human rights",
                "description": "Human rights, democracy, press freedom, abductions, detained nationals",
            },
            {
                "slug": "humanitarian",
                "label": "Humanitarian",
                "description": "Humanitarian aid, disaster relief, evacuation of nationals",
            },
            {
                "slug": "international-order",
                "label": "International order",
                "description": "Rules-based order, international law, regional architecture, UN reform",
            },
            {
                "slug": "migration",
                "label": "Migration",
                "description": "Migration, refugees, asylum, border management",
            },
            {
                "slug": "missiles",
                "label": "Missiles",
                "description": "Ballistic, cruise and hypersonic missiles and launches, missile defence",
            },
            {
                "slug": "nuclear-weapons",
                "label": "Nuclear weapons",
                "description": "Nuclear weapons programmes, tests, denuclearisation, non-proliferation, deterrence",
            },
            {
                "slug": "sanctions",
                "label": "Sanctions",
                "description": "Imposing, easing or enforcing sanctions",
            },
            {
                "slug": "supply-chains",
                "label": "Supply chains",
                "description": "Supply-chain resilience, critical minerals, rare earths",
            },
            {
                "slug": "technology",
                "label": "Technology",
                "description": "Advanced and emerging technology, semiconductors, AI, digital, space",
            },
            {
                "slug": "territorial-disputes",
                "label": "Territorial disputes",
                "description": "Sovereignty, maritime and border disputes, coercion at sea",
            },
            {
                "slug": "terrorism",
                "label": "Terrorism",
                "description": "Counter-terrorism, extremist groups",
            },
            {
                "slug": "trade",
                "label": "Trade",
                "description": "Trade agreements, tariffs, market access, export controls, WTO",
            },
            {
                "slug": "transnational-crime",
                "label": "Transnational crime",
                "description": "Drugs, trafficking, organised crime",
            },
        ],
    )


def downgrade() -> None:
    with op.batch_alter_table("summit_source", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_summit_source_article_id"))

    op.drop_table("summit_source")
    with op.batch_alter_table("summit_participant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_summit_participant_person_id"))

    op.drop_table("summit_participant")
    with op.batch_alter_table("summit_issue", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_summit_issue_issue_slug"))

    op.drop_table("summit_issue")
    with op.batch_alter_table("summit_about", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_summit_about_country"))

    op.drop_table("summit_about")
    with op.batch_alter_table("statement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_statement_summit_id"))
        batch_op.drop_index(batch_op.f("ix_statement_person_id"))
        batch_op.drop_index(batch_op.f("ix_statement_article_id"))

    op.drop_table("statement")
    with op.batch_alter_table("summit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_summit_date"))
        batch_op.drop_index(batch_op.f("ix_summit_country"))
        batch_op.drop_index(batch_op.f("ix_summit_city"))

    op.drop_table("summit")
    op.drop_table("person")
    op.drop_table("issue")
    op.drop_table("article")
