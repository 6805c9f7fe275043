"""newsarchive: a static-site generator for an annotated news archive.

The pipeline runs in stages, each a module handing typed records to the next:

    readers   raw file  -> RawArticle     (one reader per source format)
    extract   RawArticle -> Article       (figures, entities, quotes, events)
    sidecar   Article + <name>.meta.yml -> Article (maintainer corrections win)
    notes     anchor contributed annotations to passages
    crosslink entity pages, related articles, timelines, archives
    write     records -> pages: YAML front matter (plain data) and an HTML body

Every input is read and validated before anything is written.
"""

__version__ = "0.1.0"
