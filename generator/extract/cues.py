"""Word lists for entity detection (:mod:`generator.extract.detect`).

Cue words are the evidence news copy gives for what a capitalised name is:
a title before a person ("Minister", "spokesperson"), a head word that
makes a name an organisation ("Ministry", "University", "Board") or a
place ("Province", "County"), and the everyday words that start sentences
or name months, days and nationalities, which are never entities alone.
"""

from __future__ import annotations

#: capitalised words of titles before a name: "Prime Minister", "WHO Director-General", "Dr."
TITLE_WORDS = frozenset({
    "President", "Vice", "Prime", "Minister", "Premier", "Deputy", "Foreign", "Defense", "Defence", "Finance",
    "Health", "Trade", "Interior", "Secretary", "Secretary-General", "Director", "Director-General", "General",
    "Chairman", "Chairwoman", "Chair", "Chairperson", "Governor", "Mayor", "Senator", "Sen.", "Rep.", "Gov.",
    "Ambassador", "Professor", "Prof.", "Dr.", "Dr", "Mr.", "Mrs.", "Ms.", "Mr", "Mrs", "Ms", "King", "Queen",
    "Prince", "Princess", "Gen.", "Colonel", "Col.", "Captain", "Capt.", "Lt.", "Sgt.", "Judge", "Justice", "Pope",
    "Sheikh", "Chancellor", "Commissioner", "Spokesperson", "Spokesman", "Spokeswoman", "Councilor", "Councillor",
    "State", "Chief", "Executive", "CEO", "Acting", "Former", "Head", "Leader", "Speaker", "Coach", "Lord", "Lady",
    "Sir", "Dame", "Rev.", "Father", "Sister", "Bishop", "Archbishop", "Cardinal", "Imam", "Rabbi", "Premier",
    "Vice-President", "Vice-Premier", "Assistant", "Under-Secretary", "Undersecretary", "Attorney", "Commander",
    "Admiral", "Marshal", "Emperor", "Empress", "Crown", "Party", "Secretary-general", "Officer", "Envoy",
    "Special", "Representative", "Counselor", "Consul", "Consul-General", "Inspector", "Superintendent",
    "Detective", "Officer", "Agriculture", "Education", "Commerce", "Environment", "Transport", "Labor",
    "Labour", "Energy", "Justice", "Culture", "Science", "Technology", "Information", "Communications",
    "Economic", "Economy", "Development", "Affairs", "Home", "Public", "Security", "Police", "Provincial",
    "Municipal", "County", "City", "District", "Village", "Regional", "National", "Central", "Permanent",
    "Senior", "Junior", "Chief-of-Staff", "Treasurer", "Auditor", "Governor-General", "Chief-Executive",
})
#: honorifics: the name after one is a person's
HONORIFICS = frozenset({"Mr.", "Mrs.", "Ms.", "Mr", "Mrs", "Ms", "Dr.", "Dr", "Prof.", "Miss", "Sir", "Dame"})
#: lower-case role words before a name: "spokesperson Li Ming", "said analyst Tomas Varga"
ROLE_WORDS = frozenset({
    "president", "minister", "premier", "spokesperson", "spokesman", "spokeswoman", "director", "director-general",
    "chairman", "chairwoman", "chair", "governor", "mayor", "senator", "ambassador", "professor", "researcher",
    "scientist", "analyst", "economist", "official", "expert", "head", "leader", "coach", "manager", "founder",
    "engineer", "doctor", "nurse", "student", "lawyer", "owner", "worker", "villager", "resident", "farmer",
    "teacher", "principal", "curator", "captain", "secretary", "secretary-general", "commissioner", "chief",
    "executive", "officer", "envoy", "counselor", "councilor", "judge", "prosecutor", "attorney", "colonel",
    "general", "commander", "journalist", "writer", "author", "artist", "designer", "architect", "developer",
    "fisherman", "driver", "pilot", "activist", "volunteer", "organizer", "organiser", "historian", "biologist",
    "physicist", "chemist", "epidemiologist", "virologist", "veterinarian", "surgeon", "physician", "pharmacist",
    "dean", "lecturer", "consultant", "adviser", "advisor", "planner", "inspector", "ranger", "guide", "player",
    "striker", "goalkeeper", "midfielder", "defender", "athlete", "champion", "singer", "actor", "actress",
    "director", "producer", "composer", "poet", "novelist", "entrepreneur", "banker", "trader", "investor",
    "ceo", "cfo", "deputy", "vice-president", "vice-chairman", "secretary", "clerk", "technician", "mechanic",
    "shopkeeper", "vendor", "baker", "chef", "cook", "beekeeper", "shepherd", "herder", "miner", "welder",
    "electrician", "plumber", "carpenter", "diplomat", "negotiator", "delegate", "legislator", "lawmaker",
    "deputies", "mp", "representative", "candidate", "mother", "father", "son", "daughter", "wife", "husband",
    "brother", "sister", "grandmother", "grandfather", "colleague", "partner", "cofounder", "co-founder",
    "astronaut", "conductor", "librarian", "archivist", "editor", "reporter", "photographer", "correspondent",
    "columnist", "commentator", "sociologist", "geologist", "ecologist", "botanist", "zoologist", "economist",
    "statistician", "meteorologist", "forecaster", "hydrologist", "agronomist", "ornithologist", "keeper",
    "warden", "curator", "conductor", "operator", "glaciologist", "scholar", "priest", "monk", "nun", "host",
    "counterpart", "elder", "runner", "cyclist", "swimmer", "skater", "skier", "boxer", "wrestler", "jockey",
    "sprinter", "marathoner", "climber", "sailor", "rower", "golfer", "archer", "gymnast", "referee",
})
#: speech verbs whose subject follows them ("said Tomas Varga"); "told X" names the listener
SPEECH_BEFORE = frozenset({"said", "says", "added", "noted", "stressed", "stated", "explained", "recalled",
                           "wrote", "replied", "insisted", "argued", "warned", "announced"})
#: news agencies and papers named in the text ("told Xinhua"): organisations, whatever the cues say
NEWS_ORGANISATIONS = frozenset({"Xinhua", "Reuters", "AFP", "Kyodo", "TASS", "Yonhap", "Bernama", "Antara",
                                "Interfax", "Anadolu", "Prensa Latina", "ANSA", "EFE", "dpa", "Agence France-Presse",
                                "Associated Press", "China Daily", "People's Daily", "Global Times"})
#: speech and attribution verbs: "NAME said", "said NAME", "according to NAME"
SPEECH_WORDS = frozenset({"said", "says", "told", "added", "noted", "stressed", "stated", "explained", "asked",
                          "warned", "recalled", "urged", "announced", "insisted", "argued", "wrote", "replied"})
#: an organisation's name ends in one of these ("Vellan Water Board") ...
ORG_HEADS = frozenset({
    "Party", "Commission", "University", "Organization", "Organisation", "Union", "Ministry", "Council",
    "Association", "Bank", "Agency", "Committee", "Institute", "Institution", "Department", "Office", "Bureau",
    "Administration", "Authority", "Centre", "Center", "Centers", "Centres", "Company", "Corporation", "Corp.",
    "Group", "Foundation", "Fund", "Court", "Parliament", "Assembly", "Congress", "Government", "Academy",
    "College", "School", "Hospital", "Clinic", "Forum", "Federation", "League", "Programme", "Program", "Team",
    "Mission", "Society", "Network", "Alliance", "Inc.", "Inc", "Ltd.", "Ltd", "Co.", "LLC", "PLC", "Daily",
    "News", "Times", "Post", "Herald", "Tribune", "Gazette", "Journal", "Service", "Army", "Navy", "Police",
    "Board", "Secretariat", "Cooperative", "Co-operative", "Consortium", "Trust", "Museum", "Library", "Club",
    "Orchestra", "Theatre", "Theater", "Laboratory", "Laboratories", "Lab", "Labs", "Observatory", "Institutes",
    "Industries", "Holdings", "Airlines", "Airways", "Railway", "Railways", "Motors", "Bank's", "Exchange",
    "Chamber", "Guild", "Senate", "Cabinet", "Directorate", "Inspectorate", "Corps", "Force", "Forces", "Guard",
    "Brigade", "Symphony", "Press", "Broadcasting", "Television", "Radio", "Studio", "Studios", "Fellowship",
    "Conservancy", "Council's", "Ministry's", "Agency's", "Commission's", "Board's", "University's", "Institute's",
    "Committee's", "Association's", "Company's", "Hospital's", "Court's", "Federation's", "Network's", "Trust's",
    "Register", "Archive", "Archives", "Nations", "FC", "F.C.", "AFC", "United", "Energy", "Logistics",
    "Pharmaceuticals", "Technologies", "Technology", "Systems", "Solutions", "Electronics", "Foods", "Media",
    "Capital", "Partners", "Ventures", "Shipping", "Steel", "Telecom", "Telecommunications", "Power",
    "Petroleum", "Mining", "Chemicals", "Insurance", "Securities", "Investments", "Motors", "Automotive",
    "Robotics", "Biotech", "Semiconductor", "Software", "Aerospace", "Airline", "Bancorp", "Brewery", "Works",
    "Collective", "Initiative", "Partnership", "Charity", "Reserve", "Shipyard", "Shipyards", "Dairy", "Farms",
    "Bakery", "Mills", "Studio", "Publishers", "Publishing",
})
#: ... or starts with one of these followed by "of" / "for" ("Ministry of Commerce", "Bank of Vellan")
ORG_FIRST = frozenset({
    "Ministry", "University", "Department", "Bank", "Office", "Bureau", "Council", "Committee", "Commission",
    "Institute", "Academy", "College", "Museum", "Embassy", "Court", "Federation", "Association", "Organization",
    "Organisation", "League", "Society", "Union", "Agency", "Board", "Chamber", "Church", "Order", "House",
    "Centre", "Center", "Centers", "Centres", "Fund", "Foundation", "School", "Library", "Conference",
    "Secretariat", "Coalition",
    "Alliance", "Friends", "Federal", "Bank", "Consulate", "Directorate", "Administration", "Authority",
})
#: a place's name ends in one of these ("Vellan County", "Ostmark Province")
PLACE_HEADS = frozenset({
    "Province", "City", "County", "District", "Island", "Islands", "Region", "Prefecture", "Village", "Town",
    "River", "Lake", "Mountain", "Mountains", "Valley", "Bay", "Sea", "Ocean", "Strait", "Peninsula", "Square",
    "Street", "Avenue", "Airport", "Port", "Harbour", "Harbor", "Canal", "Desert", "Forest", "Park", "Plateau",
    "Basin", "Delta", "Coast", "Gorge", "Gorges", "Falls", "Reservoir", "Township", "Borough", "Oblast",
    "Municipality", "Territory", "Highlands", "Plain", "Plains", "Hills", "Heights", "Beach", "Cape", "Glacier",
    "Reservation", "Quarter", "Wetland", "Wetlands", "Oasis", "Atoll", "Archipelago",
})
#: lower-case place nouns after a name: "Hubei province", "the Vellan county seat"
PLACE_NOUNS = frozenset({"province", "county", "city", "village", "town", "district", "region", "prefecture",
                         "township", "island", "municipality", "state", "oblast"})
#: "the village of Shuikou", "the towns of Eastbank and Westford", "the port of Vellan"
PLACE_OF = frozenset({"village", "villages", "town", "towns", "city", "cities", "port", "island", "islands",
                      "county", "province", "district", "region", "township", "capital", "hamlet", "suburb",
                      "harbour", "harbor", "republic", "kingdom", "state", "municipality", "oasis"})
#: a preposition before a place: "in Vellan", "near Ostmark"
PLACE_PREPOSITIONS = frozenset({"in", "near", "outside", "from", "to", "across", "throughout", "around", "at",
                                "via", "towards", "toward", "into", "visited", "visit", "between"})
#: joiners allowed inside a name: "University of Milan", "Maria van Kerkhove"
JOINERS = frozenset({"of", "the", "and", "for", "de", "van", "von", "der", "den", "la", "le", "du", "da", "dos",
                     "del", "bin", "al", "on", "&"})
#: words that start sentences or name times and kinds of people: never an entity alone, dropped in front of one
NEVER_ALONE = frozenset({
    "The", "A", "An", "In", "On", "At", "As", "By", "For", "From", "To", "Of", "With", "After", "Before", "Since",
    "Starting", "When", "While", "If", "But", "And", "Or", "So", "Yet", "Also", "Besides", "However", "Meanwhile",
    "Moreover", "Still", "Now", "Today", "Tonight", "Yesterday", "Tomorrow", "Then", "This", "That", "These",
    "Those", "It", "Its", "He", "She", "They", "We", "I", "You", "His", "Her", "Their", "Our", "My", "Your",
    "There", "Here", "What", "Who", "Why", "How", "Where", "Which", "Some", "Many", "Most", "All", "Each", "Every",
    "Both", "Few", "Several", "Other", "Others", "Another", "Such", "No", "Not", "One", "Two", "Three", "Four",
    "Five", "Six", "Seven", "Eight", "Nine", "Ten", "First", "Second", "Third", "Last", "Next", "New", "Old",
    "Across", "Among", "Amid", "Against", "Under", "Over", "Through", "During", "Despite", "Although", "Though",
    "Because", "Unlike", "Like", "Until", "Once", "Even", "Only", "Just", "About", "Around", "Nearly", "More",
    "Less", "Earlier", "Later", "Recently", "Currently", "Already", "Instead", "Overall", "Thus",
    "Indeed", "Officials", "Residents", "Police", "Experts", "Analysts", "Authorities", "Scientists",
    "Researchers", "Doctors", "Students", "Workers", "Villagers", "Critics", "Supporters", "Organizers",
    "Organisers", "Volunteers", "Farmers", "Teachers", "Parents", "Visitors", "Local", "Locals", "Residents",
    "Chinese", "American", "British", "European", "African", "Asian", "International", "Global", "Internet",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
    "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", "Jan.",
    "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.", "Christmas",
    "Easter", "Ramadan", "English", "Mandarin", "French", "Spanish", "Arabic", "Russian", "German", "Japanese",
    "God", "Photo", "Video", "Editor", "Editors", "Source", "TEST", "FIXTURE", "Please", "Let", "Do", "Does",
    "Did", "Is", "Are", "Was", "Were", "Has", "Have", "Had", "Will", "Would", "Can", "Could", "Should", "May",
    "Might", "Must", "Shall", "Let's", "Yes", "Oh", "Well", "Thanks", "Thank", "According", "Following", "Under",
    "Following", "Asked", "Speaking", "Addressing", "Citing", "Noting", "Despite", "Whether", "Every", "Any",
    "Much", "Very", "Spring", "Summer", "Autumn", "Winter", "Fall", "North", "South", "East", "West", "Northern",
    "Southern", "Eastern", "Western", "Central", "Western-style", "Year", "Day", "Week", "Month", "Part",
    "Phase", "Stage", "Section", "Chapter", "Article", "Page", "Figure", "Table", "Note", "Notes", "Update",
    "Updated", "Correction", "Eds", "Related", "Share", "Print", "Read", "More", "Click", "Watch", "Listen",
    "Mrs", "Mr", "Ms", "Dr", "Ltd", "Inc", "St", "Mt", "Sgt", "Lt", "Co", "Corp", "Jr", "Sr", "Mme",
})
#: words never an entity alone that may start a name ("European Union", "Chinese Academy of Sciences")
NAME_STARTERS = frozenset({
    "Chinese", "American", "British", "European", "African", "Asian", "International", "Global", "North",
    "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central", "New", "Old", "First",
    "Second", "Third", "Local", "Police", "Internet", "Spring", "Summer", "Autumn", "Winter", "Year", "Day",
    "English", "French", "Spanish", "Arabic", "Russian", "German", "Japanese",
})
#: nationality and other adjectives: never a place ("Hungarian Prime Minister ...")
ADJECTIVE_ENDINGS = ("ese", "ian", "ish", "ean", "can", "ern", "ic", "an", "i")
MONTHS_AND_DAYS = frozenset({
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October", "November", "December", "Jan.", "Feb.",
    "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.",
})
