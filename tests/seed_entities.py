"""The 68 seed entities of /work/shared/TRANSLITERATION.md section 5, as plain data.

Each entity has the brief's canonical name, its Arabic / Persian / Sorani forms exactly as the
brief writes them (the only extra aliases; the Persian form of Khamenei keeps its ZWNJ), and the
variant spellings of the brief's last column, each as ``Variant(text, classes)``:

- ``text`` is the surface exactly as in the brief (``*`` removed; ``unverified=True`` records it);
- ``classes`` is the brief's class-code string, e.g. ``"d,e"`` (codes of section 1: a-j and x);
- ``mention``, when set, is the full mention the tests embed because the brief gives only the
  part that varies (``Hayder*`` stands for ``Hayder al-Abadi``);
- ``layer``, when set, overrides the layer the classes alone would give, because the form needs
  more than its listed classes (an e/i alternation, a dropped article or surname); ``note`` says
  why. These are judgements of the test author, not the brief's.
- ``skip``, when set, is why the form cannot be found from this dictionary at all.

Class ``i`` forms are the acronyms; ``SeedEntity.acronyms`` lists them. Labels: PER -> PERSON;
armed groups (militias, IS, Hezbollah, PKK, the PMF umbrella) -> MILITIA; state bodies and
parties -> INSTITUTION; bases and the airport -> BASE; cities, districts, provinces -> PLACE.

Run ``python tests/seed_entities.py`` for counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "LAYERS",
    "SEED",
    "SeedEntity",
    "Script",
    "Variant",
    "by_id",
    "gazetteer_records",
    "make_tagger",
]

LAYERS: tuple[str, ...] = ("none", "default", "aggressive")

# Why the one-word forms of groups and bases are tested at the aggressive layer.
ONE_WORD = (
    "a group or base cut down to one word (rule word) is the aggressive layer's: alone, Taji, "
    "Harir and Nujaba are also a town, a village or a common word"
)


@dataclass(frozen=True)
class Variant:
    text: str
    classes: str
    unverified: bool = False
    mention: str | None = None
    layer: str | None = None
    note: str = ""
    skip: str = ""

    @property
    def codes(self) -> frozenset[str]:
        """The class codes as a set: ``"x,a,e"`` -> ``{"x", "a", "e"}``."""
        return frozenset(c.strip() for c in self.classes.split(","))

    @property
    def surface(self) -> str:
        """What the tests put in a sentence: ``mention`` if set, else ``text``."""
        return self.mention if self.mention is not None else self.text


@dataclass(frozen=True)
class Script:
    text: str
    lang: str  # "ar", "fa" or "ckb"; "ar" where the brief gives no language


@dataclass(frozen=True)
class SeedEntity:
    num: int  # row number in the brief
    id: str
    name: str
    label: str
    brief_type: str  # as in the brief: PER, ORG, LOC
    scripts: tuple[Script, ...] = ()
    variants: tuple[Variant, ...] = ()
    note: str = ""
    same_as: str = ""  # id of another seed entity that is the same referent
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def acronyms(self) -> tuple[str, ...]:
        """The class-i forms (acronyms), which cannot be generated and so are aliases."""
        return tuple(v.text for v in self.variants if v.codes == {"i"})


V = Variant
S = Script

PERSON, MILITIA, INSTITUTION, BASE, PLACE = "PERSON", "MILITIA", "INSTITUTION", "BASE", "PLACE"

EI = "e/i alternation: aggressive only (brief 3.2: F2 misses Hezb/Hizb, Esmail/Ismail)"

# fmt: off
SEED: tuple[SeedEntity, ...] = (
    # ---------------------------------------------------------------- persons
    SeedEntity(1, "qasem-soleimani", "Qasem Soleimani", PERSON, "PER",
               (S("قاسم سليماني", "ar"), S("قاسم سلیمانی", "fa")), (
        V("Qassem Soleimani", "e"),
        V("Qassem Suleimani", "e,d"),
        V("Qassim Soleimani", "d,e", layer="aggressive", note=f"Qasem/Qassim: {EI}"),
        V("Ghasem Soleimani", "c"),
        V("Kasem Soleimani", "c"),
        V("Soleymani", "d", note="surname alone (h) as well"),
        # The brief's bare `Sulaimani` is also the city of Sulaymaniyah (`Sulaimani`, `Slemani`):
        # alone it is the person only where the text names him in full (README, rule 10).
        V("Sulaimani", "d", mention="Qasem Sulaimani"),
    )),
    SeedEntity(2, "esmail-qaani", "Esmail Qaani", PERSON, "PER",
               (S("إسماعيل قاآني", "ar"), S("اسماعیل قاآنی", "fa")), (
        V("Ismail Qaani", "d", layer="aggressive", note=f"Esmail/Ismail: {EI}"),
        V("Esmail Ghaani", "c"),
        V("Ismail Qa'ani", "a,d", unverified=True, layer="aggressive",
          note=f"Esmail/Ismail: {EI}"),
    )),
    SeedEntity(3, "abu-mahdi-al-muhandis", "Abu Mahdi al-Muhandis", PERSON, "PER",
               (S("أبو مهدي المهندس", "ar"),), (
        V("Abu Mahdi al-Mohandis", "d"),
        V("Abu Mehdi al-Muhandis", "d"),
        V("Abu Mahdi Al Muhandis", "a"),
        V("Abumahdi", "f", unverified=True, mention="Abumahdi al-Muhandis"),
        V("al-Muhandis", "h,b"),
        V("Muhandis", "h,b"),
    )),
    SeedEntity(4, "jamal-jaafar-al-ibrahimi", "Jamal Jaafar al-Ibrahimi", PERSON, "PER",
               (S("جمال جعفر الإبراهيمي", "ar"),), (
        V("Jamal al-Ibrahimi", "h"),
        V("Jamal Ja'far Muhammad Ali Al Ibrahim", "a,x"),
        V("Jamāl Jaʿfar", "j", layer="default",
          note="also drops the surname (h) and Jaʿfar/Jaafar is a doubled vowel for ayn (e)"),
    ), same_as="abu-mahdi-al-muhandis"),
    SeedEntity(5, "abu-fadak-al-mohammadawi", "Abu Fadak al-Mohammadawi", PERSON, "PER",
               (S("أبو فدك المحمداوي", "ar"),), (
        V("Abdul Aziz al-Muhammadawi", "x,d"),
        V("Abd al-Aziz al-Mohammedawi", "f,d", unverified=True,
          skip="a variant of the class-x form 'Abdul Aziz al-Muhammadawi', which is not an "
               "alias: no rule can reach it from 'Abu Fadak al-Mohammadawi'"),
    )),
    SeedEntity(6, "ahmad-al-hamidawi", "Ahmad al-Hamidawi", PERSON, "PER",
               (S("أحمد الحميداوي", "ar"),), (
        V("Ahmed al-Hamidawi", "d", unverified=True),
        V("Hamidawi", "b,h"),
    )),
    SeedEntity(7, "qais-al-khazali", "Qais al-Khazali", PERSON, "PER",
               (S("قيس الخزعلي", "ar"),), (
        V("Qays al-Khazali", "d"),
        V("Qais Khazali", "b"),
        V("Kais al-Khazali", "c", unverified=True),
        V("al-Khaz'ali", "a", unverified=True, layer="default",
          note="surname alone: also needs h"),
    )),
    SeedEntity(8, "akram-al-kaabi", "Akram al-Kaabi", PERSON, "PER",
               (S("أكرم الكعبي", "ar"),), (
        V("Akram al-Kabi", "e"),
        V("Akram al-Ka'bi", "a", unverified=True, layer="default",
          note="Ka'bi folds to kabi; Kaabi has the doubled vowel (e)"),
    )),
    SeedEntity(9, "abu-alaa-al-walai", "Abu Alaa al-Walai", PERSON, "PER",
               (S("أبو آلاء الولائي", "ar"),), (
        V("Abu Ala al-Walai", "e"),
        V("Abu Ala'a al-Wala'i", "a", unverified=True),
    )),
    SeedEntity(10, "hadi-al-amiri", "Hadi al-Amiri", PERSON, "PER",
               (S("هادي العامري", "ar"),), (
        V("Hadi al-Ameri", "d", layer="aggressive", note=f"Amiri/Ameri: {EI}"),
        V("Hadi Amiri", "b"),
    )),
    SeedEntity(11, "falih-al-fayyadh", "Falih al-Fayyadh", PERSON, "PER",
               (S("فالح الفياض", "ar"),), (
        V("Falih Alfayyadh", "a", layer="default",
          note="article joined with no separator: the article rule, not core folding"),
        V("Faleh al-Fayyadh", "d", layer="aggressive", note=f"Falih/Faleh: {EI}"),
        V("al-Fayadh", "e", unverified=True, note="surname alone (h) as well"),
    )),
    SeedEntity(12, "mustafa-al-kadhimi", "Mustafa al-Kadhimi", PERSON, "PER",
               (S("مصطفى الكاظمي", "ar"),), (
        V("Mustafa al-Kadhimy", "d"),
        V("Mustafa al-Kazimi", "c"),
        V("Al-Kazemi", "c,d"),
        V("Muṣṭafá al-Kāẓimī", "j", layer="aggressive",
          note="ẓ folds to z, the canonical has dh: needs the dh/z consonant class"),
        V("Kadhimi", "b", note="surname alone (h) as well"),
    )),
    SeedEntity(13, "mohammed-shia-al-sudani", "Mohammed Shia al-Sudani", PERSON, "PER",
               (S("محمد شياع السوداني", "ar"),), (
        V("Mohammed Shia' Al Sudani", "a"),
        V("Muhammad Shia al-Sudani", "d", note="also mm/m (e)"),
        V("as-Sudani", "b", unverified=True, note="surname alone (h) as well"),
    )),
    SeedEntity(14, "muqtada-al-sadr", "Muqtada al-Sadr", PERSON, "PER",
               (S("مقتدى الصدر", "ar"),), (
        V("Moqtada al-Sadr", "d"),
        V("Moqtada Sadr", "b", note="Moqtada/Muqtada is d as well"),
        V("as-Sadr", "b", unverified=True, note="surname alone (h) as well"),
    )),
    SeedEntity(15, "nouri-al-maliki", "Nouri al-Maliki", PERSON, "PER",
               (S("نوري المالكي", "ar"),), (
        V("Nuri al-Maliki", "d"),
        V("Nouri Maliki", "b"),
    )),
    SeedEntity(16, "haider-al-abadi", "Haider al-Abadi", PERSON, "PER",
               (S("حيدر العبادي", "ar"),), (
        V("Haidar al-Abadi", "d"),
        V("Hayder", "d", unverified=True, mention="Hayder al-Abadi"),
    )),
    SeedEntity(17, "ali-al-sistani", "Ali al-Sistani", PERSON, "PER",
               (S("علي السيستاني", "ar"), S("علی سیستانی", "fa")), (
        V("Ali Sistani", "b"),
        V("Sayyid Ali al-Husseini al-Sistani", "h"),
    )),
    SeedEntity(18, "ali-khamenei", "Ali Khamenei", PERSON, "PER",
               (S("علی خامنه\u200cای", "fa"),), (
        V("Khamene'i", "a", layer="default", note="surname alone: also needs h"),
        V("Ayatollah Khamenei", "h"),
    )),
    SeedEntity(19, "abu-bakr-al-baghdadi", "Abu Bakr al-Baghdadi", PERSON, "PER",
               (S("أبو بكر البغدادي", "ar"),), (
        V("Abu Bakr Al Baghdadi", "a"),
        V("Abubakr", "f", unverified=True, mention="Abubakr al-Baghdadi"),
    )),
    SeedEntity(20, "abu-musab-al-zarqawi", "Abu Musab al-Zarqawi", PERSON, "PER",
               (S("أبو مصعب الزرقاوي", "ar"),), (
        V("Abu Mus'ab al-Zarqawi", "a"),
        V("az-Zarqawi", "b", note="surname alone (h) as well"),
        V("Zarkawi", "c", unverified=True, note="surname alone (h) as well"),
    )),
    SeedEntity(21, "masoud-barzani", "Masoud Barzani", PERSON, "PER",
               (S("مسعود بارزاني", "ar"), S("مەسعود بارزانی", "ckb")), (
        V("Massoud Barzani", "e"),
        V("Masud", "d", unverified=True, mention="Masud Barzani"),
        V("Mesûd Barzanî", "j", layer="default",
          note="Mesud/Masoud also needs the vowel classes a/e and ou/u (d)"),
    )),
    SeedEntity(22, "masrour-barzani", "Masrour Barzani", PERSON, "PER",
               (S("مسرور بارزاني", "ar"),), (
        V("Masrur Barzani", "d", unverified=True),
    )),
    SeedEntity(23, "bafel-talabani", "Bafel Talabani", PERSON, "PER",
               (S("بافل طالباني", "ar"),), (
        V("Bafel Jalal Talabani", "h",
          note="the text adds a middle name the dictionary lacks"),
        V("Bafil", "d", unverified=True, mention="Bafil Talabani", layer="aggressive",
          note=f"Bafel/Bafil: {EI}"),
    )),
    # ---------------------------------------------------------------- organizations
    SeedEntity(24, "kataib-hezbollah", "Kata'ib Hezbollah", MILITIA, "ORG",
               (S("كتائب حزب الله", "ar"),), (
        V("Kataib Hezbollah", "a"),
        V("Kata'ib Hizballah", "d", layer="aggressive", note=f"Hezb/Hizb: {EI}"),
        V("Kataeb Hezbollah", "d", unverified=True,
          note="Kataib/Kataeb: ae is how some romanizations write a'i"),
        V("Kata'ib Hizb Allah", "f", layer="aggressive", note=f"Hezb/Hizb: {EI}"),
        V("KH", "i"),
        V("Hezbollah Brigades", "x"),
    )),
    SeedEntity(25, "asaib-ahl-al-haq", "Asa'ib Ahl al-Haq", MILITIA, "ORG",
               (S("عصائب أهل الحق", "ar"),), (
        V("Asaib Ahl al-Haq", "a"),
        V("Asa'ib Ahl al-Haqq", "e"),
        V("Asaeb Ahl al-Haq", "d", unverified=True,
          note="Asaib/Asaeb: ae is how some romanizations write a'i"),
        V("AAH", "i"),
        V("League of the Righteous", "x"),
        V("Khazali Network", "x"),
    )),
    SeedEntity(26, "harakat-hezbollah-al-nujaba", "Harakat Hezbollah al-Nujaba", MILITIA, "ORG",
               (S("حركة حزب الله النجباء", "ar"),), (
        V("Harakat al-Nujaba", "h"),
        V("al-Nujaba", "h", layer="aggressive", note=ONE_WORD),
        V("an-Nujaba", "b", unverified=True, layer="aggressive",
          note="partial (h) as well; " + ONE_WORD),
        V("Haraka", "g", unverified=True, mention="Haraka Hezbollah al-Nujaba"),
        V("Nujaba Movement", "x"),
    )),
    SeedEntity(27, "kataib-sayyid-al-shuhada", "Kata'ib Sayyid al-Shuhada", MILITIA, "ORG",
               (S("كتائب سيد الشهداء", "ar"),), (
        V("Kataib Sayyid al-Shuhada", "a"),
        V("Sayyed", "d", unverified=True, mention="Kata'ib Sayyed al-Shuhada",
          layer="aggressive", note=f"Sayyid/Sayyed: {EI}"),
        V("ash-Shuhada", "b", unverified=True, mention="Kata'ib Sayyid ash-Shuhada"),
        V("KSS", "i"),
    )),
    SeedEntity(28, "badr-organization", "Badr Organization", MILITIA, "ORG",
               (S("منظمة بدر", "ar"),), (
        V("Badr Organisation", "x"),
        V("Badr Corps", "x"),
        V("Badr Brigade", "x"),
        V("Bader", "d", unverified=True, mention="Bader Organization",
          note="an inserted vowel, not a vowel class of brief 3.2"),
    )),
    SeedEntity(29, "popular-mobilization-forces", "Popular Mobilization Forces", MILITIA, "ORG",
               (S("الحشد الشعبي", "ar"), S("هيئة الحشد الشعبي", "ar")), (
        V("PMF", "i"),
        V("PMU", "i"),
        V("Popular Mobilization Units", "x"),
        V("al-Hashd al-Shaabi", "x,e"),
        V("Hashd al-Sha'abi", "x,a,e"),
        V("al-Ḥashd ash-Shaʿbī", "x,b,j"),
        V("Hashd", "x,h"),
    ), note="a state-sanctioned umbrella of militias; labelled MILITIA"),
    SeedEntity(30, "saraya-al-salam", "Saraya al-Salam", MILITIA, "ORG",
               (S("سرايا السلام", "ar"),), (
        V("Peace Brigades", "x"),
        V("Saraya as-Salam", "b", unverified=True),
    )),
    SeedEntity(31, "jaysh-al-mahdi", "Jaysh al-Mahdi", MILITIA, "ORG",
               (S("جيش المهدي", "ar"),), (
        V("Jaish al-Mahdi", "d"),
        V("Mahdi Army", "x"),
        V("JAM", "i"),
    )),
    SeedEntity(32, "kataib-al-imam-ali", "Kata'ib al-Imam Ali", MILITIA, "ORG",
               (S("كتائب الإمام علي", "ar"),), (
        V("Kataib al-Imam Ali", "a"),
        V("Kata'ib Imam Ali", "b", unverified=True),
    )),
    SeedEntity(33, "saraya-awliya-al-dam", "Saraya Awliya al-Dam", MILITIA, "ORG",
               (S("سرايا أولياء الدم", "ar"),), (
        V("Saraya Awliya ad-Dam", "b", unverified=True),
        V("Awliya'", "a", unverified=True, mention="Saraya Awliya' al-Dam"),
    )),
    SeedEntity(34, "islamic-resistance-in-iraq", "Islamic Resistance in Iraq", MILITIA, "ORG",
               (S("المقاومة الإسلامية في العراق", "ar"),), (
        V("IRI", "i"),
    )),
    SeedEntity(35, "islamic-state", "Islamic State", MILITIA, "ORG",
               (S("الدولة الإسلامية", "ar"), S("داعش", "ar")), (
        V("ISIS", "i"),
        V("ISIL", "i"),
        V("IS", "i"),
        V("Daesh", "x,a"),
        V("Da'esh", "x,a"),
        V("Da'ish", "x,a"),
        V("DAIISH", "x,a"),
        V("ad-Dawlah al-Islamiyah", "x,b,g"),
    )),
    SeedEntity(36, "hezbollah", "Hezbollah", MILITIA, "ORG",
               (S("حزب الله", "ar"),), (
        V("Hizbollah", "d", layer="aggressive", note=f"Hezb/Hizb: {EI}"),
        V("Hizbullah", "d", layer="aggressive", note=f"Hezb/Hizb: {EI}"),
        V("Hizballah", "d", layer="aggressive", note=f"Hezb/Hizb: {EI}"),
        V("Hezballah", "d", note="ollah/allah: o/a is not a vowel class of brief 3.2"),
        V("Hizb Allah", "f", layer="aggressive", note=f"Hezb/Hizb: {EI}"),
    ), note="Lebanese armed group and party; labelled MILITIA"),
    SeedEntity(37, "irgc", "IRGC", INSTITUTION, "ORG",
               (S("سپاه پاسداران انقلاب اسلامی", "fa"),), (
        V("Islamic Revolutionary Guard Corps", "x"),
        V("Revolutionary Guards", "x"),
        V("Sepah", "x"),
        V("Pasdaran", "x"),
    ), note="a branch of Iran's armed forces; labelled INSTITUTION"),
    SeedEntity(38, "quds-force", "Quds Force", INSTITUTION, "ORG",
               (S("فيلق القدس", "ar"), S("سپاه قدس", "fa")), (
        V("Qods Force", "d"),
        V("IRGC-QF", "i"),
        V("Faylaq al-Quds", "x"),
    ), note="an IRGC branch; labelled INSTITUTION"),
    SeedEntity(39, "iraqi-security-forces", "Iraqi Security Forces", INSTITUTION, "ORG", (), (
        V("ISF", "i"),
    )),
    SeedEntity(40, "counter-terrorism-service", "Counter Terrorism Service", INSTITUTION, "ORG",
               (S("جهاز مكافحة الإرهاب", "ar"),), (
        V("Counter-Terrorism Service", "a"),
        V("CTS", "i"),
        V("ICTS", "i"),
        V("Golden Division", "x"),
    )),
    SeedEntity(41, "peshmerga", "Peshmerga", INSTITUTION, "ORG",
               (S("پێشمەرگە", "ckb"), S("البيشمركة", "ar")), (
        V("Pesh Merga", "f"),
        V("Pêşmerge", "j", layer="default",
          note="final -e for -a also needs a vowel class or final-a"),
    ), note="the armed forces of the Kurdistan Region; labelled INSTITUTION"),
    SeedEntity(42, "kurdistan-regional-government", "Kurdistan Regional Government",
               INSTITUTION, "ORG", (S("حكومة إقليم كردستان", "ar"),), (
        V("KRG", "i"),
    )),
    SeedEntity(43, "kurdistan-democratic-party", "Kurdistan Democratic Party", INSTITUTION,
               "ORG", (S("الحزب الديمقراطي الكردستاني", "ar"),), (
        V("KDP", "i"),
        V("PDK", "i"),
    )),
    SeedEntity(44, "patriotic-union-of-kurdistan", "Patriotic Union of Kurdistan", INSTITUTION,
               "ORG", (S("الاتحاد الوطني الكردستاني", "ar"),), (
        V("PUK", "i"),
        V("YNK", "i"),
    )),
    SeedEntity(45, "pkk", "PKK", MILITIA, "ORG", (), (
        V("Kurdistan Workers' Party", "x"),
        V("Partiya Karkerên Kurdistanê", "x,j"),
    )),
    # ---------------------------------------------------------------- locations
    SeedEntity(46, "ain-al-asad-air-base", "Ain al-Asad Air Base", BASE, "LOC",
               (S("قاعدة عين الأسد الجوية", "ar"),), (
        V("Al Asad Airbase", "b,f,a"),
        V("Al-Asad Air Base", "b"),
        V("Ain al-Assad", "e", note="Air Base dropped (h) as well"),
        V("Ayn al-Asad", "d", note="Air Base dropped (h) as well"),
        V("'Ayn al Asad", "a,d", note="Air Base dropped (h) as well"),
        V("Qadisiyah Airbase", "x"),
    )),
    SeedEntity(47, "k-1-air-base", "K-1 Air Base", BASE, "LOC", (), (
        V("K1", "a", layer="default", note="Air Base dropped: also needs h"),
        V("K 1", "a", unverified=True, layer="default",
          note="Air Base dropped: also needs h"),
        V("K-1 Airbase", "f"),
    )),
    SeedEntity(48, "qayyarah-airfield-west", "Qayyarah Airfield West", BASE, "LOC",
               (S("قاعدة القيارة", "ar"),), (
        V("Q-West", "x"),
        V("Key West", "x"),
        V("Qayyara West", "g", note="Airfield dropped (h) as well"),
        V("Qayyara airbase", "g,f", note="Airfield West given as airbase (h) as well"),
        V("Qayara", "e,g", unverified=True, layer="aggressive",
          note="Airfield West dropped (h) as well; " + ONE_WORD),
    )),
    SeedEntity(49, "al-qaim", "Al-Qaim", PLACE, "LOC",
               (S("القائم", "ar"),), (
        V("Qaim", "b"),
        V("Al Qaim", "a"),
        V("Al-Qa'im", "a"),
        V("Qa’im", "a", layer="default", note="no article: also needs b"),
        V("Qaʿim", "a,j", unverified=True, layer="default", note="no article: also needs b"),
    )),
    SeedEntity(50, "camp-taji", "Camp Taji", BASE, "LOC",
               (S("معسكر التاجي", "ar"),), (
        V("Taji", "h", layer="aggressive", note=ONE_WORD),
        V("at-Taji", "b", unverified=True, layer="aggressive",
          note="Camp dropped (h) as well; " + ONE_WORD),
    )),
    SeedEntity(51, "balad-air-base", "Balad Air Base", BASE, "LOC",
               (S("قاعدة بلد الجوية", "ar"),), (
        V("Joint Base Balad", "x"),
        V("al-Bakr Air Base", "x"),
        V("Balad Airbase", "f"),
    )),
    SeedEntity(52, "harir-air-base", "Harir Air Base", BASE, "LOC",
               (S("قاعدة حرير", "ar"),), (
        V("Harir", "h", layer="aggressive", note=ONE_WORD),
        V("Herir", "d", unverified=True, layer="aggressive",
          note="Air Base dropped (h) as well; " + ONE_WORD),
    )),
    SeedEntity(53, "baghdad-international-airport", "Baghdad International Airport", BASE,
               "LOC", (S("مطار بغداد الدولي", "ar"),), (
        V("BIAP", "i"),
        V("Baghdad airport", "h"),
    ), note="an airport that hosts military facilities; labelled BASE"),
    SeedEntity(54, "erbil", "Erbil", PLACE, "LOC",
               (S("أربيل", "ar"), S("هەولێر", "ckb")), (
        V("Arbil", "d"),
        V("Irbil", "d", layer="aggressive", note=f"Erbil/Irbil: {EI}"),
        V("Hawler", "x"),
        V("Hewlêr", "x,j"),
    )),
    SeedEntity(55, "sulaymaniyah", "Sulaymaniyah", PLACE, "LOC",
               (S("السليمانية", "ar"), S("سلێمانی", "ckb")), (
        V("Sulaimaniya", "d,g"),
        V("Suleimaniyah", "d"),
        V("Slemani", "x"),
        V("Silêmanî", "x,j"),
    )),
    SeedEntity(56, "kirkuk", "Kirkuk", PLACE, "LOC",
               (S("كركوك", "ar"),), (
        V("Kerkûk", "d,j", layer="aggressive", note=f"Kirkuk/Kerkuk: {EI}"),
    )),
    SeedEntity(57, "mosul", "Mosul", PLACE, "LOC",
               (S("الموصل", "ar"),), (
        V("al-Mawsil", "b,d", note="aw/o and i/u: not vowel classes of brief 3.2"),
    )),
    SeedEntity(58, "fallujah", "Fallujah", PLACE, "LOC",
               (S("الفلوجة", "ar"),), (
        V("Falluja", "g"),
        V("Fallouja", "d,g"),
    )),
    SeedEntity(59, "jurf-al-sakhar", "Jurf al-Sakhar", PLACE, "LOC",
               (S("جرف الصخر", "ar"),), (
        V("Jurf Al Sakhar", "a"),
        V("Jurf al-Nasr", "x"),
    )),
    SeedEntity(60, "anbar", "Anbar", PLACE, "LOC",
               (S("الأنبار", "ar"),), (
        V("al-Anbar", "b"),
        V("Al Anbar", "b"),
    )),
    SeedEntity(61, "nineveh", "Nineveh", PLACE, "LOC",
               (S("نينوى", "ar"),), (
        V("Ninawa", "d", layer="aggressive",
          note="w/v (c) and final -eh/-a (g) besides the vowels"),
        V("Ninewa", "d", layer="aggressive",
          note="w/v (c) and final -eh/-a (g) besides the vowels"),
    )),
    SeedEntity(62, "salahuddin", "Salahuddin", PLACE, "LOC",
               (S("صلاح الدين", "ar"),), (
        V("Salah al-Din", "f,b"),
        V("Salah ad-Din", "f,b"),
        V("Saladin", "x"),
    )),
    SeedEntity(63, "diyala", "Diyala", PLACE, "LOC",
               (S("ديالى", "ar"),), (
        V("Diala", "d"),
    )),
    SeedEntity(64, "al-tanf", "Al-Tanf", PLACE, "LOC",
               (S("التنف", "ar"),), (
        V("At Tanf", "b"),
        V("Tanf", "b"),
    )),
    SeedEntity(65, "abu-kamal", "Abu Kamal", PLACE, "LOC, Syria",
               (S("البوكمال", "ar"),), (
        V("Albu Kamal", "f,x"),
        V("Albu-Kamal", "f,x"),
        V("Al Bukamal", "f,b"),
    )),
    SeedEntity(66, "basra", "Basra", PLACE, "LOC",
               (S("البصرة", "ar"),), (
        V("Basrah", "g"),
    )),
    SeedEntity(67, "karbala", "Karbala", PLACE, "LOC",
               (S("كربلاء", "ar"),), (
        V("Kerbala", "d"),
    )),
    SeedEntity(68, "hit", "Hīt", PLACE, "LOC, Anbar",
               (S("هيت", "ar"),), (
        V("Heet", "d", unverified=True),
    ), note="collides with the English verb 'hit': case gate required"),
)
# fmt: on

assert len(SEED) == 68 and sorted(e.num for e in SEED) == list(range(1, 69))
assert len({e.id for e in SEED}) == 68


def by_id(entity_id: str) -> SeedEntity:
    """The seed entity with this id."""
    for e in SEED:
        if e.id == entity_id:
            return e
    raise KeyError(entity_id)


def gazetteer_records(
    *, acronyms: bool = True, variants: str | None = None
) -> list[dict[str, Any]]:
    """Records for ``Gazetteer.from_records``: canonical name + script forms (+ acronyms).

    ``variants``, when given, is put on every record as its per-entity ``"variants"`` setting.
    """
    records: list[dict[str, Any]] = []
    for e in SEED:
        aliases = [s.text for s in e.scripts]
        if acronyms:
            aliases += [a for a in e.acronyms if a != e.name]
        rec: dict[str, Any] = {
            "id": e.id,
            "name": e.name,
            "label": e.label,
            "aliases": aliases,
            "meta": {"seed": e.num, "brief_type": e.brief_type},
        }
        if variants is not None:
            rec["variants"] = variants
        records.append(rec)
    return records


def make_tagger(gazetteer: Any, layer: str, **options: Any) -> Any:
    """``gazetag.Tagger(gazetteer, variants=layer, **options)``.

    Goes through ``Any`` so that type checkers accept ``variants=`` before the stubs have it.
    A TypeError means the installed gazetag does not take ``variants=`` yet.
    """
    import gazetag

    kwargs: dict[str, Any] = {"variants": layer, **options}
    return gazetag.Tagger(gazetteer, **kwargs)


if __name__ == "__main__":
    n_var = sum(len(e.variants) for e in SEED)
    n_x = sum(1 for e in SEED for v in e.variants if "x" in v.codes)
    n_i = sum(len(e.acronyms) for e in SEED)
    n_star = sum(1 for e in SEED for v in e.variants if v.unverified)
    n_script = sum(len(e.scripts) for e in SEED)
    labels: dict[str, int] = {}
    for e in SEED:
        labels[e.label] = labels.get(e.label, 0) + 1
    print(f"{len(SEED)} entities {labels}")
    print(f"{n_var} variants: {n_x} class x, {n_i} acronyms (i), {n_star} unverified (*)")
    print(f"{n_script} script forms")
