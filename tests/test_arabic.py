"""Arabic-script folding and proclitics, each with exact offsets into the original text."""

from __future__ import annotations

import gazetag
import pytest

# (dictionary form, text, the matched surface as it stands in the text, rule)
CASES = [
    # harakat (fatha, damma, sukun, shadda) and the superscript alef are ignored
    ("مقتدى الصدر", "قال مُقْتَدَى الصَّدْر أمس", "مُقْتَدَى الصَّدْر", "exact"),
    # tatweel
    ("كتائب حزب الله", "بيان كتـــائب حزب الله", "كتـــائب حزب الله", "exact"),
    # hamza forms: alef with hamza above and below, madda, wasla, hamza on yeh
    ("أبو مهدي المهندس", "قتل ابو مهدي المهندس", "ابو مهدي المهندس", "exact"),
    ("إسماعيل قاآني", "زار اسماعيل قاانی بغداد", "اسماعيل قاانی", "exact"),
    ("الأنبار", "محافظة ٱلأنبار", "ٱلأنبار", "exact"),
    ("كتائب", "كتايب", "كتايب", "exact"),
    # teh marbuta and heh, and the Persian heh forms
    ("منظمة بدر", "أعلنت منظمه بدر", "منظمه بدر", "exact"),
    ("منظمة بدر", "منظمۀ بدر", "منظمۀ بدر", "exact"),
    # Persian yeh and keheh, alef maksura
    ("علي السيستاني", "آیت‌الله علی السیستانی", "علی السیستانی", "exact"),
    ("كركوك", "در کرکوک", "کرکوک", "exact"),
    ("مقتدى الصدر", "مقتدي الصدر", "مقتدي الصدر", "exact"),
    # ZWNJ inside a Persian name
    ("خامنه‌ای", "رهبر خامنه‌ای گفت", "خامنه‌ای", "exact"),
    ("خامنه‌ای", "رهبر خامنهای گفت", "خامنهای", "exact"),
    # lam-alef ligature (one character in the text, two in the dictionary)
    ("الأنبار", "محافظة ا\ufef7نبار", "ا\ufef7نبار", "exact"),
    ("سلام", "سﻼم عليكم", "سﻼم", "exact"),
    # Persian and Kurdish consonants the Arabic press writes either way
    ("حركة كوران", "قالت حركة گوران", "حركة گوران", "exact"),
    ("مارك سافايا", "قال مارك ساڤايا إن", "مارك ساڤايا", "exact"),
    ("جوارتا", "في چوارتا", "چوارتا", "exact"),
    ("بزشكيان", "قال پزشکیان", "پزشکیان", "exact"),
    # America's two spellings
    ("السفارة الأمريكية", "قالت السفارة الأميركية", "السفارة الأميركية", "vowel"),
    ("السفارة الأميركية", "قالت السفارة الامريكية", "السفارة الامريكية", "vowel"),
    # Arabic-Indic and Persian digits
    ("اللواء 52", "اللواء ٥٢ في", "اللواء ٥٢", "exact"),
    ("اللواء 52", "اللواء ۵۲ في", "اللواء ۵۲", "exact"),
    # proclitics: the match starts after them; li + al keeps the article's lam
    ("الحشد الشعبي", "قال والحشد الشعبي", "الحشد الشعبي", "proclitic"),
    ("الحشد الشعبي", "وبالحشد الشعبي", "الحشد الشعبي", "proclitic"),
    ("الحشد الشعبي", "للحشد الشعبي", "لحشد الشعبي", "proclitic"),
    ("بدر", "وبدر", "بدر", "proclitic"),
    ("الحشد الشعبي", "مالحشد الشعبي", None, None),
    ("الحشد الشعبي", "والحشد الشعبيون", None, None),
]


@pytest.mark.parametrize(("name", "text", "surface", "rule"), CASES)
def test_arabic_script(name: str, text: str, surface: str | None, rule: str | None) -> None:
    g = gazetag.Gazetteer()
    g.add("e", name, "TEST")
    matches = gazetag.Tagger(g).tag(text)
    if surface is None:
        assert matches == []
        return
    (m,) = matches
    start = text.index(surface)
    assert (m.start, m.end, m.text, m.rule) == (start, start + len(surface), surface, rule)


@pytest.mark.parametrize(
    ("country", "name", "text", "surface"),
    [
        # A foreign name without a long yeh inside a word.
        ("US", "أنتوني بلينكن", "قال أنتوني بلنكن إن", "أنتوني بلنكن"),
        ("US", "الاحتياطي الفيدرالي", "رفع الاحتياطي الفدرالي الفائدة", "الاحتياطي الفدرالي"),
        # An Arab's name keeps its letters (`سعيد` is no `سعد`), and a foreign one keeps a
        # yeh whose loss makes a commoner word (`ظريف`, Zarif; `ظرف`, a circumstance).
        ("IQ", "سعيد الجياشي", "قال سعد الجياشي", None),
        ("IR", "محمد جواد ظريف", "قال محمد جواد ظرف", None),
    ],
)
def test_a_foreign_name_without_a_long_vowel(
    country: str, name: str, text: str, surface: str | None
) -> None:
    g = gazetag.Gazetteer()
    g.add("e", name, "PERSON", meta={"country": country})
    found = [(m.text, m.rule) for m in gazetag.Tagger(g).tag(text)]
    assert found == ([(surface, "vowel")] if surface else [])


def test_proclitics_need_the_default_layer() -> None:
    g = gazetag.Gazetteer()
    g.add("e", "الحشد الشعبي", "TEST")
    assert gazetag.Tagger(g, variants="none").tag("والحشد الشعبي") == []


@pytest.mark.parametrize(("text", "expected"), [
    # A club's name in a sentence of a sports report is the club, not the air force.
    ("حسم نادي الشرطة مواجهته مع القوة الجوية في مباراة القمة.", []),
    ("قصفت القوة الجوية العراقية مواقع لداعش.", ["القوة الجوية العراقية", "داعش"]),
    ("قصفت القوة الجوية مواقع لداعش. وفي الدوري فاز الزوراء.", ["القوة الجوية", "داعش"]),
    # A two-byte question mark before the name ends the sentence (it once split a character).
    ("هل فاز؟ الجيش في الدوري", []),
])
def test_a_clubs_name_in_a_sports_report_is_the_club(text: str, expected: list[str]) -> None:
    assert [m.text for m in gazetag.Tagger.default().tag(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # `لصالح` (in favour of) is a preposition, not `ل` + the family name `صالح`; `وصالح` is him.
    ("وقال كمال محمد صالح إن النفط يصدر لصالح الموازنة ولصالح الإقليم، وصالح يوافق.",
     [("كمال محمد صالح", "kamal-mohammed-salih"), ("صالح", "kamal-mohammed-salih")]),
    # `بأمان` (safely) is no `ب` + `أمان`, Israel's military intelligence, whose own head it
    # is otherwise (a guard).
    ("وأكدت وزارة الخارجية السويدية أن طاقم السفارة بأمان، ونقلت رويترز أن أحداً لم يصب.",
     [("وزارة الخارجية السويدية", "swedish-ministry-for-foreign-affairs"),
      ("رويترز", "reuters")]),
    ("وقال رئيس أمان الإسرائيلي إن الهجوم فشل.",
     [("أمان", "israeli-military-intelligence-directorate")]),
    # `المتحدث باسم` (the spokesman for) is a preposition, not the given name `باسم` before a
    # family name (`باسم عبد الكريم ناصر`).
    ("وقال المتحدث باسم وزارته ناصر إن الخطة جاهزة.", []),
    # A Turkish family name in two words is named whole: `أوغلو` (son of) alone is no one's.
    ("التقى عبد القادر أورال أوغلو بالوزير. وقال أورال أوغلو إن أوغلو آخر حضر.",
     [("عبد القادر أورال أوغلو", "abdulkadir-uraloglu"),
      ("أورال أوغلو", "abdulkadir-uraloglu")]),
    # A family name of four letters that a proclitic opens (`ويفر` of `بارت دي ويفر`) may be
    # `و` and a verb (`ويفرّ`, and he flees): it is the man only where he is named in full (the
    # second row guards that).
    ("يقاتل العدو ويفرّ من القرى.", []),
    # `صادق` is the verb (ratified) far more often than the family name of `فرزانة صادق`:
    # naming her in full does not make the verb hers.
    ("عُيّنت فرزانة صادق وزيرة للطرق، ثم صادق المرشد على الحكومة.",
     [("فرزانة صادق", "farzaneh-sadegh")]),
    # `الجمهورية الإسلامية` (the Islamic Republic) is the state, no short form of its army's
    # name `جيش الجمهورية الإسلامية`.
    ("أعلن الجيش الإيراني أن الجمهورية الإسلامية سترد.",
     [("الجيش الإيراني", "islamic-republic-of-iran-army")]),
    # `عبد` joined to the name after it or spaced from it, as news writes either; a Gulf
    # house's name keeps its `آل` as the family name.
    ("وحضر عبد الله العليمي الاجتماع.", [("عبد الله العليمي", "abdullah-al-alimi-bawazeer")]),
    ("وصل محمد آل جابر إلى صنعاء. وقال آل جابر إن الزيارة مثمرة.",
     [("محمد آل جابر", "mohammed-al-jaber"), ("آل جابر", "mohammed-al-jaber")]),
    # A ruler's ordinal is no family name (`الثاني`, the second), and a title after `لل`
    # stays out of the span as it does after `ال`.
    ("وقدم الوزير تقريره للملك عبد الله الثاني في الأسبوع الثاني من الشهر.",
     [("عبد الله الثاني", "abdullah-ii-of-jordan")]),
    # So does a Persian family name in two words (`X زاده`, son of).
    ("قتل أمير علي حاجي زاده. وكان حاجي زاده قد هدد إسرائيل.",
     [("أمير علي حاجي زاده", "amir-ali-hajizadeh"), ("حاجي زاده", "amir-ali-hajizadeh")]),
    ("وقال بارت دي ويفر إن بلاده مستعدة، وأضاف ويفر أن الدعم مستمر.",
     [("بارت دي ويفر", "bart-de-wever"), ("ويفر", "bart-de-wever")]),
])
def test_arabic_words_that_end_like_a_name(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.text, m.entity_id) for m in gazetag.Tagger.default().tag(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A group's short form without its head word after a minister's or ministry's noun is the
    # title's words (Israel's defence minister), not the army cut short; elsewhere it is the army.
    ("أعلن جيش الدفاع الإسرائيلي الهجوم. وقال وزير الدفاع الإسرائيلي يسرائيل كاتس"
     " إن الدفاع الإسرائيلي مستعد.",
     [("جيش الدفاع الإسرائيلي", "israel-defense-forces"), ("يسرائيل كاتس", "israel-katz"),
      ("الدفاع الإسرائيلي", "israel-defense-forces")]),
    ("قاتلت قوات الدفاع الوطني في حلب. وأعلنت وزارة الدفاع الوطني التركية انسحابها.",
     [("قوات الدفاع الوطني", "national-defence-forces")]),
])
def test_a_groups_short_form_after_a_ministers_noun(
    text: str, expected: list[tuple[str, str]],
) -> None:
    assert [(m.text, m.entity_id) for m in gazetag.Tagger.default().tag(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # `القاعدة` after the text named a base `قاعدة X` is that base again, not al-Qaeda ...
    ("تسلم الجيش قاعدة التنف، وأمّنت القوات القاعدة ومحيطها.",
     [("قاعدة التنف", "al-tanf-garrison")]),
    # ... unless the text names al-Qaeda in full, or the noun before was no base's.
    ("تسلم الجيش قاعدة التنف. وقال مسؤول إن تنظيم القاعدة هاجم القاعدة.",
     [("قاعدة التنف", "al-tanf-garrison"), ("تنظيم القاعدة", "al-qaeda"), ("القاعدة", "al-qaeda")]),
    ("يملك الحزب قاعدة شعبية واسعة. وهاجم مسلحو القاعدة قرية في اليمن.", [("القاعدة", "al-qaeda")]),
    ("هاجم مسلحو القاعدة قرية في اليمن.", [("القاعدة", "al-qaeda")]),
])
def test_the_base_named_again_is_no_al_qaeda(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.text, m.entity_id) for m in gazetag.Tagger.default().tag(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A news outlet's name after the noun of its kind leaves the noun out, as `the channel`
    # is no part of an English match ...
    ("بحسب ما بثته قناة العراقية الرسمية", [("العراقية", "al-iraqiya-tv")]),
    ("ذكرت صحيفة المدى أن", [("المدى", "al-mada-newspaper")]),
    ("وقال لوكالة فرانس برس إن", [("فرانس برس", "agence-france-presse")]),
    # ... but `وكالة` (agency) stays where it is part of the agency's name.
    ("ونقلت وكالة الأنباء العراقية عن", [("وكالة الأنباء العراقية", "iraqi-news-agency")]),
    # ... and so does `شبكة` (network), before a common phrase (the Iraqi media), though it
    # goes before another name of the outlet.
    ("قال رئيس شبكة الإعلام العراقي إن", [("شبكة الإعلام العراقي", "iraqi-media-network")]),
    ("وذكرت شبكة رووداو أن", [("رووداو", "rudaw")]),
    # ... and the noun stays where what follows it names another entity: Army Radio is no army.
    ("وقالت إذاعة الجيش الإسرائيلي إن", [("إذاعة الجيش الإسرائيلي", "israeli-army-radio")]),
])
def test_an_outlets_name_without_the_noun_of_its_kind(
    text: str, expected: list[tuple[str, str]]
) -> None:
    got = [(m.text, m.entity_id) for m in gazetag.Tagger.default().tag(text)]
    assert got == expected


@pytest.mark.parametrize(("text", "expected"), [
    # An outlet's name without the noun of its kind names it where the text names it in
    # full ...
    ("أغلق محتجون مقر قناة دجلة في بغداد. وقالت دجلة في بيان إن العمل سيستمر.",
     [("دجلة", "dijlah"), ("دجلة", "dijlah")]),
    # ... not elsewhere (the Tigris) ...
    ("ارتفع منسوب نهر دجلة في بغداد.", []),
    # ... and never where it is one of the commonest words (`الشرقية`, eastern): guards.
    ("بثت قناة الشرقية تقريرا عن المحافظات الشرقية.", [("الشرقية", "sharqiya")]),
    # No other body's name loses its noun so: `الخزعلي` of `شبكة الخزعلي` (the Khazali
    # network, a group's) is the man.
    ("اتهمت واشنطن شبكة الخزعلي بالعنف. وقال الخزعلي إن الحكومة ستبقى.",
     [("شبكة الخزعلي", "aah")]),
])
def test_an_outlets_name_without_its_noun_once_named(
    text: str, expected: list[tuple[str, str]]
) -> None:
    g = gazetag.Gazetteer.from_records([
        {"id": "dijlah", "name": "Dijlah TV", "label": "INSTITUTION", "aliases": ["قناة دجلة"],
         "meta": {"kind": "media", "country": "IQ"}},
        {"id": "sharqiya", "name": "Al Sharqiya", "label": "INSTITUTION",
         "aliases": ["قناة الشرقية"], "meta": {"kind": "media", "country": "IQ"}},
        {"id": "aah", "name": "Asaib Ahl al-Haq", "label": "MILITIA",
         "aliases": ["عصائب أهل الحق", "شبكة الخزعلي"], "meta": {"country": "IQ"}},
    ])
    assert [(m.text, m.entity_id) for m in gazetag.Tagger(g).tag(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A company's ambiguous name right after the noun of its kind is the company ...
    ("وقعت الوزارة عقدا مع شركة بي بي لتطوير الحقل.", ["بي بي"]),
    ("وقعت الوزارة عقدا مع الشركة وشركة بي بي.", ["بي بي"]),
    # ... not without it (a guard).
    ("وقال بي بي إن الحقل سيتطور.", []),
])
def test_a_company_after_the_noun_of_its_kind(text: str, expected: list[str]) -> None:
    g = gazetag.Gazetteer.from_records([
        {"id": "bp", "name": "BP", "label": "INSTITUTION",
         "aliases": [{"text": "بي بي", "ambiguous": True}],
         "meta": {"kind": "organization", "country": "GB"}},
    ])
    assert [m.text for m in gazetag.Tagger(g).tag(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A body's ambiguous one-word name after a noun of cases or committees is their subject,
    # the common noun (`قضايا النزاهة`, integrity cases; `لجنة النزاهة`) ...
    ("أعلنت هيئة النزاهة ضبط متهمين. وأحالت محكمة التحقيق المختصة بقضايا النزاهة الوزير.",
     ["هيئة النزاهة"]),
    ("أعلنت هيئة النزاهة ضبط متهمين. وطالبت لجنة النزاهة في البرلمان بالتحقيق.", ["هيئة النزاهة"]),
    # ... not elsewhere (a guard).
    ("أعلنت هيئة النزاهة ضبط متهمين. وقالت النزاهة في بيان إن التحقيق مستمر.",
     ["هيئة النزاهة", "النزاهة"]),
])
def test_a_bodys_name_as_the_subject_of_cases(text: str, expected: list[str]) -> None:
    g = gazetag.Gazetteer.from_records([
        {"id": "integrity", "name": "Federal Commission of Integrity", "label": "INSTITUTION",
         "aliases": ["هيئة النزاهة", {"text": "النزاهة", "ambiguous": True}],
         "meta": {"kind": "government", "country": "IQ"}},
    ])
    assert [m.text for m in gazetag.Tagger(g).tag(text)] == expected


def test_a_trimmed_outlets_span_keeps_the_matches_in_order() -> None:
    # With every match returned and no word boundaries, a match inside the outlet's noun starts
    # before the trimmed outlet's name: the offsets stay right and in order, and the trimmed
    # name, now where the outlet's bare name matched too, is one match of it.
    g = gazetag.Gazetteer.from_records([
        {"id": "jazeera", "name": "Al Jazeera", "label": "INSTITUTION",
         "aliases": ["قناة الجزيرة", "الجزيرة"], "meta": {"kind": "media"}},
        {"id": "nah", "name": "Nah", "label": "TEST", "aliases": ["ناة"]},
    ])
    text = "بثت قناة الجزيرة"
    got = gazetag.Tagger(g, overlapping=True, whole_words=False).tag(text)
    assert [(m.text, m.entity_id) for m in got] == [
        ("ناة", "nah"), ("الجزيرة", "jazeera"),
    ]
    assert all(text[m.start:m.end] == m.text for m in got)
    assert [m.start for m in got] == sorted(m.start for m in got)


@pytest.mark.parametrize(("text", "expected"), [
    # A community's name or adjective (`الشبك`, the Shabak; `الكلداني`, Chaldean) is no short form
    # of a group named after it, and a family name spelled as one is its adjective after a noun
    # with the article, though the text names the person.
    ("قال وعد القدو إن عناصر اللواء الشبكي انسحبوا من سهل نينوى", [("وعد القدو", "waad-qado")]),
    ("اجتمع وجهاء من الشبك مع قائد لواء الشبك", [("لواء الشبك", "30th-brigade")]),
    ("قال ريان الكلداني إن المجلس القومي الكلداني رفض القرار",
     [("ريان الكلداني", "rayan-al-kildani"),
      ("المجلس القومي الكلداني", "chaldean-national-council")]),
    # Elsewhere the family name is the person's.
    ("قال ريان الكلداني إن الكلداني سيعود",
     [("ريان الكلداني", "rayan-al-kildani"), ("الكلداني", "rayan-al-kildani")]),
    # A school of law's adjective (`الفقه الجعفري`, Ja'fari jurisprudence) is no family name
    # that needs no licence ...
    ("صوت البرلمان على المدونة وفق الفقه الجعفري", []),
    ("قال إبراهيم الجعفري إن المذهب الجعفري واضح",
     [("إبراهيم الجعفري", "ibrahim-al-jaafari")]),
    # ... but stays the person's after a verb.
    ("قال إبراهيم الجعفري إن المذهب واضح، وأضاف الجعفري أن",
     [("إبراهيم الجعفري", "ibrahim-al-jaafari"), ("الجعفري", "ibrahim-al-jaafari")]),
])
def test_a_communitys_word_is_no_short_form(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.text, m.entity_id) for m in gazetag.Tagger.default().tag(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # `القصور الرئاسية` (the presidential palaces) is a phrase, no base's bare name; the base
    # named in full is the base.
    ("سيطر التنظيم على القصور الرئاسية في تكريت وقتل الجنود.", []),
    ("انسحبت القوات البريطانية من قاعدة القصور الرئاسية في البصرة.",
     [("قاعدة القصور الرئاسية", "basra-palace")]),
    # Nor are `العتبات` (the shrines) of `قوات العتبات` and the town of `Tal Afar Airbase`.
    ("وزار العتبات المقدسة في كربلاء.", []),
    ("Fighters entered Tal Afar on Monday.", []),
])
def test_a_phrase_is_no_bases_bare_name(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.text, m.entity_id) for m in gazetag.Tagger.default().tag(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # An ambiguous name of two words or more in Arabic script is licensed by a place of its
    # country in the sentence, as one in Latin script is ...
    ("وانتشر طيران الجيش في أجواء الموصل.", [("طيران الجيش", "iraqi-army-aviation")]),
    # ... not by another country's (a guard) ...
    ("وانتشر طيران الجيش في أجواء دمشق.", []),
    # ... and a one-word name, most often a common word (`الحشد`, a crowd), only by its
    # country's name (a guard).
    ("تجمع الحشد أمام الجامع في الموصل.", []),
])
def test_a_place_licenses_an_arabic_name_of_two_words(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(m.text, m.entity_id) for m in gazetag.Tagger.default().tag(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A foreign leader's surname written in Arabic letters is no Arabic word: the embedded
    # gazetteer lists it alone, as news writes it without the given name (`كتب ترامب`), where
    # its frequency in news alone asked for the full name first.
    ("ثم كتب ترامب أن كل شيء على ما يرام.", [("ترامب", "donald-trump")]),
    ("وقال أردوغان إن العملية ستستمر.", [("أردوغان", "recep-tayyip-erdogan")]),
    ("وحذر غروسي من نقص المعلومات.", [("غروسي", "rafael-grossi")]),
])
def test_a_foreign_leaders_surname_alone(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.text, m.entity_id) for m in gazetag.Tagger.default().tag(text)] == expected


KARBOULI = gazetag.Gazetteer.from_records([
    {"id": "karbouli", "name": "Mohammed Nouri al-Karbouli", "label": "PERSON",
     "aliases": ["محمد نوري الكربولي"], "meta": {"country": "IQ"}},
])


@pytest.mark.parametrize(("text", "expected"), [
    # A man's given name and his father's, as Iraqi news names officials, where the text names
    # him in full ...
    ("قال محمد نوري الكربولي إن العمل بدأ. وأضاف محمد نوري أن",
     [("محمد نوري الكربولي", "karbouli"), ("محمد نوري", "karbouli")]),
    # ... not elsewhere (anyone's two names) ...
    ("وأضاف محمد نوري أن العمل بدأ", []),
    # ... nor where the text goes on with another name: a longer name, another man's.
    ("قال محمد نوري الكربولي إن العمل بدأ. وأضاف محمد نوري حسن أن",
     [("محمد نوري الكربولي", "karbouli")]),
])
def test_a_given_name_and_the_fathers_name_the_man_named_in_full(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(m.text, m.entity_id) for m in gazetag.Tagger(KARBOULI).tag(text)] == expected
