"""Knowledge as data: lexicons under ``rashomon/data/``, calendar words and the GeoNames gazetteer, loaded once.

Three modules, all neutral (every stage may import them; they import no stage):

* ``knowledge.lexicons``: the loaders of the data files (``load_words``, ``load_table``,
  ``load_sections``, ``load_yaml``), ``fold``, and ``merge_lexicon``, the one rule by which a user's
  file extends a packaged lexicon;
* ``knowledge.calendar``: the English month and weekday names of ``data/calendar.yaml``;
* ``knowledge.places``: one GeoNames gazetteer (countries, capitals, cities with their alternate
  names) and what it answers (``locate``, ``country_of``, ``contains``, ``distance_km``...).

The names most callers need are importable from ``rashomon.knowledge`` itself.
"""

from __future__ import annotations

from rashomon.knowledge.calendar import load_calendar
from rashomon.knowledge.lexicons import (data_path, fold, load_lines, load_sections, load_table, load_words,
                                         load_yaml, merge_lexicon, read_user_file, read_yaml)
from rashomon.knowledge.places import PLACE_MIN_POPULATION, capitals, countries, country_of, is_place_name

__all__ = ["PLACE_MIN_POPULATION", "capitals", "countries", "country_of", "data_path", "fold", "is_place_name",
           "load_calendar", "load_lines", "load_sections", "load_table", "load_words", "load_yaml", "merge_lexicon",
           "read_user_file", "read_yaml"]
