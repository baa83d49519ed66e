"""All routers, gathered for the app factory."""

from fastapi import APIRouter, Depends

from app.api import meta, statements, stats, summits
from app.api.guards import reject_unknown_query

# every route answers 422 for a query parameter it does not know (#12)
api_router = APIRouter(dependencies=[Depends(reject_unknown_query)])
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
