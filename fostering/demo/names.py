"""Fictional places and realistic people for the demo councils.

Everything here is chosen with the generator's own ``random.Random`` (passed in as ``rng``) or its seeded
``Faker("en_GB")``, so the same seed gives the same names. Councils, towns and streets are invented;
postcodes use real postcode *areas* in the real format, so they pass ``validate_postcode``.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass

from faker import Faker

from fostering.people.choices import Ethnicity, Religion, Sex

# ---------------------------------------------------------------------------------------------------------
# Councils

MAIN_COUNCIL_NAME = "Wrexfordshire County Council"
MAIN_COUNCIL_CODE = "990"
MAIN_COUNCIL_STEM = "Wrexford"
MAIN_COUNCIL_REGION = "East Midlands"
MAIN_POSTCODE_AREAS = ("LE", "NN")
MAIN_TOWNS = (
    "Wrexford",
    "Market Wexton",
    "Ashby Thorne",
    "Kirkby Fenwick",
    "Castle Brayden",
    "Oakham Parva",
    "Loughborne",
    "Melton Fosse",
)

_STEM_STARTS = (
    "Ash", "Brack", "Cal", "Dun", "Elm", "Fen", "Gar", "Hol", "Kes", "Lin", "Mar", "Nor", "Oak", "Pen",
    "Rad", "Sel", "Thorn", "Wen", "Yar", "Bram", "Cor", "Dray", "Hart", "Lang", "Mal", "Stan", "Wick",
    "Ald", "Brom", "Ched",
)  # fmt: skip
_STEM_ENDS = (
    "ford",
    "ton",
    "ley",
    "bury",
    "wick",
    "mouth",
    "dale",
    "field",
    "borough",
    "stead",
    "ham",
    "worth",
)
_COUNCIL_FORMS = (
    ("{stem}shire County Council", 3),
    ("{stem} City Council", 2),
    ("{stem} Borough Council", 3),
    ("{stem} Metropolitan Borough Council", 2),
    ("London Borough of {stem}", 2),
    ("{stem} Council", 1),
)
REGIONS = (
    "North East", "North West", "Yorkshire and the Humber", "East Midlands", "West Midlands",
    "East of England", "London", "South East", "South West",
)  # fmt: skip
POSTCODE_AREAS = (
    "LE", "NN", "DE", "NG", "CV", "PE", "LN", "MK", "OX", "SN", "BA", "GL", "WR", "HR", "ST", "TF", "SY",
    "CH", "CW", "WA", "PR", "BB", "LA", "CA", "DL", "TS", "YO", "HG", "HU", "DN", "S", "WF", "HD", "HX",
    "BD", "LS", "SK", "OL", "BL", "WN", "M", "L", "B", "WS", "WV", "DY", "NE", "SR", "DH", "NR", "IP",
    "CO", "CM", "SS", "CB", "SG", "AL", "HP", "LU", "RG", "SL", "GU", "RH", "BN", "TN", "ME", "CT", "PO",
    "SO", "BH", "DT", "TA", "EX", "TQ", "PL", "TR",
)  # fmt: skip
_TOWN_FORMS = (
    "{stem}",
    "Market {stem}",
    "{stem} Magna",
    "{stem} Parva",
    "Castle {stem}",
    "Upper {stem}",
    "{stem} St Mary",
    "Kirkby {stem}",
    "Great {stem}",
    "{stem}-on-the-Wold",
)


@dataclass(frozen=True)
class CouncilName:
    name: str
    code: str
    stem: str
    region: str
    postcode_areas: tuple[str, ...]


def main_council() -> CouncilName:
    return CouncilName(
        MAIN_COUNCIL_NAME, MAIN_COUNCIL_CODE, MAIN_COUNCIL_STEM, MAIN_COUNCIL_REGION, MAIN_POSTCODE_AREAS
    )


def national_councils(rng: random.Random, count: int) -> list[CouncilName]:
    """The main council first, then ``count - 1`` councils with distinct fictional names and codes 801 up."""
    stems = [start + end for start in _STEM_STARTS for end in _STEM_ENDS]
    stems = [s for s in stems if s != MAIN_COUNCIL_STEM]
    rng.shuffle(stems)
    forms = [form for form, weight in _COUNCIL_FORMS for _ in range(weight)]
    councils = [main_council()]
    for index, stem in enumerate(stems[: count - 1]):
        name = rng.choice(forms).format(stem=stem)
        areas = tuple(rng.sample(POSTCODE_AREAS, rng.choice((1, 1, 2))))
        councils.append(CouncilName(name, str(801 + index), stem, rng.choice(REGIONS), areas))
    if len(councils) < count:
        raise ValueError(f"Only {len(councils)} fictional council names are available")
    return councils


def towns_for(rng: random.Random, council: CouncilName) -> tuple[str, ...]:
    if council.code == MAIN_COUNCIL_CODE:
        return MAIN_TOWNS
    stems = rng.sample([start + end for start in _STEM_STARTS for end in _STEM_ENDS], 6)
    return (council.stem, *(rng.choice(_TOWN_FORMS).format(stem=stem) for stem in stems))


# ---------------------------------------------------------------------------------------------------------
# Addresses

_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
_STREET_NAMES = (
    "Church", "Station", "Mill", "Park", "Victoria", "Albert", "Queen's", "King's", "Chapel", "School",
    "Manor", "Orchard", "Meadow", "Willow", "Beech", "Oak", "Ash", "Elm", "Cedar", "Rowan", "Hawthorn",
    "Brook", "Bridge", "Castle", "Abbey", "Priory", "Grange", "Farm", "Green", "Springfield", "Highfield",
    "Westfield", "Northgate", "Southgate", "Fosse", "Hinckley", "Derby", "Nottingham", "Ashby", "Melton",
    "Charnwood", "Bosworth", "Welland", "Soar", "Wreake", "Sence", "Swithland", "Beaumont", "Braunstone",
)  # fmt: skip
_STREET_KINDS = (
    "Road", "Road", "Road", "Street", "Street", "Lane", "Close", "Avenue", "Drive", "Way", "Crescent",
    "Gardens", "Grove", "Court", "Place", "Rise", "Walk", "View",
)  # fmt: skip


def postcode(rng: random.Random, areas: tuple[str, ...]) -> str:
    area = rng.choice(areas)
    district = rng.randint(1, 19) if len(area) == 2 else rng.randint(1, 40)
    inward = f"{rng.randint(1, 9)}{rng.choice(_INWARD_LETTERS)}{rng.choice(_INWARD_LETTERS)}"
    return f"{area}{district} {inward}"


def street_address(rng: random.Random) -> str:
    return f"{rng.randint(1, 160)} {rng.choice(_STREET_NAMES)} {rng.choice(_STREET_KINDS)}"


# ---------------------------------------------------------------------------------------------------------
# People: ethnicity (SSDA903 codes), names, religion and first language by heritage

# Children looked after in England (DfE, 2024), roughly: White 72%, Mixed 11%, Black 7%, Asian 5%, other 4%.
CHILD_ETHNICITY_WEIGHTS: tuple[tuple[str, float], ...] = (
    (Ethnicity.WBRI, 64), (Ethnicity.WIRI, 0.5), (Ethnicity.WOTH, 5), (Ethnicity.WIRT, 0.8),
    (Ethnicity.WROM, 1.2), (Ethnicity.MWBC, 3.5), (Ethnicity.MWBA, 1.5), (Ethnicity.MWAS, 2),
    (Ethnicity.MOTH, 3.5), (Ethnicity.AIND, 1.5), (Ethnicity.APKN, 1.5), (Ethnicity.ABAN, 0.5),
    (Ethnicity.AOTH, 1.5), (Ethnicity.BCRB, 1), (Ethnicity.BAFR, 4), (Ethnicity.BOTH, 1.5),
    (Ethnicity.CHNE, 0.3), (Ethnicity.OOTH, 2.5), (Ethnicity.NOBT, 0.7),
)  # fmt: skip
# Foster carers in a Midlands county: mostly White British, with an Indian and Black heritage minority.
ADULT_ETHNICITY_WEIGHTS: tuple[tuple[str, float], ...] = (
    (Ethnicity.WBRI, 78), (Ethnicity.WIRI, 1), (Ethnicity.WOTH, 3), (Ethnicity.MWBC, 1.5),
    (Ethnicity.MOTH, 1), (Ethnicity.AIND, 6), (Ethnicity.APKN, 1.5), (Ethnicity.AOTH, 1),
    (Ethnicity.BCRB, 2.5), (Ethnicity.BAFR, 2.5), (Ethnicity.CHNE, 0.5), (Ethnicity.OOTH, 0.5),
    (Ethnicity.REFU, 1),
)  # fmt: skip
# Where unaccompanied asylum-seeking children come from: (name pool, ethnicity, weight).
UASC_ORIGINS: tuple[tuple[str, str, float], ...] = (
    ("afghan", Ethnicity.AOTH, 30), ("eritrean", Ethnicity.BAFR, 20), ("sudanese", Ethnicity.BAFR, 20),
    ("kurdish", Ethnicity.OOTH, 15), ("albanian", Ethnicity.WOTH, 10), ("vietnamese", Ethnicity.AOTH, 5),
)  # fmt: skip

# name pools: (female first names, male first names, last names)
_POOLS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "indian": (
        ("Priya", "Anjali", "Meera", "Kiran", "Nisha", "Pooja", "Asha", "Sita", "Riya", "Divya", "Jaspreet"),
        ("Arjun", "Ravi", "Sanjay", "Vikram", "Rahul", "Amit", "Dev", "Harpreet", "Rohan", "Nikhil", "Jay"),
        (
            "Patel",
            "Mistry",
            "Chauhan",
            "Parmar",
            "Sharma",
            "Singh",
            "Kaur",
            "Solanki",
            "Lad",
            "Gill",
            "Joshi",
        ),
    ),
    "pakistani": (
        ("Ayesha", "Fatima", "Zara", "Amina", "Sana", "Hina", "Maryam", "Noor", "Iqra", "Safa"),
        ("Imran", "Bilal", "Usman", "Hamza", "Zain", "Adil", "Tariq", "Yusuf", "Ali", "Ibrahim"),
        ("Khan", "Hussain", "Ahmed", "Akhtar", "Iqbal", "Mahmood", "Shah", "Rashid", "Malik", "Butt"),
    ),
    "bangladeshi": (
        ("Nusrat", "Sumaiya", "Taslima", "Rumana", "Jannat", "Farhana"),
        ("Rahim", "Shahid", "Abdul", "Jamal", "Mizan", "Rafiq"),
        ("Miah", "Begum", "Uddin", "Rahman", "Islam", "Chowdhury"),
    ),
    "african": (
        ("Amara", "Chioma", "Adaeze", "Abena", "Esi", "Folake", "Nia", "Zainab", "Blessing", "Grace"),
        ("Chidi", "Kwame", "Tunde", "Emeka", "Kofi", "Segun", "Obinna", "Daniel", "Samuel", "David"),
        ("Okafor", "Mensah", "Adeyemi", "Boateng", "Okonkwo", "Asante", "Nwosu", "Owusu", "Bello", "Eze"),
    ),
    "eastern_european": (
        ("Zofia", "Maja", "Natalia", "Oliwia", "Andreea", "Ioana", "Lena", "Klaudia", "Elena"),
        ("Jakub", "Kacper", "Szymon", "Andrei", "Mihai", "Tomas", "Lukas", "Filip", "Adrian"),
        ("Kowalski", "Nowak", "Wisniewski", "Popescu", "Ionescu", "Kaminski", "Lewandowski", "Horvath"),
    ),
    "chinese": (
        ("Mei", "Xin", "Ling", "Hui", "Jing"),
        ("Wei", "Jun", "Hao", "Ming", "Lei"),
        ("Li", "Wang", "Chen", "Zhang", "Liu", "Wong"),
    ),
    "traveller": (
        ("Bridget", "Mary", "Kathleen", "Shannon", "Margaret"),
        ("Patrick", "Michael", "John", "Martin", "Thomas"),
        ("McDonagh", "Ward", "Maughan", "Joyce", "Doherty", "Connors"),
    ),
    "roma": (
        ("Denisa", "Simona", "Nikola", "Monika"),
        ("Marek", "Roman", "Patrik", "Dominik"),
        ("Balog", "Lakatos", "Horvath", "Kotlar", "Danihel"),
    ),
    # Unaccompanied asylum-seeking children, by the countries most arrive from.
    "afghan": (
        ("Zahra", "Mariam", "Fereshta"),
        ("Ahmad", "Mohammad", "Hamid", "Abdullah", "Samiullah", "Rahmatullah", "Bilal", "Jawad"),
        ("Noori", "Rahimi", "Ahmadi", "Mohammadi", "Safi", "Stanekzai", "Hakimi", "Amiri"),
    ),
    "eritrean": (
        ("Semhar", "Helen", "Selam", "Luwam", "Senait"),
        ("Yonas", "Dawit", "Filmon", "Robel", "Merhawi", "Henok", "Biniam"),
        ("Tesfay", "Haile", "Kidane", "Gebremedhin", "Tekle", "Berhe", "Habte"),
    ),
    "sudanese": (
        ("Amna", "Hawa", "Fatima"),
        ("Omar", "Mustafa", "Abdelrahman", "Mohamed", "Yousif", "Adam", "Ibrahim"),
        ("Hassan", "Abdalla", "Osman", "Ibrahim", "Idris", "Yagoub"),
    ),
    "kurdish": (
        ("Mahsa", "Shilan", "Rojin"),
        ("Karwan", "Rebwar", "Dilan", "Aram", "Hemin", "Shwan", "Sardar"),
        ("Ahmed", "Rashid", "Karimi", "Mahmoudi", "Hosseini", "Aziz"),
    ),
    "albanian": (
        ("Elona", "Klea", "Anisa"),
        ("Ermal", "Arben", "Kledi", "Endrit", "Besnik", "Arlind", "Dritan"),
        ("Berisha", "Krasniqi", "Hoxha", "Shehu", "Gashi", "Leka", "Dervishi"),
    ),
    "vietnamese": (
        ("Linh", "Thao", "Mai"),
        ("Minh", "Duc", "Tuan", "Hieu", "Quang", "Long"),
        ("Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu"),
    ),
}
_POOL_BY_ETHNICITY = {
    Ethnicity.AIND: "indian",
    Ethnicity.APKN: "pakistani",
    Ethnicity.ABAN: "bangladeshi",
    Ethnicity.BAFR: "african",
    Ethnicity.WOTH: "eastern_european",
    Ethnicity.CHNE: "chinese",
    Ethnicity.WIRT: "traveller",
    Ethnicity.WROM: "roma",
}
_LANGUAGES: dict[str, tuple[tuple[str, float], ...]] = {
    "indian": (("English", 70), ("Gujarati", 20), ("Punjabi", 10)),
    "pakistani": (("English", 75), ("Urdu", 20), ("Punjabi", 5)),
    "bangladeshi": (("English", 70), ("Bengali", 20), ("Sylheti", 10)),
    "african": (("English", 85), ("Yoruba", 5), ("Twi", 5), ("Somali", 5)),
    "eastern_european": (("Polish", 45), ("English", 35), ("Romanian", 20)),
    "chinese": (("English", 60), ("Cantonese", 25), ("Mandarin", 15)),
    "roma": (("Romani", 40), ("Slovak", 30), ("English", 30)),
    "afghan": (("Pashto", 60), ("Dari", 40)),
    "eritrean": (("Tigrinya", 90), ("Amharic", 10)),
    "sudanese": (("Arabic", 100),),
    "kurdish": (("Kurdish (Sorani)", 70), ("Farsi", 30)),
    "albanian": (("Albanian", 100),),
    "vietnamese": (("Vietnamese", 100),),
}
_RELIGIONS: dict[str, tuple[tuple[str, float], ...]] = {
    "default": (
        (Religion.CHRISTIAN, 42),
        (Religion.NONE, 45),
        (Religion.NOT_KNOWN, 8),
        (Religion.DECLINED, 5),
    ),
    "child": ((Religion.NONE, 40), (Religion.CHRISTIAN, 25), (Religion.NOT_KNOWN, 35)),
    "indian": ((Religion.HINDU, 55), (Religion.SIKH, 30), (Religion.MUSLIM, 10), (Religion.NONE, 5)),
    "pakistani": ((Religion.MUSLIM, 95), (Religion.NOT_KNOWN, 5)),
    "bangladeshi": ((Religion.MUSLIM, 95), (Religion.NOT_KNOWN, 5)),
    "african": ((Religion.CHRISTIAN, 70), (Religion.MUSLIM, 25), (Religion.NONE, 5)),
    "eastern_european": ((Religion.CHRISTIAN, 80), (Religion.NONE, 20)),
    "chinese": ((Religion.NONE, 60), (Religion.BUDDHIST, 25), (Religion.CHRISTIAN, 15)),
    "afghan": ((Religion.MUSLIM, 95), (Religion.NOT_KNOWN, 5)),
    "eritrean": ((Religion.CHRISTIAN, 85), (Religion.MUSLIM, 15)),
    "sudanese": ((Religion.MUSLIM, 95), (Religion.NOT_KNOWN, 5)),
    "kurdish": ((Religion.MUSLIM, 85), (Religion.NONE, 10), (Religion.NOT_KNOWN, 5)),
    "albanian": ((Religion.MUSLIM, 55), (Religion.CHRISTIAN, 20), (Religion.NONE, 25)),
    "vietnamese": ((Religion.BUDDHIST, 50), (Religion.NONE, 40), (Religion.CHRISTIAN, 10)),
}


def weighted(rng: random.Random, pairs: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([value for value, _ in pairs], weights=[weight for _, weight in pairs])[0]


def pool_for(ethnicity: str) -> str | None:
    """Which name pool a person of this ethnicity born here draws from (None: Faker's en_GB names)."""
    return _POOL_BY_ETHNICITY.get(Ethnicity(ethnicity))


def asylum_origin(rng: random.Random) -> tuple[str, str]:
    """(name pool, ethnicity) of an unaccompanied asylum-seeking child."""
    pool, ethnicity, _ = rng.choices(UASC_ORIGINS, weights=[w for _, _, w in UASC_ORIGINS])[0]
    return pool, ethnicity


def first_name(rng: random.Random, faker: Faker, sex: str, pool: str | None, *, always: bool = False) -> str:
    """A first name from the pool (most of the time, or always), else an en_GB one from Faker."""
    if pool is not None and (always or rng.random() < 0.85):
        female, male, _ = _POOLS[pool]
        return rng.choice(female if sex == Sex.FEMALE else male)
    return faker.first_name_female() if sex == Sex.FEMALE else faker.first_name_male()


def last_name(rng: random.Random, faker: Faker, pool: str | None, *, always: bool = False) -> str:
    if pool is not None and (always or rng.random() < 0.9):
        return rng.choice(_POOLS[pool][2])
    return faker.last_name()


def first_language(rng: random.Random, pool: str | None) -> str:
    if pool is None or pool not in _LANGUAGES:
        return "English"
    return weighted(rng, _LANGUAGES[pool])


def religion(rng: random.Random, pool: str | None, *, child: bool = False) -> str:
    if pool is not None and pool in _RELIGIONS:
        return weighted(rng, _RELIGIONS[pool])
    return weighted(rng, _RELIGIONS["child" if child else "default"])


def username_part(value: str) -> str:
    """'Siobhán O'Connor' -> 'siobhanoconnor': lower-case ASCII letters only."""
    ascii_value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", ascii_value.lower())
