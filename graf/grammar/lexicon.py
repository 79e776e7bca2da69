"""The one lexicon below the stages: given names, words that are never names (or stand
before one), titles, party codes and names, the dated district gazetteer (Stockholm,
Göteborg, Malmö), bodies.

These are facts about the genre (Swedish municipal papers), not text from any paper. Plain
data; the structure parser and the recognisers both read it (``graf.grammar`` imports no stage).
"""

from __future__ import annotations

from dataclasses import dataclass

# --------------------------------------------------------------------------- given names
# Common Swedish given names plus names common among Swedes of immigrant origin (Arabic,
# Somali, Persian, Turkish, Balkan, Finnish, Polish, Latin-American, English ...). A name
# token that is here may start a PERSON; the recogniser still needs a capitalised surname.
_GIVEN = """
Ada Adam Adrian Agnes Albin Alexander Alexandra Alfred Ali Alice Alicia Alma Alva Amanda
Amelia Anders Andrea Andreas Andrée Andréa Andrés Angelica Angelika Anita Ann Anna Annamaria
Anne Anneli Annelie Annette Annie Annika Anton Arne Arvid Astrid August Axel Barbro Beata
Bengt Benjamin Bernt Berit Birgitta Birgit Björn Bo Britt Britta Bruno Camilla Carin Carina
Carl Carola Carolina Caroline Cecilia Charlotte Charlotta Christer Christian Christina
Christine Christoffer Clara Claes Daniel Daniela David Dennis Ebba Edvin Elias Elin Elisabet
Elisabeth Ella Ellen Ellinor Elsa Emelie Emil Emilia Emma Erik Erika Ester Eva Evelina Felix
Filip Fredrik Frida Gabriel Gabriella Gun Gunilla Gunnar Gustav Gustaf Göran Hanna Hannah
Hans Harald Hedvig Helen Helena Helene Henrik Hugo Ida Ines Inga Inger Ingrid Ingela Irene
Isabel Isabella Isabelle Isak Jacob Jakob Jan Jane Jens Jenny Jesper Jessica Joakim Johan
Johanna Johannes John Jonas Jonatan Jonathan Josefin Josefine Julia Karin Karl Kajsa Karolina
Kerstin Kevin Kim Kjell Klara Kristian Kristin Kristina Kristoffer Lars Lasse Leif Lena Lennart
Linda Linnea Linnéa Lina Lisa Liselotte Louise Lovisa Lucas Ludvig Lukas Maja Malin Malte
Marcus Margareta Maria Marie Marianne Marina Markus Martin Mats Matilda Mattias Max Mikael
Michael Mona My Märta Magnus Maurice Monica Monika Nadia Nils Nina Niklas Nicklas Nicolas
Oscar Oskar Olof Ola Ole Olle Oliver Olivia Patrik Patric Pernilla Per Peter Petra Petter
Pia Rebecca Rebecka Robert Robin Roger Rolf Rune Sabina Sandra Sara Sarah Sebastian Simon
Sigrid Siv Sofia Sofie Sophia Sophie Stefan Sten Stig Susanne Svante Sven Terese Therese
Thomas Tobias Tomas Tommy Tor Torbjörn Tove Ulf Ulla Ulrika Valter Vera Veronica Veronika
Viktor Victor Viktoria Victoria Vilhelm Wilhelm Ylva Yvonne Åsa Åke Ebbe Elvir Emelie Jackie
Ewa Gerd Gösta Ingemar Ingvar Jörgen Kent Lage Lennie Lotta Mia Mikaela Minna Moa Ronja Rut
Saga Selma Signe Stina Tilda Tuva Tyra Vincent William Wilma Lars-Erik Jan-Olof Per-Olof
Karl-Johan Ann-Sofie Ann-Marie Anne-Lie Anna-Karin Eva-Lena Lise-Lotte Mari Marita Maud
Madeleine Mattias Ronny Sanna Jennie Jenni Jimmy Johnny Conny Kenneth Patricia Paula Paulina
Åsa-Lena Fanny Greta Ingegerd Inga-Lill Gull-Britt Rasmus Samuel Teodor Theodor Ture Erland
Ebba-Lotta Gabriel Cecilie Josephine Katarina Catharina Katrin Cathrine Catrin Susanna Sanne
Mohammed Mohamed Muhammad Mohammad Ahmed Ahmad Ali Hassan Hussein Hussain Omar Abdi Abdullah
Abdul Abdirahman Abdullahi Yusuf Yousef Youssef Ibrahim Ismail Mustafa Mahmoud Khalid Karim
Rashid Rachid Said Saeed Samir Sami Tariq Walid Yasin Yassin Nasir Nabil Jamal Amir Amin
Hamid Hamza Bilal Faisal Fatima Aisha Amina Leila Layla Mariam Maryam Nour Noor Sara Yasmin
Jasmin Zainab Zeinab Hodan Hibo Ayan Fadumo Farah Fartun Asha Ilham Hawa Naima Samira Sana
Shirin Nasrin Parisa Leyla Reza Ehsan Arash Babak Dariush Mehdi Navid Kaveh Omid Farhad Payam
Roya Mina Azadeh Golnaz Ghazal Hiba Rania Dalia Lina Mehmet Murat Emre Can Cem Deniz Elif Ayse
Zeynep Emine Özlem Hülya Serkan Kemal Burak Hakan Erdal Zoran Dragan Milan Goran Nikola Ivana
Jelena Ana Marija Mirela Amra Emir Edin Adnan Armin Senad Selma Merima Alma Azra Lejla Jasmina
Mirza Elvira Tarik Kadir Pekka Jukka Juha Kari Seppo Timo Tuula Riitta Päivi Sirpa Anneli
Piotr Pawel Tomasz Katarzyna Agnieszka Magdalena Marek Andrzej Jose José Juan Carlos Luis
Jorge Miguel Pablo Diego Alejandro Gabriela Carmen Ximena Natalia Valentina Camila Daniela
Mauricio Ricardo Fernando Eduardo Rodrigo Francisco Javier Raúl Raul Marta Ana-Maria Elena
Irina Olga Svetlana Tatiana Natasha Igor Sergei Dmitri Ivan Alexei Anastasia Yana Oksana
Jean Pierre Michel Paul Marc Ahmet Ebrahim Masoud Hossein Sharmarke Warsame Abdinasir Ghazaleh
Nima Sina Dara Kurdo Rebaz Shilan Soran Hawre Sherko Dilan Delal Avin Nasra Sahra Sagal Idil
Ifrah Khadija Muna Sadia Habiba Halima Khalil Nadim Wael Rami Fadi Hadi Jad Georges Elias
Tony Roland Rickard Richard Ove Bertil Sune Kurt Sonja Gunnel Elsie Hjalmar Gert Lars-Göran
Emanuel Emmanuel Anne-Marie Ann-Christin Ann-Charlotte Carl-Johan Hans-Olof Jan-Erik Per-Anders Sven-Erik
Agneta Agnetha Anki Annki Ann-Kristin Ann-Britt Ann-Mari Ann-Louise Anna-Lena Anna-Lisa Birgitta Bodil
Britt-Marie Britt-Inger Dagny Doris Eivor Elisabet Elsy Gudrun Gunbritt Gun-Britt Gunhild Gunvor Harriet
Hillevi Ingalill Ingeborg Iris Jeanette Jeannette Kristel Lilian Lillemor Lisbeth Lisen Lilly Maj-Britt
Maj-Lis Majvor Margit Marit Ninni Ragnhild Solveig Ulla-Britt Vivianne Viveka Viveca Gunnel Karin-Maria
Agda Alice Astrid Dagmar Ebba Edit Elvira Gertrud Hilma Ingegärd Inga-Britt Irma Kristina Lena-Maria
Marie-Louise Monika Märit Nanna Ragnvi Siw Sylvia Tuulikki Ulrica Yvette Åsa-Karin Ewa-Marie Eva-Marie
Håkan Birger Folke Evert Sixten Torgny Kennet Kenneth Roine Reidar Sigvard Ragnar Roy Sonny Stellan Sture
Tage Thore Tord Torsten Uno Valdemar Vidar Yngve Östen Örjan Ivar Hilding Holger Jarl Knut Leo Nils-Erik
Otto Pontus Sören Sölve Urban Verner Göte Gunder Helge Hjalmar Ingmar Jörn Kjell-Åke Lars-Åke Per-Erik
Jan-Åke Bo-Göran Karl-Erik Lars-Olof Sven-Olof Nils-Olof Per-Olov Jan-Olov Carl-Gustaf Claes-Göran
Bertil Börje Curt Egon Einar Erling Eskil Gerhard Gillis Gunne Harry Henning Ingvald Jonny Kalle Krister
Lars-Gunnar Leonard Lorentz Mauritz Mikko Nisse Ossian Pelle Reine Rickard Rikard Sigurd Stig-Arne Svenne
Tommie Torleif Ulric Vilgot Åke Arvo Esko Heikki Jarmo Jouko Kalevi Matti Pertti Raimo Risto Tapio Veikko
Tuula Ville Signe Nora Gustaf Peder Bosse Janne Micke Kicki Lasse Pelle Nicke Ulf-Peter Hans-Erik Mats-Olof Per-Åke Lars-Erik Jens-Peter
"""
GIVEN_NAMES: frozenset[str] = frozenset(_GIVEN.split())

# Capitalised words that look like names but, in these papers, start a sentence or a heading
# or name a place: a run that starts with one of these is not a person on that token.
NOT_NAME_WORDS: frozenset[str] = frozenset("""
Stockholm Stockholms Sverige Sveriges Göteborg Göteborgs Malmö Malmös Uppsala Region Regionen
Stad Staden Stads Kommun Kommunen Kommuns Län Länet Läns Landsting Först AB HB KB Stiftelsen
Föreningen Förening Universitet Universitetet Högskola Högskolan Institutet Skolan Skola Gymnasium
Gymnasiet Sjukhus Sjukhuset Vårdcentral Centrum Hus Huset Kyrka Kyrkan Församling Torg Torget
Park Parken Gata Gatan Väg Vägen Plan Allé Stadsdel Stadsdelen Nämnden Nämnd Förvaltningen
Förvaltning Kontoret Utskottet Avdelningen Enheten Enhet Sektionen Verket Myndigheten Polisen
Januari Februari Mars April Maj Juni Juli Augusti September Oktober November December
Måndag Tisdag Onsdag Torsdag Fredag Lördag Söndag Bilaga Bilagor Beslut Sammanfattning Dnr
Socialnämnden Socialförvaltningen Kommunstyrelsen Kommunfullmäktige Fokus Lex Nya Ny Den Det
Och Att Som Med För Från Till Inom Enligt Vid Under Efter Inför Hos Genom Om Samt Ej Inte
Stockholmshem Familjebostäder Bostäder Bostad Hem Boende Boendet Programmet Planen Rapport
Skrivelse Motion Remiss Svar Protokoll Dagordning Kista Rinkeby Tensta Spånga Järva Farsta
Skarpnäck Bromma Södermalm Kungsholmen Norrmalm Östermalm Skärholmen Älvsjö Hägersten
Liljeholmen Vantör Enskede Årsta Vällingby Hässelby Husby Akalla Sundbyberg Solna Huddinge
Nacka Botkyrka Södertälje Järfälla Sollentuna Täby Danderyd Lidingö Haninge Tyresö Värmdö
""".split())

# Capitalised words that stand right before a person's name in running text - roles, titles,
# sentence openers ("Ordföranden Anna Ek", "Därefter Bo Lind (M)") - and are never part of
# it: the structure parser trims them off a name and drops a name that starts with one.
# Kept apart from NOT_NAME_WORDS (places, months, institutions: what the recogniser refuses
# to start a PERSON on): the two lists answer different questions, and joining them would
# change what either reader finds.
WORDS_BEFORE_NAMES: frozenset[str] = frozenset("""
Ordföranden Ordförande Vice Nämnden Socialnämnden Förvaltningen Den Det De Och Att Som Med För
Från Till Av Enligt Vi Jag Efter Ledamöter Ersättare Justerare Sekreterare Beslut Yrkande
Yrkanden Stadsdelsnämnden Kommunstyrelsen Kommunfullmäktige Ordf Ledamot Tjänstgörande
Ersättaryttrande Reservation Reservationer Särskilt Protokollsanteckning Dnr Svar Remiss
Socialdirektör Förvaltningschef Stadsdelsdirektör Stockholms Stockholm
Därefter Sedan Då Även Också Vidare Slutligen Först Dessutom Under Inför Vid Härefter Här Där
Nu Samtidigt Sammanfattningsvis Ledamoten Ledamöterna Ersättaren Ersättarna Borgarrådet
Kommunalrådet Oppositionsrådet Gruppledaren Dock Men Eftersom När Innan Trots Bland Både Varken
Antingen Utöver Förutom Mot Emot Enhetschef Avdelningschef Kommunchef Kommundirektör
Nämndsekreterare Handläggare Utredare
""".split())

# Words of a page header or signature box that a line printed alone in an attendance block
# may hold ("Sida 2", "Justerandes signatur", "KOMMUNSTYRELSEN"): a line with one of them is
# no bare name. Kept apart from NOT_NAME_WORDS and WORDS_BEFORE_NAMES: joining them would
# change which lines are read as names.
NOT_BARE_NAME_WORDS: frozenset[str] = frozenset("""
Sida Sidan Protokoll Sammanträdesprotokoll Sammanträdesdatum Utdragsbestyrkande Justerandes
Underskrifter Paragrafer Datum Plats Tid Anslag Bevis Kommun Stad Nämnden Kommunstyrelsen
Kommunfullmäktige Bilaga Beslut Ärende
""".split())

# Official titles printed next to a name ("Veronica Wolgast Carstorp Förvaltningschef",
# "Socialdirektör Veronica ..."). A title is recognised by these words or endings.
TITLE_WORDS: frozenset[str] = frozenset("""
ordförande ordföranden vice förvaltningschef socialdirektör stadsdirektör stadsdelsdirektör
avdelningschef enhetschef sektionschef nämndsekreterare sekreterare registrator jurist
controller ekonom utredare handläggare strateg samordnare dataskyddsombud revisor
borgarråd oppositionsborgarråd kommunalråd stadsjurist direktör chef kanslichef
""".split())
TITLE_ENDINGS: tuple[str, ...] = (
    "chef", "direktör", "sekreterare", "ombud", "handläggare", "strateg", "samordnare",
    "utredare", "controller", "jurist", "inspektör", "borgarråd", "kommunalråd", "ekonom",
)

# Endings of an official's title in an attendance list ("Anna Ek, ekonom", "Per Lind
# Kommunikatör", "Eva Berg, enhetschef"): the structure parser cuts name from title at such a word. Wider
# than TITLE_ENDINGS (the recogniser's, which a title in running text must end with); kept
# apart because widening the recogniser's list, or narrowing this one, would change output.
OFFICIAL_TITLE_ENDINGS: tuple[str, ...] = (
    "chef", "sekreterare", "direktör", "handläggare", "ombud", "controller", "strateg", "jurist",
    "utredare", "samordnare", "ekonom", "registrator", "specialist", "rådgivare", "assistent",
    "ansvarig", "läkare", "kommunikatör", "revisor", "notarie", "ledare", "föreståndare",
    "inspektör", "analytiker", "representant", "sjuksköterska", "arkivarie", "konsult",
    "praktikant", "tjänsteman", "tjänsteperson", "administratör", "biträde", "planerare",
    "expert", "kurator", "psykolog", "ingenjör", "arkitekt", "utvecklare", "företrädare",
    "statistiker",
)

# --------------------------------------------------------------------------- parties
PARTY_CODES: frozenset[str] = frozenset("S V MP M L C KD SD FP".split())

# code -> full name (the party's own name)
PARTY_NAMES: dict[str, str] = {
    "S": "Socialdemokraterna",
    "V": "Vänsterpartiet",
    "MP": "Miljöpartiet de gröna",
    "M": "Moderaterna",
    "L": "Liberalerna",
    "FP": "Folkpartiet liberalerna",
    "C": "Centerpartiet",
    "KD": "Kristdemokraterna",
    "SD": "Sverigedemokraterna",
    "FI": "Feministiskt initiativ",
}

# printed party name (base form) -> code; genitive "-s" is handled by the recogniser.
PARTY_SURFACES: dict[str, str] = {
    "Socialdemokraterna": "S",
    "Arbetarepartiet-Socialdemokraterna": "S",
    "Sveriges socialdemokratiska arbetareparti": "S",
    "Vänsterpartiet": "V",
    "Miljöpartiet de gröna": "MP",
    "Miljöpartiet": "MP",
    "Moderaterna": "M",
    "Moderata samlingspartiet": "M",
    "Liberalerna": "L",
    "Folkpartiet liberalerna": "FP",
    "Folkpartiet": "FP",
    "Centerpartiet": "C",
    "Kristdemokraterna": "KD",
    "Kristdemokratiska samhällspartiet": "KD",
    "Sverigedemokraterna": "SD",
    "Feministiskt initiativ": "FI",
}

# A party named by one word in running text, lower case -> code; a printed word that starts
# with one of these names the party ("Moderaternas", "Socialdemokratiska gruppen"). The
# structure parser reads a name after a person with it ("Anna Ek, Moderaterna") and never
# takes such a word as part of a person's name. Kept apart from PARTY_SURFACES (the
# recogniser's full printed names): deriving one from the other adds or drops words
# ("moderata", "socialdemokratiska", "feministiskt") and so changes output.
PARTY_NAME_WORDS: dict[str, str] = {
    "socialdemokraterna": "S",
    "socialdemokratiska": "S",
    "vänsterpartiet": "V",
    "miljöpartiet": "MP",
    "moderaterna": "M",
    "moderata": "M",
    "liberalerna": "L",
    "centerpartiet": "C",
    "kristdemokraterna": "KD",
    "sverigedemokraterna": "SD",
    "folkpartiet": "FP",
}

# --------------------------------------------------------------------------- districts
# A dated gazetteer of the districts run by a district committee (stadsdelsnämnd,
# stadsdelsfullmäktige, stadsområdesnämnd) in the three Swedish cities that have had them.
# Only these are districts: a word before "stadsdelsförvaltningens" is not one by itself.
# Dates are ISO strings; None where the district's own first or last day is not known (an
# area that continued from before the earliest reform listed here, or one still open).
# Papers name former districts too (an audit of "Enskede-Årsta" in 2007), so the dates are
# attributes of the district, not a filter on recognition.
#
# Stockholm (stadsdelsområden): 1999-01-01 the 18 areas after the 1998 reform; 2007-01-01 14
# areas; 2020-07-01 Hägersten-Liljeholmen + Älvsjö -> Hägersten-Älvsjö; 2023-07-01
# Rinkeby-Kista + Spånga-Tensta -> Järva, Norrmalm + Östermalm -> Norra innerstaden.
# Göteborg (stadsdelsnämnder): 21 from 1990-01-01 (20 by 2010); 10 from 2011-01-01 after
# mergers; all abolished 2021-01-01 (replaced by sector administrations and "stadsområden"
# without committees).
# Malmö: 10 stadsdelar (stadsdelsfullmäktige) 1996-01-01 .. 2013-06-30; 5 stadsområden
# (stadsområdesnämnder) 2013-07-01 .. 2017-04-30.
# Checked against public sources (the cities' own pages and press releases, Wikipedia's
# articles on the cities' districts); the start dates of the individual pre-2011 Göteborg
# and pre-1999 Stockholm areas are left open.


@dataclass(frozen=True)
class District:
    name: str  # canonical short name ("Järva", "Majorna-Linné")
    city: str
    valid_from: str | None
    valid_until: str | None


def _districts(city: str, valid_from: str | None, valid_until: str | None, names: str) -> tuple[District, ...]:
    return tuple(District(n.strip(), city, valid_from, valid_until) for n in names.split(",") if n.strip())


DISTRICT_GAZETTEER: tuple[District, ...] = (
    # Stockholm, current (since 2023-07-01)
    *_districts("Stockholm", "2023-07-01", None, "Järva, Norra innerstaden"),
    *_districts("Stockholm", None, None, "Hässelby-Vällingby, Bromma, Kungsholmen, Skarpnäck, Farsta, Skärholmen"),
    *_districts("Stockholm", "2007-01-01", None, "Södermalm, Enskede-Årsta-Vantör"),
    *_districts("Stockholm", "2020-07-01", None, "Hägersten-Älvsjö"),
    # Stockholm, until 2023-06-30 / 2020-06-30
    *_districts("Stockholm", "2007-01-01", "2023-06-30", "Rinkeby-Kista"),
    *_districts("Stockholm", None, "2023-06-30", "Spånga-Tensta, Norrmalm, Östermalm"),
    *_districts("Stockholm", "2007-01-01", "2020-06-30", "Hägersten-Liljeholmen"),
    *_districts("Stockholm", None, "2020-06-30", "Älvsjö"),
    # Stockholm, until 2006-12-31
    *_districts("Stockholm", None, "2006-12-31",
                "Kista, Rinkeby, Maria-Gamla stan, Katarina-Sofia, Enskede-Årsta, Vantör, Hägersten, Liljeholmen"),
    # Göteborg 2011-01-01 .. 2020-12-31 (Centrum and Lundby also before)
    *_districts("Göteborg", "2011-01-01", "2020-12-31",
                "Angered, Östra Göteborg, Örgryte-Härlanda, Majorna-Linné, Askim-Frölunda-Högsbo, "
                "Västra Göteborg, Västra Hisingen, Norra Hisingen"),
    *_districts("Göteborg", "1990-01-01", "2020-12-31", "Centrum, Lundby"),
    # Göteborg 1990 .. 2010-12-31
    *_districts("Göteborg", None, "2010-12-31",
                "Backa, Kärra-Rödbo, Tuve-Säve, Gunnared, Lärjedalen, Bergsjön, Kortedala, Biskopsgården, "
                "Torslanda, Linnéstaden, Majorna, Örgryte, Härlanda, Södra Skärgården, Tynnered, Älvsborg, "
                "Askim, Frölunda, Högsbo"),
    # Malmö
    *_districts("Malmö", "1996-01-01", "2013-06-30",
                "Centrum, Fosie, Husie, Hyllie, Kirseberg, Limhamn-Bunkeflo, Oxie, Rosengård, "
                "Södra Innerstaden, Västra Innerstaden"),
    *_districts("Malmö", "2013-07-01", "2017-04-30", "Norr, Söder, Öster, Väster, Innerstaden"),
)


def _span_of(entries: list[District]) -> tuple[str | None, str | None]:
    starts = [d.valid_from for d in entries]
    ends = [d.valid_until for d in entries]
    return (None if None in starts else min(starts)), (None if None in ends else max(ends))  # type: ignore[type-var]


# canonical short name -> (valid_from, valid_until); a name two cities used ("Centrum") spans
# both (DISTRICT_GAZETTEER tells them apart by city)
DISTRICTS: dict[str, tuple[str | None, str | None]] = {
    name: _span_of([d for d in DISTRICT_GAZETTEER if d.name == name])
    for name in dict.fromkeys(d.name for d in DISTRICT_GAZETTEER)
}


def districts_named(name: str, city: str | None = None, on: str | None = None) -> tuple[District, ...]:
    """The gazetteer's districts called ``name`` (canonical), optionally only those of
    ``city`` and those that existed on ISO date ``on``."""
    return tuple(
        d for d in DISTRICT_GAZETTEER
        if d.name == name and (city is None or d.city == city)
        and (on is None or ((d.valid_from is None or d.valid_from <= on) and (d.valid_until is None or on <= d.valid_until)))
    )


# --------------------------------------------------------------------------- bodies
# canonical name -> printed variants (besides the canonical name itself). Matching ignores
# the case of the first letter and accepts a genitive "-s".
BODIES: dict[str, tuple[str, ...]] = {
    "Kommunfullmäktige": ("Stockholms kommunfullmäktige",),
    "Kommunstyrelsen": (),
    "Stadsledningskontoret": (),
    "Revisionskontoret": (),
    "Kommunens revisorer": ("Stadens revisorer", "Revisorerna"),
    "Region Stockholm": ("Stockholms läns landsting",),
    "Regionen": (),
    "Regeringen": (),
    "Riksdagen": (),
    "Inspektionen för vård och omsorg": ("IVO",),
    "Socialstyrelsen": (),
    "Migrationsverket": (),
    "Polisen": ("Polismyndigheten",),
    "Polisregion Stockholm": (),
    "Statens institutionsstyrelse": ("SiS", "SIS"),
    "Länsstyrelsen": ("Länsstyrelsen i Stockholms län",),
    "Forte": ("Forskningsrådet för hälsa, arbetsliv och välfärd",),
    "Försäkringskassan": (),
    "Arbetsförmedlingen": (),
    "Skatteverket": (),
    "Kronofogden": ("Kronofogdemyndigheten",),
    "Kriminalvården": (),
    "Åklagarmyndigheten": (),
    "Folkhälsomyndigheten": (),
    "Skolverket": (),
    "Skolinspektionen": (),
    "Socialdepartementet": (),
    "Justitieombudsmannen": ("JO",),
    "Förvaltningsrätten i Stockholm": (),
    "Kammarrätten i Stockholm": (),
    # the court of the municipality's own district, named by its kind ("ansökan hos
    # förvaltningsrätten"); graf_bodies reads "Förvaltningsrätten i Luleå" from its shape
    "Förvaltningsrätten": (),
    "Kammarrätten": (),
    "Migrationsdomstolen": (),
    "Högsta förvaltningsdomstolen": ("HFD",),
    "Brottsförebyggande rådet": ("Brå", "BRÅ"),
    "Sveriges Kommuner och Regioner": ("SKR",),
    "Boverket": (),
    "Konsumentverket": (),
    "Myndigheten för delaktighet": ("MFD",),
    "Barnombudsmannen": (),
    "Statskontoret": (),
    "Pensionsmyndigheten": (),
    "Myndigheten för vård- och omsorgsanalys": ("Vårdanalys",),
    # more national agencies, courts and state bodies a municipal paper refers to (a closed
    # class: the state's agencies, not local names)
    "Trafikverket": (),
    "Transportstyrelsen": (),
    "Naturvårdsverket": (),
    "Livsmedelsverket": (),
    "Lantmäteriet": (),
    "Jordbruksverket": (),
    "Arbetsmiljöverket": (),
    "Läkemedelsverket": (),
    "Energimyndigheten": ("Statens energimyndighet",),
    "Havs- och vattenmyndigheten": (),
    "Myndigheten för samhällsskydd och beredskap": ("MSB",),
    "Integritetsskyddsmyndigheten": ("IMY", "Datainspektionen"),
    "Diskrimineringsombudsmannen": (),
    "E-hälsomyndigheten": (),
    "Specialpedagogiska skolmyndigheten": ("SPSM",),
    "Tillväxtverket": (),
    "Upphandlingsmyndigheten": (),
    "Riksantikvarieämbetet": (),
    "Kammarkollegiet": (),
    "Ekonomistyrningsverket": (),
    "Statens fastighetsverk": (),
    "Post- och telestyrelsen": ("PTS",),
    "Sjöfartsverket": (),
    "Trafikanalys": (),
    "Tandvårds- och läkemedelsförmånsverket": ("TLV",),
    "Statens kulturråd": ("Kulturrådet",),
    "Sametinget": (),
    "Riksrevisionen": (),
    "Skolväsendets överklagandenämnd": (),
    "Mark- och miljödomstolen": (),
    "Mark- och miljööverdomstolen": (),
    "Högsta domstolen": (),
    "Justitiekanslern": (),
    "Statens haverikommission": (),
    "Valmyndigheten": (),
    "Statens bostadsomvandling": (),
    "Stockholms universitet": (),
    "Karolinska institutet": (),
    "Stockholms läns sjukvårdsområde": ("SLSO",),
    "BUP Stockholm": (),
    "Bostadsförmedlingen i Stockholm AB": ("Bostadsförmedlingen", "Bostadsförmedlingen i Stockholm"),
    "AB Svenska Bostäder": ("Svenska Bostäder",),
    "AB Familjebostäder": ("Familjebostäder",),
    "AB Stockholmshem": ("Stockholmshem",),
    "Micasa Fastigheter i Stockholm AB": ("Micasa",),
    "Stockholms Stadshus AB": (),
    "Stockholm Vatten och Avfall AB": (),
    "Stockholms stads bostadsförmedling": (),
    "Juridiska avdelningen": (),
    "Stadsarkivet": (),
}


# --------------------------------------------------------------------------- institutions
# Heads of the words that say what kind of institution a proper name after them names
# ("Äldreboendet Solgläntan", "Dagcenter Tallen", "Stiftelsen Gröna Lyktan", "Restaurang
# Pelikanen"): a compound ending in one of them, capitalised, followed by a capitalised name.
INSTITUTION_HEADS: frozenset[str] = frozenset("""
    center centret centrum boende boendet hem hemmet gård gården skola skolan stiftelse stiftelsen
    förening föreningen förbund förbundet klubb klubben kooperativ kooperativet mottagning
    mottagningen vårdcentral vårdcentralen restaurang restaurangen café kafé
    pizzeria hotell hotellet teater teatern museum museet bibliotek biblioteket församling
    församlingen akademi akademin institut institutet
""".split())


# Of those, the heads of words for an association or a practice, which a place's or a name's
# genitive in front names ("Tallbackens intresseförening", "Ekbackens vårdcentral"); the
# genitive before a building or a farm ("Hjorthagens boende", "Orhems gård") names where it is.
ASSOCIATION_HEADS: frozenset[str] = frozenset("""
    förening föreningen stiftelse stiftelsen förbund förbundet klubb klubben kooperativ
    kooperativet vårdcentral vårdcentralen församling församlingen
""".split())


def is_association_type(word: str) -> bool:
    """Is ``word`` a word for an association or a practice ("intresseförening", "vårdcentralen")?"""
    low = word.lower()
    return any(low.endswith(h) for h in ASSOCIATION_HEADS)


def is_institution_type(word: str) -> bool:
    """Is ``word`` (any case) a word for a kind of institution: one of INSTITUTION_HEADS or a
    compound ending in one ("Äldreboendet", "Dagcenter", "Föreningen")?"""
    low = word.lower()
    return any(low.endswith(h) for h in INSTITUTION_HEADS)


# Heads of the words for a seat on a board or in an assembly ("Suppleant i Alingsås Energi AB",
# "Styrelseledamot i …"): the seat, not part of the name of the company after "i".
POSITION_HEADS: tuple[str, ...] = ("suppleant", "ledamot", "ersättare", "ordförande", "revisor", "ombud")


def is_position_word(word: str) -> bool:
    """Is ``word`` (any case) a seat on a board ("Suppleant", "styrelseledamot", "lekmannarevisor")?"""
    return word.lower().endswith(POSITION_HEADS)


# Abbreviations that end the name of a sports club ("Holmalunds IF", "Norrvik City FF"):
# idrottsförening, idrottsklubb, fotbollsförening, bollklubb …
CLUB_ABBREVIATIONS: frozenset[str] = frozenset("IF IK FF FK BK SK HK GIF AIK AIF BoIS GoIF IBK".split())
