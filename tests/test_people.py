"""People, roles, descriptions and sides, on text written for the project (and not on the seeds).

These test the rules rashomon adds on top of the model: document-level name consistency, alias
clustering, titles and appositions, role-only descriptions and their resolution, sides.
"""

from __future__ import annotations

import pytest

from rashomon.records import Article, Source
from rashomon.read.records_from_doc import doc_to_reading

pytestmark = pytest.mark.model

SUMMIT = (
    "Portuguese Prime Minister Ilse Varga met Chilean President Tomas Keller in Geneva on Tuesday. "
    "Varga's office said the meeting was frank. Keller, who flew in overnight, said little.\n"
    "The Chilean delegation included Deputy Trade Minister Pavel Orlik and Ambassador to Portugal Rita Saar. "
    "On the Portuguese side, there were Finance Minister Jonas Berg, its deputy foreign minister and a senior lawmaker.\n"
    "Another Portuguese official at the talks, Chairman of the Budget Committee Olaf Lind, stressed that progress "
    "was made. Mr. Lind later spoke to reporters. The Chilean leader left early. Maria Keller, a Swiss-Chilean "
    "banker, watched from the gallery. Mrs. Keller declined to comment. T. Keller signed nothing."
)


def read_text(nlp, text: str, published: str | None = None):
    doc = nlp.make_doc(text)
    doc._.published = published
    doc = nlp(doc)
    article = Article(id="t", source=Source(), title=None, published=published, language="en", text=text)
    return doc_to_reading(doc, article)


def person(reading, name: str):
    found = [e for e in reading.entities if e.type == "PERSON" and e.name == name]
    assert found, f"{name} not found among {[e.name for e in reading.entities if e.type == 'PERSON']}"
    assert len(found) == 1, f"{name} split into {len(found)} entities"
    return found[0]


@pytest.fixture(scope="module")
def summit(nlp):
    return read_text(nlp, SUMMIT)


def test_aliases_join_their_person(summit):
    keller = person(summit, "Tomas Keller")
    texts = {m.text: m.kind for m in keller.mentions}
    assert texts["Tomas Keller"] == "name"
    assert texts["Keller"] == "alias"
    assert texts["T. Keller"] == "alias"  # an initial that agrees with the given name


def test_same_surname_other_given_name_is_another_person(summit):
    maria = person(summit, "Maria Keller")
    assert "Mrs. Keller" in {m.text for m in maria.mentions}
    assert "Maria Keller" not in {m.text for m in person(summit, "Tomas Keller").mentions}


def test_surname_known_from_courtesy_title_recovers_missed_full_name(summit):
    lind = person(summit, "Olaf Lind")
    assert {"Olaf Lind", "Mr. Lind"} <= {m.text for m in lind.mentions}


def test_titles_before_names_and_appositions(summit):
    assert "Portuguese Prime Minister" in [r.text for r in person(summit, "Ilse Varga").roles]
    assert "Deputy Trade Minister" in [r.text for r in person(summit, "Pavel Orlik").roles]
    assert "Chairman of the Budget Committee" in [r.text for r in person(summit, "Olaf Lind").roles]
    assert "Swiss-Chilean banker" in [r.text for r in person(summit, "Maria Keller").roles]


def test_fronted_role_phrase_is_a_role(summit):
    assert "Another Portuguese official at the talks" in [r.text for r in person(summit, "Olaf Lind").roles]


def test_list_item_is_not_an_apposition(summit):
    roles = [r.text for r in person(summit, "Jonas Berg").roles]
    assert "its deputy foreign minister" not in roles


def test_sides_from_roles_hosts_and_groups(summit):
    assert person(summit, "Ilse Varga").side == "Portugal"
    assert person(summit, "Tomas Keller").side == "Chile"
    assert person(summit, "Pavel Orlik").side == "Chile"       # listed in the Chilean delegation
    assert person(summit, "Rita Saar").side == "Chile"         # "Ambassador to Portugal": Portugal is the host
    assert person(summit, "Jonas Berg").side == "Portugal"     # "On the Portuguese side, there were ..."
    assert person(summit, "Maria Keller").side is None         # "Swiss-Chilean": two countries, no side


def test_office_of_a_person_is_an_organisation_with_its_side(summit):
    office = [e for e in summit.entities if e.type == "ORG" and e.name == "Varga's office"]
    assert office and office[0].side == "Portugal"
    quote = [q for q in summit.quotes if q.speaker.text == "Varga's office"]
    assert quote and quote[0].speaker.entity == office[0].id


def test_role_only_descriptions_are_kept_with_their_side(summit):
    by_text = {d.text: d for d in summit.descriptions}
    assert by_text["its deputy foreign minister"].side == "Portugal"   # "its" = the Portuguese side's
    assert by_text["its deputy foreign minister"].entity is None
    assert by_text["a senior lawmaker"].entity is None                 # indefinite: never resolved in-text


def test_generic_description_resolves_to_the_specific_role(summit):
    leader = {d.text: d for d in summit.descriptions}["The Chilean leader"]
    keller = person(summit, "Tomas Keller")
    assert leader.entity == keller.id
    assert "The Chilean leader" in {m.text for m in keller.mentions if m.kind == "description"}


def test_description_with_clashing_side_is_not_resolved(nlp):
    reading = read_text(nlp, "Chilean President Tomas Keller arrived. The Peruvian president stayed home.")
    desc = {d.text: d for d in reading.descriptions}["The Peruvian president"]
    assert desc.entity is None


def test_surname_mislabelled_by_ner_is_the_person(nlp):
    text = ("Finnish Foreign Minister Aino Lahtinen arrived on Monday. Lahtinen's aides said the visit was short. "
            "By evening Lahtinen had left Oslo, and Lahtinen thanked her hosts.")
    reading = read_text(nlp, text)
    lahtinen = person(reading, "Aino Lahtinen")
    assert sum(1 for m in lahtinen.mentions if m.text.startswith("Lahtinen")) >= 3
    assert not [e for e in reading.entities if e.type != "PERSON" and e.name.startswith("Lahtinen")]


def test_portfolio_word_is_not_an_organisation(nlp):
    reading = read_text(nlp, "The delegation included Defense Minister Jan Kowal and Interior Minister Ewa Nowak.")
    assert not [e for e in reading.entities if e.type == "ORG" and e.name in {"Defense", "Interior"}]


def test_bare_place_names_are_places_not_people_or_organisations(nlp):
    text = ("Talks opened in Tangier on Tuesday. Rabat said it wanted a deal, and Lisbon describes the measures "
            "as temporary. Sea Minister Rui Tavares flew in from Lisbon.")
    reading = read_text(nlp, text)
    types = {e.name: e.type for e in reading.entities}
    assert types.get("Tangier") == "GPE" and types.get("Rabat") == "GPE" and types.get("Lisbon") == "GPE"
    assert "Rui Tavares" in {e.name for e in reading.entities if e.type == "PERSON"}


def test_a_place_name_that_is_a_surname_here_stays_a_person(nlp):
    reading = read_text(nlp, "Senator Maya Nice spoke first. Later Nice said the vote was close.")
    nice = [e for e in reading.entities if e.type == "PERSON" and e.name == "Maya Nice"]
    assert nice and len(nice[0].mentions) == 2


def test_list_after_a_name_gives_no_apposition_role(nlp):
    text = "Chile's team comprises Sea Minister Ana Rojas, its deputy foreign minister, a senior lawmaker and an aide."
    reading = read_text(nlp, text)
    assert [r.text for r in person(reading, "Ana Rojas").roles] == ["Sea Minister"]
    descriptions = {d.text: d for d in reading.descriptions}
    assert descriptions["its deputy foreign minister"].side == "Chile"


def test_two_word_role_is_the_head_of_a_description(nlp):
    reading = read_text(nlp, "The talks were chaired by the organisation's secretary general.")
    assert [d.role for d in reading.descriptions] == ["secretary general"]
