"""All routers, gathered for the app factory."""

from fastapi import APIRouter

from app.api import meta, statements, stats, summits

api_router = APIRouter()
for router in (
    summits.router,
    statements.router,
    meta.people,
    stats.network,
    stats.stats,
    meta.issues,
    meta.articles,
    meta.health,
):
    api_router.include_router(router)
