# status: machine draft
# Romanian translation of en.ftl. A fluent speaker has not yet checked it.

## Every page

layout-skip = Treceți la conținutul principal
layout-quick-exit = Părăsiți rapid acest site
layout-quick-exit-hint = Tastatură: tasta de acces X.
layout-staying-safe = Siguranța online
layout-languages = Alegeți o limbă
layout-main-nav = Meniu principal
layout-account = Contul dumneavoastră ({ $name })
layout-concerns = Semnalările dumneavoastră
layout-sign-out = Deconectare
layout-sign-in = Conectare
layout-footer = Peel este un program open-source pentru siguranța comunității. Dacă sunteți în pericol acum, sunați la 999. Pentru a raporta ceva care nu este o urgență, sunați la 101.
error-summary-title = A apărut o problemă
error-prefix = Eroare:
optional = (opțional)
continue = Continuați
nothing-saved = Nimic din ce ne-ați spus nu a fost salvat.

## The start page

start-title = Raportați o infracțiune sau un incident
start-heading = Raportați o infracțiune sau ceva care vă îngrijorează
start-intro = Folosiți acest serviciu pentru a anunța poliția din Londra despre o infracțiune sau un incident. Durează aproximativ 5 minute. Puteți rămâne anonim.
start-danger-warning = Dacă sunteți în pericol acum sau dacă o infracțiune are loc chiar acum, sunați la 999.
start-silent-999 = Dacă nu puteți vorbi, sunați la 999 și apăsați 55 când vi se cere.
start-danger-question = Este cineva în pericol chiar acum?
start-danger-yes = Da, cineva este în pericol acum
start-danger-no = Nu
start-danger-missing = Alegeți „Da” dacă cineva este în pericol chiar acum
start-already = Ați raportat deja ceva?
start-check-progress = Verificați stadiul unui raport
start-worried = Vă temeți că cineva poate vedea ce faceți pe acest telefon sau calculator?

## The 999 page

emergency-title = Sunați acum la 999
emergency-call-now = Dacă cineva este în pericol, sunați imediat la 999.
emergency-not-form = Nu folosiți acest formular: s-ar putea ca nimeni să nu-l citească o vreme.
emergency-silent = Dacă nu puteți vorbi la telefon, sunați la 999, ascultați întrebările și apăsați 55. Veți fi pus în legătură cu poliția.
emergency-text = Dacă sunteți surd sau aveți probleme de auz, trimiteți un SMS la 999 (mai întâi trebuie să vă înregistrați trimițând mesajul "register" la 999).
emergency-continue = Am sunat la 999 sau nimeni nu este în pericol acum: continuați cu raportul

## Asked again: words of present danger

danger-title = Sunteți în siguranță chiar acum?
danger-call-999 = Dacă dumneavoastră sau altcineva sunteți în pericol acum, sunați la 999.
danger-not-saved = Nimic din ce ne-ați spus nu a fost salvat încă.
danger-you-said = Ați spus că nimeni nu este în pericol acum, dar ce ați scris arată că cineva ar putea fi:
danger-reason-in-progress = s-ar putea să se întâmple încă
danger-reason-danger-to-life = viața cuiva ar putea fi în pericol
danger-reason-self-harm = cineva ar putea fi în pericol să își facă rău
danger-goes-straight = Dacă trimiteți raportul, acesta ajunge direct la persoanele care răspund la apelurile către poliție, la orice oră, precum și la echipa dumneavoastră locală.
danger-send = Nimeni nu este în pericol acum: trimiteți raportul meu
danger-change = Înapoi, pentru a-mi schimba răspunsurile

## Staying safe online

safe-intro = Dacă cineva poate vedea ce faceți pe acest telefon sau calculator, acești pași vă ajută să păstrați vizita confidențială.
safe-leave-heading = Plecați rapid
safe-leave = Fiecare pagină a acestui serviciu are sus un link roșu „Părăsiți rapid acest site”. Acesta deschide o pagină cu vremea. Tasta de acces X de pe tastatură face același lucru: pe majoritatea calculatoarelor țineți apăsat Alt (pe Mac, Control și Option) și apăsați X.
safe-private-heading = Folosiți o fereastră privată
safe-private = O fereastră privată sau incognito nu păstrează în istoric paginile pe care le vizitați. Deschideți una din meniul browserului înainte de a reveni la acest serviciu.
safe-history-heading = Ștergeți istoricul
safe-history = Dacă nu ați folosit o fereastră privată, ștergeți acest serviciu din istoricul browserului: deschideți istoricul din meniul browserului și ștergeți paginile acestui site. Ștergerea doar a unor pagini se observă mai puțin decât ștergerea întregului istoric.
safe-shared-heading = Dacă altcineva vă poate vedea telefonul sau mesajele
safe-shared = Când faceți raportul, bifați „Altcineva îmi poate vedea telefonul sau mesajele”. Atunci vă vom trimite doar un mesaj scurt care nu pomenește poliția sau raportul dumneavoastră, de la o adresă sau un număr care nu le pomenește nici ele, și doar în modurile pe care le-ați indicat ca sigure. Nu trebuie să păstrați nimic din ce vă arătăm.

## The home page and the error page

home-intro = Peel ajută poliția din Londra și partenerii ei să prevină răul, să răspundă rapid și să împărtășească informații în siguranță.
home-danger = Dacă sunteți în pericol acum, sunați la 999.
home-staff = Personal, polițiști, voluntari și parteneri de încredere:
error-start-page = Mergeți la pagina de început

## The report form

form-title = Spuneți-ne ce s-a întâmplat
form-intro = Întrebările marcate ca opționale pot fi lăsate necompletate. Restul sunt necesare. Vă puteți verifica răspunsurile înainte de a le trimite.
form-description = Ce s-a întâmplat?
form-description-hint = Includeți ce ați văzut sau auzit și orice știți despre persoanele implicate. Maximum 4.000 de caractere.
form-category = Ce fel de întâmplare a fost?
form-when = Când s-a întâmplat?
form-when-hint = De exemplu, 25 11 2026. Dacă nu sunteți sigur, scrieți data cea mai probabilă.
form-day = Ziua
form-month = Luna
form-year = Anul
form-time = Ora (opțional)
form-time-hint = Ora în format de 24 de ore, de exemplu 21:30.
form-where = Unde s-a întâmplat?
form-where-postcode = Într-un loc cu cod poștal
form-postcode = Cod poștal
form-where-address = Știu strada sau locul, dar nu și codul poștal
form-address = Strada sau locul
form-where-online = S-a întâmplat online (de exemplu pe un site, pe rețelele sociale sau într-un mesaj)
form-role = Care este legătura dumneavoastră cu această întâmplare?
form-targeted-before = Mi s-a mai întâmplat și înainte (opțional)
form-anonymous = Doriți să rămâneți anonim?
form-anonymous-hint = Dacă rămâneți anonim, nu vă vom păstra numele sau datele de contact și nu vă vom putea contacta. Puteți verifica în continuare stadiul raportului cu numărul de referință.
form-anonymous-no = Nu, mă puteți contacta
form-anonymous-yes = Da, vreau să rămân anonim
form-anonymous-missing = Alegeți dacă doriți să rămâneți anonim
form-contact-heading = Cum vă putem contacta
form-contact-intro = Nu completați această parte dacă ați ales să rămâneți anonim.
form-name = Numele dumneavoastră (opțional)
form-email = Adresa de e-mail
form-phone = Numărul de telefon
form-safe = Cum este sigur să vă contactăm? (opțional)
form-safe-hint = Vom folosi doar modurile pe care le bifați. Dacă nu bifați niciunul, nu vă vom trimite nimic până când un polițist nu vă întreabă cum este sigur să luăm legătura.
form-safe-email = E-mail
form-safe-phone = Apel telefonic
form-safe-text = SMS
form-no-voicemail = Nu lăsați mesaj vocal
form-shared-device = Altcineva îmi poate vedea telefonul sau mesajele
form-safe-times = Când este sigur să vă contactăm? (opțional)
form-safe-times-hint = De exemplu, în zilele lucrătoare între 9:00 și 15:00.
form-language = În ce limbă doriți să vă scriem?
form-language-hint = Vă vom scrie în această limbă când putem și vom găsi un interpret dacă aveți nevoie.
form-language-other = Dacă limba dumneavoastră nu este în listă, scrieți-o aici (opțional)
form-community = Cum ați descrie comunitatea dumneavoastră? (opțional)
form-community-hint = De exemplu grupul etnic, religia sau altă comunitate din care faceți parte. Folosim aceste date doar pentru a număra cât de bine servim fiecare comunitate, niciodată pentru a decide ce se întâmplă cu raportul dumneavoastră. Lăsați câmpul gol sau scrieți „prefer să nu spun”.
form-date-not-real = Introduceți o dată reală, cu ziua, luna și anul în cifre, iar ora (dacă o dați) în ore și minute
role-victim = Mi s-a întâmplat mie
role-witness = Am văzut cum s-a întâmplat
role-third-party = Raportez în numele altcuiva

## Categories

category-anti-social-behaviour = Comportament antisocial
category-bicycle-theft = Furt de bicicletă
category-burglary = Spargere
category-criminal-damage-arson = Distrugere de bunuri sau incendiere
category-drugs = Droguri
category-other-theft = Alt tip de furt
category-possession-of-weapons = Cineva poartă o armă
category-public-order = Tulburarea ordinii publice
category-robbery = Tâlhărie
category-shoplifting = Furt din magazin
category-theft-from-the-person = Furt de la o persoană (de exemplu din buzunar)
category-vehicle-crime = Infracțiune legată de vehicule
category-violent-crime = Violență sau infracțiune sexuală
category-other-crime = Altă infracțiune
category-fraud = Fraudă sau înșelătorie
category-online-abuse = Abuz sau hărțuire online
category-domestic-abuse = Violență domestică
category-hate-incident = Infracțiune sau incident motivat de ură
category-not-sure = Nu sunt sigur

## Problems with answers (one per code in peel_core::submission::PROBLEM_CODES and
## peel_app::concerns::PROBLEM_CODES)

problem-too-long = Acest răspuns trebuie să aibă cel mult { $max } caractere
problem-bad-characters = Acest răspuns conține caractere care nu pot fi salvate
problem-description-missing = Spuneți-ne ce s-a întâmplat
problem-category-missing = Alegeți ce fel de întâmplare a fost sau alegeți „Nu sunt sigur”
problem-occurred-missing = Introduceți când s-a întâmplat
problem-occurred-future = Data și ora întâmplării trebuie să fie în trecut
problem-occurred-too-old = Data întâmplării trebuie să fie în ultimii 20 de ani
problem-role-missing = Alegeți dacă vi s-a întâmplat dumneavoastră, dacă ați văzut întâmplarea sau dacă raportați în numele altcuiva
problem-email-format = Introduceți o adresă de e-mail în formatul corect, de exemplu name@example.com
problem-phone-format = Introduceți un număr de telefon, de exemplu 07700 900 982 sau +44 7700 900 982
problem-anonymous-with-details = Ați ales să rămâneți anonim, deci nu scrieți numele și datele de contact, sau alegeți să nu rămâneți anonim
problem-contact-missing = Dați o adresă de e-mail sau un număr de telefon ca să vă putem contacta, sau alegeți să rămâneți anonim
problem-safe-channel-unknown = Nu vă putem contacta în acest mod
problem-safe-channel-needs-email = Ați spus că e-mailul este sigur: dați o adresă de e-mail sau debifați această opțiune
problem-safe-channel-needs-phone = Ați spus că un apel telefonic sau un SMS este sigur: dați un număr de telefon sau debifați această opțiune
problem-location-several = Dați un singur loc: un cod poștal, o adresă sau faptul că s-a întâmplat online
problem-location-point = Punctul de pe hartă nu este un loc real
problem-postcode-invalid = Introduceți un cod poștal real, de exemplu SW1A 2AA
problem-location-missing = Spuneți-ne unde s-a întâmplat: un cod poștal, o adresă sau faptul că s-a întâmplat online
problem-codeword-unknown = Alegeți un cuvânt-cod din listă sau niciunul
problem-person-present-missing = Spuneți dacă persoana este cu dumneavoastră acum
problem-called-999-missing = Spuneți dacă s-a sunat la 999
problem-consent-missing = Spuneți dacă persoana a fost de acord să fie transmise aceste informații
problem-what-happened-missing = Spuneți ce ați văzut sau ce vi s-a spus
problem-sent-by-missing = Dați numele de utilizator al angajatului instruit de la care vine această semnalare
problem-sent-by-unknown = Acesta nu este unul dintre conturile de intermediar ale organizației dumneavoastră

## The progress page

status-report = Raportul { $reference }
status-where = Stadiul
status-team = Echipa
status-received = Primit
status-next-update = Următoarea informare
status-when-news = Când vor exista noutăți
status-outcome = Rezultat:
status-updates = Informări
status-no-updates = Încă nu există informări.
status-tell-heading = Spuneți-ne mai multe, răspundeți sau cereți să vă sunăm
status-tell-intro = Ce trimiteți ajunge la polițistul care se ocupă de raportul dumneavoastră. Vă vom contacta doar în modurile pe care le-ați indicat ca sigure.
status-kind = Ce doriți să faceți?
status-kind-information = Adăugați informații
status-kind-reply = Răspundeți la o informare
status-kind-call-back = Cereți să vă sunăm înapoi
status-message = Mesajul dumneavoastră
status-call-back-when = Dacă doriți să vă sunăm înapoi: când este sigur să vă sunăm?
status-call-back-hint = De exemplu, în zilele lucrătoare între 10:00 și 14:00.
status-send = Trimiteți
status-reference = Număr de referință
status-reference-hint = De exemplu, 7KQM-3X9P-D
status-code = Cod de stadiu
status-code-hint = Patru grupuri de litere și cifre, de exemplu ABCD-EFGH-JKMN-P7. Cu litere mari sau mici, cu sau fără cratime.
status-check = Verificați stadiul
stage-new = Primit: așteaptă să fiți contactat
stage-contacted = Am luat legătura cu dumneavoastră
stage-in_progress = Se analizează
stage-closed = Închis
stage-case-open = Un polițist a preluat raportul dumneavoastră
stage-case-investigating = Se investighează
stage-case-safeguarding = Lucrăm pentru a vă ține în siguranță
stage-case-closed = Închis
stage-case-merged = Se analizează împreună cu un raport legat de acesta

## The satisfaction survey

survey-title = Cum ne-am descurcat?
survey-thanks = Vă mulțumim
survey-thanks-text = Răspunsurile dumneavoastră ne ajută să vedem cât de bine servim fiecare parte a Londrei. Ele sunt numărate doar împreună cu ale altor persoane.
survey-intro = Patru întrebări despre cum ne-am ocupat de ce ați raportat. Nu trebuie să vă conectați. Răspunsurile dumneavoastră sunt numărate doar împreună cu ale altor persoane și nu sunt arătate niciodată împreună cu numele sau raportul dumneavoastră.
survey-ease = Cât de mulțumit ați fost de cât de ușor a fost să ne contactați?
survey-kept_informed = Cât de mulțumit ați fost de cât de bine v-am ținut la curent?
survey-treatment = Cât de mulțumit ați fost de felul în care ați fost tratat?
survey-whole_experience = Luând în considerare întreaga experiență, cât de mulțumit ați fost de serviciul pe care vi l-am oferit?
scale-5 = Foarte mulțumit
scale-4 = Destul de mulțumit
scale-3 = Nici mulțumit, nici nemulțumit
scale-2 = Destul de nemulțumit
scale-1 = Foarte nemulțumit
survey-comment = Mai doriți să ne spuneți ceva? (opțional)
survey-send = Trimiteți răspunsurile
status-sent = Trimis polițistului care se ocupă de raportul dumneavoastră.
status-sent-call-back = Trimis. Vă vom suna înapoi la ora indicată, în modurile pe care le-ați indicat ca sigure.
status-not-found = Nu am găsit niciun raport cu acest număr de referință și acest cod de stadiu. Verificați-le pe amândouă și încercați din nou
status-kind-missing = Alegeți ce doriți să faceți

## Check your answers

answers-title = Verificați-vă răspunsurile înainte de a trimite raportul
answers-intro = Nu s-a trimis încă nimic. Schimbați orice nu este corect, apoi trimiteți raportul.
answers-change = Schimbați
answers-yes = Da
answers-no = Nu
answers-none = Nu s-a completat
answers-online = Online
answers-send = Trimiteți raportul
answers-declaration = Când trimiteți acest raport, el ajunge la poliția din Londra. Îl păstrăm în siguranță și îl folosim doar pentru a ne ocupa de ce ați raportat.
answers-ways = Moduri sigure de a vă contacta

## After sending

done-title = Raportul a fost trimis
done-reference = Numărul dumneavoastră de referință este
done-shared-heading = Ați spus că altcineva vă poate vedea telefonul sau mesajele
done-shared = De aceea nu vom pune niciodată nimic despre poliție sau despre raportul dumneavoastră într-un mesaj către dumneavoastră: doar un mesaj neutru, și doar în modurile pe care le-ați indicat ca sigure. Nu trebuie să păstrați nimic de pe această pagină. Un polițist va lua legătura cu dumneavoastră în siguranță.
done-shared-code = Dacă este sigur să îl păstrați, puteți folosi acest cod de stadiu împreună cu numărul de referință pentru a vedea stadiul, a adăuga informații sau a cere să vă sunăm înapoi. Nu îl mai putem afișa încă o dată.
done-show-code = Arătați-mi codul de stadiu
done-status-code = Cod de stadiu:
done-keep-heading = Păstrați-le în siguranță
done-keep = Pentru a verifica stadiul, a adăuga informații sau a cere să vă sunăm înapoi, aveți nevoie de numărul de referință și de acest cod de stadiu. Îl puteți citi cu voce tare sau îl puteți scrie. Nu îl mai putem afișa încă o dată.
done-next-heading = Ce urmează
done-team = Raportul dumneavoastră a fost trimis la: { $team }.
done-update-by = Vă vom trimite o informare până la { $due }.
done-danger = Dacă cineva este în pericol, sunați la 999.
done-see-progress = Vedeți stadiul acestui raport
done-support-heading = Ajutor pe care îl puteți primi acum
done-support-intro = Aceste servicii sunt gratuite și confidențiale. Le puteți contacta indiferent ce se întâmplă cu raportul dumneavoastră.
support-victim-support = Sprijin gratuit și confidențial pentru oricine a fost afectat de o infracțiune, disponibil zi și noapte, în fiecare zi.
support-domestic-abuse = Sprijin gratuit și confidențial pentru oricine trece prin violență domestică, la orice oră. Cereți să fiți sunat înapoi la o oră care este sigură.
support-nspcc = Sfaturi dacă vă îngrijorează un copil, inclusiv abuzul online.
support-action-fraud = Centrul național pentru raportarea fraudelor și a infracțiunilor informatice.
support-stop-scams = Sunați la 159 pentru a vă contacta banca în siguranță dacă credeți că un apel sau un mesaj despre banii dumneavoastră este o înșelătorie.
support-samaritans = Cineva cu care să vorbiți, la orice oră, orice ați trăi.

## Trusted intermediaries: the concern form

concern-title = Transmiteți o semnalare
concern-intro = Pentru personalul instruit al unei farmacii, unui salon, unei școli, unui cabinet medical, unui grup religios, unui birou de locuințe, unui local autorizat sau unui club de tineret înregistrat. Durează aproximativ două minute. Întrebați doar ce este necesar: nu trebuie să aflați mai mult.
concern-999 = Dacă cineva este în pericol acum, sunați mai întâi la 999.
concern-cannot-send = Nu puteți trimite încă o semnalare.
concern-urgent = Dacă cineva este în pericol acum, sunați la 999. Altfel, sunați la 101 și spuneți că sunteți un intermediar de încredere.
concern-present = Persoana este cu dumneavoastră acum?
concern-codeword = A folosit un cuvânt-cod?
concern-codeword-hint = De exemplu, a cerut „ANI” la o farmacie sau a întrebat de „Angela” la un bar.
concern-codeword-none = Niciun cuvânt-cod
concern-called-999 = S-a sunat la 999?
concern-consent = Persoana a fost de acord să transmiteți aceste informații poliției?
concern-what = Ce ați văzut sau ce vi s-a spus?
concern-what-hint = Cu cuvintele persoanei, dacă puteți. Maximum 4.000 de caractere.
concern-about = Despre cine este vorba? (opțional)
concern-where = Unde s-a întâmplat sau unde vă aflați?
concern-where-hint = Un cod poștal sau strada ori locul.
concern-contact-heading = Este sigur să contactăm persoana și cum?
concern-contact-intro = Dați doar ce a spus persoana că este sigur. Dacă nu este sigur să o contactăm direct, nu completați această parte: vă vom suna pe dumneavoastră înapoi.
concern-their-name = Numele persoanei (opțional)
concern-safe = Ce moduri sunt sigure? (opțional)
concern-shared-device = Altcineva poate vedea telefonul sau mesajele persoanei
concern-send = Trimiteți semnalarea
concern-sent-title = Semnalarea a fost trimisă
concern-call-back = Un operator vă va suna înapoi la { $phone } în cel mult { $minutes } minute. Rămâneți cu persoana dacă puteți.
concern-procedure = Ce trebuie să faceți acum ({ $codeword })
concern-what-you-see = Veți vedea că semnalarea a fost primită și când s-a acționat. Pentru a proteja persoana, nu veți vedea ce se întâmplă după aceea.
concern-another = Transmiteți o altă semnalare
concerns-intro = Semnalările pe care le-ați transmis, cele mai noi primele.
concerns-none = Nu ați transmis încă nicio semnalare.
concerns-caption = Semnalări transmise de dumneavoastră
concerns-state = Stadiul
concerns-received = Primită
concerns-acted-on = S-a acționat

## Mesaje către persoanele care au făcut un raport (căsuța de ieșire): subiectele și textul e-mailurilor, și mesajele text

outbox-ack-subject = Raportul dumneavoastră { $reference }
outbox-ack-body = Vă mulțumim. Raportul dumneavoastră { $reference } a ajuns la: { $team }.
outbox-ack-update = Vă vom trimite o informare până la { $due }.
outbox-ack-status = La { $status } puteți vedea stadiul raportului, puteți adăuga informații sau puteți cere să vă sunăm înapoi, folosind numărul de referință și codul de stadiu pe care l-ați primit.
outbox-update-subject = O informare despre raportul dumneavoastră { $reference }
outbox-update-footer = La { $status } puteți răspunde, adăuga informații sau cere să vă sunăm înapoi.
outbox-evidence-subject = Fotografii sau filme pentru raportul { $reference }
outbox-evidence-body = Le puteți trimite aici, de pe telefon sau calculator: { $link } Linkul funcționează o singură dată, până la { $until }. Păstrați originalele pe dispozitiv.
outbox-neutral-subject = Un mesaj pentru dumneavoastră
outbox-neutral-body = Bună ziua. Aveți un mesaj nou. Citiți-l în modul obișnuit atunci când este sigur să o faceți.
outbox-closed = Cazul dumneavoastră a fost închis. Rezultatul: { $outcome }.
outbox-survey-body = Cazul dumneavoastră a fost închis. Vă rugăm să ne spuneți cum ne-am descurcat: patru întrebări, fără autentificare. Răspunsurile sunt numărate doar împreună cu ale altora și nu sunt arătate niciodată cu numele dumneavoastră.

## Voluntariat: pagina publică, cererea și stadiul ei

vol-title = Faceți voluntariat alături de poliția din Londra
vol-intro = Localnicii care au abilități de oferit ajută poliția să prevină răul și să sprijine victimele: securizează conturile unei victime a unei înșelătorii, vizitează o persoană a cărei locuință a fost spartă, fac interpretariat, lucrează cu tinerii. Unii dintre ei sunt polițiști voluntari, cu puterile unui polițist.
vol-wanted-heading = Pe cine căutăm
vol-wanted-languages = Persoane care vorbesc limbile vorbite în Londra
vol-involves-heading = Ce presupune
vol-involves-vetting = Vă verificăm abilitățile la organismul profesional din care faceți parte și vă verificăm integritatea, iar ambele verificări sunt reluate periodic.
vol-involves-training = Urmați instruirea necesară pentru activitatea pe care o desfășurați, o parte din ea sub supraveghere, la locul de muncă.
vol-involves-tasks = Alegeți sarcinile pe care le acceptați, aproape de dumneavoastră și când aveți timp, iar un coordonator vă informează înaintea fiecăreia.
vol-involves-special = Polițiștii voluntari trebuie să aibă cel puțin 18 ani, iar unele ocupații și afaceri nu pot fi combinate cu acest rol: verificăm acest lucru când depuneți cererea.
vol-apply = Depuneți o cerere de voluntariat
vol-already = Ați depus deja o cerere?
vol-check-status = Verificați stadiul cererii
vol-apply-intro = Durează aproximativ 10 minute. Folosim informațiile pe care ni le dați doar pentru a vă analiza cererea și, dacă vă alăturați, pentru a vă repartiza sarcini potrivite.
vol-name = Numele dumneavoastră complet
vol-email = Adresa de e-mail
vol-phone = Numărul de telefon (opțional)
vol-postcode = Codul poștal al locuinței dumneavoastră
vol-applying-as = Cum doriți să ajutați?
vol-as-volunteer = Ca voluntar
vol-as-special = Ca polițist voluntar (special constable)
vol-skills = Ce abilități puteți oferi?
vol-skills-hint = Dacă sunteți membru al unui organism profesional pentru o anumită abilitate (de exemplu BCS, NMC sau HCPC), indicați numele acestuia și numărul dumneavoastră de membru: îl verificăm la organismul respectiv.
vol-body = Organismul profesional (opțional)
vol-number = Numărul de membru sau de înregistrare (opțional)
vol-languages = Limbile pe care le vorbiți în afară de engleză (opțional)
vol-days = În ce zile ați putea ajuta?
vol-hours = La ce ore în acele zile?
vol-hours-hint = Ca interval în format de 24 de ore, de exemplu 09:00-17:00.
vol-associations = Organizațiile, angajatorii, școlile sau ansamblurile de locuințe cu care aveți legături (opțional)
vol-associations-hint = Câte unul pe rând. Nu vă vom da niciodată o sarcină care le privește.
vol-special-heading = Doar dacă depuneți cererea ca polițist voluntar
vol-special-intro = Verificăm aceste informații conform regulilor naționale de eligibilitate.
vol-born = Data nașterii, de exemplu 1990-04-21
vol-occupation = Ocupația dumneavoastră
vol-interests = Eventualele interese de afaceri, câte unul pe rând (opțional)
vol-consent = Sunt de acord să fiu verificat și ca abilitățile mele să fie verificate la organismul meu profesional
vol-send = Trimiteți cererea
vol-done-title = Cerere trimisă
vol-done-code = Pentru a vedea stadiul cererii aveți nevoie de numărul de referință și de acest cod de stadiu. Notați-le: nu vă mai putem afișa codul încă o dată.
vol-done-next = Unitatea de verificare vă va verifica abilitățile și integritatea. Vă vom contacta prin e-mail.
vol-status-note = Notă de la unitatea de verificare
app-status-received = Primită: la unitatea de verificare
app-status-approved = Aprobată: bun venit în echipă
app-status-declined = Cererea nu a fost reținută
skill-cyber_help = Ajutor privind securitatea cibernetică și tehnologia digitală
skill-digital_forensics = Criminalistică digitală
skill-fraud_recovery = Recuperarea în urma fraudelor
skill-mental_health = Sănătate mintală
skill-medical = Asistență medicală
skill-youth_work = Lucru cu tinerii
skill-schools_liaison = Legătura cu școlile
skill-victim_support = Sprijin pentru victime
skill-business_support = Sprijin pentru firme
day-mon = Luni
day-tue = Marți
day-wed = Miercuri
day-thu = Joi
day-fri = Vineri
day-sat = Sâmbătă
day-sun = Duminică
problem-volunteer-name-missing = Introduceți numele dumneavoastră
problem-volunteer-email-format = Introduceți o adresă de e-mail în formatul corect, de exemplu name@example.com
problem-volunteer-phone-format = Introduceți un număr de telefon, de exemplu 07700 900 982
problem-volunteer-postcode-invalid = Introduceți codul poștal al locuinței, de exemplu E8 1DY
problem-volunteer-kind-missing = Alegeți dacă depuneți cererea ca voluntar sau ca polițist voluntar
problem-volunteer-skill-unknown = Alegeți abilitățile din listă
problem-volunteer-skill-missing = Alegeți cel puțin o abilitate pe care o puteți oferi
problem-volunteer-days-missing = Alegeți zilele în care ați putea ajuta
problem-volunteer-hours-format = Introduceți orele ca interval în format de 24 de ore, de exemplu 09:00-17:00
problem-volunteer-born-format = Introduceți data nașterii ca an, lună și zi, de exemplu 1990-04-21
problem-volunteer-occupation-missing = Introduceți ocupația dumneavoastră
problem-volunteer-consent-missing = Trebuie să fiți de acord cu verificarea înainte ca noi să vă putem analiza cererea
problem-volunteer-too-long = Un răspuns este prea lung: fiecare poate avea cel mult 200 de caractere, iar listele cel mult 2.000
vol-not-found = Nu am găsit nicio cerere cu acest număr de referință și acest cod de stadiu. Verificați-le pe amândouă și încercați din nou

## Adăugarea fișierelor din pagina de progres

status-evidence-heading = Trimiteți fotografii, înregistrări video sau documente
status-evidence-intro = Dacă aveți o fotografie, o înregistrare video (de pe telefon, de la o cameră de la ușă sau de la o cameră de bord), o înregistrare audio sau un document care arată ce s-a întâmplat, trimiteți-l aici. Păstrați originalul pe dispozitivul dumneavoastră.
status-evidence-file = Alegeți fișierele
status-evidence-hint = Puteți alege mai multe. Nu putem accepta programe sau arhive (cum ar fi fișierele .zip).
status-evidence-send = Trimiteți fișierele
status-evidence-sent = Vă mulțumim: fișierele au fost primite și adăugate la raportul dumneavoastră.
status-evidence-none = Alegeți cel puțin un fișier de trimis
done-files-lost = Raportul a fost trimis, dar unele fișiere nu au putut fi păstrate. Vă rugăm să le trimiteți din nou mai jos.
evreq-title = Trimiteți fotografiile sau filmul
evreq-asked = Ofițerul care se ocupă de raportul dvs. a cerut:
evreq-unknown = Acest link nu este trimis de noi. Verificați dacă a fost copiat întreg sau folosiți pagina de progres cu referința și codul.
evreq-used = Prin acest link s-au trimis deja fișiere, așa că nu mai funcționează. Puteți adăuga fișiere din pagina de progres cu referința și codul.
evreq-expired = Acest link a expirat. Puteți adăuga fișiere din pagina de progres cu referința și codul.

# Files on concerns and evidence requests to witnesses (issue 17)
concern-files-title = Adăugați fotografii sau fișiere la o semnalare
concern-files-intro = Adăugați o fotografie, un film sau un document care ajută, de exemplu un bilet dat la tejghea sau o imagine de pe camera de supraveghere. Puteți adăuga fișiere timp de 7 zile după trimiterea semnalării.
concern-files-added = Fișierele au fost adăugate la semnalare.
concern-files-link = Adăugați fotografii sau fișiere
concern-files-column = Fișiere
evreq-asked-witness = Un ofițer de poliție v-a cerut:
evreq-witness-sent = Vă mulțumim: fișierele au fost primite și transmise ofițerului care le-a cerut.
evreq-used-witness = Prin acest link s-au trimis deja fișiere, așa că nu mai funcționează. Dacă mai aveți ceva de trimis, sunați la 101 și spuneți că ați primit o cerere.
evreq-expired-witness = Acest link a expirat. Dacă mai aveți ceva de trimis, sunați la 101 și spuneți că ați primit o cerere.
outbox-evidence-witness-subject = O cerere de la poliție pentru fotografii sau filme

## The public ward page (issue 19)
ward-title = { $ward }, { $borough }: cartierul dumneavoastră
ward-intro = Ce spun cifrele publicate de poliție despre infracționalitatea din această zonă și cu cine puteți vorbi.
ward-team-heading = Echipa de cartier
ward-team = { $team } se ocupă de această circumscripție.
ward-team-contact = Pentru a spune poliției despre ceva care nu este o urgență, raportați online sau sunați la 101. În caz de urgență, sunați la 999.
ward-report-link = Raportați online
ward-priorities-heading = Prioritățile acestei circumscripții
ward-priorities-none = Comitetul circumscripției nu și-a înregistrat încă prioritățile pentru acest trimestru.
ward-priorities-intro = În fiecare trimestru, comitetul circumscripției, format din locuitori care lucrează împreună cu echipa de cartier, alege până la trei priorități după ce îi întreabă pe cei care locuiesc și lucrează aici. Mai jos vedeți ce au ales, ce s-a făcut de atunci, ce au cerut locuitorii pe această pagină și unde este prejudiciul.
ward-priorities-quarter = Acest trimestru ({ $quarter })
ward-priorities-previous = Trimestrul trecut ({ $quarter })
ward-priority-theme = Tema: { $theme }
ward-priority-consulted = Cum au fost întrebați locuitorii: { $how }
ward-priority-done-heading = Ce s-a făcut
ward-priority-done-none = Încă nu s-a înregistrat nimic.
ward-priority-done-line = { $date }: { $text }
ward-priorities-compare-heading = Alegerea comitetului, opiniile locuitorilor și prejudiciul
ward-priorities-compare-caption = Fiecare temă: dacă a ales-o comitetul în acest trimestru, câți locuitori au cerut-o pe această pagină și infracțiunile și prejudiciul legate de ea în ultimele douăsprezece luni
ward-priorities-col-theme = Tema
ward-priorities-col-panel = Aleasă de comitet
ward-priorities-col-voices = Opiniile locuitorilor
ward-priorities-col-crimes = Infracțiuni, ultimele 12 luni
ward-priorities-col-harm = Zile de prejudiciu, ultimele 12 luni
ward-priorities-yes = Da
ward-priorities-no = Nu
ward-priorities-not-counted = nu apare în fișierele publicate
ward-priorities-withheld = nu se arată, ca să nu se poată deduce niciun număr mai mic de { $n }
ward-voices-share = { $n } ({ $share }%, cel mai probabil între { $low }% și { $high }%)
ward-voices-total = Numărul locuitorilor care și-au dat opinia în acest trimestru: { $n }.
ward-residents-differ = Cei mai mulți locuitori care și-au dat opinia au cerut „{ $theme }”, temă pe care comitetul nu a ales-o.
ward-harm-differs = Cel mai mare prejudiciu din ultimele douăsprezece luni a venit din „{ $theme }”, temă pe care comitetul nu a ales-o.
ward-voices-few = Prima temă a locuitorilor este numită doar după ce numărul opiniilor ajunge la cel puțin { $n } și o singură temă este pe primul loc. Prejudiciul este calculat din infracțiunile din categoriile fiecărei teme; unele teme nu sunt numărate separat în fișierele publicate.
ward-voice-heading = Spuneți-vă părerea
ward-voice-intro = Spuneți comitetului singurul lucru la care doriți cel mai mult să lucreze echipa de cartier în acest trimestru. Nu aveți nevoie de cont.
ward-voice-theme = La ce ar trebui să lucreze echipa?
ward-voice-words = Ce doriți să știe comitetul (opțional)
ward-voice-words-hint = Ajută să spuneți unde și când se întâmplă. Doar echipa și comitetul circumscripției citesc acest text; nu este publicat niciodată. Nu numiți pe nimeni. Pentru a raporta o infracțiune, folosiți formularul de raportare; în caz de urgență, sunați la 999.
ward-voice-email = Adresa dumneavoastră de e-mail
ward-voice-email-hint = Vă trimitem un link pentru a vă confirma opinia. Fiecare adresă de e-mail are o singură opinie în această circumscripție în fiecare trimestru: una nouă o înlocuiește pe cea dinainte. Vă ștergem adresa imediat ce e-mailul a fost trimis.
ward-voice-send = Trimiteți opinia
voice-error-theme = Alegeți la ce ar trebui să lucreze echipa
voice-error-email = Introduceți o adresă de e-mail, de exemplu name@example.com
voice-error-words = Scrieți cel mult { $max } caractere, fără caractere speciale
voice-sent-title = Verificați-vă e-mailul
voice-sent-body = Am trimis un link la { $email }. Opinia dumneavoastră contează după ce îl deschideți și confirmați, în termen de șapte zile.
voice-back = Înapoi la { $ward }
voice-confirm-title = Confirmați-vă opinia
voice-confirm-body = Confirmați-vă opinia despre prioritățile pentru { $ward }.
voice-confirm-button = Confirm opinia mea
voice-confirmed-title = Opinia dumneavoastră contează
voice-confirmed-body = Vă mulțumim. Opinia dumneavoastră pentru „{ $theme }” în { $ward } contează în acest trimestru.
voice-confirmed-replaced = Ea o înlocuiește pe cea pe care ați dat-o mai devreme în acest trimestru.
voice-confirm-unknown = Acest link a fost folosit, a expirat sau nu este corect. Fiecare link funcționează o singură dată, timp de șapte zile. Vă puteți da din nou opinia pe pagina circumscripției.
voice-email-subject = Confirmați-vă opinia despre prioritățile pentru { $ward }
voice-email-body = Ați cerut ca „{ $theme }” să fie o prioritate pentru echipa de cartier din { $ward }. Deschideți acest link pentru a vă confirma opinia:
voice-email-ignore = Dacă nu ați cerut acest lucru, ignorați acest e-mail: nu se va număra nimic.
theme-anti-social-behaviour = Comportament antisocial și ordine publică
theme-burglary = Spargeri
theme-drugs = Traficul și consumul de droguri
theme-violence = Violență și arme, inclusiv infracțiunile cu cuțite
theme-robbery = Tâlhării și smulgerea telefoanelor
theme-vehicle-crime = Infracțiuni legate de vehicule și biciclete
theme-theft = Furturi, inclusiv din magazine
theme-criminal-damage = Distrugere de bunuri și incendieri
theme-fraud = Fraude și înșelătorii
theme-hate = Infracțiuni motivate de ură
theme-womens-safety = Siguranța femeilor și a fetelor în locuri publice
theme-online-harm = Răul făcut online, mai ales copiilor
theme-road-safety = Siguranța rutieră: viteza excesivă și condusul periculos
ward-trust-heading = Ce spun locuitorii de aici despre poliție
ward-trust-line = { $measure }: { $share }% din cele { $respondents } persoane întrebate în { $area } au fost de acord ({ $quarter }), cel mai probabil între { $low }% și { $high }%.
ward-trust-none = Pentru această zonă nu a fost încărcat încă un sondaj despre ce cred locuitorii despre poliție.
ward-trust-source = Din Public Attitude Survey, care îi întreabă pe londonezi despre poliția din zona lor. Întrebările sunt redate așa cum le publică sondajul, în engleză.
ward-trend-heading = Infracțiuni lună de lună
ward-summary = În cele douăsprezece luni până la { $month }, în această circumscripție au fost înregistrate { $crimes } infracțiuni.
ward-rate = Adică aproximativ { $rate } la fiecare 1.000 de locuitori (cel mai probabil între { $low } și { $high }).
ward-change-up = Sunt mai multe decât în cele douăsprezece luni dinainte, mai mult decât ar explica întâmplarea.
ward-change-down = Sunt mai puține decât în cele douăsprezece luni dinainte, mai mult decât ar explica întâmplarea.
ward-change-none = Nu există o schimbare clară față de cele douăsprezece luni dinainte.
ward-change-untested = Încă nu există cifre pentru doi ani întregi de comparat.
ward-chart-title = Infracțiuni înregistrate în fiecare lună
ward-chart-description = O bară pentru fiecare lună. Lunile cu mai puțin de { $n } infracțiuni sunt goale; tabelul arată fiecare lună.
ward-table-caption = Infracțiuni înregistrate în fiecare lună
ward-month = Luna
ward-crimes = Infracțiuni
ward-fewer-than = mai puțin de { $n }
ward-kinds-heading = Tipuri de infracțiuni în ultimele douăsprezece luni
ward-kind = Tipul infracțiunii
ward-no-data = Încă nu au fost încărcate cifre despre infracțiuni pentru această circumscripție.
ward-map-heading = Circumscripțiile din { $borough }
ward-map-title = Prejudiciul pe circumscripții
ward-map-description = Fiecare circumscripție este colorată după prejudiciul produs de infracțiuni la 1.000 de locuitori în ultimele douăsprezece luni: mai închis înseamnă mai mult prejudiciu.
ward-map-label = { $ward }: { $days } zile de prejudiciu la 1.000 de locuitori
ward-map-no-figure = { $ward }: fără cifre
ward-map-caption = Mai închis înseamnă mai mult prejudiciu la 1.000 de locuitori. Această circumscripție are contur roșu. Circumscripțiile mai mici decât zonele din care este desenată harta nu apar.
ward-about-heading = Despre aceste cifre
ward-bias = Cifrele numără ce a fost raportat și înregistrat. Cât de ușor este să raportezi și cum aleg oamenii să o facă diferă între zone și comunități, așa că un număr mai mare poate însemna mai multe raportări, nu doar mai multe infracțiuni.
ward-suppressed = Numerele de la 1 la 4 apar ca „mai puțin de { $n }”, ca nimeni să nu poată fi identificat.
ward-sources = Infracțiuni: data.police.uk, sub Open Government Licence. Prejudiciu: Cambridge Crime Harm Index. Locuitori: estimările Greater London Authority pe circumscripții.
