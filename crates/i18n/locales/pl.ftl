# status: machine draft
# Polish translation of en.ftl. A fluent speaker has not yet checked it.

## Every page

layout-skip = Przejdź do głównej treści
layout-quick-exit = Szybko opuść tę stronę
layout-quick-exit-hint = Klawiatura: klawisz dostępu X.
layout-staying-safe = Bezpieczeństwo w internecie
layout-languages = Wybierz język
layout-main-nav = Menu główne
layout-account = Konto ({ $name })
layout-concerns = Przekazane sygnały
layout-sign-out = Wyloguj się
layout-sign-in = Zaloguj się
layout-footer = Peel to otwarte oprogramowanie służące bezpieczeństwu społeczności. W razie bezpośredniego zagrożenia prosimy dzwonić pod numer 999. Aby zgłosić sprawę, która nie jest nagła, prosimy dzwonić pod numer 101.
error-summary-title = Wystąpił problem
error-prefix = Błąd:
optional = (opcjonalnie)
continue = Dalej
nothing-saved = Nic z przekazanych nam informacji nie zostało zapisane.

## The start page

start-title = Zgłoś przestępstwo lub zdarzenie
start-heading = Zgłoś przestępstwo lub coś, co budzi niepokój
start-intro = Ta usługa służy do poinformowania policji w Londynie o przestępstwie lub zdarzeniu. Zajmuje to około 5 minut. Można pozostać anonimowym.
start-danger-warning = W razie bezpośredniego zagrożenia lub jeśli przestępstwo dzieje się teraz, prosimy dzwonić pod numer 999.
start-silent-999 = Jeśli nie można mówić, prosimy zadzwonić pod 999 i nacisnąć 55, gdy padnie taka prośba.
start-danger-question = Czy ktoś jest teraz w niebezpieczeństwie?
start-danger-yes = Tak, ktoś jest teraz w niebezpieczeństwie
start-danger-no = Nie
start-danger-missing = Prosimy wybrać „Tak”, jeśli ktoś jest teraz w niebezpieczeństwie
start-already = Czy coś zostało już zgłoszone?
start-check-progress = Sprawdź postęp zgłoszenia
start-worried = Czy ktoś inny może widzieć aktywność na tym telefonie lub komputerze?

## The 999 page

emergency-title = Prosimy teraz zadzwonić pod 999
emergency-call-now = Jeśli ktoś jest w niebezpieczeństwie, prosimy natychmiast zadzwonić pod 999.
emergency-not-form = Prosimy nie korzystać z tego formularza: przez pewien czas nikt może go nie przeczytać.
emergency-silent = Jeśli nie można rozmawiać przez telefon, prosimy zadzwonić pod 999, wysłuchać pytań i nacisnąć 55. Połączenie zostanie przekazane do policji.
emergency-text = Osoby głuche lub niedosłyszące mogą wysłać SMS pod numer 999 (najpierw trzeba się zarejestrować, wysyłając SMS o treści "register" pod numer 999).
emergency-continue = Połączenie z 999 zostało wykonane lub nikt nie jest teraz w niebezpieczeństwie: przejdź dalej do zgłoszenia

## Asked again: words of present danger

danger-title = Czy w tej chwili jest bezpiecznie?
danger-call-999 = Jeśli ktokolwiek jest teraz w niebezpieczeństwie, prosimy dzwonić pod 999.
danger-not-saved = Nic z przekazanych nam informacji nie zostało jeszcze zapisane.
danger-you-said = Według odpowiedzi nikt nie jest teraz w niebezpieczeństwie, ale z opisu wynika, że ktoś może być:
danger-reason-in-progress = zdarzenie może nadal trwać
danger-reason-danger-to-life = czyjeś życie może być zagrożone
danger-reason-self-harm = ktoś może chcieć zrobić sobie krzywdę
danger-goes-straight = Wysłane zgłoszenie trafi od razu do osób, które o każdej porze odbierają telefony na policję, a także do lokalnego zespołu.
danger-send = Nikt nie jest teraz w niebezpieczeństwie: wyślij zgłoszenie
danger-change = Wróć i zmień odpowiedzi

## Staying safe online

safe-intro = Jeśli ktoś może widzieć aktywność na tym telefonie lub komputerze, poniższe kroki pomogą zachować tę wizytę w tajemnicy.
safe-leave-heading = Szybkie wyjście
safe-leave = Na górze każdej strony tej usługi jest czerwony link „Szybko opuść tę stronę”. Otwiera on stronę z prognozą pogody. To samo robi klawisz dostępu X: na większości komputerów należy przytrzymać Alt (na komputerze Mac: Control i Option) i nacisnąć X.
safe-private-heading = Okno prywatne
safe-private = Okno prywatne (incognito) nie zapisuje odwiedzanych stron w historii. Przed powrotem do tej usługi prosimy otworzyć takie okno z menu przeglądarki.
safe-history-heading = Czyszczenie historii
safe-history = Jeśli nie było używane okno prywatne, prosimy usunąć tę usługę z historii przeglądarki: otworzyć historię z menu przeglądarki i usunąć strony tej witryny. Usunięcie tylko niektórych stron jest mniej widoczne niż wyczyszczenie całej historii.
safe-shared-heading = Jeśli ktoś inny może widzieć telefon lub wiadomości
safe-shared = Podczas zgłaszania prosimy zaznaczyć „Ktoś inny może widzieć mój telefon lub wiadomości”. Wtedy wyślemy tylko krótką wiadomość, która nie wspomina o policji ani o zgłoszeniu, z adresu lub numeru, który też o tym nie świadczy, i tylko w sposób wskazany jako bezpieczny. Nie trzeba zachowywać niczego, co pokażemy.

## The home page and the error page

home-intro = Peel pomaga londyńskiej policji i jej partnerom zapobiegać krzywdzie, szybko reagować i bezpiecznie dzielić się informacjami.
home-danger = W razie bezpośredniego zagrożenia prosimy dzwonić pod 999.
home-staff = Pracownicy, funkcjonariusze, wolontariusze i zaufani partnerzy:
error-start-page = Przejdź do strony początkowej

## The report form

form-title = Prosimy opisać, co się stało
form-intro = Pytania oznaczone jako opcjonalne można pominąć. Pozostałe są wymagane. Przed wysłaniem można sprawdzić odpowiedzi.
form-description = Co się stało?
form-description-hint = Prosimy opisać, co było widać lub słychać, i podać wszystko, co wiadomo o osobach, których to dotyczy. Maksymalnie 4000 znaków.
form-category = Jakiego rodzaju było to zdarzenie?
form-when = Kiedy to się stało?
form-when-hint = Na przykład 25 11 2026. W razie wątpliwości prosimy podać przybliżoną datę.
form-day = Dzień
form-month = Miesiąc
form-year = Rok
form-time = Godzina (opcjonalnie)
form-time-hint = Godzina w formacie 24-godzinnym, na przykład 21:30.
form-where = Gdzie to się stało?
form-where-postcode = W miejscu, które ma kod pocztowy
form-postcode = Kod pocztowy
form-where-address = Znam ulicę lub miejsce, ale nie kod pocztowy
form-address = Ulica lub miejsce
form-where-online = W internecie (na przykład na stronie internetowej, w mediach społecznościowych lub w wiadomości)
form-role = Kto składa zgłoszenie?
form-targeted-before = To już wcześniej mnie spotkało (opcjonalnie)
form-anonymous = Czy zgłoszenie ma być anonimowe?
form-anonymous-hint = W przypadku zgłoszenia anonimowego nie zapiszemy imienia, nazwiska ani danych kontaktowych i nie będziemy mogli się skontaktować. Postęp nadal można sprawdzić, używając numeru referencyjnego.
form-anonymous-no = Nie, można się ze mną kontaktować
form-anonymous-yes = Tak, zgłoszenie ma być anonimowe
form-anonymous-missing = Prosimy wybrać, czy zgłoszenie ma być anonimowe
form-contact-heading = Dane kontaktowe
form-contact-intro = Prosimy pominąć tę część w przypadku zgłoszenia anonimowego.
form-name = Imię i nazwisko (opcjonalnie)
form-email = Adres e-mail
form-phone = Numer telefonu
form-safe = Jaki sposób kontaktu jest bezpieczny? (opcjonalnie)
form-safe-hint = Użyjemy tylko zaznaczonych sposobów. Jeśli nic nie zostanie zaznaczone, nie wyślemy żadnej wiadomości, dopóki funkcjonariusz nie zapyta, jak można się bezpiecznie skontaktować.
form-safe-email = E-mail
form-safe-phone = Połączenie telefoniczne
form-safe-text = SMS
form-no-voicemail = Nie zostawiać wiadomości na poczcie głosowej
form-shared-device = Ktoś inny może widzieć mój telefon lub wiadomości
form-safe-times = Kiedy kontakt jest bezpieczny? (opcjonalnie)
form-safe-times-hint = Na przykład w dni robocze między 9:00 a 15:00.
form-language = W jakim języku mamy się kontaktować?
form-language-hint = W miarę możliwości będziemy pisać w tym języku, a w razie potrzeby zapewnimy tłumacza.
form-language-other = Jeśli języka nie ma na liście, prosimy go tu wpisać (opcjonalnie)
form-community = Jak można opisać własną społeczność? (opcjonalnie)
form-community-hint = Na przykład grupa etniczna, wyznanie lub inna społeczność. Używamy tej informacji wyłącznie do sprawdzania, jak dobrze służymy każdej społeczności, nigdy do decydowania o tym, co stanie się ze zgłoszeniem. Można zostawić to pole puste lub wpisać „wolę nie podawać”.
form-date-not-real = Prosimy podać prawdziwą datę: dzień, miesiąc i rok cyframi, a godzinę (jeśli jest podana) w godzinach i minutach
role-victim = To spotkało mnie
role-witness = Jestem świadkiem zdarzenia
role-third-party = Zgłaszam w imieniu innej osoby

## Categories

category-anti-social-behaviour = Zachowanie aspołeczne
category-bicycle-theft = Kradzież roweru
category-burglary = Włamanie
category-criminal-damage-arson = Umyślne zniszczenie mienia lub podpalenie
category-drugs = Narkotyki
category-other-theft = Inna kradzież
category-possession-of-weapons = Ktoś nosi przy sobie broń
category-public-order = Naruszenie porządku publicznego
category-robbery = Rozbój
category-shoplifting = Kradzież w sklepie
category-theft-from-the-person = Kradzież rzeczy noszonych przy sobie (na przykład kradzież kieszonkowa)
category-vehicle-crime = Przestępstwo związane z pojazdem
category-violent-crime = Przemoc lub przestępstwo seksualne
category-other-crime = Inne przestępstwo
category-fraud = Oszustwo lub wyłudzenie
category-online-abuse = Nękanie lub obrażanie w internecie
category-domestic-abuse = Przemoc domowa
category-hate-incident = Przestępstwo lub incydent z nienawiści
category-not-sure = Nie wiem

## Problems with answers (one per code in peel_core::submission::PROBLEM_CODES and
## peel_app::concerns::PROBLEM_CODES)

problem-too-long = Odpowiedź może mieć najwyżej { $max } znaków
problem-bad-characters = Odpowiedź zawiera znaki, których nie można zapisać
problem-description-missing = Prosimy opisać, co się stało
problem-category-missing = Prosimy wybrać rodzaj zdarzenia lub opcję „Nie wiem”
problem-occurred-missing = Prosimy podać, kiedy to się stało
problem-occurred-future = Data i godzina zdarzenia muszą być w przeszłości
problem-occurred-too-old = Data zdarzenia musi przypadać w ciągu ostatnich 20 lat
problem-role-missing = Prosimy wybrać jedną z opcji: to spotkało mnie, jestem świadkiem zdarzenia lub zgłaszam w imieniu innej osoby
problem-email-format = Prosimy podać adres e-mail w poprawnym formacie, na przykład name@example.com
problem-phone-format = Prosimy podać numer telefonu, na przykład 07700 900 982 lub +44 7700 900 982
problem-anonymous-with-details = Wybrano zgłoszenie anonimowe, więc prosimy nie podawać imienia, nazwiska ani danych kontaktowych albo zrezygnować z anonimowości
problem-contact-missing = Prosimy podać adres e-mail lub numer telefonu, abyśmy mogli się skontaktować, albo wybrać zgłoszenie anonimowe
problem-safe-channel-unknown = Nie możemy skontaktować się w ten sposób
problem-safe-channel-needs-email = E-mail został wskazany jako bezpieczny: prosimy podać adres e-mail lub odznaczyć tę opcję
problem-safe-channel-needs-phone = Połączenie telefoniczne lub SMS zostały wskazane jako bezpieczne: prosimy podać numer telefonu lub odznaczyć tę opcję
problem-location-several = Prosimy podać jedno miejsce: kod pocztowy, adres albo to, że zdarzenie miało miejsce w internecie
problem-location-point = Punkt na mapie nie wskazuje prawdziwego miejsca
problem-postcode-invalid = Prosimy podać prawdziwy kod pocztowy, na przykład SW1A 2AA
problem-location-missing = Prosimy podać, gdzie to się stało: kod pocztowy, adres albo to, że zdarzenie miało miejsce w internecie
problem-codeword-unknown = Prosimy wybrać hasło z listy albo opcję „Brak hasła”
problem-person-present-missing = Prosimy zaznaczyć, czy ta osoba jest teraz obok
problem-called-999-missing = Prosimy zaznaczyć, czy zadzwoniono pod 999
problem-consent-missing = Prosimy zaznaczyć, czy ta osoba zgodziła się na przekazanie tej informacji
problem-what-happened-missing = Prosimy opisać, co było widać lub co zostało powiedziane
problem-sent-by-missing = Prosimy podać nazwę użytkownika przeszkolonego pracownika, od którego pochodzi ten sygnał
problem-sent-by-unknown = To nie jest żadne z kont pośredników tej organizacji

## The progress page

status-report = Zgłoszenie { $reference }
status-where = Etap
status-team = Zespół
status-received = Data otrzymania
status-next-update = Termin następnej informacji
status-when-news = Gdy pojawią się nowe informacje
status-outcome = Wynik:
status-updates = Aktualizacje
status-no-updates = Brak aktualizacji.
status-tell-heading = Przekaż więcej informacji, odpowiedz lub poproś o telefon
status-tell-intro = Wiadomość trafi do funkcjonariusza prowadzącego zgłoszenie. Skontaktujemy się tylko w sposób wskazany jako bezpieczny.
status-kind = Prosimy wybrać, co zrobić
status-kind-information = Dodaj informacje
status-kind-reply = Odpowiedz na aktualizację
status-kind-call-back = Poproś o oddzwonienie
status-message = Wiadomość
status-call-back-when = W przypadku prośby o oddzwonienie: kiedy można bezpiecznie zadzwonić?
status-call-back-hint = Na przykład w dni robocze między 10:00 a 14:00.
status-send = Wyślij
status-reference = Numer referencyjny
status-reference-hint = Na przykład 7KQM-3X9P-D
status-code = Kod statusu
status-code-hint = Cztery grupy liter i cyfr, na przykład ABCD-EFGH-JKMN-P7. Wielkie lub małe litery, z myślnikami lub bez.
status-check = Sprawdź postęp
stage-new = Otrzymano: oczekuje na kontakt
stage-contacted = Skontaktowaliśmy się
stage-in_progress = W trakcie wyjaśniania
stage-closed = Zamknięte
stage-case-open = Funkcjonariusz przejął zgłoszenie
stage-case-investigating = W trakcie dochodzenia
stage-case-safeguarding = Pracujemy nad zapewnieniem bezpieczeństwa
stage-case-closed = Zamknięte
stage-case-merged = Wyjaśniane razem z powiązanym zgłoszeniem

## The satisfaction survey

survey-title = Jak oceniana jest nasza praca?
survey-thanks = Dziękujemy
survey-thanks-text = Odpowiedzi pomagają nam sprawdzić, jak dobrze służymy każdej części Londynu. Są liczone wyłącznie łącznie z odpowiedziami innych osób.
survey-intro = Cztery pytania o to, jak zajęliśmy się zgłoszoną sprawą. Nie trzeba się logować. Odpowiedzi są liczone wyłącznie łącznie z odpowiedziami innych osób i nigdy nie są pokazywane razem z imieniem, nazwiskiem ani zgłoszeniem.
survey-ease = Jaka jest ocena tego, jak łatwo było się z nami skontaktować?
survey-kept_informed = Jaka jest ocena tego, jak informowaliśmy o postępach sprawy?
survey-treatment = Jaka jest ocena tego, jak traktowaliśmy osobę zgłaszającą?
survey-whole_experience = Biorąc pod uwagę całość, jaka jest ocena naszej usługi?
scale-5 = Bardzo dobra
scale-4 = Raczej dobra
scale-3 = Ani dobra, ani zła
scale-2 = Raczej zła
scale-1 = Bardzo zła
survey-comment = Czy jest coś jeszcze, co warto nam przekazać? (opcjonalnie)
survey-send = Wyślij odpowiedzi
status-sent = Wysłano do funkcjonariusza prowadzącego zgłoszenie.
status-sent-call-back = Wysłano. Oddzwonimy w podanym czasie, w sposób wskazany jako bezpieczny.
status-not-found = Nie znaleźliśmy zgłoszenia o tym numerze referencyjnym i kodzie statusu. Prosimy sprawdzić oba i spróbować ponownie
status-kind-missing = Prosimy wybrać, co zrobić

## Check your answers

answers-title = Prosimy sprawdzić odpowiedzi przed wysłaniem zgłoszenia
answers-intro = Nic nie zostało jeszcze wysłane. Prosimy poprawić wszystko, co się nie zgadza, a następnie wysłać zgłoszenie.
answers-change = Zmień
answers-yes = Tak
answers-no = Nie
answers-none = Nie podano
answers-online = W internecie
answers-send = Wyślij zgłoszenie
answers-declaration = Wysłane zgłoszenie trafi do policji w Londynie. Przechowujemy je bezpiecznie i używamy wyłącznie do zajęcia się zgłoszoną sprawą.
answers-ways = Bezpieczne sposoby kontaktu

## After sending

done-title = Zgłoszenie zostało wysłane
done-reference = Numer referencyjny to
done-shared-heading = Zaznaczono, że ktoś inny może widzieć telefon lub wiadomości
done-shared = Dlatego w żadnej wiadomości nie wspomnimy o policji ani o zgłoszeniu: wyślemy tylko neutralne przypomnienie i tylko w sposób wskazany jako bezpieczny. Nie trzeba zachowywać niczego z tej strony. Funkcjonariusz skontaktuje się w bezpieczny sposób.
done-shared-code = Jeśli można go bezpiecznie zachować, ten kod statusu razem z numerem referencyjnym pozwala sprawdzić postęp, dodać informacje lub poprosić o oddzwonienie. Nie możemy pokazać go ponownie.
done-show-code = Pokaż mój kod statusu
done-status-code = Kod statusu:
done-keep-heading = Prosimy zachować te dane w bezpiecznym miejscu
done-keep = Aby sprawdzić postęp, dodać informacje lub poprosić o oddzwonienie, potrzebny jest numer referencyjny i ten kod statusu. Można go odczytać na głos lub zapisać. Nie możemy pokazać go ponownie.
done-next-heading = Co dalej
done-team = Zgłoszenie zostało przekazane do zespołu: { $team }.
done-update-by = Termin następnej informacji: { $due }.
done-danger = Jeśli ktokolwiek jest w niebezpieczeństwie, prosimy dzwonić pod 999.
done-see-progress = Zobacz postęp tego zgłoszenia
done-support-heading = Pomoc dostępna już teraz
done-support-intro = Te usługi są bezpłatne i poufne. Można się z nimi kontaktować niezależnie od tego, co stanie się ze zgłoszeniem.
support-victim-support = Bezpłatne, poufne wsparcie dla każdej osoby dotkniętej przestępstwem, dostępne codziennie, w dzień i w nocy.
support-domestic-abuse = Bezpłatne, poufne wsparcie dla każdej osoby doświadczającej przemocy domowej, o każdej porze. Można poprosić o oddzwonienie w bezpiecznym czasie.
support-nspcc = Porady w razie niepokoju o dziecko, także w sprawie krzywdzenia w internecie.
support-action-fraud = Krajowe centrum zgłaszania oszustw i cyberprzestępstw.
support-stop-scams = Jeśli telefon lub wiadomość w sprawie pieniędzy może być oszustwem, można zadzwonić pod 159, aby bezpiecznie połączyć się ze swoim bankiem.
support-samaritans = Ktoś, z kim można porozmawiać o każdej porze, bez względu na to, co się dzieje.

## Trusted intermediaries: the concern form

concern-title = Przekaż sygnał
concern-intro = Dla przeszkolonych pracowników zarejestrowanej apteki, salonu, szkoły, przychodni, wspólnoty wyznaniowej, biura mieszkaniowego, lokalu z licencją lub klubu młodzieżowego. Zajmuje to około dwóch minut. Prosimy pytać tylko o to, co konieczne: nie trzeba dowiadywać się więcej.
concern-999 = Jeśli ktokolwiek jest teraz w niebezpieczeństwie, prosimy najpierw zadzwonić pod 999.
concern-cannot-send = Nie można jeszcze wysłać sygnału.
concern-urgent = Jeśli ktokolwiek jest teraz w niebezpieczeństwie, prosimy dzwonić pod 999. W innym przypadku prosimy zadzwonić pod 101 i powiedzieć, że dzwoni zaufany pośrednik.
concern-present = Czy ta osoba jest teraz obok?
concern-codeword = Czy ta osoba użyła hasła?
concern-codeword-hint = Na przykład poprosiła w aptece o „ANI” albo zapytała w barze o „Angela”.
concern-codeword-none = Brak hasła
concern-called-999 = Czy zadzwoniono pod 999?
concern-consent = Czy ta osoba zgodziła się na przekazanie tej informacji policji?
concern-what = Co było widać lub co zostało powiedziane?
concern-what-hint = W miarę możliwości jej własnymi słowami. Maksymalnie 4000 znaków.
concern-about = Kogo to dotyczy? (opcjonalnie)
concern-where = Miejsce zdarzenia lub obecne miejsce pobytu
concern-where-hint = Kod pocztowy albo ulica lub miejsce.
concern-contact-heading = Czy można bezpiecznie skontaktować się z tą osobą i w jaki sposób?
concern-contact-intro = Prosimy podać tylko to, co ta osoba wskazała jako bezpieczne. Jeśli bezpośredni kontakt z nią nie jest bezpieczny, prosimy pominąć tę część: zamiast tego oddzwonimy do osoby przekazującej sygnał.
concern-their-name = Imię i nazwisko tej osoby (opcjonalnie)
concern-safe = Które sposoby są bezpieczne? (opcjonalnie)
concern-shared-device = Ktoś inny może widzieć telefon lub wiadomości tej osoby
concern-send = Wyślij sygnał
concern-sent-title = Sygnał został wysłany
concern-call-back = Dyspozytor oddzwoni pod numer { $phone } w ciągu { $minutes } min. W miarę możliwości prosimy zostać z tą osobą.
concern-procedure = Co robić teraz ({ $codeword })
concern-what-you-see = Będzie widać, że sygnał został odebrany i kiedy podjęto działania. Dla ochrony tej osoby dalszy przebieg sprawy nie będzie widoczny.
concern-another = Przekaż kolejny sygnał
concerns-intro = Przekazane sygnały, od najnowszych.
concerns-none = Nie przekazano jeszcze żadnych sygnałów.
concerns-caption = Przekazane sygnały
concerns-state = Etap
concerns-received = Otrzymano
concerns-acted-on = Podjęto działania

## Wiadomości do osób zgłaszających (skrzynka nadawcza): tematy i treść e-maili oraz SMS-y

outbox-ack-subject = Zgłoszenie { $reference }
outbox-ack-body = Dziękujemy. Zgłoszenie { $reference } trafiło do zespołu: { $team }.
outbox-ack-update = Termin następnej informacji: { $due }.
outbox-ack-status = Pod adresem { $status } można sprawdzić postęp, dodać informacje lub poprosić o oddzwonienie, używając numeru referencyjnego i otrzymanego kodu statusu.
outbox-update-subject = Aktualizacja dotycząca zgłoszenia { $reference }
outbox-update-footer = Pod adresem { $status } można odpowiedzieć, dodać informacje lub poprosić o oddzwonienie.
outbox-evidence-subject = Zdjęcia lub nagrania do zgłoszenia { $reference }
outbox-evidence-body = Można je przesłać tutaj, z telefonu lub komputera: { $link } Link działa jeden raz, do { $until }. Prosimy zachować oryginały na swoim urządzeniu.
outbox-neutral-subject = Nowa wiadomość
outbox-neutral-body = Dzień dobry. Jest nowa wiadomość. Prosimy zapoznać się z nią w zwykły sposób, gdy będzie to bezpieczne.
outbox-closed = Sprawa została zamknięta. Wynik: { $outcome }.
outbox-survey-body = Sprawa została zamknięta. Prosimy o ocenę naszej pracy: cztery pytania, bez logowania. Odpowiedzi są liczone tylko razem z odpowiedziami innych osób i nigdy nie są pokazywane z imieniem i nazwiskiem.

## Wolontariat: strona publiczna, wniosek i jego stan

vol-title = Wolontariat w londyńskiej policji
vol-intro = Mieszkańcy, którzy mają umiejętności i chcą się nimi dzielić, pomagają policji zapobiegać krzywdzie i wspierać ofiary: zabezpieczają konta ofiar oszustw, odwiedzają osoby, u których doszło do włamania, tłumaczą ustnie, pracują z młodzieżą. Niektórzy wolontariusze są ochotniczymi funkcjonariuszami policji i mają uprawnienia funkcjonariusza policji.
vol-wanted-heading = Kogo szukamy
vol-wanted-languages = Osoby mówiące językami używanymi w Londynie
vol-involves-heading = Na czym to polega
vol-involves-vetting = Sprawdzamy umiejętności w odpowiedniej organizacji zawodowej i przeprowadzamy weryfikację pod kątem uczciwości, a obie kontrole regularnie ponawiamy.
vol-involves-training = Wymagane jest ukończenie szkolenia do wykonywanej pracy; część szkolenia odbywa się pod nadzorem w trakcie pracy.
vol-involves-tasks = Zadania wybiera się samodzielnie, w pobliżu i w dogodnym czasie, a przed każdym z nich przełożony przekazuje instrukcje.
vol-involves-special = Ochotniczy funkcjonariusz policji musi mieć co najmniej 18 lat, a niektórych zawodów i rodzajów działalności gospodarczej nie można łączyć z tą funkcją: sprawdzamy to przy składaniu wniosku.
vol-apply = Złóż wniosek o wolontariat
vol-already = Czy wniosek został już złożony?
vol-check-status = Sprawdź stan wniosku
vol-apply-intro = Zajmuje to około 10 minut. Podane informacje wykorzystujemy wyłącznie do rozpatrzenia wniosku, a po przyjęciu także do dobierania zadań.
vol-name = Imię i nazwisko
vol-email = Adres e-mail
vol-phone = Numer telefonu (opcjonalnie)
vol-postcode = Kod pocztowy miejsca zamieszkania
vol-applying-as = Jaka forma pomocy jest preferowana?
vol-as-volunteer = Jako wolontariusz
vol-as-special = Jako ochotniczy funkcjonariusz policji (special constable)
vol-skills = Jakie umiejętności można zaoferować?
vol-skills-hint = W przypadku przynależności do organizacji zawodowej związanej z daną umiejętnością (na przykład BCS, NMC lub HCPC) prosimy podać jej nazwę i numer członkowski: sprawdzimy go w tej organizacji.
vol-body = Organizacja zawodowa (opcjonalnie)
vol-number = Numer członkowski lub numer rejestracji (opcjonalnie)
vol-languages = Znajomość języków innych niż angielski (opcjonalnie)
vol-days = W które dni można pomagać?
vol-hours = W jakich godzinach w te dni?
vol-hours-hint = Jako przedział w formacie 24-godzinnym, na przykład 09:00-17:00.
vol-associations = Organizacje, pracodawcy, szkoły lub osiedla, z którymi istnieją powiązania (opcjonalnie)
vol-associations-hint = Każde w osobnym wierszu. Nigdy nie przydzielimy zadania, które ich dotyczy.
vol-special-heading = Tylko w przypadku wniosku o funkcję ochotniczego funkcjonariusza policji
vol-special-intro = Sprawdzamy te informacje pod kątem krajowych zasad kwalifikowalności.
vol-born = Data urodzenia, na przykład 1990-04-21
vol-occupation = Wykonywany zawód
vol-interests = Ewentualne interesy gospodarcze, każdy w osobnym wierszu (opcjonalnie)
vol-consent = Wyrażam zgodę na weryfikację oraz na sprawdzenie moich umiejętności w mojej organizacji zawodowej
vol-send = Wyślij wniosek
vol-done-title = Wniosek wysłany
vol-done-code = Aby sprawdzić stan wniosku, potrzebny jest numer referencyjny i ten kod statusu. Prosimy je zapisać: nie możemy pokazać kodu ponownie.
vol-done-next = Zespół ds. weryfikacji sprawdzi umiejętności i przeprowadzi weryfikację. Skontaktujemy się e-mailem.
vol-status-note = Uwaga od zespołu ds. weryfikacji
app-status-received = Otrzymano: rozpatruje go zespół ds. weryfikacji
app-status-approved = Zatwierdzono: witamy w gronie wolontariuszy
app-status-declined = Wniosek nie będzie dalej rozpatrywany
skill-cyber_help = Pomoc cyfrowa i w zakresie cyberbezpieczeństwa
skill-digital_forensics = Informatyka śledcza
skill-fraud_recovery = Odzyskiwanie środków po oszustwach
skill-mental_health = Zdrowie psychiczne
skill-medical = Pomoc medyczna
skill-youth_work = Praca z młodzieżą
skill-schools_liaison = Współpraca ze szkołami
skill-victim_support = Wsparcie ofiar
skill-business_support = Wsparcie dla firm
day-mon = Poniedziałek
day-tue = Wtorek
day-wed = Środa
day-thu = Czwartek
day-fri = Piątek
day-sat = Sobota
day-sun = Niedziela
problem-volunteer-name-missing = Prosimy podać imię i nazwisko
problem-volunteer-email-format = Prosimy podać adres e-mail w poprawnym formacie, na przykład name@example.com
problem-volunteer-phone-format = Prosimy podać numer telefonu, na przykład 07700 900 982
problem-volunteer-postcode-invalid = Prosimy podać kod pocztowy miejsca zamieszkania, na przykład E8 1DY
problem-volunteer-kind-missing = Prosimy wybrać, czy wniosek dotyczy wolontariatu, czy funkcji ochotniczego funkcjonariusza policji
problem-volunteer-skill-unknown = Prosimy wybrać umiejętności z listy
problem-volunteer-skill-missing = Prosimy wybrać co najmniej jedną umiejętność, którą można zaoferować
problem-volunteer-days-missing = Prosimy wybrać dni, w które można pomagać
problem-volunteer-hours-format = Prosimy podać godziny jako przedział w formacie 24-godzinnym, na przykład 09:00-17:00
problem-volunteer-born-format = Prosimy podać datę urodzenia jako rok, miesiąc i dzień, na przykład 1990-04-21
problem-volunteer-occupation-missing = Prosimy podać wykonywany zawód
problem-volunteer-consent-missing = Rozpatrzenie wniosku wymaga zgody na weryfikację
problem-volunteer-too-long = Odpowiedź jest za długa: każda może mieć najwyżej 200 znaków, a listy najwyżej 2000
vol-not-found = Nie znaleźliśmy wniosku o tym numerze referencyjnym i kodzie statusu. Prosimy sprawdzić oba i spróbować ponownie

## Dodawanie plików ze strony postępu

status-evidence-heading = Prosimy przesłać zdjęcia, filmy lub dokumenty
status-evidence-intro = Jeśli mają Państwo zdjęcie, film (z telefonu, kamery przy drzwiach lub kamery samochodowej), nagranie dźwiękowe lub dokument pokazujący, co się stało, prosimy przesłać je tutaj. Prosimy zachować oryginał na swoim urządzeniu.
status-evidence-file = Wybierz pliki
status-evidence-hint = Można wybrać kilka. Nie możemy przyjąć programów ani archiwów (np. plików .zip).
status-evidence-send = Wyślij pliki
status-evidence-sent = Dziękujemy: pliki zostały otrzymane i dodane do zgłoszenia.
status-evidence-none = Prosimy wybrać co najmniej jeden plik do wysłania
done-files-lost = Zgłoszenie zostało wysłane, ale niektórych plików nie udało się zachować. Prosimy przesłać je ponownie poniżej.
evreq-title = Prosimy przesłać zdjęcia lub nagranie
evreq-asked = Funkcjonariusz zajmujący się zgłoszeniem prosi o:
evreq-unknown = Ten link nie pochodzi od nas. Prosimy sprawdzić, czy został skopiowany w całości, lub skorzystać ze strony postępu z numerem zgłoszenia i kodem.
evreq-used = Przez ten link przesłano już pliki, więc nie działa. Nadal można dodać pliki na stronie postępu, podając numer zgłoszenia i kod.
evreq-expired = Ten link wygasł. Nadal można dodać pliki na stronie postępu, podając numer zgłoszenia i kod.

# Files on concerns and evidence requests to witnesses (issue 17)
concern-files-title = Dodaj zdjęcia lub pliki do sygnału
concern-files-intro = Dodaj zdjęcie, nagranie lub dokument, który może pomóc, na przykład kartkę podaną przy ladzie lub kadr z monitoringu. Pliki można dodawać przez 7 dni od przekazania sygnału.
concern-files-added = Pliki dodano do sygnału.
concern-files-link = Dodaj zdjęcia lub pliki
concern-files-column = Pliki
evreq-asked-witness = Funkcjonariusz policji prosi o:
evreq-witness-sent = Dziękujemy: pliki dotarły i przekazano je funkcjonariuszowi, który o nie prosił.
evreq-used-witness = Przez ten link przesłano już pliki, więc nie działa. Aby przesłać więcej, prosimy zadzwonić pod 101 i powiedzieć, że otrzymano prośbę.
evreq-expired-witness = Ten link wygasł. Aby coś jeszcze przesłać, prosimy zadzwonić pod 101 i powiedzieć, że otrzymano prośbę.
outbox-evidence-witness-subject = Prośba policji o zdjęcia lub nagranie

## The public ward page (issue 19)
ward-title = { $ward }, { $borough }: Twoja okolica
ward-intro = Co opublikowane dane policji mówią o przestępczości w tej okolicy i z kim można porozmawiać.
ward-team-heading = Twój zespół dzielnicowy
ward-team = Tym okręgiem zajmuje się { $team }.
ward-team-contact = Aby zgłosić policji sprawę, która nie jest nagła, prosimy skorzystać z formularza online lub zadzwonić pod 101. W nagłym wypadku prosimy dzwonić pod 999.
ward-report-link = Zgłoś online
ward-priorities-heading = Priorytety tego okręgu
ward-priorities-none = Panel okręgu nie zapisał jeszcze swoich priorytetów na ten kwartał.
ward-priorities-intro = Co kwartał panel okręgu, czyli mieszkańcy współpracujący z zespołem dzielnicowym, wybiera do trzech priorytetów po zapytaniu osób, które tu mieszkają i pracują. Poniżej podajemy, co wybrano, co zrobiono od tego czasu, o co mieszkańcy prosili na tej stronie i gdzie występują szkody.
ward-priorities-quarter = Bieżący kwartał ({ $quarter })
ward-priorities-previous = Poprzedni kwartał ({ $quarter })
ward-priority-theme = Temat: { $theme }
ward-priority-consulted = Jak zapytano mieszkańców: { $how }
ward-priority-done-heading = Co zrobiono
ward-priority-done-none = Nic jeszcze nie zapisano.
ward-priority-done-line = { $date }: { $text }
ward-priorities-compare-heading = Wybór panelu, głosy mieszkańców i szkody
ward-priorities-compare-caption = Każdy temat: czy panel wybrał go w tym kwartale, ilu mieszkańców prosiło o niego na tej stronie oraz związane z nim przestępstwa i szkody w ostatnich dwunastu miesiącach
ward-priorities-col-theme = Temat
ward-priorities-col-panel = Wybrany przez panel
ward-priorities-col-voices = Głosy mieszkańców
ward-priorities-col-crimes = Przestępstwa, ostatnie 12 miesięcy
ward-priorities-col-harm = Dni szkody, ostatnie 12 miesięcy
ward-priorities-yes = Tak
ward-priorities-no = Nie
ward-priorities-not-counted = brak w opublikowanych danych
ward-priorities-withheld = nie podano, aby nie dało się obliczyć żadnej liczby mniejszej niż { $n }
ward-voices-share = { $n } ({ $share }%, najprawdopodobniej od { $low }% do { $high }%)
ward-voices-total = Liczba mieszkańców, którzy oddali głos w tym kwartale: { $n }.
ward-residents-differ = Większość mieszkańców, którzy oddali głos, prosiła o temat „{ $theme }”, którego panel nie wybrał.
ward-harm-differs = Najwięcej szkód w ostatnich dwunastu miesiącach przypadło na temat „{ $theme }”, którego panel nie wybrał.
ward-voices-few = Temat najczęściej wybierany przez mieszkańców podajemy dopiero wtedy, gdy liczba głosów wynosi co najmniej { $n } i jeden temat wyprzedza pozostałe. Szkody oblicza się na podstawie przestępstw z kategorii każdego tematu; niektóre tematy nie są liczone osobno w opublikowanych danych.
ward-voice-heading = Zabierz głos
ward-voice-intro = Prosimy wskazać panelowi jedną sprawę, nad którą zespół dzielnicowy powinien przede wszystkim pracować w tym kwartale. Konto nie jest potrzebne.
ward-voice-theme = Nad czym zespół powinien pracować?
ward-voice-words = Co jeszcze panel powinien wiedzieć (opcjonalnie)
ward-voice-words-hint = Pomaga informacja, gdzie i kiedy to się dzieje. Czytają to tylko zespół i panel okręgu; nigdy nie jest to publikowane. Prosimy nikogo nie wymieniać z nazwiska. Aby zgłosić przestępstwo, prosimy skorzystać z formularza zgłoszenia; w nagłym wypadku prosimy dzwonić pod 999.
ward-voice-email = Adres e-mail
ward-voice-email-hint = Wyślemy link do potwierdzenia głosu. Każdy adres e-mail ma w tym okręgu jeden głos na kwartał: nowy głos zastępuje poprzedni. Usuwamy adres, gdy tylko e-mail zostanie wysłany.
ward-voice-send = Wyślij mój głos
voice-error-theme = Prosimy wybrać, nad czym zespół powinien pracować
voice-error-email = Prosimy podać adres e-mail, na przykład name@example.com
voice-error-words = Prosimy napisać najwyżej { $max } znaków, bez znaków specjalnych
voice-sent-title = Prosimy sprawdzić pocztę e-mail
voice-sent-body = Wysłaliśmy link na adres { $email }. Głos zostanie policzony po otwarciu linku i potwierdzeniu, w ciągu siedmiu dni.
voice-back = Wróć do strony okręgu { $ward }
voice-confirm-title = Potwierdź swój głos
voice-confirm-body = Prosimy potwierdzić głos w sprawie priorytetów okręgu { $ward }.
voice-confirm-button = Potwierdzam mój głos
voice-confirmed-title = Głos został policzony
voice-confirmed-body = Dziękujemy. Głos na temat „{ $theme }” w okręgu { $ward } liczy się w tym kwartale.
voice-confirmed-replaced = Zastępuje on głos oddany wcześniej w tym kwartale.
voice-confirm-unknown = Ten link został już użyty, wygasł lub jest nieprawidłowy. Każdy link działa raz, przez siedem dni. Można ponownie oddać głos na stronie okręgu.
voice-email-subject = Potwierdź swój głos w sprawie priorytetów okręgu { $ward }
voice-email-body = Otrzymaliśmy prośbę, aby temat „{ $theme }” był priorytetem zespołu dzielnicowego w okręgu { $ward }. Aby potwierdzić głos, prosimy otworzyć ten link:
voice-email-ignore = Jeśli ta prośba nie pochodzi od Ciebie, prosimy zignorować tę wiadomość: nic nie zostanie policzone.
theme-anti-social-behaviour = Zachowania aspołeczne i porządek publiczny
theme-burglary = Włamania
theme-drugs = Handel narkotykami i ich zażywanie
theme-violence = Przemoc i broń, w tym przestępstwa z użyciem noża
theme-robbery = Rozboje i wyrywanie telefonów
theme-vehicle-crime = Przestępstwa związane z pojazdami i rowerami
theme-theft = Kradzieże, także w sklepach
theme-criminal-damage = Umyślne niszczenie mienia i podpalenia
theme-fraud = Oszustwa i wyłudzenia
theme-hate = Przestępstwa z nienawiści
theme-womens-safety = Bezpieczeństwo kobiet i dziewcząt w miejscach publicznych
theme-online-harm = Krzywdy w internecie, zwłaszcza wobec dzieci
theme-road-safety = Bezpieczeństwo na drogach: nadmierna prędkość i niebezpieczna jazda
ward-trust-heading = Co mieszkańcy mówią o policji
ward-trust-line = { $measure }: { $share }% z { $respondents } osób zapytanych w { $area } zgodziło się ({ $quarter }), najprawdopodobniej od { $low }% do { $high }%.
ward-trust-none = Nie wczytano jeszcze badania opinii mieszkańców o policji dla tego obszaru.
ward-trust-source = Z badania Public Attitude Survey, w którym mieszkańcy Londynu mówią o policji w swojej okolicy. Pytania podano tak, jak publikuje je badanie, po angielsku.
ward-trend-heading = Przestępstwa miesiąc po miesiącu
ward-summary = W ciągu dwunastu miesięcy do { $month } w tym okręgu odnotowano { $crimes } przestępstw.
ward-rate = To około { $rate } na każde 1000 mieszkańców (najpewniej od { $low } do { $high }).
ward-change-up = To więcej niż w poprzednich dwunastu miesiącach, o więcej, niż wyjaśniałby przypadek.
ward-change-down = To mniej niż w poprzednich dwunastu miesiącach, o więcej, niż wyjaśniałby przypadek.
ward-change-none = Nie ma wyraźnej zmiany w porównaniu z poprzednimi dwunastoma miesiącami.
ward-change-untested = Nie ma jeszcze danych z dwóch pełnych lat do porównania.
ward-chart-title = Przestępstwa odnotowane w każdym miesiącu
ward-chart-description = Jeden słupek na miesiąc. Miesiące z mniej niż { $n } przestępstwami są puste; tabela podaje każdy miesiąc.
ward-table-caption = Przestępstwa odnotowane w każdym miesiącu
ward-month = Miesiąc
ward-crimes = Przestępstwa
ward-fewer-than = mniej niż { $n }
ward-kinds-heading = Rodzaje przestępstw w ostatnich dwunastu miesiącach
ward-kind = Rodzaj przestępstwa
ward-no-data = Dla tego okręgu nie wczytano jeszcze danych o przestępstwach.
ward-map-heading = Okręgi dzielnicy { $borough }
ward-map-title = Szkody według okręgu
ward-map-description = Każdy okręg jest zacieniowany według szkód wyrządzonych przez przestępstwa na 1000 mieszkańców w ostatnich dwunastu miesiącach: ciemniejszy oznacza większe szkody.
ward-map-label = { $ward }: { $days } dni szkody na 1000 mieszkańców
ward-map-no-figure = { $ward }: brak danych
ward-map-caption = Ciemniejszy kolor oznacza większe szkody na 1000 mieszkańców. Ten okręg ma czerwony obrys. Okręgi mniejsze niż obszary, z których narysowano mapę, nie są pokazane.
ward-about-heading = O tych danych
ward-bias = Dane obejmują to, co zgłoszono i odnotowano. Łatwość zgłaszania i sposób, w jaki ludzie zgłaszają, różnią się między okolicami i społecznościami, więc wyższa liczba może oznaczać więcej zgłoszeń, a nie tylko więcej przestępstw.
ward-suppressed = Liczby od 1 do 4 są pokazane jako „mniej niż { $n }”, aby nikogo nie można było zidentyfikować.
ward-sources = Przestępstwa: data.police.uk, na licencji Open Government Licence. Szkody: Cambridge Crime Harm Index. Mieszkańcy: szacunki Greater London Authority dla okręgów.
