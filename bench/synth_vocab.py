"""Word lists for bench/synth.py: invented names and topic vocabulary.

Everything here is made up for benchmark text. Lists are tuples (fixed order)
so that the synthesiser stays deterministic.
"""

from __future__ import annotations

# Given names for the synthetic people (uncommon or invented on purpose).
GIVEN = (
    "Alda", "Brisa", "Corvin", "Dagny", "Elio", "Fenna", "Galen", "Hesper", "Ilsa", "Joren",
    "Kesta", "Lennart", "Mirela", "Nilo", "Orla", "Perrin", "Quilla", "Rosk", "Sefa", "Teodor",
    "Ulla", "Varo", "Wrenna", "Xanti", "Yarrow", "Zeno", "Amsel", "Belis", "Cato", "Derya",
    "Essa", "Florin", "Gisla", "Halvard", "Idris", "Jessamy", "Kaspar", "Liora", "Marek", "Nessa",
    "Odalys", "Piet", "Rhosyn", "Solvei", "Tamsin", "Uriel", "Vesna", "Willem", "Ysolde", "Zorah",
    "Anouk", "Bastian", "Cerys", "Dorian", "Elke", "Fabrizo", "Gunnel", "Hollis", "Ines", "Jarle",
    "Kalinda", "Lucan", "Maelis", "Norrin", "Oskar", "Pella", "Ravi", "Saskia", "Thane", "Undine",
)

# Syllables for invented surnames and place names.
ONSETS = (
    "Br", "Cal", "Dor", "Ev", "Fal", "Gr", "Hal", "Ist", "Jor", "Kel", "Lor", "Mar", "Nor", "Ost",
    "Pel", "Quen", "Ros", "Sev", "Tor", "Ul", "Vel", "Wes", "Yr", "Zan", "Ald", "Bel", "Cor", "Dal",
)
MIDDLES = ("a", "e", "i", "o", "u", "ar", "en", "il", "or", "un", "ev", "am", "is", "ol", "ur")
SURNAME_ENDS = (
    "vik", "sen", "ard", "ova", "elli", "mund", "ko", "stad", "quist", "berg", "ane", "ez",
    "holm", "etti", "ssen", "ic", "ow", "ade", "ley", "ton",
)
PLACE_ENDS = ("ia", "mere", "dor", "heim", "ava", "stan", "ora", "mark", "gard", "esk", "vale", "burg")
CITY_PATTERNS = ("{}", "{}", "{}", "Port {}", "{} Falls", "New {}", "{} Bay", "San {}")

# Editors (given-name surname pairs joined with a no-break space, as the seed does).
EDITORS = (
    ("Lind", "Vessa"), ("Maro", "Quell"), ("Tarn", "Ossig"), ("Pell", "Rinne"),
    ("Sora", "Valt"), ("Kett", "Amble"), ("Rue", "Hollin"), ("Dane", "Oyle"),
)

# One topic per "field": the field names ministries and organisations, the rest feeds the text.
# units: (plural noun, low, high) for key figures.
TOPICS = (
    {
        "field": "Health", "noun": "public health", "challenge": "the synthetic fever outbreak",
        "effort": "its vaccination drive", "supplies": "protective equipment and test kits",
        "workers": "medical workers", "action": "tighten controls on the synthetic fever",
        "units": (("vaccination centres", 120, 4800), ("hospital beds", 900, 88000),
                  ("testing laboratories", 15, 900), ("cumulative synthetic fever cases", 2000, 95000)),
        "headline": ("steps up fight against synthetic fever", "opens new vaccination centres",
                     "boosts int'l cooperation on public health"),
    },
    {
        "field": "Trade", "noun": "trade", "challenge": "slowing regional trade",
        "effort": "its export promotion plan", "supplies": "customs software and training",
        "workers": "customs officers", "action": "cut tariffs on synthetic grain",
        "units": (("container shipments", 3000, 99000), ("trade fairs", 4, 60),
                  ("export licences", 500, 25000), ("registered exporters", 800, 40000)),
        "headline": ("signs trade deals worth billions", "expands free trade zone",
                     "sees exports rise for third straight month"),
    },
    {
        "field": "Energy", "noun": "clean energy", "challenge": "the regional power shortage",
        "effort": "its clean energy transition", "supplies": "solar panels and grid equipment",
        "workers": "grid engineers", "action": "phase out synthetic coal plants",
        "units": (("wind turbines", 40, 6000), ("solar farms", 5, 400),
                  ("charging stations", 200, 30000), ("megawatts of new capacity", 100, 9000)),
        "headline": ("switches on giant solar farm", "unveils clean energy plan",
                     "adds record wind power capacity"),
    },
    {
        "field": "Water Resources", "noun": "water security", "challenge": "the prolonged drought",
        "effort": "its water conservation campaign", "supplies": "pumps and purification units",
        "workers": "hydrologists", "action": "ration irrigation water",
        "units": (("reservoirs", 6, 300), ("kilometres of canals", 40, 5000),
                  ("purification plants", 3, 250), ("wells", 100, 12000)),
        "headline": ("completes cross-basin water project", "launches drought relief plan",
                     "pledges funds for clean water"),
    },
    {
        "field": "Transport", "noun": "transport", "challenge": "congestion on regional corridors",
        "effort": "its rail expansion", "supplies": "signalling systems and rolling stock",
        "workers": "railway workers", "action": "open a new freight corridor",
        "units": (("kilometres of high-speed rail", 50, 4000), ("bus routes", 20, 900),
                  ("freight trains", 100, 12000), ("bridges", 3, 180)),
        "headline": ("opens high-speed rail link", "launches freight corridor to the coast",
                     "upgrades port and airport network"),
    },
    {
        "field": "Education", "noun": "education", "challenge": "the shortage of trained teachers",
        "effort": "its school building programme", "supplies": "textbooks and laptops",
        "workers": "teachers", "action": "extend free schooling to rural districts",
        "units": (("new schools", 10, 1200), ("scholarships", 100, 20000),
                  ("vocational colleges", 3, 150), ("students", 2000, 900000)),
        "headline": ("expands free schooling", "trains thousands of new teachers",
                     "opens vocational colleges in rural areas"),
    },
    {
        "field": "Agriculture", "noun": "food security", "challenge": "falling grain yields",
        "effort": "its harvest support scheme", "supplies": "seed stock and farm machinery",
        "workers": "agronomists", "action": "stabilise the price of synthetic grain",
        "units": (("hectares of farmland", 1000, 900000), ("tonnes of synthetic grain", 5000, 990000),
                  ("cooperatives", 30, 4000), ("greenhouses", 40, 8000)),
        "headline": ("reports bumper synthetic grain harvest", "supports farmers after floods",
                     "boosts food security cooperation"),
    },
    {
        "field": "Culture", "noun": "cultural heritage", "challenge": "the loss of historic sites",
        "effort": "its heritage restoration project", "supplies": "archive scanners and exhibits",
        "workers": "conservators", "action": "reopen the national museums",
        "units": (("museums", 5, 400), ("heritage sites", 10, 900),
                  ("visitors", 5000, 900000), ("restored manuscripts", 100, 40000)),
        "headline": ("reopens restored heritage site", "hosts synthetic arts festival",
                     "returns historic artefacts"),
    },
    {
        "field": "Space Exploration", "noun": "space exploration", "challenge": "the cost of launches",
        "effort": "its lunar research programme", "supplies": "satellite components",
        "workers": "engineers", "action": "prepare a new orbital launch",
        "units": (("satellites", 2, 90), ("launches", 1, 40),
                  ("research payloads", 3, 120), ("ground stations", 2, 60)),
        "headline": ("launches synthetic weather satellite", "unveils lunar research roadmap",
                     "sends research payloads into orbit"),
    },
    {
        "field": "Fisheries", "noun": "sustainable fishing", "challenge": "declining fish stocks",
        "effort": "its marine protection plan", "supplies": "patrol boats and tracking beacons",
        "workers": "fishers", "action": "ban trawling in coastal waters",
        "units": (("fishing vessels", 50, 9000), ("tonnes of catch", 1000, 500000),
                  ("marine reserves", 2, 80), ("square kilometres of protected sea", 100, 90000)),
        "headline": ("extends marine protection zone", "agrees fishing quotas with neighbours",
                     "tracks vessels to curb illegal fishing"),
    },
    {
        "field": "Finance", "noun": "financial stability", "challenge": "volatile capital flows",
        "effort": "its banking reform", "supplies": "payment systems and audits",
        "workers": "bank inspectors", "action": "lower the reserve requirement",
        "units": (("small businesses", 1000, 900000), ("loans", 500, 90000),
                  ("bank branches", 20, 4000), ("bond issues", 3, 200)),
        "headline": ("cuts reserve requirement to support growth", "issues green bonds",
                     "expands credit for small businesses"),
    },
    {
        "field": "Digital Affairs", "noun": "the digital economy", "challenge": "the digital divide",
        "effort": "its broadband rollout", "supplies": "network equipment and training",
        "workers": "software developers", "action": "connect every village to broadband",
        "units": (("base stations", 300, 90000), ("villages connected", 100, 30000),
                  ("data centres", 2, 120), ("online services", 20, 2000)),
        "headline": ("connects remote villages to broadband", "launches digital services portal",
                     "hosts synthetic internet conference"),
    },
)

# Direct quotations (no final punctuation; the template adds it).
DIRECT = (
    "{place} has rolled out perhaps the most ambitious {noun} programme in its synthetic history",
    "Because of this strategy, the number of {unit} has grown much faster than anyone expected",
    "We will keep sharing our experience in {noun} with every partner that asks for it",
    "Cooperation, not competition, is the most powerful tool we have against {challenge}",
    "Nobody can face {challenge} alone, and nobody should have to",
    "The figures are encouraging, but the work on {noun} is far from finished",
    "This is a long road, and we have only taken the first few steps",
    "Our priority is to make sure that every family in {place} feels the difference",
    "We have learned more about {noun} in the past year than in the previous decade",
    "These results show what open and transparent cooperation can achieve",
    "{org} will stand by {place} for as long as it takes",
    "Every one of these {unit} was built with the help of local communities",
)

# Reported speech (lower-case start; templates capitalise when needed).
REPORTED = (
    "{org} is ready to work with all parties to improve {noun} in {place}",
    "the new measures have already eased the pressure caused by {challenge}",
    "{place} firmly supports {org} in playing its due role in international cooperation on {noun}",
    "the programme deserves the respect of all partners and should be expanded next year",
    "{place} sets an excellent example of peer-to-peer experience-sharing on {noun}",
    "more investment in {unit} would pay for itself within a few years",
    "{org} looks forward to more direct interaction of that kind with {place}",
    "local authorities had responded quickly and transparently to {challenge}",
)

# Background sentences, for length.
BACKGROUND = (
    "Across the synthetic region, {challenge} is disrupting livelihoods and testing the resilience of local communities.",
    "Observers said the approach could serve as a model for other partners in the region, though its long-term cost remains unclear.",
    "{org} has established close technical-level communication mechanisms with {org2} and with partners in {place2}.",
    "By carrying out timely technical exchanges, experts from {place} and {place2} worked with their peers to share what they know about {noun}.",
    "Solidarity and cooperation remain the most powerful tools against {challenge}, officials in {place} said repeatedly during the briefing.",
    "The plan also sets out how {place} will measure progress on {noun} and publish the results every quarter.",
    "Residents interviewed in {city} said they had already noticed changes, from shorter queues to better information.",
)

MEETINGS = ("a press conference", "an executive board meeting", "a video conference", "a regional forum",
            "a news briefing", "a ministerial meeting", "a signing ceremony")

QUALIFIERS = ("more than", "over", "some", "nearly", "about", "at least", "almost")
CURRENCIES = ("U.S. dollars", "euros", "yuan")
