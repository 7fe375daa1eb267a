"""The GeoNames gazetteer, which now lives in ``rashomon.knowledge.places``; this name is kept for old imports.

New code imports ``rashomon.knowledge.places``. This module only re-exports it, so that modules being
edited elsewhere (``compare/verdicts.py``, ``read/facts/``) keep working unchanged.
"""

from __future__ import annotations

from rashomon.knowledge.places import (Place, capital_of, contains, country_of_place, distance_km, is_capital,
                                       locate, place_by_id)

__all__ = ["Place", "capital_of", "contains", "country_of_place", "distance_km", "is_capital", "locate",
           "place_by_id"]
