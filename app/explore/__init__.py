"""The browser explorer: server-rendered pages over the same queries as the API.

Pages are HTML built from Jinja templates with autoescaping; the one stylesheet and the
one script ship in the package and are served by the app, so the explorer works offline
and under a Content-Security-Policy without inline scripts or styles (#15).
"""
