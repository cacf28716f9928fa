"""Name and place lists for the demo data (see services.demo).

Invented people only: common South African first names and surnames, combined at
random, so no row is a real person. Places are real towns, townships and metros
with their province, postal code and landline area code.
"""

from __future__ import annotations

from typing import NamedTuple


class NameGroup(NamedTuple):
    language: str
    first_names: tuple[str, ...]
    surnames: tuple[str, ...]


NAME_GROUPS: dict[str, NameGroup] = {
    "zulu": NameGroup(
        "isiZulu",
        (
            "Thandeka", "Sipho", "Nomvula", "Lwazi", "Ntombizodwa", "Siyabonga", "Sibusiso",
            "Nokuthula", "Themba", "Zanele", "Bongani", "Mandla", "Nonhlanhla", "Thulani",
            "Ayanda", "Zodwa", "Nkosinathi", "Lindiwe", "Sifiso", "Andile", "Buhle",
            "Khanyisile", "Mthokozisi", "Nomsa", "Zinhle", "Sandile", "Thobeka", "Njabulo",
            "Gugulethu", "Hlengiwe", "Mfundo", "Snenhlanhla", "Dumisani", "Philani", "Zamokuhle",
            "Nosipho", "Sbongile", "Lungelo", "Xolile", "Nompumelelo",
        ),
        (
            "Nkosi", "Dlamini", "Mahlangu", "Ngcobo", "Khumalo", "Zulu", "Mkhize", "Ndlovu",
            "Mthembu", "Buthelezi", "Cele", "Zungu", "Shabalala", "Gumede", "Msomi", "Ntuli",
            "Hadebe", "Mthethwa", "Sithole", "Mabaso", "Xulu", "Ngubane", "Majola", "Mazibuko",
            "Mkhwanazi", "Nxumalo", "Madlala", "Ngema", "Khoza", "Mbatha",
        ),
    ),
    "xhosa": NameGroup(
        "isiXhosa",
        (
            "Lwandile", "Siphokazi", "Ayabonga", "Luyanda", "Xolani", "Unathi", "Lulama",
            "Vuyani", "Asanda", "Bulelani", "Nolitha", "Sinethemba", "Akhona", "Thandiwe",
            "Mzwandile", "Zukisa", "Yonela", "Anele", "Luvuyo", "Khanyiso", "Nomonde", "Sisipho",
            "Olwethu", "Lindokuhle", "Ntombekhaya", "Aviwe", "Sinazo", "Mncedisi", "Zintle",
            "Onke", "Babalwa", "Lonwabo",
        ),
        (
            "Ngcukana", "Qwabe", "Mgqweto", "Sogoni", "Jafta", "Gxowa", "Mabandla", "Ntshona",
            "Mafu", "Mpongo", "Dyantyi", "Ndamase", "Xaba", "Gqirana", "Ngqondo", "Makhaya",
            "Nodada", "Bam", "Tyali", "Matyila", "Qumbisa", "Gcaba", "Mqhayi", "Sityana",
            "Mbotshelwa", "Nombembe", "Ngxola", "Fani", "Msutwana", "Dlulane",
        ),
    ),
    "afrikaans": NameGroup(
        "Afrikaans",
        (
            "Anél", "Zoë", "Pieter", "Johan", "Marike", "Elmarie", "Riaan", "Hendrik", "Wilna",
            "Karien", "Gerrit", "Annelie", "Jaco", "Christo", "Liezl", "François", "Elsabé",
            "Reinhardt", "Danie", "Ilse", "Carien", "Rénier", "Hanlie", "Wynand", "Sunette",
            "André", "Mariët", "Chané", "Jürgen", "Marlé", "Gerhard", "Lizelle",
        ),
        (
            "van der Merwe", "Botha", "du Plessis", "Nel", "van Wyk", "Pretorius", "Steyn",
            "Venter", "Coetzee", "Fourie", "Joubert", "le Roux", "Kruger", "Swanepoel", "Smit",
            "Erasmus", "van Niekerk", "de Villiers", "Oosthuizen", "Lötter", "Müller",
            "Engelbrecht", "Cloete", "Snyman", "Bezuidenhout", "van Zyl", "Grobbelaar",
            "Pienaar",
        ),
    ),
    "cape": NameGroup(
        "Afrikaans",
        (
            "Ashwin", "Charlene", "Shireen", "Deon", "Lameez", "Faizel", "Tasneem", "Zaid",
            "Ra'eesa", "Clint", "Bernadette", "Waleed", "Nazeema", "Jerome", "Chantelle",
            "Ridwaan", "Bianca", "Marlon", "Fatima", "Gershwin",
        ),
        (
            "Adams", "Petersen", "Isaacs", "Hendricks", "Januarie", "Booysen", "Fortuin",
            "Daniëls", "Abrahams", "Jacobs", "Davids", "Salie", "Kleinhans", "Arendse",
            "Solomons", "Jansen", "Williams", "Februarie", "Samuels", "Cupido",
        ),
    ),
    "sotho": NameGroup(
        "Sesotho",
        (
            "Mpho", "Palesa", "Lerato", "Thabiso", "Karabo", "Teboho", "Lineo", "Refiloe",
            "Tshepo", "Limpho", "Nthabiseng", "Puleng", "Lebohang", "Motlatsi", "Bokang",
            "Mamello", "Tumelo", "Dineo", "Relebohile", "Mosa", "Nthati", "Thato", "Katleho",
            "Mpolokeng", "Rethabile", "Tsepang",
        ),
        (
            "Mokoena", "Mofokeng", "Nhlapo", "Tsotetsi", "Radebe", "Moloi", "Letsie", "Sello",
            "Mokhethi", "Ramokhele", "Motaung", "Lebona", "Makhetha", "Thamae", "Mohapi",
            "Sefako", "Mokhele", "Khanye", "Molapo", "Masilo", "Mothupi", "Tlali",
        ),
    ),
    "tswana": NameGroup(
        "Setswana",
        (
            "Reneilwe", "Kagiso", "Onkarabile", "Boitumelo", "Kabelo", "Tshepiso", "Goitsemang",
            "Lesego", "Masego", "Tebogo", "Oratile", "Omphile", "Keabetswe", "Gomolemo",
            "Kgomotso", "Neo", "Itumeleng", "Bonolo", "Katlego", "Pontsho", "Olerato",
            "Kelebogile", "Ofentse", "Tlotlo",
        ),
        (
            "Modise", "Molefe", "Mothibi", "Seleka", "Moagi", "Kgosana", "Tau", "Phiri",
            "Mokgosi", "Segale", "Setlhako", "Molokwane", "Moeng", "Gaeseng", "Diale",
            "Mokgatle", "Sebego", "Motswagae", "Pule", "Mooketsi", "Kgosietsile", "Rampa",
        ),
    ),
    "venda": NameGroup(
        "Tshivenda",
        (
            "Mashudu", "Ndivhuwo", "Rudzani", "Tshilidzi", "Khathutshelo", "Fulufhelo",
            "Ntsieni", "Livhuwani", "Azwinndini", "Takalani", "Lufuno", "Phathutshedzo",
            "Vhutshilo", "Murendeni", "Thendo", "Muofhe", "Rotondwa", "Mpfariseni", "Wanga",
            "Ndamulelo",
        ),
        (
            "Ramaano", "Mudau", "Nemukula", "Tshivhase", "Ravele", "Mulaudzi", "Nemavhola",
            "Munyai", "Ramabulana", "Netshiavha", "Maphaha", "Sikhwari", "Madzivhandila",
            "Tshikororo", "Mukhuba", "Rambau", "Nethengwe", "Ligege", "Nemakonde", "Mphaphuli",
        ),
    ),
    "pedi": NameGroup(
        "Sepedi",
        (
            "Mašego", "Lesiba", "Mahlatse", "Kamogelo", "Tshegofatšo", "Mokgadi", "Thabang",
            "Kgaogelo", "Tlou", "Mmathapelo", "Mothusi", "Lehlogonolo", "Morongwa", "Tumišo",
            "Phuti", "Mpho", "Nkateko",
        ),
        (
            "Mokwena", "Ledwaba", "Mphahlele", "Maake", "Mashaba", "Kekana", "Sebola",
            "Ramokgopa", "Mogale", "Mabotja", "Lekgothoane", "Mampuru", "Makgoba", "Mothapo",
            "Seshoka", "Maponya",
        ),
    ),
    "tsonga": NameGroup(
        "Xitsonga",
        (
            "Tsakani", "Hlulani", "Nhlanhla", "Vutomi", "Ntsako", "Hlengani", "Rhulani",
            "Xikombiso", "Kulani", "Nyiko", "Tiyani", "Mpumelelo", "Ntsakisi",
        ),
        (
            "Baloyi", "Mathebula", "Chauke", "Maluleke", "Shivambu", "Ngobeni", "Hlungwani",
            "Mabunda", "Rikhotso", "Novela", "Nkuna", "Khosa",
        ),
    ),
    "english": NameGroup(
        "English",
        (
            "Chloë", "Michael", "Sarah", "Jessica", "Bradley", "Candice", "Kyle", "Megan",
            "Liam", "Ashleigh", "Ryan", "Nicole", "Gareth", "Tamsin", "Shaun", "Kirsten",
            "Warren", "Leigh-Anne", "Bronwyn", "Craig", "Natasha", "Devon", "Jordan", "Kelly",
            "Nadia", "Rowan", "Siobhán", "Mary-Jane", "Duncan", "Claire",
        ),
        (
            "O'Connor", "Smith", "Williams", "Brown", "Jones", "Taylor", "McKenzie",
            "D'Almeida", "O'Reilly", "Fitzgerald", "Thompson", "Harris", "Mitchell", "Baker",
            "Da Costa", "Ferreira", "Wood", "Campbell", "Murray", "Stewart", "Hughes", "Reid",
        ),
    ),
    "indian": NameGroup(
        "English",
        (
            "Priya", "Kavitha", "Rajesh", "Priyanka", "Thiru", "Vishal", "Anusha", "Sashen",
            "Kershnee", "Yuvan", "Denisha", "Pravesh", "Nerisha", "Kamentha", "Suvendran",
            "Ashika",
        ),
        (
            "Naidoo", "Pillay", "Govender", "Reddy", "Moodley", "Chetty", "Padayachee",
            "Maharaj", "Singh", "Naicker", "Moonsamy", "Ramlall", "Sewpersad", "Munsamy",
        ),
    ),
}

# Short forms people go by; used as preferred_name now and then.
NICKNAMES: dict[str, str] = {
    "Sibusiso": "Sbu", "Thandeka": "Thandi", "Nkosinathi": "Nathi", "Siyabonga": "Siya",
    "Nokuthula": "Thuli", "Ntombizodwa": "Zodwa", "Mthokozisi": "Mthoko", "Gugulethu": "Gugu",
    "Snenhlanhla": "Sne", "Nompumelelo": "Mpume", "Lindokuhle": "Lindo", "Khathutshelo": "Khathu",
    "Phathutshedzo": "Phathu", "Tshegofatšo": "Tshego", "Lehlogonolo": "Lehlo",
    "Boitumelo": "Tumi", "Itumeleng": "Itu", "Nthabiseng": "Nthabi", "Reinhardt": "Reini",
    "François": "Frans", "Hendrik": "Henk", "Michael": "Mike", "Gerhard": "Gerrie",
    "Ashleigh": "Ash", "Natasha": "Tash", "Suvendran": "Suven", "Kgomotso": "Kgomo",
}


class Place(NamedTuple):
    name: str
    province: str
    postal_code: str
    area_code: str  # landline prefix after +27
    groups: tuple[tuple[str, int], ...]  # (name group, weight) of who lives there
    weight: int  # how many of the demo people live here, relatively


GP = "Gauteng"
WC = "Western Cape"
KZN = "KwaZulu-Natal"
EC = "Eastern Cape"
FS = "Free State"
NC = "Northern Cape"
NW = "North West"
MP = "Mpumalanga"
LP = "Limpopo"

_GAUTENG_MIX = (("zulu", 30), ("sotho", 20), ("tswana", 14), ("pedi", 10), ("xhosa", 8),
                ("tsonga", 6), ("venda", 4), ("english", 4), ("afrikaans", 2), ("indian", 2))
_CAPE_TOWNSHIP = (("xhosa", 85), ("sotho", 5), ("cape", 6), ("english", 4))
_CAPE_CITY = (("cape", 35), ("xhosa", 25), ("afrikaans", 15), ("english", 20), ("indian", 5))
_KZN_MIX = (("zulu", 85), ("xhosa", 4), ("indian", 6), ("english", 5))
_EC_MIX = (("xhosa", 85), ("cape", 5), ("english", 5), ("afrikaans", 5))
_FS_MIX = (("sotho", 70), ("tswana", 8), ("xhosa", 8), ("afrikaans", 10), ("english", 4))
_NC_MIX = (("tswana", 35), ("cape", 30), ("afrikaans", 20), ("xhosa", 10), ("english", 5))
_NW_MIX = (("tswana", 70), ("sotho", 10), ("afrikaans", 8), ("xhosa", 6), ("tsonga", 6))
_MP_MIX = (("zulu", 40), ("tsonga", 15), ("pedi", 15), ("sotho", 10), ("afrikaans", 10),
           ("english", 10))
_LP_MIX = (("pedi", 45), ("tsonga", 20), ("venda", 25), ("afrikaans", 5), ("english", 5))
_VENDA_MIX = (("venda", 75), ("tsonga", 10), ("pedi", 15))

PLACES: tuple[Place, ...] = (
    Place("Soweto", GP, "1804", "11", _GAUTENG_MIX, 14),
    Place("Johannesburg", GP, "2001", "11", (*_GAUTENG_MIX, ("english", 10)), 8),
    Place("Alexandra", GP, "2090", "11", _GAUTENG_MIX, 5),
    Place("Tembisa", GP, "1632", "11", _GAUTENG_MIX, 5),
    Place("Katlehong", GP, "1431", "11", _GAUTENG_MIX, 4),
    Place("Diepsloot", GP, "2189", "11", _GAUTENG_MIX, 3),
    Place("Pretoria", GP, "0002", "12", (*_GAUTENG_MIX, ("afrikaans", 15)), 6),
    Place("Mamelodi", GP, "0122", "12", _GAUTENG_MIX, 5),
    Place("Soshanguve", GP, "0152", "12", _GAUTENG_MIX, 3),
    Place("Cape Town", WC, "8001", "21", _CAPE_CITY, 7),
    Place("Khayelitsha", WC, "7784", "21", _CAPE_TOWNSHIP, 7),
    Place("Gugulethu", WC, "7750", "21", _CAPE_TOWNSHIP, 3),
    Place("Mitchells Plain", WC, "7785", "21", (("cape", 80), ("xhosa", 15), ("english", 5)), 5),
    Place("Stellenbosch", WC, "7600", "21", (("afrikaans", 40), ("cape", 35), ("xhosa", 25)), 2),
    Place("George", WC, "6530", "44", (("cape", 40), ("afrikaans", 30), ("xhosa", 30)), 1),
    Place("Durban", KZN, "4001", "31", (*_KZN_MIX, ("indian", 15), ("english", 5)), 7),
    Place("Umlazi", KZN, "4031", "31", _KZN_MIX, 6),
    Place("KwaMashu", KZN, "4360", "31", _KZN_MIX, 4),
    Place("Inanda", KZN, "4310", "31", _KZN_MIX, 2),
    Place("Pietermaritzburg", KZN, "3201", "33", _KZN_MIX, 3),
    Place("Richards Bay", KZN, "3900", "35", _KZN_MIX, 1),
    Place("Gqeberha", EC, "6001", "41", (*_EC_MIX, ("english", 10), ("afrikaans", 5)), 4),
    Place("KwaZakhele", EC, "6205", "41", _EC_MIX, 2),
    Place("Mthatha", EC, "5099", "47", (("xhosa", 95), ("english", 5)), 3),
    Place("East London", EC, "5201", "43", _EC_MIX, 2),
    Place("Mdantsane", EC, "5219", "43", (("xhosa", 95), ("sotho", 5)), 2),
    Place("Makhanda", EC, "6139", "46", _EC_MIX, 1),
    Place("Bloemfontein", FS, "9301", "51", _FS_MIX, 4),
    Place("Botshabelo", FS, "9781", "51", _FS_MIX, 2),
    Place("Phuthaditjhaba", FS, "9866", "58", (("sotho", 90), ("zulu", 10)), 1),
    Place("Welkom", FS, "9459", "57", _FS_MIX, 1),
    Place("Kimberley", NC, "8301", "53", _NC_MIX, 2),
    Place("Galeshewe", NC, "8345", "53", _NC_MIX, 1),
    Place("Upington", NC, "8801", "54", _NC_MIX, 1),
    Place("Mahikeng", NW, "2745", "18", _NW_MIX, 2),
    Place("Rustenburg", NW, "0299", "14", _NW_MIX, 2),
    Place("Potchefstroom", NW, "2531", "18", _NW_MIX, 1),
    Place("Klerksdorp", NW, "2571", "18", _NW_MIX, 1),
    Place("Mbombela", MP, "1200", "13", _MP_MIX, 2),
    Place("eMalahleni", MP, "1035", "13", _MP_MIX, 2),
    Place("KwaMhlanga", MP, "1022", "13", (("zulu", 70), ("pedi", 30)), 1),
    Place("Polokwane", LP, "0699", "15", _LP_MIX, 3),
    Place("Seshego", LP, "0742", "15", _LP_MIX, 1),
    Place("Thohoyandou", LP, "0950", "15", _VENDA_MIX, 2),
    Place("Giyani", LP, "0826", "15", (("tsonga", 85), ("venda", 10), ("pedi", 5)), 1),
    Place("Tzaneen", LP, "0850", "15", _LP_MIX, 1),
)

STREETS: tuple[str, ...] = (
    "Vilakazi Street", "Protea Road", "Jacaranda Avenue", "Church Street", "Station Road",
    "Ubuntu Crescent", "Masakhane Street", "Thokoza Drive", "Voortrekker Road", "Main Road",
    "Umngeni Road", "Lwandle Street", "Kgosi Street", "Mimosa Close", "Impala Road",
    "Msinga Street", "Lephalale Street", "Bluegum Avenue", "Marula Street", "Sisonke Road",
    "Khanya Street", "Tshwane Road", "Mokgopong Street", "Freedom Way",
)

UNIVERSITIES: tuple[str, ...] = (
    "Wits", "UCT", "UKZN", "University of the Free State", "Rhodes University",
    "North-West University", "University of Limpopo", "Nelson Mandela University",
    "Stellenbosch University", "UWC", "University of Venda", "Sol Plaatje University",
    "University of Mpumalanga", "Walter Sisulu University", "University of Johannesburg",
)

# Personal email domains: reserved example domains, so demo data can never mail a real person.
EMAIL_DOMAINS: tuple[str, ...] = (
    "example.com", "example.org", "example.net", "mail.example.org", "webmail.example.net",
)
