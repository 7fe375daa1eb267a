"""The ``link`` stage: entities across articles (names, transliteration, gazetteer, candidate indexes).

``EntityLinker`` takes readings one at a time (``add``) and keeps one ``CorpusEntity`` per real person,
organisation and place, with aliases, mentions and the evidence for every merge. ``names`` compares
person names across spellings, ``rashomon.knowledge.places`` resolves places through GeoNames, ``roles``
compares roles.
"""

from rashomon.knowledge.places import Place, contains, country_of_place, distance_km, locate
from rashomon.link.entities import EntityLinker, link

__all__ = ["EntityLinker", "link", "Place", "contains", "country_of_place", "distance_km", "locate"]
