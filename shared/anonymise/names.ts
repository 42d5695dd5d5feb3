/**
 * Bundled name lists for the NAVN detector. Common names among pupils and adults in Vestfold og
 * Telemark: Norwegian first names and surnames (SSB name statistics, the most frequent names),
 * and first names and surnames common in the minority-language groups of the method (Somali,
 * Arabic/Syrian, Tigrinya/Eritrean, Polish, Lithuanian, Afghan/Dari). Spelling variants are
 * listed separately because transliteration varies (Mohamed/Mohammed/Muhammad).
 * Stored as one space-separated string per group to keep the file short; split once at load.
 */

const NORWEGIAN_FIRST = `
Aksel Alexander Alfred Ali Amalie Andrea Andreas Anders Anna Anne Anne-Lise Ane Arne Aron Astrid Atle Audun Aurora Axel
Bendik Benjamin Bente Berit Bjørn Bjørnar Brage Britt Camilla Carl Caroline Cecilie Christian Christina Christine Dag Daniel David Dina Edvard Eira
Eirik Eivind Elias Elin Elisabeth Ella Ellen Elise Emil Emilie Emma Erik Erlend Even Frida Fredrik Frode Geir Gro Gunhild Gunnar Guro Hanna Hanne
Hans Harald Hedda Hege Heidi Helene Helge Henrik Henny Herman Hilde Håkon Idun Ida Ine Inga Inger Ingrid Ingvild Isak Iver Jakob Jan Jenny Jens
Johan Johanne Johannes Jon Jonas Jonatan Jørgen Julie Kaja Kari Karin Karl Karoline Kasper Kathrine Kjell Knut Kristian Kristin Kristine Lars
Leah Lea Leon Lene Lilly Linn Linnea Liv Lotte Ludvig Lukas Magne Magnus Maja Malin Marcus Maren Mari Maria Marie Marianne Markus Marius Marit Martin
Martine Mathias Mats Mette Mia Mikkel Mina Mona Morten Nikolai Nils Nora Oda Odd Ola Olav Ole Oliver Olivia Oscar Oskar Pernille Peter Petter
Philip Ragnhild Randi Rasmus Rolf Ronja Rune Sander Sandra Sara Selma Sebastian Sigrid Sigurd Silje Simen Simon Sindre Siri Siv Sofie Sofia Solveig
Sondre Stian Stine Stig Sunniva Svein Synne Synnøve Sølvi Terje Thea Theodor Thomas Thor Tiril Tobias Tom Tone Tor Torbjørn Tore Trine Trond Tuva Tone
Vegard Vetle Vilde Viljar Villemo Vivian Wenche Yngve Øystein Øyvind Åse Åsmund Agnes Amanda Eline Emilia Filip Gabriel Hedvig Hermine Jostein Kine
Lise Live Marte Mathilde Mie Mille Nicolai Ruben Sivert Sunna Tiril Tonje Torstein Ulrik Vemund Vera Vilja Vilmer Ylva Åsne Kristoffer Birgitte Ingeborg
Eva Ellinor Gjermund Halvor Tormod Torleif Kjersti Unni Turid Jorunn Ragnar Leif Per Kim
Gunnvor Gunnvald Torgunn Sigrun Ragnfrid Åslaug Tarjei Eilev Aslak Gunvor Signe Solveig Borghild Herborg Jorun Tordis Torunn Margit Kjellaug
Marthe Jomar Wilmer Leander Adnan Ingebjørg Oddny Oddvar Steinar Svanhild Synøve Tora Tobine Teodor Vebjørn Eldar Embla Idunn Amund Håvard
`;

const IMMIGRANT_FIRST = `
Abdi Abdirahman Abdullahi Abdikarim Abdiaziz Ahmed Asad Ayaan Ayan Faadumo Fadumo Farah Hodan Hamza Hibaq Ilhan Ismail Khadra Ladan Mohamed Mohammed
Muhammad Muna Nasra Sahra Sagal Warsame Yusuf Zamzam Hawa Halima Ikram Liban Mahad Mukhtar Nimco Sucaad Deqa Idil Hanad Sacdiya Ubah Filsan Hamdi Ayanle
Ahmad Amal Amir Aya Bashar Fatima Fatma Hassan Hussein Ibrahim Jamal Karim Khaled Khalid Layla Leila Mahmoud Malak Mariam Mohammad Mustafa Nour Noor
Omar Rami Rana Reem Sami Samir Yara Yasmin Zainab Zaid Tariq Walid Hiba Rawan Lujain Joud Shahed Ghazal Rasha Youssef Yousef Majd Ammar Anas Aisha Aicha
Abel Aman Awet Berhane Biniam Dawit Eden Efrem Elsa Feven Filmon Freweyni Hagos Helen Kidane Kibrom Luwam Merhawi Meron Mussie Natnael Saba Samson
Selam Senait Tesfay Tekle Winta Yonas Yohannes Yordanos Mehari Haben Semhar Ruta Robel Nahom Aklilu Yemane Rahwa Feruz Mikiele
Tsegay Teklit Tsega Tesfalem Kiros Filimon Semere Mebrahtu Medhanie Ghirmay Goitom Hailemariam Tedros Temesgen Tekie Yosief Zerai Abrehet
Mehret Selamawit Tsehaye Luwam Eyerusalem Huruy Kibreab Mulugeta Gebre Teame Mussie Yemane Senay Simret Ariam Danait Delina
Agnieszka Aleksandra Bartosz Dawid Dominik Jakub Kacper Kamil Karolina Katarzyna Krzysztof Magdalena Marcin Mateusz Michał Natalia Oliwia Paulina
Piotr Szymon Tomasz Wiktoria Wojciech Zuzanna Łukasz Małgorzata Agata Julia Zofia Maciej Paweł Grzegorz Joanna Monika Adrian Igor Kinga Weronika
Aistė Algirdas Arnas Dovydas Egidijus Gabija Ieva Jurgita Justinas Kristina Mantas Matas Milda Rūta Tomas Vytautas Žygimantas Ugnė Austėja
Gintarė Darius Rokas Paulius Gediminas Deividas Eglė Greta Karolis Laurynas Viktorija Modestas
Aziz Farid Farzana Fereshta Hamid Hasina Hossein Jawad Karima Mahbooba Masoud Morteza Nargis Nasrin Parwana Reza Sadia Shabnam Shukria Sohrab
Zahra Zarghona Yasin Hakim Habib Khalil Wahid Samira Sima Shirin Roya Maryam Mahdi Mehdi Sajad Arash Parisa Mursal Bahar Hadi Elham Nilofar Zabihullah
Nguyen Linh Minh Anh Thanh Huong Duc Thu
`;

const NORWEGIAN_SURNAMES = `
Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Kristiansen Jensen Karlsen Johnsen Pettersen Eriksen Berg Haugen Hagen Johannessen Andreassen
Jacobsen Dahl Jørgensen Henriksen Lund Halvorsen Sørensen Jakobsen Moen Gundersen Iversen Strand Solberg Svendsen Eide Knutsen Martinsen Paulsen
Bakken Kristoffersen Mathisen Lie Amundsen Rasmussen Lunde Solheim Berge Moe Nygård Bakke Kristensen Fredriksen Holm Lien Hauge Christensen
Andresen Nielsen Knudsen Evensen Sæther Aas Myhre Hanssen Haugland Thomassen Sivertsen Simonsen Danielsen Berntsen Sandvik Rønning Arnesen
Antonsen Næss Vik Haug Ellingsen Thorsen Edvardsen Birkeland Isaksen Gulbrandsen Ruud Aasen Strøm Myklebust Tangen Ødegaard Ødegård Eliassen Helland
Bøe Jenssen Aune Mikkelsen Tveit Brekke Abrahamsen Madsen Nordmann Kvisle Tveiten Grønli Hovland Aasland Gjerde Nordby Flaten Fjeld Stensrud Skogen
Bergersen Ulriksen Torgersen Nordli Kittilsen Tufte Fosse Heggland Sunde Hove Lia Vold Wold Hegna Rui Grini Hjelle Tveito Bratsberg Bø
`;

const IMMIGRANT_SURNAMES = `
Abdi Ahmed Ali Mohamed Mohammed Hassan Hussein Omar Farah Warsame Jama Osman Nur Abdullahi Ibrahim Yusuf Isse Dahir Elmi Egal Hirsi Mohamud Aden
Guled Said Sheikh Haji Warsame Abdulle Barre
Al-Ahmad Alhassan Haddad Khalil Mansour Nasser Saleh Darwish Hamdan Kassem Khoury Halabi Sabbagh Masri Shami Hijazi Issa Othman Zaher Awad Al-Hussein
Tesfay Tekle Gebremedhin Gebreyesus Haile Berhe Kidane Tesfamariam Ghebremariam Woldu Negash Abraha Mehari Habte Araya Weldemichael Yemane Asfaha
Nowak Kowalski Kowalska Wiśniewski Wiśniewska Wójcik Kowalczyk Kamiński Kamińska Lewandowski Lewandowska Zieliński Szymański Woźniak Dąbrowski
Kozłowski Jankowski Mazur Kwiatkowski Krawczyk Piotrowski Grabowski Nowakowski Pawlak Michalski Król Wieczorek Jabłoński Wróbel Majewski
Kazlauskas Jankauskas Petrauskas Stankevičius Vasiliauskas Žukauskas Butkus Paulauskas Urbonas Kavaliauskas Kazlauskienė Jankauskienė
Petrauskienė Balčiūnas Navickas Rimkus Sakalauskas
Ahmadi Rahimi Hosseini Mohammadi Karimi Hashimi Sultani Rezaei Naziri Azizi Haidari Jafari Amiri Noori Sadat Popal Wardak Safi Stanikzai Rahmani
Habibi Qaderi Samadi Yousufi Nguyen Tran Pham
`;

function toSet(...lists: string[]): ReadonlySet<string> {
  const out = new Set<string>();
  for (const list of lists) for (const w of list.split(/\s+/)) if (w) out.add(w.normalize('NFC').toLocaleLowerCase('nb'));
  return out;
}

/** Lower-cased (nb), NFC. */
export const FIRST_NAMES: ReadonlySet<string> = toSet(NORWEGIAN_FIRST, IMMIGRANT_FIRST);
/** Lower-cased (nb), NFC. */
export const SURNAMES: ReadonlySet<string> = toSet(NORWEGIAN_SURNAMES, IMMIGRANT_SURNAMES);

/**
 * Names that are also ordinary Norwegian words (per, liv, dag, tor, bo …): sentence-initially they
 * are more likely the word, so they get a low confidence there.
 */
export const AMBIGUOUS_NAMES: ReadonlySet<string> = toSet(`
Per Liv Dag Tor Sol Siv Eli Ask Vår Bo Ole Kim Tom Mona Vera Eva Anna Ane Ella Lea Ida Mia Mie Live Mille Rune Ola Lie Lia Moe Vik Holm Berg Dahl Lund
Strand Bakken Bakke Haug Hove Rui Vold Wold Fjeld Skogen Aas Brekke Sunde Eide Tveit Lien Hagen Haugen Bø Nur Said Aman Eden Anh Thu Helen Sara Saba
Tran Julia Maja Lukas Magnus Jan Jonas Amal Even Inga Ine Eira Aurora Dina Mari Malin Gro Hans Idun Ruta Rūta
`);

/**
 * Listed names that are also ordinary lower-case words (Norwegian or English) beyond the
 * AMBIGUOUS_NAMES: written in lower case without a cue they rank low, never dropped.
 */
export const LOWER_COMMON: ReadonlySet<string> = toSet(`
Stig Odd Mine Storm Tone Kaja Vilde Vilja Mette Hege Trine Sami Bjørn Lunde Tangen Strøm Flaten Fosse Tufte Aune Berge Moen Nygård Sandvik
Hauge Helge Bahar Sol Siri Ask Lotte Mina Dina Amal Abel Rana Aya Noor Hadi Sima Ali Issa Said Mark Rose Dawn Grace Will Bill June Mai Juni
Even Eng Lia Rui Hove Vold Wold Fjeld Tveit Brekke Eide Lien Vik Holm Lund Strand Bakken Bakke Haug Haugen Hagen Skogen Aas Sunde Berg Dahl
Moe Lie Bø Nur Aman Eden Helen Anh Thu Linh Minh Duc Thanh Tran Inga Ine Ane Lea Live Mille Rune Vera Mona Tom Per Liv Dag Tor Siv Vår Bo
Gro Hans Ruta Kim Eli Ella Ida Mia Mie
`);

/**
 * Capitalised words that start sentences or name institutions and must never count as names on
 * their own (pronouns, conjunctions, kin words, places and services that appear in every interview).
 */
export const NOT_NAMES: ReadonlySet<string> = toSet(`
Jeg Du Han Hun Vi Dere De Den Det Dette Disse Der Her Hva Hvem Hvor Hvorfor Hvordan Når Og Men Så Da Eller For Fordi At Som Om Hvis Ja Nei Nå Kanskje
Altså Liksom Egentlig Jo Vel Okei Ok Greit Mm Mhm Hm Eh Ehm Øh Ah Ja-Ja Nja Nei-Nei Takk Hei Ha Bare Også Ikke Alle Mange Noen Ingen Hele Etter
Før Med Til Fra På Av Ved Uten Mot Over Under Inn Ut Opp Ned Sånn Slik Litt Mye Helt Ganske Veldig Mest Første Andre Tredje Siste Neste Min Mitt
Mine Din Ditt Dine Hans Hennes Vår Vårt Våre Deres Mamma Pappa Mor Far Bror Søster Bestemor Bestefar Farmor Farfar Mormor Morfar Onkel Tante
Rådgiver Rådgiveren Lærer Læreren Kontaktlærer Kontaktlæreren Helsesykepleier Helsesykepleieren Miljøterapeut Trener Treneren Sjef Sjefen Elev
Elever Elevene Klassen Skolen Skole Nav Ot Ppt Vg Vgs Ungdomsskole Videregående Intervjuer Informant Deltaker Moderator Kommunen Fylket
Norge Norsk Norden Europa Afrika Asia Somalia Syria Eritrea Polen Litauen Afghanistan Etiopia Irak Iran Skien Porsgrunn Bamble Kragerø Notodden
Tønsberg Larvik Sandefjord Horten Holmestrand Færder Telemark Vestfold Oslo Bergen Drammen Google Instagram Snapchat Facebook Tiktok Youtube Teams
Zoom Vigo Utdanning Vilbli Gud Allah Jesus Ramadan Eid Jul Påske Mandag Tirsdag Onsdag Torsdag Fredag Lørdag Søndag Januar Februar Mars April Mai
Juni Juli August September Oktober November Desember Koronaen Korona Covid Lånekassen Ungdata Intervju Spørsmål Svar Eksempel Kanskje Hmm
Dessuten Samtidig Ellers Likevel Uansett Derfor Selv Selvfølgelig Absolutt Klart Riktig Feil Sikkert Tja Åh Oi Wow Yes Nope Sorry Hallo Heisann
Engelsk Matte Gym Naturfag Samfunnsfag Historie Norsk Tysk Spansk Fransk Arabisk Somalisk Tigrinja Polsk Dari Pashto Kunst Musikk Helse Bygg
Elektro Restaurant Teknikk Salg Service Studiespesialisering Yrkesfag Påbygg Lærling Lærlingplass Lærebedrift Praksis Utplassering Hospitering
Advokat Advokaten Lege Legen Tolk Tolken Saksbehandler Saksbehandleren Rektor Rektoren Assistent Assistenten Sjefen Bedriften
Politiet Barnevernet Kommunen Udi Skatteetaten Mottaket Ledelsen Veileder Veilederen Miljøterapeuten Helsesøster Onkelen Tanten Kona Mannen
Første Andre Ene Begge Hver Enhver Hvilken Hvilke Akkurat Plutselig Tidligere Senere Etterpå Endelig Heldigvis Dessverre Iallfall Iblant
`);

/** Norwegian place names common in the region, used to raise the confidence of "postcode place". */
export const PLACES: ReadonlySet<string> = toSet(`
Skien Porsgrunn Bamble Langesund Stathelle Kragerø Drangedal Nome Lunde Ulefoss Bø Sauherad Notodden Tinn Rjukan Hjartdal Seljord Kviteseid Nissedal
Fyresdal Tokke Dalen Vinje Åmot Siljan Tønsberg Larvik Sandefjord Horten Holmestrand Færder Nøtterøy Tjøme Re Revetal Stavern Stokke Andebu Svelvik
Hof Lardal Brunlanes Helgeroa Kodal Melsomvik Oslo Bergen Trondheim Stavanger Drammen Kristiansand Fredrikstad Sarpsborg Moss Hamar Lillehammer Arendal
Grimstad Gjøvik Kongsberg Hokksund Bærum Asker Sandvika Lillestrøm Ski Tromsø Bodø Ålesund Molde Haugesund Gulset Herøya Brevik Heistad Eidanger
`);
