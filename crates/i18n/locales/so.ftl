# status: machine draft
# Somali translation of en.ftl. A fluent speaker has not yet checked it.

## Every page

layout-skip = U gudub qoraalka ugu muhiimsan
layout-quick-exit = Si degdeg ah uga bax boggan
layout-quick-exit-hint = Kiiboodhka: furaha gelitaanka X.
layout-staying-safe = Ammaanka internetka
layout-languages = Dooro luqad
layout-main-nav = Liiska ugu weyn
layout-account = Akoonkaaga ({ $name })
layout-concerns = Walaacyadaada
layout-sign-out = Ka bax
layout-sign-in = Gal
layout-footer = Peel waa barnaamij il furan (open-source) ah oo loogu talagalay ammaanka bulshada. Haddii aad hadda khatar ku jirto, wac 999. Si aad u soo sheegto wax aan degdeg ahayn, wac 101.
error-summary-title = Dhibaato ayaa jirta
error-prefix = Khalad:
optional = (ikhtiyaari)
continue = Sii wad
nothing-saved = Waxba lagama kaydin waxaad noo sheegtay.

## The start page

start-title = Soo sheeg dambi ama dhacdo
start-heading = Soo sheeg dambi ama wax kaa welwel geliyay
start-intro = Adeeggan u isticmaal si aad booliska London ugu sheegto dambi ama dhacdo. Waxay qaadanaysaa qiyaastii 5 daqiiqo. Waad qarin kartaa magacaaga.
start-danger-warning = Haddii aad hadda khatar ku jirto, ama dambi hadda dhacayo, wac 999.
start-silent-999 = Haddii aadan hadli karin, wac 999 oo riix 55 marka lagu weydiiyo.
start-danger-question = Qof ma ku jiraa khatar hadda?
start-danger-yes = Haa, qof ayaa hadda khatar ku jira
start-danger-no = Maya
start-danger-missing = Dooro "Haa" haddii qof hadda khatar ku jiro
start-already = Horay ma u soo sheegtay wax?
start-check-progress = Hubi horumarka warbixin
start-worried = Ma ka welwelsan tahay in qof arki karo waxaad ku samayso taleefankan ama kombiyuutarkan?

## The 999 page

emergency-title = Hadda wac 999
emergency-call-now = Haddii qof khatar ku jiro, isla markiiba wac 999.
emergency-not-form = Ha isticmaalin foomkan: waxaa dhici karta in muddo qofna uusan akhrin.
emergency-silent = Haddii aadan taleefanka ku hadli karin, wac 999, dhegayso su'aalaha oo riix 55. Waxaa laguu gudbin doonaa booliska.
emergency-text = Haddii aad dhego la'dahay ama maqalkaagu liito, fariin qoraal ah u dir 999 (marka hore waa inaad isdiiwaangelisaa adigoo u diraya erayga "register" lambarka 999).
emergency-continue = Waan wacay 999, ama qofna hadda khatar kuma jiro: sii wad warbixinta

## Asked again: words of present danger

danger-title = Hadda ammaan ma tahay?
danger-call-999 = Haddii adiga ama qof kale hadda khatar ku jirtaan, wac 999.
danger-not-saved = Weli waxba lagama kaydin waxaad noo sheegtay.
danger-you-said = Waxaad sheegtay in qofna hadda khatar ku jirin, laakiin waxaad qortay waxay muujinayaan in qof khatar ku jiri karo:
danger-reason-in-progress = waxaa laga yaabaa inay weli socoto
danger-reason-danger-to-life = nolosha qof ayaa khatar ku jiri karta
danger-reason-self-harm = qof ayaa laga yaabaa inuu naftiisa waxyeello u geysto
danger-goes-straight = Haddii aad dirto warbixintaada, waxay si toos ah u gaaraysaa dadka ka jawaaba wicitaannada booliska, saacad kasta, iyo sidoo kale kooxda deegaankaaga.
danger-send = Qofna hadda khatar kuma jiro: dir warbixintayda
danger-change = Dib u noqo oo beddel jawaabahayga

## Staying safe online

safe-intro = Haddii qof arki karo waxaad ku samayso taleefankan ama kombiyuutarkan, tallaabooyinkan waxay kaa caawinayaan inaad booqashadaada qarsoodi ka dhigto.
safe-leave-heading = Si degdeg ah u bax
safe-leave = Bog kasta oo adeeggan ka mid ah waxaa korkiisa ku yaal xiriir cas oo leh "Si degdeg ah uga bax boggan". Wuxuu furayaa bog cimilada ah. Furaha gelitaanka X ee kiiboodhkaagu sidaas oo kale ayuu sameeyaa: kombiyuutarrada badankood ku hay Alt (Mac-ga, Control iyo Option) oo riix X.
safe-private-heading = Isticmaal daaqad gaar ah
safe-private = Daaqad gaar ah ama incognito ah kuma kaydiso taariikhda boggaga aad booqato. Ka fur liiska biraawsarkaaga ka hor intaadan ku soo noqon adeeggan.
safe-history-heading = Tirtir taariikhdaada
safe-history = Haddii aadan isticmaalin daaqad gaar ah, adeeggan ka saar taariikhda biraawsarkaaga: ka fur taariikhda liiska biraawsarka, oo tirtir boggaga goobtan. Tirtiridda boggaga qaarkood oo keliya way ka yar tahay in la dareemo marka loo eego in wax walba la tirtiro.
safe-shared-heading = Haddii qof kale arki karo taleefankaaga ama fariimahaaga
safe-shared = Marka aad soo sheegayso, calaamadee "Qof kale ayaa arki kara taleefankayga ama fariimahayga". Markaas waxba kuuma soo diri doonno marka laga reebo fariin gaaban oo aan sheegin booliska ama warbixintaada, oo ka timaadda ciwaan ama lambar aan iyaguna sheegin, oo keliya siyaabaha aad sheegtay inay ammaan yihiin. Uma baahnid inaad hayso wax aan ku tusno.

## The home page and the error page

home-intro = Peel wuxuu ka caawiyaa booliska London iyo la-hawlgalayaashooda inay ka hortagaan waxyeellada, si degdeg ah wax uga qabtaan, oo si ammaan ah u wadaagaan macluumaadka.
home-danger = Haddii aad hadda khatar ku jirto, wac 999.
home-staff = Shaqaalaha, saraakiisha, mutadawiciinta iyo la-hawlgalayaasha la isku halleeyo:
error-start-page = Tag bogga bilowga

## The report form

form-title = Noo sheeg waxa dhacay
form-intro = Su'aalaha lagu calaamadeeyay ikhtiyaari waa laga boodi karaa. Wixii kale oo dhan waa loo baahan yahay. Waad hubin kartaa jawaabahaaga ka hor intaadan dirin.
form-description = Maxaa dhacay?
form-description-hint = Ku dar waxaad aragtay ama maqashay, iyo wax kasta oo ku saabsan dadka ku lugta leh. Ilaa 4,000 xaraf.
form-category = Waa maxay nooca dhacdada?
form-when = Goorma ayay dhacday?
form-when-hint = Tusaale ahaan, 25 11 2026. Haddii aadan hubin, qor waxa aad u malaynayso inay ugu dhow yihiin.
form-day = Maalin
form-month = Bil
form-year = Sannad
form-time = Waqti (ikhtiyaari)
form-time-hint = Waqtiga ku qor saacadda 24-ka saac, tusaale ahaan 21:30.
form-where = Xaggee ayay ka dhacday?
form-where-postcode = Meel leh koodh boostada
form-postcode = Koodhka boostada
form-where-address = Waan garanayaa waddada ama meesha, laakiin ma garanayo koodhka boostada
form-address = Waddada ama meesha
form-where-online = Waxay ka dhacday internetka (tusaale ahaan bog internet, baraha bulshada ama fariin)
form-role = Sidee arrintan kuula xiriirtaa?
form-targeted-before = Tani hore ayay iigu dhacday (ikhtiyaari)
form-anonymous = Ma rabtaa inaad magacaaga qariso?
form-anonymous-hint = Haddii aad magacaaga qariso, ma kaydin doonno magacaaga ama macluumaadka xiriirkaaga, mana kula soo xiriiri karno. Weli waxaad ku hubin kartaa horumarka lambarka tixraacaaga.
form-anonymous-no = Maya, waad ila soo xiriiri kartaan
form-anonymous-yes = Haa, waxaan rabaa inaan magacayga qariyo
form-anonymous-missing = Dooro inaad rabto inaad magacaaga qariso iyo in kale
form-contact-heading = Sida laguula soo xiriiro
form-contact-intro = Qaybtan ka tag haddii aad dooratay inaad magacaaga qariso.
form-name = Magacaaga (ikhtiyaari)
form-email = Ciwaanka iimaylka
form-phone = Lambarka taleefanka
form-safe = Sidee ammaan u tahay in laguula soo xiriiro? (ikhtiyaari)
form-safe-hint = Waxaan isticmaali doonnaa oo keliya siyaabaha aad calaamadeyso. Haddii aadan midna calaamadeyn, waxba kuuma soo diri doonno ilaa sarkaal booliis uu ku weydiiyo sida ammaan u ah in laguula soo xiriiro.
form-safe-email = Iimayl
form-safe-phone = Wicitaan taleefan
form-safe-text = Fariin qoraal ah
form-no-voicemail = Ha ka tagin fariin cod ah
form-shared-device = Qof kale ayaa arki kara taleefankayga ama fariimahayga
form-safe-times = Goorma ayay ammaan tahay in laguula soo xiriiro? (ikhtiyaari)
form-safe-times-hint = Tusaale ahaan, maalmaha shaqada inta u dhaxaysa 9-ka subaxnimo iyo 3-da galabnimo.
form-language = Luqaddee ayaad rabtaa inaan isticmaalno?
form-language-hint = Luqaddaas ayaan kuugu qori doonnaa marka aan awoodno, waxaana kuu helaynaa turjumaan haddii aad u baahato.
form-language-other = Haddii luqaddaadu aysan ku jirin liiska, halkan ku qor (ikhtiyaari)
form-community = Sidee u sharxi lahayd bulshadaada? (ikhtiyaari)
form-community-hint = Tusaale ahaan qowmiyaddaada, diintaada ama bulsho kale oo aad ka tirsan tahay. Tan waxaan u isticmaalnaa oo keliya si aan u tirinno sida aan ugu adeegno bulsho kasta, marnaba si aan u go'aamino waxa ku dhacaya warbixintaada. Bannaan u daa, ama qor "ma doonayo inaan sheego".
form-date-not-real = Geli taariikh dhab ah, maalinta, bisha iyo sannadka oo tirooyin ah, iyo waqtiga haddii aad bixiso oo saacado iyo daqiiqado ah
role-victim = Aniga ayay igu dhacday
role-witness = Waan arkay markay dhacaysay
role-third-party = Qof kale ayaan u soo sheegayaa

## Categories

category-anti-social-behaviour = Dhaqan bulshada dhib ku ah
category-bicycle-theft = Xatooyo baaskiil
category-burglary = Guri ama dhisme la jabsaday
category-criminal-damage-arson = Hanti si dambi ah loo burburiyay ama dab qabadsiin
category-drugs = Daroogo
category-other-theft = Xatooyo kale
category-possession-of-weapons = Qof hub sita
category-public-order = Dambi nidaamka guud khalkhal geliya
category-robbery = Dhac xoog ah
category-shoplifting = Xatooyo dukaan
category-theft-from-the-person = Xatooyo qof jirkiisa laga xaday (tusaale ahaan jeeb-xaadis)
category-vehicle-crime = Dambi la xiriira gaadiidka
category-violent-crime = Rabshad ama dambi galmo
category-other-crime = Dambi kale
category-fraud = Khiyaano ama dhagar lacageed
category-online-abuse = Xadgudub ama dhibaateyn internetka ah
category-domestic-abuse = Xadgudub qoys
category-hate-incident = Dambi ama dhacdo nacayb
category-not-sure = Ma hubo

## Problems with answers (one per code in peel_core::submission::PROBLEM_CODES and
## peel_app::concerns::PROBLEM_CODES)

problem-too-long = Jawaabtani waa inay ahaataa { $max } xaraf ama ka yar
problem-bad-characters = Jawaabtani waxay leedahay xarfo aan la kaydin karin
problem-description-missing = Noo sheeg waxa dhacay
problem-category-missing = Dooro nooca waxa dhacay, ama dooro "Ma hubo"
problem-occurred-missing = Geli goorta ay dhacday
problem-occurred-future = Taariikhda iyo waqtiga ay dhacday waa inay ahaadaan waqti tegay
problem-occurred-too-old = Taariikhda ay dhacday waa inay ku jirtaa 20-kii sano ee la soo dhaafay
problem-role-missing = Dooro inay adiga kugu dhacday, inaad aragtay, ama inaad qof kale u soo sheegayso
problem-email-format = Geli ciwaan iimayl oo qaab sax ah leh, sida name@example.com
problem-phone-format = Geli lambar taleefan, sida 07700 900 982 ama +44 7700 900 982
problem-anonymous-with-details = Waxaad dooratay inaad magacaaga qariso, sidaa darteed ka tag magacaaga iyo macluumaadka xiriirka, ama dooro inaadan magacaaga qarin
problem-contact-missing = Na sii ciwaan iimayl ama lambar taleefan si aan kuula soo xiriirno, ama dooro inaad magacaaga qariso
problem-safe-channel-unknown = Taasi ma aha hab aan kuula soo xiriiri karno
problem-safe-channel-needs-email = Waxaad sheegtay in iimaylku ammaan yahay: na sii ciwaan iimayl, ama ka saar calaamadda
problem-safe-channel-needs-phone = Waxaad sheegtay in wicitaan taleefan ama fariin qoraal ahi ammaan yihiin: na sii lambar taleefan, ama ka saar calaamadda
problem-location-several = Sheeg hal meel oo keliya: koodh boostada, ciwaan, ama inay internetka ka dhacday
problem-location-point = Barta khariidadda ma aha meel dhab ah
problem-postcode-invalid = Geli koodh boostada oo dhab ah, sida SW1A 2AA
problem-location-missing = Noo sheeg meesha ay ka dhacday: koodh boostada, ciwaan, ama inay internetka ka dhacday
problem-codeword-unknown = Ka dooro erey sir ah liiska, ama dooro midna
problem-person-present-missing = Sheeg in qofku hadda kula joogo iyo in kale
problem-called-999-missing = Sheeg in 999 la wacay iyo in kale
problem-consent-missing = Sheeg in qofku ogolaaday in tan la gudbiyo iyo in kale
problem-what-happened-missing = Sheeg waxaad aragtay ama waxa laguu sheegay
problem-sent-by-missing = Sheeg magaca isticmaalaha (username) ee shaqaalaha tababaran ee walaacan ka yimid
problem-sent-by-unknown = Taasi ma aha mid ka mid ah akoonnada dhexdhexaadiyaha ee hay'addaada

## The progress page

status-report = Warbixinta { $reference }
status-where = Halka ay marayso
status-team = Kooxda
status-received = Goorta la helay
status-next-update = War cusub waxaa la filayaa
status-when-news = Marka war cusub jiro
status-outcome = Natiijada:
status-updates = Warar cusub
status-no-updates = Weli war cusub ma jiro.
status-tell-heading = Wax dheeraad ah noo sheeg, jawaab, ama na weydii inaan ku soo wacno
status-tell-intro = Waxaad soo dirto waxay u tagayaan sarkaalka qaabilsan warbixintaada. Waxaan kula soo xiriiri doonnaa oo keliya siyaabaha aad sheegtay inay ammaan yihiin.
status-kind = Maxaad rabtaa inaad samayso?
status-kind-information = Ku dar macluumaad
status-kind-reply = Ka jawaab war cusub
status-kind-call-back = Na weydii inaan dib kuu soo wacno
status-message = Fariintaada
status-call-back-when = Haddii aad rabto in dib laguu soo waco: goorma ayay ammaan tahay in lagu soo waco?
status-call-back-hint = Tusaale ahaan, maalmaha shaqada inta u dhaxaysa 10-ka subaxnimo iyo 2-da galabnimo.
status-send = Dir
status-reference = Lambarka tixraaca
status-reference-hint = Tusaale ahaan, 7KQM-3X9P-D
status-code = Koodhka xaaladda
status-code-hint = Afar koox oo xarfo iyo tirooyin ah, tusaale ahaan ABCD-EFGH-JKMN-P7. Xarfo waaweyn ama yaryar, iyadoo leh ama aan lahayn xariiqyada.
status-check = Hubi horumarka
stage-new = La helay: waxay sugaysaa in qof kula soo xiriiro
stage-contacted = Waan kula soo xiriirnay
stage-in_progress = Waa la eegayaa
stage-closed = Waa la xiray
stage-case-open = Sarkaal booliis ayaa la wareegay warbixintaada
stage-case-investigating = Baaritaan ayaa lagu wadaa
stage-case-safeguarding = Waxaan ka shaqaynaynaa sidii aad ammaan u ahaan lahayd
stage-case-closed = Waa la xiray
stage-case-merged = Waxaa lala eegayaa warbixin la xiriirta

## The satisfaction survey

survey-title = Sidee wax u qabannay?
survey-thanks = Waad ku mahadsan tahay
survey-thanks-text = Jawaabahaagu waxay naga caawinayaan inaan aragno sida aan ugu adeegno qayb kasta oo London ah. Had iyo jeer waxaa lagu tiriyaa oo keliya iyagoo lala tirinayo kuwa dadka kale.
survey-intro = Afar su'aalood oo ku saabsan sida aan ula tacaalnay waxaad soo sheegtay. Uma baahnid inaad gasho. Jawaabahaaga waxaa had iyo jeer lagu tiriyaa oo keliya iyagoo lala tirinayo kuwa dadka kale, marnaba laguma muujiyo magacaaga ama warbixintaada.
survey-ease = Intee in le'eg ayaad ku qanacsanayd sida ay u fududayd inaad nala soo xiriirto?
survey-kept_informed = Intee in le'eg ayaad ku qanacsanayd sida aan kuu siinnay warar joogto ah?
survey-treatment = Intee in le'eg ayaad ku qanacsanayd sida laguula dhaqmay?
survey-whole_experience = Haddii aad tixgeliso waayo-aragnimada oo dhan, intee in le'eg ayaad ku qanacsanayd adeegga aan ku siinnay?
scale-5 = Aad ayaan ugu qanacsanaa
scale-4 = Xoogaa waan ku qanacsanaa
scale-3 = Dhexdhexaad
scale-2 = Xoogaa kuma qanacsanayn
scale-1 = Gabi ahaanba kuma qanacsanayn
survey-comment = Ma jiraa wax kale oo aad rabto inaad noo sheegto? (ikhtiyaari)
survey-send = Dir jawaabahayga
status-sent = Waxaa loo diray sarkaalka qaabilsan warbixintaada.
status-sent-call-back = Waa la diray. Dib ayaan kuugu soo wici doonnaa waqtiga aad sheegtay, siyaabaha aad sheegtay inay ammaan yihiin.
status-not-found = Ma helin warbixin leh lambarkaas tixraaca iyo koodhkaas xaaladda. Hubi labadaba oo mar kale isku day
status-kind-missing = Dooro waxaad rabto inaad samayso

## Check your answers

answers-title = Hubi jawaabahaaga ka hor intaadan dirin warbixintaada
answers-intro = Weli waxba lama dirin. Beddel wax kasta oo aan sax ahayn, kadibna dir warbixintaada.
answers-change = Beddel
answers-yes = Haa
answers-no = Maya
answers-none = Lama bixin
answers-online = Internetka
answers-send = Dir warbixinta
answers-declaration = Marka aad dirto warbixintan, waxay u tagaysaa booliska London. Si ammaan ah ayaan u haynaa, waxaana u isticmaalnaa oo keliya inaan wax uga qabanno waxaad soo sheegtay.
answers-ways = Siyaabaha ammaanka ah ee laguula soo xiriiro

## After sending

done-title = Warbixinta waa la diray
done-reference = Lambarka tixraacaagu waa
done-shared-heading = Waxaad sheegtay in qof kale arki karo taleefankaaga ama fariimahaaga
done-shared = Sidaa darteed marnaba kuma qori doonno fariin aan kuu soo dirno wax ku saabsan booliska ama warbixintaada: kaliya xusuusin dhexdhexaad ah, oo keliya siyaabaha aad sheegtay inay ammaan yihiin. Uma baahnid inaad hayso wax ka mid ah boggan. Sarkaal booliis ayaa si ammaan ah kuula soo xiriiri doona.
done-shared-code = Haddii ay kuu ammaan tahay inaad haysato, waxaad isticmaali kartaa koodhkan xaaladda iyo lambarka tixraacaaga si aad u aragto horumarka, ugu darto macluumaad ama u codsato in dib laguu soo waco. Mar kale kuma tusi karno.
done-show-code = I tus koodhka xaaladdayda
done-status-code = Koodhka xaaladda:
done-keep-heading = Kuwan meel ammaan ah ku hay
done-keep = Si aad u hubiso horumarka, ugu darto macluumaad ama u codsato in dib laguu soo waco, waxaad u baahan tahay lambarka tixraacaaga iyo koodhkan xaaladda. Kor ayaad u akhrin kartaa ama waad qori kartaa. Mar kale kuma tusi karno.
done-next-heading = Maxaa xiga
done-team = Warbixintaada waxaa loo diray kooxda: { $team }.
done-update-by = War cusub ayaan ku siin doonnaa ugu dambayn { $due }.
done-danger = Haddii qof khatar ku jiro, wac 999.
done-see-progress = Arag horumarka warbixintan
done-support-heading = Taageero aad hadda heli karto
done-support-intro = Adeegyadan waa bilaash, waana qarsoodi. Waad la xiriiri kartaa iyaga, ha dhaco wax ku saabsan warbixintaada ama yuusan dhicin.
support-victim-support = Taageero bilaash ah oo qarsoodi ah oo loogu talagalay qof kasta oo dambi saameeyay, furan maalin kasta, habeen iyo maalinba.
support-domestic-abuse = Taageero bilaash ah oo qarsoodi ah oo loogu talagalay qof kasta oo la kulma xadgudub qoys, saacad kasta. Codso in dib laguu soo waco waqti ammaan ah.
support-nspcc = Talo haddii aad ka welwelsan tahay ilmo, oo ay ku jirto xadgudubka internetka.
support-action-fraud = Xarunta qaranka ee lagu soo sheego khiyaanada iyo dambiyada internetka.
support-stop-scams = Wac 159 si aad si ammaan ah ugu xiriirto bangigaaga haddii aad u malaynayso in wicitaan ama fariin ku saabsan lacagtaada ay tahay khiyaano.
support-samaritans = Qof aad la hadasho, saacad kasta, wax kasta oo aad la kulanto.

## Trusted intermediaries: the concern form

concern-title = Gudbi walaac
concern-intro = Waxaa loogu talagalay shaqaalaha tababaran ee farmashiye, saloon, dugsi, rugta caafimaadka, koox diimeed, xafiis guryeed, goob shati leh ama naadi dhallinyaro oo diiwaangashan. Waxay qaadanaysaa qiyaastii laba daqiiqo. Weydii oo keliya waxaad u baahan tahay: uma baahnid inaad wax dheeraad ah ogaato.
concern-999 = Haddii qof hadda khatar ku jiro, marka hore wac 999.
concern-cannot-send = Weli ma diri kartid walaac.
concern-urgent = Haddii qof hadda khatar ku jiro, wac 999. Haddii kale wac 101 oo sheeg inaad tahay dhexdhexaadiye la isku halleeyo.
concern-present = Qofku hadda ma kula joogaa?
concern-codeword = Ma isticmaaleen erey sir ah?
concern-codeword-hint = Tusaale ahaan, farmashiyaha ayay ka codsadeen "ANI", ama baarka ayay ka weydiiyeen "Angela".
concern-codeword-none = Erey sir ah ma jiro
concern-called-999 = 999 ma la wacay?
concern-consent = Qofku ma ogolaaday inaad tan u gudbiso booliska?
concern-what = Maxaad aragtay, ama maxaa laguu sheegay?
concern-what-hint = Erayadooda haddii aad awoodo. Ilaa 4,000 xaraf.
concern-about = Yaa ay ku saabsan tahay? (ikhtiyaari)
concern-where = Xaggee ayay ka dhacday, ama xaggee baad joogtaa?
concern-where-hint = Koodh boostada, ama waddada ama meesha.
concern-contact-heading = Ma ammaan baa in lala xiriiro, haddii ay tahay sidee?
concern-contact-intro = Bixi oo keliya waxay sheegeen inay ammaan yihiin. Haddii aysan ammaan ahayn in si toos ah loola xiriiro, qaybtan ka tag: adiga ayaan dib kuu soo wici doonnaa.
concern-their-name = Magacooda (ikhtiyaari)
concern-safe = Siyaabahee ayaa ammaan ah? (ikhtiyaari)
concern-shared-device = Qof kale ayaa arki kara taleefankooda ama fariimahooda
concern-send = Dir walaaca
concern-sent-title = Walaaca waa la diray
concern-call-back = Qof ka shaqeeya xarunta wicitaannada ayaa dib kuugu soo wici doona { $phone } gudaha { $minutes } daqiiqo. Qofka la joog haddii aad awoodo.
concern-procedure = Waxa la sameeyo hadda ({ $codeword })
concern-what-you-see = Waxaad arki doontaa in la helay iyo marka wax laga qabtay. Si loo ilaaliyo qofka, ma arki doontid waxa dhaca intaas kadib.
concern-another = Gudbi walaac kale
concerns-intro = Walaacyada aad gudbisay, kuwa ugu cusub ayaa ugu horreeya.
concerns-none = Weli ma aadan gudbin wax walaac ah.
concerns-caption = Walaacyada aad gudbisay
concerns-state = Halka uu marayo
concerns-received = La helay
concerns-acted-on = Wax laga qabtay

## Fariimaha loo diro dadka wax soo sheegay (sanduuqa fariimaha baxaya): cinwaannada iyo qoraalka iimaylka, iyo fariimaha qoraalka ah

outbox-ack-subject = Warbixintaada { $reference }
outbox-ack-body = Waad ku mahadsan tahay. Warbixintaada { $reference } waxay gaartay kooxda: { $team }.
outbox-ack-update = War cusub ayaan ku siin doonnaa ugu dambayn { $due }.
outbox-ack-status = Waxaad arki kartaa horumarkeeda, ku dari kartaa macluumaad ama na weydiin kartaa inaan dib kuu soo wacno halkan: { $status }, adigoo isticmaalaya lambarka tixraacaaga iyo koodhka xaaladda ee lagu siiyay.
outbox-update-subject = War cusub oo ku saabsan warbixintaada { $reference }
outbox-update-footer = Waxaad ka jawaabi kartaa, ku dari kartaa macluumaad ama codsan kartaa in dib laguu soo waco halkan: { $status }.
outbox-evidence-subject = Sawirro ama muuqaal loogu talagalay warbixintaada { $reference }
outbox-evidence-body = Halkan ayaad ka soo diri kartaa, taleefankaaga ama kombiyuutarkaaga: { $link } Xiriirku hal mar ayuu shaqeynayaa, ilaa { $until }. Asalka ku hay qalabkaaga.
outbox-neutral-subject = Fariin kuu socota
outbox-neutral-body = Salaan. Fariin cusub ayaa kuu timid. Sida caadiga ah u eeg marka ay ammaan tahay.
outbox-closed = Kiiskaaga hadda waa la xiray. Natiijada: { $outcome }.
outbox-survey-body = Kiiskaaga waa la xiray. Fadlan noo sheeg sida aan u shaqaynay: afar su'aalood, looma baahna inaad gasho. Jawaabahaaga waxaa lagu tiriyaa oo keliya iyagoo la socda kuwa dadka kale, marnaba laguma muujiyo magacaaga.

## Mutadawacnimada: bogga dadweynaha, codsiga iyo horumarkiisa

vol-title = Mutadawac la noqo booliska London
vol-intro = Dadka deegaanka ee leh xirfado ay wadaagi karaan waxay booliska ka caawiyaan ka hortagga waxyeellada iyo taageeridda dhibbanayaasha: sugidda xisaabaadka qof lagu khiyaanay, booqashada qof gurigiisa la jabsaday, turjubaannimo, iyo la shaqaynta dhallinyarada. Mutadawiciinta qaarkood waa saraakiil booliis oo mutadawac ah, oo leh awoodaha sarkaal booliis.
vol-wanted-heading = Cidda aan raadinayno
vol-wanted-languages = Dadka ku hadla luqadaha London laga isticmaalo
vol-involves-heading = Waxa ay ka kooban tahay
vol-involves-vetting = Xirfadahaaga waxaan ka hubinaa hay'adda xirfadeed ee aad ka tirsan tahay, waxaana kuu samaynaa baaritaan daacadnimo, labadaba si joogto ah ayaan dib ugu eegnaa.
vol-involves-training = Waxaad dhammaystiraysaa tababarka shaqada aad qabanayso, qaybna waxaa lagu qabtaa shaqada dhexdeeda iyadoo lagu kormeerayo.
vol-involves-tasks = Adiga ayaa dooranaya hawlaha aad aqbasho, kuwa kuu dhow iyo marka aad firaaqo tahay, kormeeraha ayaana kuu sharxa hawl kasta ka hor.
vol-involves-special = Saraakiisha booliiska ee mutadawaca ah waa inay ugu yaraan 18 jir yihiin, shaqooyinka iyo ganacsiyada qaarkoodna laguma darsan karo doorkan: tan waxaan hubinaa marka aad codsato.
vol-apply = Codso inaad mutadawac noqoto
vol-already = Horay ma u codsatay?
vol-check-status = Hubi codsigaaga
vol-apply-intro = Waxay qaadanaysaa qiyaastii 10 daqiiqo. Waxaad noo sheegto waxaan u isticmaalnaa oo keliya inaan ku eegno codsigaaga iyo, haddii aad nagu soo biirto, inaan kuu xulno hawlaha kugu habboon.
vol-name = Magacaaga oo buuxa
vol-email = Ciwaanka iimaylka
vol-phone = Lambarka taleefanka (ikhtiyaari)
vol-postcode = Koodhka boostada ee gurigaaga
vol-applying-as = Sidee baad jeclaan lahayd inaad u caawiso?
vol-as-volunteer = Mutadawac ahaan
vol-as-special = Sarkaal booliis oo mutadawac ah (special constable) ahaan
vol-skills = Xirfadahee ayaad bixin kartaa?
vol-skills-hint = Haddii aad xirfad u leedahay xubinnimo hay'ad xirfadeed (sida BCS, NMC ama HCPC), qor magaceeda iyo lambarka xubinnimadaada: waxaan ka hubinaa iyaga.
vol-body = Hay'adda xirfadeed (ikhtiyaari)
vol-number = Lambarka xubinnimada ama diiwaangelinta (ikhtiyaari)
vol-languages = Luqadaha aad ku hadasho marka laga reebo Ingiriisiga (ikhtiyaari)
vol-days = Maalmahee ayaad caawin kartaa?
vol-hours = Saacadahee maalmahaas?
vol-hours-hint = Muddo ku qoran saacadda 24-ka saac, tusaale ahaan 09:00-17:00.
vol-associations = Ururada, loo-shaqeeyayaasha, dugsiyada ama xaafadaha guryaha ee aad xiriir la leedahay (ikhtiyaari)
vol-associations-hint = Mid kasta sadar gooni ah. Marnaba kuma siinno hawl iyaga taabanaysa.
vol-special-heading = Oo keliya haddii aad u codsanayso sarkaal booliis oo mutadawac ah
vol-special-intro = Kuwan waxaan ku hubinaa xeerarka qaranka ee u-qalmitaanka.
vol-born = Taariikhda dhalashada, tusaale ahaan 1990-04-21
vol-occupation = Shaqadaada
vol-interests = Dano ganacsi oo aad leedahay, mid kasta sadar gooni ah (ikhtiyaari)
vol-consent = Waxaan ogolahay in la i baaro, iyo in xirfadahayga laga hubiyo hay'adda xirfadeed ee aan ka tirsanahay
vol-send = Dir codsigayga
vol-done-title = Codsiga waa la diray
vol-done-code = Si aad u ogaato halka uu marayo codsigaagu waxaad u baahan tahay lambarka tixraacaaga iyo koodhkan xaaladda. Qor: koodhka mar kale kuma tusi karno.
vol-done-next = Qaybta baaritaanka ayaa hubin doonta xirfadahaaga oo ku baari doonta. Iimayl ayaan kugula soo xiriiri doonnaa.
vol-status-note = Qoraal ka yimid qaybta baaritaanka
app-status-received = La helay: waxay joogtaa qaybta baaritaanka
app-status-approved = Waa la ansixiyay: ku soo dhawoow kooxda
app-status-declined = Lama sii wadin
skill-cyber_help = Caawinaad dhanka amniga internetka iyo dhijitaalka
skill-digital_forensics = Baaritaanka caddaymaha dhijitaalka
skill-fraud_recovery = Ka soo kabashada khiyaanada
skill-mental_health = Caafimaadka maskaxda
skill-medical = Caafimaad
skill-youth_work = La shaqaynta dhallinyarada
skill-schools_liaison = Xiriirinta dugsiyada
skill-victim_support = Taageerada dhibbanayaasha
skill-business_support = Taageerada ganacsiyada
day-mon = Isniin
day-tue = Talaado
day-wed = Arbaco
day-thu = Khamiis
day-fri = Jimce
day-sat = Sabti
day-sun = Axad
problem-volunteer-name-missing = Geli magacaaga
problem-volunteer-email-format = Geli ciwaan iimayl oo qaab sax ah leh, sida name@example.com
problem-volunteer-phone-format = Geli lambar taleefan, sida 07700 900 982
problem-volunteer-postcode-invalid = Geli koodhka boostada ee gurigaaga, sida E8 1DY
problem-volunteer-kind-missing = Dooro inaad u codsanayso mutadawac ahaan ama sarkaal booliis oo mutadawac ah
problem-volunteer-skill-unknown = Ka dooro xirfadaha liiska
problem-volunteer-skill-missing = Dooro ugu yaraan hal xirfad oo aad bixin karto
problem-volunteer-days-missing = Dooro maalmaha aad caawin karto
problem-volunteer-hours-format = Geli saacadaha oo ah muddo ku qoran saacadda 24-ka saac, sida 09:00-17:00
problem-volunteer-born-format = Geli taariikhda dhalashadaada oo ah sannad, bil iyo maalin, sida 1990-04-21
problem-volunteer-occupation-missing = Geli shaqadaada
problem-volunteer-consent-missing = Waa inaad ogolaataa in lagu baaro ka hor inta aynaan eegin codsigaaga
problem-volunteer-too-long = Jawaab ayaa aad u dheer: jawaab kasta ha ka badnaan 200 xaraf, liisaskana 2,000
vol-not-found = Ma helin codsi leh lambarkaas tixraaca iyo koodhkaas xaaladda. Hubi labadaba oo mar kale isku day

## Ku darista faylasha bogga horumarka

status-evidence-heading = Soo dir sawirro, muuqaallo ama dukumiintiyo
status-evidence-intro = Haddii aad haysato sawir, muuqaal (taleefan, kamarada albaabka ama kamarada baabuurka), duubis cod ah ama dukumiinti muujinaya waxa dhacay, halkan ku soo dir. Asalka ku hay qalabkaaga.
status-evidence-file = Dooro faylasha
status-evidence-hint = Waxaad dooran kartaa dhowr. Ma aqbali karno barnaamijyo ama kaydiyo (sida faylasha .zip).
status-evidence-send = Dir faylasha
status-evidence-sent = Mahadsanid: faylashaada waa la helay waxaana lagu daray warbixintaada.
status-evidence-none = Dooro ugu yaraan hal fayl oo aad dirto
done-files-lost = Warbixintaada waa la diray, laakiin qaar ka mid ah faylashaada lama kaydin karin. Fadlan hoos ka soo dir mar kale.
evreq-title = Soo dir sawiradaada ama muuqaalkaaga
evreq-asked = Sarkaalka ka shaqeynaya warbixintaada wuxuu codsaday:
evreq-unknown = Xiriirkan annaga ma aanaan dirin. Hubi in si buuxda loo koobiyeeyay, ama isticmaal bogga horumarka adoo adeegsanaya tixraacaaga iyo koodhkaaga.
evreq-used = Faylal ayaa horay loogu soo diray xiriirkan, markaa hadda ma shaqeynayo. Weli faylal waad ku dari kartaa bogga horumarka adoo adeegsanaya tixraacaaga iyo koodhkaaga.
evreq-expired = Xiriirkan wuu dhacay. Weli faylal waad ku dari kartaa bogga horumarka adoo adeegsanaya tixraacaaga iyo koodhkaaga.

# Files on concerns and evidence requests to witnesses (issue 17)
concern-files-title = Ku dar sawirro ama faylal walaac
concern-files-intro = Ku dar sawir, muuqaal ama dukumenti caawin kara, sida warqad miiska lagugu soo dhiibay ama sawir ka yimid kamaradaada. Waxaad faylal ku dari kartaa 7 maalmood kadib markaad dirto walaaca.
concern-files-added = Faylasha waxaa lagu daray walaaca.
concern-files-link = Ku dar sawirro ama faylal
concern-files-column = Faylal
evreq-asked-witness = Sarkaal booliis ah ayaa kaa codsaday:
evreq-witness-sent = Mahadsanid: faylashaada waa la helay waxaana loo gudbiyay sarkaalkii codsaday.
evreq-used-witness = Xiriirkan horay ayaa faylal loogu soo diray, markaa mar dambe ma shaqeeyo. Haddii aad wax kale hayso, wac 101 oo sheeg in codsi laguu soo diray.
evreq-expired-witness = Xiriirkan wuu dhacay. Haddii aad weli wax soo diri lahayd, wac 101 oo sheeg in codsi laguu soo diray.
outbox-evidence-witness-subject = Codsi booliiska ka yimid oo ku saabsan sawirro ama muuqaal

## The public ward page (issue 19)
ward-title = { $ward }, { $borough }: xaafaddaada
ward-intro = Waxa tirooyinka ay booliisku daabaceen ka sheegayaan dembiyada halkan, iyo cidda aad la hadli karto.
ward-team-heading = Kooxda xaafaddaada
ward-team = { $team } ayaa mas'uul ka ah xaafaddan.
ward-team-contact = Si aad booliiska ugu sheegto wax aan degdeg ahayn, ka warbixi onlayn ama wac 101. Xaalad degdeg ah, wac 999.
ward-report-link = Ka warbixi onlayn
ward-priorities-heading = Mudnaanta xaafaddan
ward-priorities-none = Guddiga xaafaddu weli ma diiwaangelin mudnaantooda rubucan.
ward-priorities-intro = Rubuc kasta (saddex bilood), guddiga xaafadda, oo ah dad deggan oo la shaqeeya kooxda xaafadda, waxay doortaan ilaa saddex mudnaan kadib markay weydiiyaan dadka halkan ku nool iyo kuwa halkan ka shaqeeya. Hoos waxaa ku qoran waxay doorteen, waxa la qabtay tan iyo markaas, waxa dadka deggan ka codsadeen boggan, iyo meesha dhibaatadu ku badan tahay.
ward-priorities-quarter = Rubucan ({ $quarter })
ward-priorities-previous = Rubucii hore ({ $quarter })
ward-priority-theme = Mawduuca: { $theme }
ward-priority-consulted = Sida dadka deggan loo weydiiyay: { $how }
ward-priority-done-heading = Waxa la qabtay
ward-priority-done-none = Weli wax lama diiwaangelin.
ward-priority-done-line = { $date }: { $text }
ward-priorities-compare-heading = Doorashada guddiga, codadka dadka deggan iyo dhibaatada
ward-priorities-compare-caption = Mawduuc kasta: haddii guddigu doorteen rubucan, immisa qof oo deggan ayaa boggan ku codsaday, iyo dembiyadiisa iyo dhibaatadiisa laba iyo tobankii bilood ee u dambeeyay
ward-priorities-col-theme = Mawduuca
ward-priorities-col-panel = Guddigu ma doorteen
ward-priorities-col-voices = Codadka dadka deggan
ward-priorities-col-crimes = Dembiyada, 12kii bilood ee u dambeeyay
ward-priorities-col-harm = Maalmaha dhibaatada, 12kii bilood ee u dambeeyay
ward-priorities-yes = Haa
ward-priorities-no = Maya
ward-priorities-not-counted = kuma jiro faylasha la daabacay
ward-priorities-withheld = lama muujin, si aan loo ogaan karin tiro ka yar { $n }
ward-voices-share = { $n } ({ $share }%, inta badan u dhexeeya { $low }% iyo { $high }%)
ward-voices-total = Tirada dadka deggan ee codkooda bixiyay rubucan: { $n }.
ward-residents-differ = Inta badan dadka deggan ee codkooda bixiyay waxay codsadeen “{ $theme }”, oo guddigu aanu dooran.
ward-harm-differs = Dhibaatada ugu badan laba iyo tobankii bilood ee u dambeeyay waxay ka timid “{ $theme }”, oo guddigu aanu dooran.
ward-voices-few = Mawduuca ugu horreeya ee dadka deggan waxaa la magacaabaa oo keliya marka ugu yaraan { $n } cod la bixiyo oo hal mawduuc hormuud noqdo. Dhibaatada waxaa laga xisaabiyaa dembiyada qaybaha mawduuc kasta; mawduucyada qaarkood si gaar ah looguma tiriyo faylasha la daabacay.
ward-voice-heading = Codkaaga bixi
ward-voice-intro = U sheeg guddiga hal arrinta aad ugu badan rabto in kooxda xaafaddu ka shaqeyso rubucan. Akoon uma baahnid.
ward-voice-theme = Maxay tahay inay kooxdu ka shaqeyso?
ward-voice-words = Wax kasta oo aad rabto inuu guddigu ogaado (ikhtiyaari)
ward-voice-words-hint = Waxaa caawinaya inaad sheegto meesha iyo goorta ay dhacdo. Kooxda iyo guddiga xaafadda oo keliya ayaa akhriya; marnaba lama daabaco. Qofna ha magacaabin. Si aad dembi u soo sheegto, isticmaal foomka warbixinta; xaalad degdeg ah, wac 999.
ward-voice-email = Ciwaanka iimaylkaaga
ward-voice-email-hint = Waxaan kuu soo dirnaa xiriir aad ku xaqiijiso codkaaga. Ciwaan iimayl kasta wuxuu leeyahay hal cod xaafaddan rubuc kasta: cod cusub ayaa beddela kii hore. Waxaan tirtirnaa ciwaankaaga marka iimaylka la diro kadib.
ward-voice-send = Dir codkayga
voice-error-theme = Dooro waxa ay tahay inay kooxdu ka shaqeyso
voice-error-email = Geli ciwaan iimayl, sida name@example.com
voice-error-words = Qor ugu badnaan { $max } xaraf, xarfo gaar ah la'aan
voice-sent-title = Hubi iimaylkaaga
voice-sent-body = Waxaan xiriir u dirnay { $email }. Codkaagu wuxuu tirsanayaa marka aad furto oo aad xaqiijiso, toddoba maalmood gudahood.
voice-back = Ku noqo { $ward }
voice-confirm-title = Xaqiiji codkaaga
voice-confirm-body = Xaqiiji codkaaga ku saabsan mudnaanta { $ward }.
voice-confirm-button = Xaqiiji codkayga
voice-confirmed-title = Codkaaga waa la tirinayaa
voice-confirmed-body = Mahadsanid. Codkaaga “{ $theme }” ee { $ward } waa la tirinayaa rubucan.
voice-confirmed-replaced = Wuxuu beddelayaa codkii aad horay u bixisay rubucan.
voice-confirm-unknown = Xiriirkan waa la isticmaalay, wuu dhacay ama ma saxna. Xiriir kasta hal mar ayuu shaqeeyaa, muddo toddoba maalmood ah. Waxaad mar kale codkaaga ku bixin kartaa bogga xaafadda.
voice-email-subject = Xaqiiji codkaaga ku saabsan mudnaanta { $ward }
voice-email-body = Waxaad codsatay in “{ $theme }” uu noqdo mudnaan u ah kooxda xaafadda ee { $ward }. Fur xiriirkan si aad u xaqiijiso codkaaga:
voice-email-ignore = Haddii aadan tan codsan, iska indho tir iimaylkan: waxba lama tirin doono.
theme-anti-social-behaviour = Dhaqan bulshada dhib ku ah iyo nidaamka guud
theme-burglary = Guryo iyo dhismayaal la jabsado
theme-drugs = Ka ganacsiga daroogada iyo isticmaalkeeda
theme-violence = Rabshad iyo hub, oo ay ku jiraan dembiyada mindida
theme-robbery = Dhac xoog ah iyo boobka taleefannada
theme-vehicle-crime = Dembiyada gaadiidka iyo baaskiillada
theme-theft = Xatooyo iyo xatooyo dukaan
theme-criminal-damage = Hanti si dambi ah loo burburiyo iyo dab qabadsiin
theme-fraud = Khiyaano iyo dhagar lacageed
theme-hate = Dembiyada nacaybka
theme-womens-safety = Ammaanka haweenka iyo gabdhaha meelaha guud
theme-online-harm = Waxyeellada internetka, gaar ahaan tan carruurta
theme-road-safety = Badbaadada waddooyinka: xawaare xad-dhaaf ah iyo wadis khatar ah
ward-trust-heading = Waxa dadka halkan deggan ka yiraahdaan booliiska
ward-trust-line = { $measure }: { $share }% ee { $respondents } qof ee lagu weydiiyay { $area } ayaa ku raacsan ({ $quarter }), inta badan u dhexeeya { $low }% iyo { $high }%.
ward-trust-none = Weli lama soo gelin sahan ku saabsan waxa dadku ka qabaan booliiska aaggan.
ward-trust-source = Waxay ka timid sahanka Public Attitude Survey, oo dadka London weydiiya booliiska meesha ay ku nool yihiin. Su'aalaha waxaa loo bixiyay sida sahanku u daabaco, af Ingiriis.
ward-trend-heading = Dembiyada bil kasta
ward-summary = Laba iyo tobankii bilood ee ku dhammaaday { $month }, xaafaddan waxaa lagu diiwaangeliyay { $crimes } dembi.
ward-rate = Taasi waa qiyaastii { $rate } 1,000 kasta oo qof oo halkan deggan (waxay u badan tahay inta u dhexeysa { $low } iyo { $high }).
ward-change-up = Taasi waa ka badan tahay laba iyo tobankii bilood ee ka horreeyay, oo farqiga ayaan nasiib lagu sharxi karin.
ward-change-down = Taasi waa ka yar tahay laba iyo tobankii bilood ee ka horreeyay, oo farqiga ayaan nasiib lagu sharxi karin.
ward-change-none = Isbeddel cad kama jiro laba iyo tobankii bilood ee ka horreeyay.
ward-change-untested = Weli ma jiraan tirooyin laba sano oo buuxa ah oo la isbarbar dhigo.
ward-chart-title = Dembiyada la diiwaangeliyay bil kasta
ward-chart-description = Bil kasta hal tiir. Bilaha ay dembiyadu ka yar yihiin { $n } waa madhan yihiin; shaxdu waxay bixisaa bil kasta.
ward-table-caption = Dembiyada la diiwaangeliyay bil kasta
ward-month = Bisha
ward-crimes = Dembiyada
ward-fewer-than = ka yar { $n }
ward-kinds-heading = Noocyada dembiyada laba iyo tobankii bilood ee u dambeeyay
ward-kind = Nooca dembiga
ward-no-data = Weli lama gelin tirooyinka dembiyada xaafaddan.
ward-map-heading = Xaafadaha { $borough }
ward-map-title = Dhibaatada xaafad kasta
ward-map-description = Xaafad kasta waxaa loo midabeeyay dhibaatada dembiyadeedu u geysteen 1,000 kasta oo deggane laba iyo tobankii bilood ee u dambeeyay: midab madow badan wuxuu ka dhigan yahay dhibaato badan.
ward-map-label = { $ward }: { $days } maalmood oo dhibaato ah 1,000 kasta oo deggane
ward-map-no-figure = { $ward }: tiro ma jirto
ward-map-caption = Midab madow badan wuxuu ka dhigan yahay dhibaato badan 1,000 kasta oo deggane. Xaafaddan waxaa lagu xardhay guduud. Xaafadaha ka yar meelaha khariidadda laga sawiray lama muujin.
ward-about-heading = Tirooyinkan ku saabsan
ward-bias = Tirooyinku waxay tiriyaan waxa la soo sheegay oo la diiwaangeliyay. Sida ay u fudud tahay in la soo sheego, iyo sida dadku u doortaan, way ku kala duwan yihiin meelaha iyo bulshooyinka, sidaa darteed tiro sare waxay noqon kartaa warbixin badan iyo dembi badan labadaba.
ward-suppressed = Tirooyinka 1 ilaa 4 waxaa lagu muujiyaa "ka yar { $n }" si aan qofna loo aqoonsan.
ward-sources = Dembiyada: data.police.uk, shatiga Open Government Licence. Dhibaatada: Cambridge Crime Harm Index. Dadka deggan: qiyaasaha Greater London Authority.
