"""The seed article's extraction, field by field: every field must be exactly right."""

from __future__ import annotations

import hashlib

import pytest

from conftest import SEED, SEED_ID


def test_id(seed_article):
    assert seed_article.id == SEED_ID


def test_title(seed_article):
    assert seed_article.title == "What China has done to boost int'l cooperation against COVID-19"


def test_published_is_beijing_time(seed_article):
    assert seed_article.published == "2020-05-17T15:51:00+08:00"


def test_agency_and_publisher(seed_article):
    assert (seed_article.agency, seed_article.publisher) == ("Xinhua", "People's Daily Online")


def test_dateline(seed_article):
    d = seed_article.dateline
    assert (d.place, d.date, d.text) == ("BEIJING", "2020-05-17", "BEIJING, May 17 (Xinhua)")


def test_editors_normalise_no_break_space(seed_article):
    assert seed_article.editors == ("Zhao Tong", "Bianji")


def test_no_byline(seed_article):
    assert seed_article.byline is None


def test_paragraphs_exact_and_in_order(seed_article):
    raw = SEED.read_text(encoding="utf-8").split("\n")
    body = [line for line in raw[6:52] if line.strip()]
    assert seed_article.paragraphs == tuple(body)
    assert len(seed_article.paragraphs) == 22
    assert seed_article.paragraphs[0].startswith("BEIJING, May 17 (Xinhua) -- Across the globe")
    assert seed_article.paragraphs[-1].endswith("more direct interaction of that kind.")


@pytest.mark.parametrize("chrome", [
    "Apple News", "Add your comment", "Related reading", "We Recommend", "Most Read", "Key Words",
    "For the latest China news", "Web editor", "15:51, May 17, 2020",
])
def test_page_chrome_is_stripped(seed_article, chrome):
    assert not any(chrome in p for p in seed_article.paragraphs)


KEY_FIGURES = [
    # text, value, unit, counts, paragraph, qualifier
    ("25 experts from eight countries", 25, "experts", "experts from eight countries", 6, None),
    ("75,498 cumulative COVID-19 cases", 75498, "cases", "cumulative COVID-19 cases", 13, None),
    ("53 African countries", 53, "countries", "African countries", 13, None),
    ("2,561 deaths", 2561, "deaths", "deaths", 13, None),
    ("50 million U.S. dollars", 50_000_000, "USD", "U.S. dollars", 14, None),
    ("some 400 training sessions", 400, "sessions", "training sessions", 15, "some"),
    ("20,000 local medical workers", 20000, "workers", "local medical workers", 15, None),
    ("more than 150 countries and international organizations", 150, "countries",
     "countries and international organizations", 16, "more than"),
    ("over 120 video conferences", 120, "conferences", "video conferences", 16, "over"),
    ("more than 160 countries and international organizations", 160, "countries",
     "countries and international organizations", 16, "more than"),
    ("21 teams of medical experts", 21, "teams", "teams of medical experts", 16, None),
    ("19 countries", 19, "countries", "countries", 16, None),
]


def test_key_figures(seed_article):
    got = [(f.text, f.value, f.unit, f.counts, f.paragraph, f.qualifier) for f in seed_article.key_figures]
    assert got == KEY_FIGURES


def test_key_figures_are_in_their_paragraph(seed_article):
    for figure in seed_article.key_figures:
        assert figure.text in seed_article.paragraphs[figure.paragraph - 1]


def test_numbers_in_names_and_dates_are_not_figures(seed_article):
    texts = " | ".join(f.text for f in seed_article.key_figures)
    for not_a_figure in ("19 pandemic", "20 (G20)", "22 ordered", "3, China", "8, heads"):
        assert not_a_figure not in texts


PEOPLE = [
    ("Tedros Adhanom Ghebreyesus", ("Tedros Adhanom Ghebreyesus",), (5,)),
    ("Ivica Dacic", ("Ivica Dacic",), (9,)),
    ("Xi Jinping", ("Xi Jinping", "Xi"), (10, 12)),
    ("Viktor Orban", ("Viktor Orban",), (12,)),
    ("Wang Yi", ("Wang Yi",), (15,)),
    ("Fabrizio Pregliasco", ("Fabrizio Pregliasco",), (21,)),
    ("Maria Van Kerkhove", ("Maria van Kerkhove",), (22,)),
]

ORGANISATIONS = [
    ("World Health Organization", ("World Health Organization", "WHO")),
    ("Communist Party of China Central Committee", ("Communist Party of China Central Committee",)),
    ("WHO-China Joint Mission on COVID-19", ("WHO-China Joint Mission on COVID-19", "China-WHO expert team")),
    ("WHO Executive Board", ("WHO Executive Board",)),
    ("Socialist Party of Serbia", ("Socialist Party of Serbia",)),
    ("Group of 20", ("G20", "Group of 20")),
    ("United Nations", ("United Nations",)),
    ("European Union", ("European Union",)),
    ("African Union", ("African Union",)),
    ("Association of Southeast Asian Nations", ("Association of Southeast Asian Nations",)),
    ("National Health Commission", ("National Health Commission",)),
    ("U.S. Centers for Disease Control and Prevention", ("U.S. Centers for Disease Control and Prevention",)),
    # the one entity the registry does not cover: detected, not reviewed
    ("Department of Biomedical Sciences for Health", ("Department of Biomedical Sciences for Health",)),
    ("University of Milan", ("University of Milan",)),
    ("WHO Health Emergencies Programme", ("WHO's Health Emergencies Program",)),
]

PLACES = [
    ("Beijing", ("BEIJING", "Beijing")),
    ("China", ("China",)),
    ("Hubei", ("Hubei province",)),
    ("Geneva", ("Geneva",)),
    ("Africa", ("Africa",)),
    ("United States", ("United States",)),
    ("Europe", ("Europe",)),
    ("Asia", ("Asia",)),
    ("Latin America", ("Latin America",)),
]


def test_people(seed_article):
    assert [(m.name, m.forms, m.paragraphs) for m in seed_article.people] == PEOPLE


def test_organisations(seed_article):
    assert [(m.name, m.forms) for m in seed_article.organisations] == ORGANISATIONS


def test_places(seed_article):
    assert [(m.name, m.forms) for m in seed_article.places] == PLACES


def test_money_is_not_a_place(seed_article):
    us = next(m for m in seed_article.places if m.name == "United States")
    assert 14 not in us.paragraphs  # "50 million U.S. dollars"


def test_only_the_unregistered_entity_is_not_reviewed(seed_article):
    mentions = (*seed_article.people, *seed_article.organisations, *seed_article.places)
    unreviewed = [(m.name, m.id, m.paragraphs) for m in mentions if not m.reviewed]
    assert unreviewed == [("Department of Biomedical Sciences for Health",
                           "department-of-biomedical-sciences-for-health", (21,))]


def test_who_is_one_entity_under_two_names(seed_article):
    who = next(m for m in seed_article.organisations if m.id == "world-health-organization")
    assert who.paragraphs == (3, 5, 6, 11, 12, 13, 14, 18, 20, 22)


QUOTES = [
    ("the serious lockdown measures not only protected the Chinese people, but also prevented the spread of "
     "the virus to other countries", "Tedros Adhanom Ghebreyesus", "reported", 5),
    ("China has rolled out perhaps the most ambitious, agile and aggressive disease containment effort in history",
     "WHO-China Joint Mission on COVID-19", "direct", 6),
    ("Because of this strategy, if it weren't for China's efforts, the number of cases outside China would have "
     "been very much higher", "Tedros Adhanom Ghebreyesus", "direct", 7),
    ("The Chinese people stand on the frontline of defense in the fight against the pandemic, and have made huge "
     "contributions and sacrifices in order to safeguard the health and safety of people around the world, which "
     "deserves the respect of all countries worldwide", "Ivica Dacic", "reported", 9),
    ("China firmly supports the United Nations and the WHO in playing their due roles in international "
     "cooperation against the COVID-19 pandemic", "Xi Jinping", "reported", 12),
    ("Besides, Chinese medical teams have conducted some 400 training sessions in Africa to share its "
     "anti-epidemic experiences and have trained 20,000 local medical workers", "Wang Yi", "reported", 15),
    ("Chinese scientists and political leaders have made efforts to help the world understand the virus and "
     "contain its spread", "Fabrizio Pregliasco", "reported", 21),
    ("an excellent example of 'peer to peer' experience-sharing", "Maria Van Kerkhove", "direct", 22),
]


def test_quotes_with_speakers(seed_article):
    assert [(q.text, q.speaker, q.kind, q.paragraph) for q in seed_article.quotes] == QUOTES


def test_pronoun_resolves_to_last_person(seed_article):
    he_said = seed_article.quotes[2]
    assert "he said" in seed_article.paragraphs[he_said.paragraph - 1]
    assert he_said.speaker == "Tedros Adhanom Ghebreyesus"


EVENTS = [
    ("2020-01-22", "Jan. 22", 4),
    ("2020-02", "late February", 6),
    ("2020-03", "March", 10),
    ("2020-05-15", "Friday", 12),
    ("2020-05-15", "the same day", 13),
    ("2020-05-11", "Monday", 15),
    ("2020-01-03", "Jan. 3", 19),
    ("2020-01-08", "Jan. 8", 19),
]


def test_events_resolved_against_publication_date(seed_article):
    assert [(e.date, e.expression, e.paragraph) for e in seed_article.events] == EVENTS


def test_event_text_is_its_sentence(seed_article):
    for event in seed_article.events:
        assert event.text in seed_article.paragraphs[event.paragraph - 1]
        assert event.expression in event.text


def test_source_path_and_sha256(seed_article):
    assert seed_article.source.path == f"site-data/raw/{SEED_ID}.txt"
    assert seed_article.source.sha256 == hashlib.sha256(SEED.read_bytes()).hexdigest()
    assert seed_article.source.sha256 == "202a579ef1971bd68c9835f771bf99a43a4c3b28a25427d0cd77adfbd3fadb8f"


def test_word_count(seed_article):
    assert seed_article.word_count == sum(len(p.split()) for p in seed_article.paragraphs) == 874


def test_reader(seed_article):
    assert seed_article.reader == "peoplesdaily"
