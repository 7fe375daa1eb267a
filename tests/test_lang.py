"""Language packs and the lexicon tier: every language gets a Reading of the same records.

The contract every pack passes, on a short report written for the project in its language
(tests/data/lang/samples.yaml): a Reading (never a Failure for its language), its tier, offsets that
point at the words they name, sentences that hold every record, the titled minister as a person, the
city resolved by the gazetteer through the language's inflection, the date anchored, the quote with
its speaker. A language with no pack (Dutch here) is read by the generic lexicon tier.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from rashomon.api import read_articles
from rashomon.lang import MODEL_TIER, codes, pack
from rashomon.records import Article, Reading, Source
from rashomon.settings import Settings

SAMPLES = yaml.safe_load((Path(__file__).parent / "data" / "lang" / "samples.yaml").read_text("utf-8"))


def read_sample(code: str) -> Reading:
    settings = Settings.load()
    article = Article(f"{code}-1", Source(outlet=f"{code}.example"), None, "2024-03-20", code, SAMPLES[code]["text"])
    [reading] = list(read_articles([article], settings))
    assert isinstance(reading, Reading), reading
    return reading


def test_every_pack_has_a_sample_and_says_where_its_words_come_from():
    lexicon_packs = [c for c in codes() if pack(c).tier == "lexicon"]
    assert set(lexicon_packs) <= set(SAMPLES)
    for code in codes():
        text = (Path(pack.__module__.replace(".", "/")).name, code)
        assert pack(code).name != code and pack(code).script, text
        first = (Path(__file__).parent.parent / "src" / "rashomon" / "lang" / code / "pack.yaml").read_text("utf-8")
        assert "Source:" in first.split("\n\n")[0], code


@pytest.mark.parametrize("code", sorted(c for c in SAMPLES))
def test_the_contract_of_every_language(code):
    sample, reading = SAMPLES[code], read_sample(code)
    text = reading.article.text
    assert reading.tier == pack(code).tier == ("model" if code in MODEL_TIER else "lexicon")
    assert reading.sentences and all(0 <= s < e <= len(text) for s, e in reading.sentences)

    def in_a_sentence(start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in reading.sentences)

    for entity in reading.entities:
        for m in entity.mentions:
            assert text[m.start:m.end] == m.text and in_a_sentence(m.start, m.end)
    for ref in reading.times:
        assert text[ref.start:ref.end] == ref.text
    for quote in reading.quotes:
        assert text[quote.start:quote.end] == quote.text and in_a_sentence(quote.start, quote.end)
    people = {e.name for e in reading.entities if e.type == "PERSON"}
    assert sample["person"] in people, people
    places = {e.place["name"] for e in reading.entities if e.place}
    assert sample["place"] in places, places
    if sample["date"]:
        assert sample["date"] in {t.value for t in reading.times}
    if pack(code).speech_verbs:
        [quote] = reading.quotes
        assert quote.cue and quote.speaker.text == sample["person"]
        person = next(e for e in reading.entities if e.name == sample["person"])
        assert quote.speaker.entity == person.id and person.roles  # the title before the name
    slots = {f.slot.split(":")[0].split("/")[0] for f in reading.facts}
    assert not reading.events and slots <= {"date", "place", "title_of", "count"}  # the lead, titles
    for fact in reading.facts:
        assert text[fact.start:fact.end] == fact.value.text and in_a_sentence(fact.evidence.start, fact.evidence.end)


def test_a_word_capitalised_by_grammar_is_no_name():
    reading = read_sample("ru")
    assert "Переговоры" not in {e.name for e in reading.entities}  # a sentence's first word
    assert "Мы" not in {e.name for e in reading.entities}  # a quote's first word
    german = read_sample("de")
    assert "Gespräche" not in {e.name for e in german.entities}  # German capitalises its nouns


def test_stop_words_are_not_dates():
    german = read_sample("de")
    assert [t.text for t in german.times] == ["14. März 2024"]  # not "Die", read by dateparser as Dienstag


def test_an_unknown_language_code_still_reads():
    settings = Settings.load()
    article = Article("x-1", Source(), None, None, "zz", "Talks began in Lyon. Then Anna Varga spoke.")
    [reading] = list(read_articles([article], settings))
    assert isinstance(reading, Reading) and reading.tier == "lexicon"
    assert {"Lyon", "Anna Varga"} <= {e.name for e in reading.entities}


def test_a_country_or_an_acronym_before_a_name_is_a_name_of_its_own():
    settings = Settings.load()
    text = ("Глава МИД Иван Кордаш прибыл в Братиславу. Президент Германии Анна Ведлер заявила: "
            "«Мы готовы к переговорам с ними».")
    article = Article("ru-2", Source(), None, "2024-03-20", "ru", text)
    [reading] = list(read_articles([article], settings))
    names = {e.name: e for e in reading.entities}
    assert {"Иван Кордаш", "Анна Ведлер"} <= set(names)
    assert names["Германия"].place["name"] == "Germany"  # named by its base form, found through the genitive -ии


def test_a_place_named_in_three_languages_and_a_case_is_one_corpus_place():
    from rashomon.analysis import analyze_readings

    settings = Settings.load()
    texts = {"ru": "Министр Иван Кордаш прибыл в Германии во вторник.",
             "de": "Minister Iwan Kordasch reiste am Dienstag nach Deutschland.",
             "en": "Minister Ivan Kordash arrived in Germany on Tuesday."}
    articles = [Article(f"{code}-3", Source(outlet=f"{code}.example"), None, "2024-03-20", code, text)
                for code, text in texts.items()]
    readings = list(read_articles(articles, settings))
    analysis = analyze_readings(readings, [], settings)
    germany = [e for e in analysis.entities if e.place and e.place["name"] == "Germany"]
    assert len(germany) == 1 and {m.article for m in germany[0].mentions} == {"ru-3", "de-3", "en-3"}


def read_text(code: str, text: str) -> Reading:
    [reading] = list(read_articles([Article(f"{code}-t", Source(), None, "2024-03-20", code, text)], Settings.load()))
    return reading


def test_later_mentions_in_other_cases_are_the_same_person():
    reading = read_text("ru", "Министр Олег Варнавин прибыл в Казань. Визит Олега Варнавина длился день. "
                              "Журналисты задали Варнавину вопросы.")
    [person] = [e for e in reading.entities if e.type == "PERSON"]
    assert person.name == "Олег Варнавин" and len(person.mentions) == 3


def test_an_ending_never_joins_two_people():
    reading = read_text("ru", "В Казань прибыли Иван Петров и Анна Петрова. Позже Петрова выступила перед прессой.")
    people = {e.name: e for e in reading.entities if e.type == "PERSON"}
    assert {"Иван Петров", "Анна Петрова"} <= set(people)
    assert len(people["Иван Петров"].mentions) == 1 and len(people["Анна Петрова"].mentions) == 1


def test_one_person_across_scripts_joins_through_a_title_of_each_language():
    from rashomon.analysis import analyze_readings

    settings = Settings.load()
    texts = {"en": "Talks took place in Alexandria on Thursday. Minister Karim Mansour said: \"We discussed every "
                   "question together.\"",
             "ru": "Переговоры прошли в четверг в Александрии. Министр Карим Мансур заявил: «Мы обсудили все "
                   "вопросы вместе»."}
    articles = [Article(f"{code}-4", Source(outlet=f"{code}.example"), None, "2024-03-20", code, text)
                for code, text in texts.items()]
    analysis = analyze_readings(list(read_articles(articles, settings)), [], settings)
    [person] = [e for e in analysis.entities if e.type == "PERSON"]
    assert {m.article for m in person.mentions} == {"en-4", "ru-4"}
    assert "one name in two scripts" in person.merge_evidence[0]  # Мансур ~ Mansour by sound, Карим = Karim


def test_a_full_name_met_first_in_another_case_is_one_person():
    reading = read_text("ru", "Визит Олега Варнавина в Казань начался утром. Олег Варнавин встретил мэра. "
                              "Позже Варнавин уехал.")
    [person] = [e for e in reading.entities if e.type == "PERSON"]
    assert [m.text for m in person.mentions] == ["Олега Варнавина", "Олег Варнавин", "Варнавин"]


def test_a_name_glued_to_the_words_before_it_is_cut_out():
    reading = read_text("pl", "Przewodniczący Rady Europejskiej Tomasz Nowacki przyjechał do Gdańska. "
                              "Wcześniej Tomasz Nowacki był w Brukseli. Rodzina Nowackiego mieszka w Gdańsku. "
                              "Anna Nowacka nie skomentowała. Tomasz Nowacki nic nie powiedział.")
    people = {e.name: [m.text for m in e.mentions] for e in reading.entities if e.type == "PERSON"}
    assert people["Tomasz Nowacki"] == ["Tomasz Nowacki", "Tomasz Nowacki", "Nowackiego", "Tomasz Nowacki"]
    assert "Rady Europejskiej" in {e.name for e in reading.entities}  # the words before it: a name of its own
    assert people["Anna Nowacka"] == ["Anna Nowacka"]  # her surname is another form: never cut, never joined


def test_titles_of_every_pack_read_as_english_roles():
    from rashomon.lang import role_equivalents
    from rashomon.link.roles import parse_role

    assert parse_role("Министр").head == parse_role("Minister").head == "minister"
    assert parse_role("الوزير").head == "minister" and parse_role("Außenministerin").head == parse_role(
        "foreign minister").head
    assert all(role for role in role_equivalents().values())


def test_the_lead_day_and_place_compare_across_languages_and_scripts():
    from rashomon.analysis import analyze_readings

    settings = Settings.load()
    texts = {"en": "Talks between the two delegations took place in Alexandria on Thursday, March 14, 2024. "
                   "Minister Karim Mansour said: \"We discussed every question together.\"",
             "ru": "Переговоры делегаций прошли 15 марта 2024 года в Александрии. Министр Карим Мансур заявил: "
                   "«Мы обсудили все вопросы вместе».",
             "ar": "جرت المحادثات في 14 مارس 2024 في الإسكندرية بين وفدي البلدين. وقال الوزير كريم منصور: "
                   "«ناقشنا كل المسائل معا»."}
    articles = [Article(f"{code}-5", Source(outlet=f"{code}.example"), None, "2024-03-20", code, text)
                for code, text in texts.items()]
    readings = list(read_articles(articles, settings))
    assert {f.slot for f in readings[1].facts if ":" not in f.slot} == {"date", "place"}  # the lead's facts
    analysis = analyze_readings(readings, [], settings)
    [story] = analysis.stories
    facets = {f.name: f for f in story.facets}
    assert facets["place"].verdict == "agree" and len(facets["place"].values) == 3
    date = facets["date"]
    assert date.verdict == "conflict" and {v.article for v in date.values} == {"en-5", "ru-5", "ar-5"}
    assert all("ru-5" in pair for pair in date.conflicts)


def test_a_day_number_with_its_dot_ends_no_sentence_and_a_year_alone_is_no_day():
    german = read_text("de", "Die Fähre brannte am 16. März 2023 vor Warna. Alle wurden gerettet.")
    assert len(german.sentences) == 2
    slovene = read_text("sl", "Leta 2024 so v Mariboru odprli nov most.")
    assert not [t for t in slovene.times if t.text == "2024"]


def test_a_length_of_time_in_words_is_no_date():
    reading = read_text("ru", "Переговоры прошли 14 марта 2024 года в Казани. Встреча длилась пять часов.")
    assert [t.text for t in reading.times] == ["14 марта 2024 года"]


def test_a_weekday_is_the_most_recent_such_day_the_publication_day_included():
    settings = Settings.load()
    text = "Переговоры прошли в понедельник в Казани. Министр Олег Варнавин заявил: «Мы обсудили все вопросы»."
    [reading] = list(read_articles([Article("ru-w", Source(), None, "2022-02-28", "ru", text)], settings))
    assert [t.value for t in reading.times] == ["2022-02-28"]  # 28 February 2022 was a Monday


def test_russian_is_read_at_the_model_tier_with_base_forms():
    reading = read_text("ru", "Визит Олега Варнавина в Казань начался утром. В Казани Варнавин встретился с "
                              "Ириной Лесковой из Великобритании. Лескова говорила о США.")
    assert reading.tier == "model"
    people = {e.name: [m.text for m in e.mentions] for e in reading.entities if e.type == "PERSON"}
    assert people["Олег Варнавин"] == ["Олега Варнавина", "Варнавин"]  # named by the nominative
    assert people["Ирина Лескова"] == ["Ириной Лесковой", "Лескова"]
    places = {e.name: e.place["name"] for e in reading.entities if e.place}
    assert places["Казань"] == "Kazan" and "Kazan" == places.get("Казань")
    assert {"United Kingdom", "United States"} <= set(places.values())  # a short name; an abbreviation


def test_titles_become_facts_with_their_english_role():
    reading = read_text("de", "Kapitän Jonas Albrecht meldete den Brand am Morgen. Albrecht blieb an Bord.")
    [fact] = [f for f in reading.facts if f.slot.startswith("title_of:")]
    person = next(e for e in reading.entities if e.id == fact.slot.split(":")[1])
    assert person.name == "Jonas Albrecht" and fact.value.text == "Kapitän" and fact.value.role == "captain"
    assert reading.article.text[fact.start:fact.end] == "Kapitän" and "Brand" in fact.evidence.text


def test_the_leads_counts_become_facts_but_not_its_dates_or_percentages():
    reading = read_text("de", "Auf der Fähre vor Rostock brach am 16. März 2023 um 14.30 Uhr Feuer aus. Alle 1.250 "
                              "Passagiere kamen an Land, 11 Menschen wurden behandelt, 5 % der Ladung verbrannte.")
    counts = {f.slot: f.value.figure for f in reading.facts if f.slot.startswith("count/")}
    assert counts == {"count/passagier": 1250, "count/mensch": 11}
    fact = next(f for f in reading.facts if f.slot == "count/passagier")
    assert reading.article.text[fact.start:fact.end] == "1.250 Passagiere" and fact.value.counted == "passagier"
    arabic = read_text("ar", "نقل 214 إلى الشاطئ بعد الحريق قرب فارنا.")
    assert [f.value.figure for f in arabic.facts if f.slot.startswith("count/")] == [214]


def test_a_name_after_a_title_is_cut_to_the_name_said_elsewhere():
    reading = read_text("ar", "وقاد القبطان كريم منصور السفينة نحو الإسكندرية. وقال القبطان كريم منصور: «أبقينا الجميع على السطح».")
    people = [e for e in reading.entities if e.type == "PERSON"]
    assert [p.name for p in people] == ["كريم منصور"] and len(people[0].mentions) == 2
