# status: machine draft
# Turkish translation of en.ftl. A fluent speaker has not yet checked it.

## Every page

layout-skip = Ana içeriğe geç
layout-quick-exit = Bu siteden hemen çıkın
layout-quick-exit-hint = Klavye: erişim tuşu X.
layout-staying-safe = İnternette güvende kalmak
layout-languages = Bir dil seçin
layout-main-nav = Ana menü
layout-account = Hesabınız ({ $name })
layout-concerns = Bildirdiğiniz endişeler
layout-sign-out = Oturumu kapat
layout-sign-in = Oturum aç
layout-footer = Peel, toplum güvenliği için açık kaynaklı bir yazılımdır. Şu anda tehlikedeyseniz 999'u arayın. Acil olmayan bir durumu bildirmek için 101'i arayın.
error-summary-title = Bir sorun var
error-prefix = Hata:
optional = (isteğe bağlı)
continue = Devam edin
nothing-saved = Bize anlattıklarınızın hiçbiri kaydedilmedi.

## The start page

start-title = Bir suçu veya olayı bildirin
start-heading = Bir suçu veya sizi endişelendiren bir şeyi bildirin
start-intro = Londra polisine bir suç veya olay hakkında bilgi vermek için bu hizmeti kullanın. Yaklaşık 5 dakika sürer. Adınızı vermeden bildirebilirsiniz.
start-danger-warning = Şu anda tehlikedeyseniz veya şu anda bir suç işleniyorsa 999'u arayın.
start-silent-999 = Konuşamıyorsanız 999'u arayın ve sizden istendiğinde 55'e basın.
start-danger-question = Şu anda tehlikede olan biri var mı?
start-danger-yes = Evet, şu anda biri tehlikede
start-danger-no = Hayır
start-danger-missing = Şu anda tehlikede olan biri varsa “Evet”i seçin
start-already = Daha önce bir bildirimde bulundunuz mu?
start-check-progress = Bir bildirimin durumunu kontrol edin
start-worried = Bu telefonda veya bilgisayarda yaptıklarınızı birinin görebileceğinden mi endişeleniyorsunuz?

## The 999 page

emergency-title = Hemen 999'u arayın
emergency-call-now = Biri tehlikedeyse hemen 999'u arayın.
emergency-not-form = Bu formu kullanmayın: bir süre kimse okumayabilir.
emergency-silent = Telefonda konuşamıyorsanız 999'u arayın, soruları dinleyin ve 55'e basın. Polise bağlanacaksınız.
emergency-text = Sağırsanız veya işitme güçlüğünüz varsa 999'a kısa mesaj gönderin (önce 999'a "register" yazıp göndererek kayıt olmanız gerekir).
emergency-continue = 999'u aradım veya şu anda kimse tehlikede değil: bildirime devam et

## Asked again: words of present danger

danger-title = Şu anda güvende misiniz?
danger-call-999 = Siz veya başka biri şu anda tehlikedeyse 999'u arayın.
danger-not-saved = Bize anlattıklarınızın hiçbiri henüz kaydedilmedi.
danger-you-said = Şu anda kimsenin tehlikede olmadığını söylediniz, ancak yazdıklarınız birinin tehlikede olabileceğini gösteriyor:
danger-reason-in-progress = olay hâlâ devam ediyor olabilir
danger-reason-danger-to-life = birinin hayatı tehlikede olabilir
danger-reason-self-harm = biri kendine zarar verme riski altında olabilir
danger-goes-straight = Bildiriminizi gönderirseniz, günün her saatinde polise gelen aramaları yanıtlayan kişilere ve ayrıca bölgenizdeki ekibe doğrudan ulaşır.
danger-send = Şu anda kimse tehlikede değil: bildirimimi gönder
danger-change = Geri dönüp yanıtlarımı değiştir

## Staying safe online

safe-intro = Bu telefonda veya bilgisayarda yaptıklarınızı biri görebilecekse, bu adımlar ziyaretinizi gizli tutmanıza yardımcı olur.
safe-leave-heading = Hemen çıkın
safe-leave = Bu hizmetin her sayfasının üstünde kırmızı bir “Bu siteden hemen çıkın” bağlantısı vardır. Bu bağlantı bir hava durumu sayfası açar. Klavyenizdeki X erişim tuşu da aynı işi yapar: çoğu bilgisayarda Alt tuşunu (Mac'te Control ve Option tuşlarını) basılı tutun ve X'e basın.
safe-private-heading = Gizli pencere kullanın
safe-private = Gizli pencere (gizli sekme veya incognito) ziyaret ettiğiniz sayfaları geçmişte tutmaz. Bu hizmete geri gelmeden önce tarayıcınızın menüsünden bir gizli pencere açın.
safe-history-heading = Geçmişinizi temizleyin
safe-history = Gizli pencere kullanmadıysanız bu hizmeti tarayıcınızın geçmişinden silin: tarayıcının menüsünden geçmişi açın ve bu sitenin sayfalarını silin. Yalnızca bazı sayfaları silmek, her şeyi temizlemekten daha az dikkat çeker.
safe-shared-heading = Telefonunuzu veya mesajlarınızı başka biri görebiliyorsa
safe-shared = Bildirimde bulunurken “Telefonumu veya mesajlarımı başka biri görebilir” seçeneğini işaretleyin. Bu durumda size yalnızca polisten veya bildiriminizden söz etmeyen kısa bir mesaj göndeririz; mesajın geldiği adres veya numara da bunlardan söz etmez. Mesajı yalnızca güvenli olduğunu söylediğiniz yollarla göndeririz. Size gösterdiğimiz hiçbir şeyi saklamanız gerekmez.

## The home page and the error page

home-intro = Peel, Londra polisinin ve ortaklarının zararı önlemesine, hızlı yanıt vermesine ve bilgileri güvenle paylaşmasına yardımcı olur.
home-danger = Şu anda tehlikedeyseniz 999'u arayın.
home-staff = Personel, polis memurları, gönüllüler ve güvenilir ortaklar:
error-start-page = Başlangıç sayfasına gidin

## The report form

form-title = Bize ne olduğunu anlatın
form-intro = İsteğe bağlı olarak işaretlenen soruları boş bırakabilirsiniz. Diğerlerinin hepsi gereklidir. Göndermeden önce yanıtlarınızı kontrol edebilirsiniz.
form-description = Ne oldu?
form-description-hint = Ne gördüğünüzü veya duyduğunuzu ve olaya karışan kişiler hakkında bildiğiniz her şeyi yazın. En fazla 4.000 karakter.
form-category = Bu ne tür bir olaydı?
form-when = Ne zaman oldu?
form-when-hint = Örneğin, 25 11 2026. Emin değilseniz en iyi tahmininizi yazın.
form-day = Gün
form-month = Ay
form-year = Yıl
form-time = Saat (isteğe bağlı)
form-time-hint = Saati 24 saat biçiminde yazın, örneğin 21:30.
form-where = Nerede oldu?
form-where-postcode = Posta kodu olan bir yerde
form-postcode = Posta kodu
form-where-address = Sokağı veya yeri biliyorum ama posta kodunu bilmiyorum
form-address = Sokak veya yer
form-where-online = İnternette oldu (örneğin bir web sitesinde, sosyal medyada veya bir mesajda)
form-role = Bu olayla ilişkiniz nedir?
form-targeted-before = Bu bana daha önce de oldu (isteğe bağlı)
form-anonymous = Kimliğinizi gizli tutmak istiyor musunuz?
form-anonymous-hint = Kimliğinizi gizli tutarsanız adınızı veya iletişim bilgilerinizi saklamayız ve sizinle iletişime geçemeyiz. Referans numaranızla durumu yine de kontrol edebilirsiniz.
form-anonymous-no = Hayır, benimle iletişime geçebilirsiniz
form-anonymous-yes = Evet, kimliğimi gizli tutmak istiyorum
form-anonymous-missing = Kimliğinizi gizli tutmak isteyip istemediğinizi seçin
form-contact-heading = Sizinle nasıl iletişime geçebiliriz
form-contact-intro = Kimliğinizi gizli tutmayı seçtiyseniz bu bölümü boş bırakın.
form-name = Adınız (isteğe bağlı)
form-email = E-posta adresi
form-phone = Telefon numarası
form-safe = Sizinle hangi yolla iletişime geçmek güvenli? (isteğe bağlı)
form-safe-hint = Yalnızca işaretlediğiniz yolları kullanırız. Hiçbirini işaretlemezseniz, bir polis memuru size hangi yolla iletişime geçmenin güvenli olduğunu sorana kadar size hiçbir şey göndermeyiz.
form-safe-email = E-posta
form-safe-phone = Telefon araması
form-safe-text = Kısa mesaj (SMS)
form-no-voicemail = Sesli mesaj bırakmayın
form-shared-device = Telefonumu veya mesajlarımı başka biri görebilir
form-safe-times = Sizinle ne zaman iletişime geçmek güvenli? (isteğe bağlı)
form-safe-times-hint = Örneğin, hafta içi saat 09:00 ile 15:00 arası.
form-language = Hangi dili kullanmamızı istersiniz?
form-language-hint = Mümkün olduğunda size bu dilde yazarız ve ihtiyacınız olursa bir tercüman buluruz.
form-language-other = Diliniz listede yoksa buraya yazın (isteğe bağlı)
form-community = Topluluğunuzu nasıl tanımlarsınız? (isteğe bağlı)
form-community-hint = Örneğin etnik kökeniniz, inancınız veya ait olduğunuz başka bir topluluk. Bu bilgiyi yalnızca her topluluğa ne kadar iyi hizmet verdiğimizi saymak için kullanırız; bildiriminize ne olacağına karar vermek için asla kullanmayız. Boş bırakabilir veya “belirtmek istemiyorum” yazabilirsiniz.
form-date-not-real = Gerçek bir tarih girin: günü, ayı ve yılı rakamla, saati ise saat ve dakika olarak yazın
role-victim = Bu benim başıma geldi
role-witness = Olayı gördüm
role-third-party = Başka biri adına bildiriyorum

## Categories

category-anti-social-behaviour = Toplumu rahatsız edici davranış
category-bicycle-theft = Bisiklet hırsızlığı
category-burglary = Eve veya iş yerine hırsız girmesi
category-criminal-damage-arson = Mala zarar verme veya kundaklama
category-drugs = Uyuşturucu
category-other-theft = Diğer hırsızlık
category-possession-of-weapons = Silah taşıyan biri
category-public-order = Kamu düzenini bozma suçu
category-robbery = Gasp
category-shoplifting = Mağazadan hırsızlık
category-theft-from-the-person = Kişinin üzerinden hırsızlık (örneğin yankesicilik)
category-vehicle-crime = Araçla ilgili suç
category-violent-crime = Şiddet veya cinsel suç
category-other-crime = Başka bir suç
category-fraud = Dolandırıcılık
category-online-abuse = İnternette taciz veya saldırgan davranış
category-domestic-abuse = Aile içi şiddet
category-hate-incident = Nefret suçu veya nefret olayı
category-not-sure = Emin değilim

## Problems with answers (one per code in peel_core::submission::PROBLEM_CODES and
## peel_app::concerns::PROBLEM_CODES)

problem-too-long = Bu yanıt en fazla { $max } karakter olmalıdır
problem-bad-characters = Bu yanıtta kaydedilemeyen karakterler var
problem-description-missing = Bize ne olduğunu anlatın
problem-category-missing = Ne tür bir olay olduğunu seçin veya “Emin değilim”i seçin
problem-occurred-missing = Olayın ne zaman olduğunu girin
problem-occurred-future = Olayın tarihi ve saati geçmişte olmalıdır
problem-occurred-too-old = Olayın tarihi son 20 yıl içinde olmalıdır
problem-role-missing = Olayın sizin başınıza mı geldiğini, olayı mı gördüğünüzü yoksa başka biri adına mı bildirdiğinizi seçin
problem-email-format = E-posta adresini doğru biçimde girin, örneğin name@example.com
problem-phone-format = Bir telefon numarası girin, örneğin 07700 900 982 veya +44 7700 900 982
problem-anonymous-with-details = Kimliğinizi gizli tutmayı seçtiniz; bu nedenle adınızı ve iletişim bilgilerinizi boş bırakın ya da kimliğinizi gizli tutmamayı seçin
problem-contact-missing = Sizinle iletişime geçebilmemiz için bir e-posta adresi veya telefon numarası verin ya da kimliğinizi gizli tutmayı seçin
problem-safe-channel-unknown = Bu, sizinle iletişime geçebileceğimiz bir yol değil
problem-safe-channel-needs-email = E-postanın güvenli olduğunu söylediniz: bir e-posta adresi verin veya işareti kaldırın
problem-safe-channel-needs-phone = Telefon aramasının veya kısa mesajın güvenli olduğunu söylediniz: bir telefon numarası verin veya işareti kaldırın
problem-location-several = Tek bir yer verin: bir posta kodu, bir adres veya olayın internette olduğu bilgisi
problem-location-point = Haritadaki nokta gerçek bir yer değil
problem-postcode-invalid = Gerçek bir posta kodu girin, örneğin SW1A 2AA
problem-location-missing = Olayın nerede olduğunu belirtin: bir posta kodu, bir adres veya olayın internette olduğu bilgisi
problem-codeword-unknown = Listeden bir parola seçin veya hiçbirini seçmeyin
problem-person-present-missing = Kişinin şu anda yanınızda olup olmadığını belirtin
problem-called-999-missing = 999'un aranıp aranmadığını belirtin
problem-consent-missing = Kişinin bu bilginin iletilmesini kabul edip etmediğini belirtin
problem-what-happened-missing = Ne gördüğünüzü veya size ne anlatıldığını yazın
problem-sent-by-missing = Bu endişenin geldiği eğitimli personelin kullanıcı adını verin
problem-sent-by-unknown = Bu, kuruluşunuzun aracı hesaplarından biri değil

## The progress page

status-report = Bildirim { $reference }
status-where = Durumu
status-team = Ekip
status-received = Alındığı tarih
status-next-update = Bir sonraki bilgilendirme tarihi
status-when-news = Yeni bir gelişme olduğunda
status-outcome = Sonuç:
status-updates = Gelişmeler
status-no-updates = Henüz bir gelişme yok.
status-tell-heading = Daha fazla bilgi verin, yanıt verin veya sizi aramamızı isteyin
status-tell-intro = Gönderdikleriniz bildiriminizle ilgilenen polis memuruna ulaşır. Sizinle yalnızca güvenli olduğunu söylediğiniz yollarla iletişime geçeriz.
status-kind = Ne yapmak istersiniz?
status-kind-information = Bilgi ekleyin
status-kind-reply = Bir gelişmeye yanıt verin
status-kind-call-back = Sizi geri aramamızı isteyin
status-message = Mesajınız
status-call-back-when = Geri aranmak istiyorsanız: sizi ne zaman aramak güvenli?
status-call-back-hint = Örneğin, hafta içi saat 10:00 ile 14:00 arası.
status-send = Gönderin
status-reference = Referans numarası
status-reference-hint = Örneğin, 7KQM-3X9P-D
status-code = Durum kodu
status-code-hint = Harf ve rakamlardan oluşan dört grup, örneğin ABCD-EFGH-JKMN-P7. Büyük veya küçük harfle, tirelerle veya tiresiz yazabilirsiniz.
status-check = Durumu kontrol edin
stage-new = Alındı: sizinle iletişime geçilmesi bekleniyor
stage-contacted = Sizinle iletişime geçtik
stage-in_progress = İnceleniyor
stage-closed = Kapatıldı
stage-case-open = Bir polis memuru bildiriminizi üstlendi
stage-case-investigating = Soruşturuluyor
stage-case-safeguarding = Sizi güvende tutmak için çalışıyoruz
stage-case-closed = Kapatıldı
stage-case-merged = İlgili başka bir bildirimle birlikte inceleniyor

## The satisfaction survey

survey-title = Nasıl bir hizmet verdik?
survey-thanks = Teşekkür ederiz
survey-thanks-text = Yanıtlarınız, Londra'nın her bölgesine ne kadar iyi hizmet verdiğimizi görmemize yardımcı olur. Yanıtlar her zaman yalnızca başkalarınınkilerle birlikte sayılır.
survey-intro = Bildirdiğiniz konuyu nasıl ele aldığımızla ilgili dört soru. Oturum açmanız gerekmez. Yanıtlarınız her zaman yalnızca başkalarınınkilerle birlikte sayılır; asla adınızla veya bildiriminizle birlikte gösterilmez.
survey-ease = Bizimle iletişime geçmenin kolaylığından ne kadar memnun kaldınız?
survey-kept_informed = Sizi ne kadar iyi bilgilendirdiğimizden ne kadar memnun kaldınız?
survey-treatment = Size nasıl davranıldığından ne kadar memnun kaldınız?
survey-whole_experience = Tüm deneyimi düşündüğünüzde, size verdiğimiz hizmetten ne kadar memnun kaldınız?
scale-5 = Çok memnun kaldım
scale-4 = Oldukça memnun kaldım
scale-3 = Ne memnun kaldım ne de memnun kalmadım
scale-2 = Pek memnun kalmadım
scale-1 = Hiç memnun kalmadım
survey-comment = Bize söylemek istediğiniz başka bir şey var mı? (isteğe bağlı)
survey-send = Yanıtlarımı gönder
status-sent = Bildiriminizle ilgilenen polis memuruna gönderildi.
status-sent-call-back = Gönderildi. Sizi belirttiğiniz saatte, güvenli olduğunu söylediğiniz yollarla geri arayacağız.
status-not-found = Bu referans numarası ve durum koduyla bir bildirim bulamadık. İkisini de kontrol edip tekrar deneyin
status-kind-missing = Ne yapmak istediğinizi seçin

## Check your answers

answers-title = Bildiriminizi göndermeden önce yanıtlarınızı kontrol edin
answers-intro = Henüz hiçbir şey gönderilmedi. Doğru olmayan her şeyi değiştirin, sonra bildiriminizi gönderin.
answers-change = Değiştir
answers-yes = Evet
answers-no = Hayır
answers-none = Belirtilmedi
answers-online = İnternette
answers-send = Bildirimi gönder
answers-declaration = Bu bildirimi gönderdiğinizde Londra polisine ulaşır. Bildirimi güvenle saklarız ve yalnızca bildirdiğiniz konuyu ele almak için kullanırız.
answers-ways = Sizinle iletişime geçmenin güvenli yolları

## After sending

done-title = Bildirim gönderildi
done-reference = Referans numaranız
done-shared-heading = Telefonunuzu veya mesajlarınızı başka birinin görebileceğini söylediniz
done-shared = Bu nedenle size göndereceğimiz mesajlarda asla polisten veya bildiriminizden söz etmeyeceğiz: yalnızca tarafsız kısa bir hatırlatma göndereceğiz ve bunu da yalnızca güvenli olduğunu söylediğiniz yollarla yapacağız. Bu sayfadaki hiçbir şeyi saklamanız gerekmez. Bir polis memuru sizinle güvenli bir şekilde iletişime geçecek.
done-shared-code = Saklamanız güvenliyse, bu durum kodunu referans numaranızla birlikte kullanarak durumu görebilir, bilgi ekleyebilir veya geri aranmayı isteyebilirsiniz. Bu kodu size tekrar gösteremeyiz.
done-show-code = Durum kodumu göster
done-status-code = Durum kodu:
done-keep-heading = Bunları güvenli bir yerde saklayın
done-keep = Durumu kontrol etmek, bilgi eklemek veya geri aranmayı istemek için referans numaranıza ve bu durum koduna ihtiyacınız var. Kodu sesli okuyabilir veya bir yere yazabilirsiniz. Bu kodu size tekrar gösteremeyiz.
done-next-heading = Bundan sonra ne olacak
done-team = Bildiriminiz şu ekibe gönderildi: { $team }.
done-update-by = Size en geç şu tarihte bilgi vereceğiz: { $due }.
done-danger = Biri tehlikedeyse 999'u arayın.
done-see-progress = Bu bildirimin durumunu görün
done-support-heading = Şimdi alabileceğiniz destek
done-support-intro = Bu hizmetler ücretsiz ve gizlidir. Bildiriminizle ilgili bir şey olsa da olmasa da onlarla iletişime geçebilirsiniz.
support-victim-support = Suçtan etkilenen herkes için ücretsiz ve gizli destek; her gün, gece gündüz açık.
support-domestic-abuse = Aile içi şiddet yaşayan herkes için günün her saatinde ücretsiz ve gizli destek. Güvenli bir saatte geri aranmayı isteyebilirsiniz.
support-nspcc = Bir çocuk için endişeleniyorsanız, internetteki istismar da dahil olmak üzere tavsiye.
support-action-fraud = Dolandırıcılık ve siber suçları bildirmek için ulusal merkez.
support-stop-scams = Paranızla ilgili bir arama veya mesajın dolandırıcılık olduğunu düşünüyorsanız, bankanıza güvenle ulaşmak için 159'u arayın.
support-samaritans = Ne yaşıyor olursanız olun, günün her saatinde konuşabileceğiniz biri.

## Trusted intermediaries: the concern form

concern-title = Bir endişeyi iletin
concern-intro = Kayıtlı bir eczane, kuaför veya güzellik salonu, okul, sağlık ocağı veya muayenehane, inanç topluluğu, konut ofisi, ruhsatlı işletme veya gençlik kulübünün eğitimli personeli içindir. Yaklaşık iki dakika sürer. Yalnızca gerekeni sorun: daha fazlasını öğrenmeniz gerekmez.
concern-999 = Şu anda biri tehlikedeyse önce 999'u arayın.
concern-cannot-send = Henüz bir endişe gönderemezsiniz.
concern-urgent = Şu anda biri tehlikedeyse 999'u arayın. Değilse 101'i arayın ve güvenilir bir aracı olduğunuzu söyleyin.
concern-present = Kişi şu anda yanınızda mı?
concern-codeword = Bir parola kullandı mı?
concern-codeword-hint = Örneğin, eczanede “ANI” istedi veya barda “Angela”yı sordu.
concern-codeword-none = Parola yok
concern-called-999 = 999 arandı mı?
concern-consent = Kişi bu bilgiyi polise iletmenizi kabul etti mi?
concern-what = Ne gördünüz veya size ne anlatıldı?
concern-what-hint = Mümkünse kişinin kendi sözleriyle. En fazla 4.000 karakter.
concern-about = Kimin hakkında? (isteğe bağlı)
concern-where = Nerede oldu veya siz neredesiniz?
concern-where-hint = Bir posta kodu ya da sokak veya yer.
concern-contact-heading = Kişiyle iletişime geçmek güvenli mi, güvenliyse nasıl?
concern-contact-intro = Yalnızca kişinin güvenli olduğunu söylediği bilgileri verin. Kişiyle doğrudan iletişime geçmek güvenli değilse bu bölümü boş bırakın: bunun yerine sizi geri ararız.
concern-their-name = Kişinin adı (isteğe bağlı)
concern-safe = Hangi yollar güvenli? (isteğe bağlı)
concern-shared-device = Kişinin telefonunu veya mesajlarını başka biri görebilir
concern-send = Endişeyi gönder
concern-sent-title = Endişe gönderildi
concern-call-back = Bir çağrı görevlisi { $minutes } dakika içinde { $phone } numaralı telefonu geri arayacak. Mümkünse kişinin yanında kalın.
concern-procedure = Şimdi ne yapmalısınız ({ $codeword })
concern-what-you-see = Endişenin alındığını ve ne zaman işlem yapıldığını göreceksiniz. Kişiyi korumak için bundan sonra ne olduğunu görmeyeceksiniz.
concern-another = Başka bir endişe iletin
concerns-intro = İlettiğiniz endişeler, en yenisi en üstte.
concerns-none = Henüz hiçbir endişe iletmediniz.
concerns-caption = İlettiğiniz endişeler
concerns-state = Durumu
concerns-received = Alındı
concerns-acted-on = İşlem yapıldı

## Bildirimde bulunanlara giden mesajlar (giden kutusu): e-posta konuları ve metinleri ile kısa mesajlar

outbox-ack-subject = Bildiriminiz { $reference }
outbox-ack-body = Teşekkür ederiz. { $reference } numaralı bildiriminiz şu ekibe ulaştı: { $team }.
outbox-ack-update = Size en geç şu tarihte bilgi vereceğiz: { $due }.
outbox-ack-status = Referans numaranız ve size verilen durum koduyla { $status } adresinde bildiriminizin durumunu görebilir, bilgi ekleyebilir veya sizi geri aramamızı isteyebilirsiniz.
outbox-update-subject = Bildiriminizle ilgili bir gelişme: { $reference }
outbox-update-footer = { $status } adresinde yanıt verebilir, bilgi ekleyebilir veya geri aranmayı isteyebilirsiniz.
outbox-evidence-subject = { $reference } numaralı bildiriminiz için fotoğraf veya video
outbox-evidence-body = Bunları telefonunuzdan veya bilgisayarınızdan buradan gönderebilirsiniz: { $link } Bağlantı { $until } tarihine kadar bir kez çalışır. Asıllarını cihazınızda saklayın.
outbox-neutral-subject = Size bir mesaj var
outbox-neutral-body = Merhaba. Size yeni bir mesaj var. Güvenli olduğunda her zamanki şekilde bakın.
outbox-closed = Dosyanız artık kapatıldı. Sonuç: { $outcome }.
outbox-survey-body = Dosyanız kapatıldı. Lütfen işimizi nasıl yaptığımızı bize söyleyin: dört soru, giriş yapmanız gerekmez. Yanıtlarınız yalnızca başkalarının yanıtlarıyla birlikte sayılır ve hiçbir zaman adınızla birlikte gösterilmez.

## Gönüllülük: herkese açık sayfa, başvuru ve başvurunun durumu

vol-title = Londra polisinde gönüllü olun
vol-intro = Paylaşacak becerileri olan yerel halk, polisin zararı önlemesine ve mağdurları desteklemesine yardımcı olur: dolandırıcılık mağduru birinin hesaplarını güvenceye almak, evine hırsız giren birini ziyaret etmek, sözlü tercümanlık yapmak, gençlerle çalışmak gibi. Bazı gönüllüler, polis memuru yetkilerine sahip gönüllü polis memurlarıdır.
vol-wanted-heading = Aradığımız kişiler
vol-wanted-languages = Londra'da konuşulan dilleri konuşan kişiler
vol-involves-heading = Gönüllülük neleri kapsar
vol-involves-vetting = Becerilerinizi bağlı olduğunuz meslek kuruluşuyla doğrular, sizi dürüstlük açısından güvenlik soruşturmasından geçirir ve her ikisini de düzenli olarak yeniden gözden geçiririz.
vol-involves-training = Yaptığınız işin eğitimini tamamlarsınız; bu eğitimin bir kısmı iş başında, gözetim altında yapılır.
vol-involves-tasks = Kabul edeceğiniz görevleri, size yakın yerlerde ve müsait olduğunuz zamanlarda kendiniz seçersiniz; her görevden önce bir sorumlu size bilgi verir.
vol-involves-special = Gönüllü polis memurları en az 18 yaşında olmalıdır ve bazı meslekler ve işletmeler bu görevle bağdaşmaz: başvurduğunuzda bunu kontrol ederiz.
vol-apply = Gönüllü olmak için başvurun
vol-already = Daha önce başvurdunuz mu?
vol-check-status = Başvurunuzun durumunu kontrol edin
vol-apply-intro = Yaklaşık 10 dakika sürer. Bize verdiğiniz bilgileri yalnızca başvurunuzu değerlendirmek ve aramıza katılırsanız size uygun görevleri bulmak için kullanırız.
vol-name = Adınız ve soyadınız
vol-email = E-posta adresi
vol-phone = Telefon numarası (isteğe bağlı)
vol-postcode = Evinizin posta kodu
vol-applying-as = Nasıl yardım etmek istersiniz?
vol-as-volunteer = Gönüllü olarak
vol-as-special = Gönüllü polis memuru (special constable) olarak
vol-skills = Hangi becerileri sunabilirsiniz?
vol-skills-hint = Bir beceri için bir meslek kuruluşuna (örneğin BCS, NMC veya HCPC) üyeyseniz, kuruluşun adını ve üyelik numaranızı yazın: bunu kuruluşla doğrularız.
vol-body = Meslek kuruluşu (isteğe bağlı)
vol-number = Üyelik veya kayıt numarası (isteğe bağlı)
vol-languages = İngilizce dışında konuştuğunuz diller (isteğe bağlı)
vol-days = Hangi günler yardım edebilirsiniz?
vol-hours = Bu günlerde hangi saatlerde?
vol-hours-hint = 24 saat biçiminde bir aralık olarak, örneğin 09:00-17:00.
vol-associations = Bağlantınız olan kuruluşlar, işverenler, okullar veya konut siteleri (isteğe bağlı)
vol-associations-hint = Her satıra bir tane yazın. Size bunlarla ilgili hiçbir görev vermeyiz.
vol-special-heading = Yalnızca gönüllü polis memuru olarak başvuruyorsanız
vol-special-intro = Bu bilgileri ulusal uygunluk kurallarına göre kontrol ederiz.
vol-born = Doğum tarihi, örneğin 1990-04-21
vol-occupation = Mesleğiniz
vol-interests = Varsa ticari çıkarlarınız, her satıra bir tane (isteğe bağlı)
vol-consent = Güvenlik soruşturmasından geçirilmeyi ve becerilerimin meslek kuruluşumla doğrulanmasını kabul ediyorum
vol-send = Başvurumu gönder
vol-done-title = Başvuru gönderildi
vol-done-code = Başvurunuzun durumunu görmek için referans numaranıza ve bu durum koduna ihtiyacınız var. Bunları bir yere yazın: kodu size tekrar gösteremeyiz.
vol-done-next = Güvenlik soruşturması birimi becerilerinizi doğrulayacak ve sizi güvenlik soruşturmasından geçirecektir. Sizinle e-posta yoluyla iletişime geçeceğiz.
vol-status-note = Güvenlik soruşturması biriminden not
app-status-received = Alındı: güvenlik soruşturması biriminde
app-status-approved = Onaylandı: ekibimize hoş geldiniz
app-status-declined = Başvurunuz olumlu sonuçlanmadı
skill-cyber_help = Siber ve dijital yardım
skill-digital_forensics = Dijital adli bilişim
skill-fraud_recovery = Dolandırıcılık sonrası kayıpların telafisi
skill-mental_health = Ruh sağlığı
skill-medical = Tıbbi yardım
skill-youth_work = Gençlik çalışması
skill-schools_liaison = Okullarla iletişim
skill-victim_support = Mağdur desteği
skill-business_support = İşletme desteği
day-mon = Pazartesi
day-tue = Salı
day-wed = Çarşamba
day-thu = Perşembe
day-fri = Cuma
day-sat = Cumartesi
day-sun = Pazar
problem-volunteer-name-missing = Adınızı girin
problem-volunteer-email-format = E-posta adresini doğru biçimde girin, örneğin name@example.com
problem-volunteer-phone-format = Bir telefon numarası girin, örneğin 07700 900 982
problem-volunteer-postcode-invalid = Evinizin posta kodunu girin, örneğin E8 1DY
problem-volunteer-kind-missing = Gönüllü olarak mı yoksa gönüllü polis memuru olarak mı başvurduğunuzu seçin
problem-volunteer-skill-unknown = Becerileri listeden seçin
problem-volunteer-skill-missing = Sunabileceğiniz en az bir beceri seçin
problem-volunteer-days-missing = Yardım edebileceğiniz günleri seçin
problem-volunteer-hours-format = Saatleri 24 saat biçiminde bir aralık olarak girin, örneğin 09:00-17:00
problem-volunteer-born-format = Doğum tarihinizi yıl, ay ve gün olarak girin, örneğin 1990-04-21
problem-volunteer-occupation-missing = Mesleğinizi girin
problem-volunteer-consent-missing = Başvurunuzu değerlendirebilmemiz için güvenlik soruşturmasını kabul etmeniz gerekir
problem-volunteer-too-long = Yanıtlardan biri çok uzun: her yanıt en fazla 200, listeler en fazla 2.000 karakter olmalıdır
vol-not-found = Bu referans numarası ve durum koduyla bir başvuru bulamadık. İkisini de kontrol edip tekrar deneyin

## İlerleme sayfasından dosya ekleme

status-evidence-heading = Fotoğraf, video veya belge gönderin
status-evidence-intro = Olanları gösteren bir fotoğrafınız, videonuz (telefondan, kapı kamerasından veya araç kamerasından), ses kaydınız veya belgeniz varsa buradan gönderin. Aslını cihazınızda saklayın.
status-evidence-file = Dosyaları seçin
status-evidence-hint = Birden fazla seçebilirsiniz. Program veya arşiv (.zip dosyaları gibi) kabul edemiyoruz.
status-evidence-send = Dosyaları gönder
status-evidence-sent = Teşekkür ederiz: dosyalarınız alındı ve ihbarınıza eklendi.
status-evidence-none = Göndermek için en az bir dosya seçin
done-files-lost = Bildiriminiz gönderildi, ancak bazı dosyalarınız saklanamadı. Lütfen bunları aşağıdan yeniden gönderin.
evreq-title = Fotoğraflarınızı veya videonuzu gönderin
evreq-asked = Bildiriminizle ilgilenen memur şunu istedi:
evreq-unknown = Bu bağlantı bizim gönderdiğimiz bir bağlantı değil. Tamamen kopyalandığını kontrol edin veya referansınız ve kodunuzla ilerleme sayfasını kullanın.
evreq-used = Bu bağlantıyla zaten dosya gönderildi, artık çalışmıyor. Referansınız ve kodunuzla ilerleme sayfasından dosya ekleyebilirsiniz.
evreq-expired = Bu bağlantının süresi doldu. Referansınız ve kodunuzla ilerleme sayfasından dosya ekleyebilirsiniz.

# Files on concerns and evidence requests to witnesses (issue 17)
concern-files-title = Bir endişe bildirimine fotoğraf veya dosya ekleyin
concern-files-intro = Yardımcı olacak bir fotoğraf, video veya belge ekleyin; örneğin tezgâhta verilen bir not ya da güvenlik kamerasından bir kare. Bildirimi gönderdikten sonra 7 gün boyunca dosya ekleyebilirsiniz.
concern-files-added = Dosyalar bildirime eklendi.
concern-files-link = Fotoğraf veya dosya ekleyin
concern-files-column = Dosyalar
evreq-asked-witness = Bir polis memuru sizden şunu istedi:
evreq-witness-sent = Teşekkürler: dosyalarınız alındı ve isteyen memura iletildi.
evreq-used-witness = Bu bağlantıyla zaten dosya gönderildi, bu yüzden artık çalışmıyor. Gönderecek başka bir şeyiniz varsa 101’i arayın ve bir istek aldığınızı söyleyin.
evreq-expired-witness = Bu bağlantının süresi doldu. Hâlâ gönderecek bir şeyiniz varsa 101’i arayın ve bir istek aldığınızı söyleyin.
outbox-evidence-witness-subject = Polisten fotoğraf veya video isteği

## The public ward page (issue 19)
ward-title = { $ward }, { $borough }: mahalleniz
ward-intro = Polisin yayımladığı rakamların buradaki suç hakkında söyledikleri ve kiminle konuşabileceğiniz.
ward-team-heading = Mahalle ekibiniz
ward-team = Bu bölgeyle { $team } ilgileniyor.
ward-team-contact = Acil olmayan bir durumu polise bildirmek için çevrimiçi bildirin veya 101'i arayın. Acil durumda 999'u arayın.
ward-report-link = Çevrimiçi bildirin
ward-priorities-heading = Bu bölgenin öncelikleri
ward-priorities-none = Bölge paneli bu çeyreğin önceliklerini henüz kaydetmedi.
ward-priorities-intro = Bölge paneli, yani mahalle ekibiyle birlikte çalışan bölge sakinleri, her çeyrekte burada yaşayan ve çalışan insanlara danıştıktan sonra en fazla üç öncelik seçer. Aşağıda neleri seçtikleri, o zamandan beri neler yapıldığı, bölge sakinlerinin bu sayfada neler istediği ve zararın nerede olduğu yer alıyor.
ward-priorities-quarter = Bu çeyrek ({ $quarter })
ward-priorities-previous = Geçen çeyrek ({ $quarter })
ward-priority-theme = Konu: { $theme }
ward-priority-consulted = Bölge sakinlerine nasıl danışıldı: { $how }
ward-priority-done-heading = Neler yapıldı
ward-priority-done-none = Henüz bir şey kaydedilmedi.
ward-priority-done-line = { $date }: { $text }
ward-priorities-compare-heading = Panelin seçimi, bölge sakinlerinin görüşleri ve zarar
ward-priorities-compare-caption = Her konu için: panelin bu çeyrekte onu seçip seçmediği, bu sayfada kaç bölge sakininin onu istediği ve son on iki aydaki suçları ve zararı
ward-priorities-col-theme = Konu
ward-priorities-col-panel = Panel tarafından seçildi
ward-priorities-col-voices = Bölge sakinlerinin görüşleri
ward-priorities-col-crimes = Suçlar, son 12 ay
ward-priorities-col-harm = Gün olarak zarar, son 12 ay
ward-priorities-yes = Evet
ward-priorities-no = Hayır
ward-priorities-not-counted = yayımlanan dosyalarda yok
ward-priorities-withheld = gösterilmiyor; böylece { $n } altındaki hiçbir sayı hesaplanamaz
ward-voices-share = { $n } (%{ $share }; büyük olasılıkla %{ $low } ile %{ $high } arasında)
ward-voices-total = Bu çeyrekte görüş bildiren bölge sakini sayısı: { $n }.
ward-residents-differ = Görüş bildiren bölge sakinlerinin çoğu “{ $theme }” konusunu istedi; panel bu konuyu seçmedi.
ward-harm-differs = Son on iki aydaki zararın çoğu “{ $theme }” konusundan geldi; panel bu konuyu seçmedi.
ward-voices-few = Bölge sakinlerinin ilk sıradaki konusu ancak en az { $n } görüş bildirildiğinde ve tek bir konu öne çıktığında belirtilir. Zarar, her konunun kategorilerindeki suçlardan hesaplanır; bazı konular yayımlanan dosyalarda ayrıca sayılmaz.
ward-voice-heading = Görüşünüzü bildirin
ward-voice-intro = Mahalle ekibinin bu çeyrekte en çok üzerinde çalışmasını istediğiniz tek konuyu panele söyleyin. Hesap açmanız gerekmez.
ward-voice-theme = Ekip neyin üzerinde çalışmalı?
ward-voice-words = Panelin bilmesini istediğiniz başka bir şey (isteğe bağlı)
ward-voice-words-hint = Nerede ve ne zaman olduğunu yazmanız yardımcı olur. Bunu yalnızca bölgenin ekibi ve paneli okur; hiçbir zaman yayımlanmaz. Kimsenin adını vermeyin. Bir suçu bildirmek için bildirim formunu kullanın; acil durumda 999'u arayın.
ward-voice-email = E-posta adresiniz
ward-voice-email-hint = Görüşünüzü onaylamanız için size bir bağlantı göndeririz. Her e-posta adresinin her çeyrekte bu bölgede tek bir görüşü olur: yenisi öncekinin yerini alır. E-posta gönderilir gönderilmez adresinizi sileriz.
ward-voice-send = Görüşümü gönder
voice-error-theme = Ekibin neyin üzerinde çalışması gerektiğini seçin
voice-error-email = Bir e-posta adresi girin, örneğin name@example.com
voice-error-words = En fazla { $max } karakter yazın ve özel karakter kullanmayın
voice-sent-title = E-postanızı kontrol edin
voice-sent-body = { $email } adresine bir bağlantı gönderdik. Görüşünüz, bağlantıyı yedi gün içinde açıp onayladığınızda sayılır.
voice-back = { $ward } sayfasına dön
voice-confirm-title = Görüşünüzü onaylayın
voice-confirm-body = { $ward } bölgesinin öncelikleri hakkındaki görüşünüzü onaylayın.
voice-confirm-button = Görüşümü onayla
voice-confirmed-title = Görüşünüz sayılıyor
voice-confirmed-body = Teşekkür ederiz. { $ward } bölgesinde “{ $theme }” için verdiğiniz görüş bu çeyrekte sayılıyor.
voice-confirmed-replaced = Bu görüş, bu çeyrekte daha önce verdiğiniz görüşün yerini alır.
voice-confirm-unknown = Bu bağlantı kullanılmış, süresi dolmuş veya hatalı. Her bağlantı yedi gün boyunca yalnızca bir kez çalışır. Görüşünüzü bölgenin sayfasında yeniden bildirebilirsiniz.
voice-email-subject = { $ward } bölgesinin öncelikleri hakkındaki görüşünüzü onaylayın
voice-email-body = { $ward } bölgesinde “{ $theme }” konusunun mahalle ekibinin önceliklerinden biri olmasını istediniz. Görüşünüzü onaylamak için bu bağlantıyı açın:
voice-email-ignore = Bunu siz istemediyseniz bu e-postayı dikkate almayın: hiçbir şey sayılmaz.
theme-anti-social-behaviour = Toplumu rahatsız edici davranış ve kamu düzeni
theme-burglary = Eve veya iş yerine hırsız girmesi
theme-drugs = Uyuşturucu satışı ve kullanımı
theme-violence = Şiddet ve silahlar, bıçaklı suçlar dahil
theme-robbery = Gasp ve telefon kapkaççılığı
theme-vehicle-crime = Araç ve bisiklet suçları
theme-theft = Hırsızlık ve mağazadan hırsızlık
theme-criminal-damage = Mala zarar verme ve kundaklama
theme-fraud = Dolandırıcılık ve sahtekârlık
theme-hate = Nefret suçu
theme-womens-safety = Kadınların ve kız çocuklarının kamusal alanlarda güvenliği
theme-online-harm = İnternetteki zararlar, özellikle çocuklara yönelik olanlar
theme-road-safety = Yol güvenliği: aşırı hız ve tehlikeli araç kullanma
ward-trust-heading = Burada oturanlar polis hakkında ne diyor
ward-trust-line = { $measure }: { $area } bölgesinde soru sorulan { $respondents } kişinin %{ $share } kadarı katıldı ({ $quarter }); büyük olasılıkla %{ $low } ile %{ $high } arasında.
ward-trust-none = Bu bölge için oturanların polis hakkındaki görüşlerini soran bir anket henüz yüklenmedi.
ward-trust-source = Londralılara yaşadıkları yerdeki polisi soran Public Attitude Survey anketinden. Sorular, anketin yayımladığı gibi İngilizce verilmiştir.
ward-trend-heading = Ay ay suç
ward-summary = { $month } tarihine kadarki on iki ayda bu bölgede { $crimes } suç kaydedildi.
ward-rate = Bu, burada yaşayan her 1.000 kişi için yaklaşık { $rate } demektir (büyük olasılıkla { $low } ile { $high } arasında).
ward-change-up = Bu, önceki on iki aydan fazladır ve fark tesadüfle açıklanamayacak kadar büyüktür.
ward-change-down = Bu, önceki on iki aydan azdır ve fark tesadüfle açıklanamayacak kadar büyüktür.
ward-change-none = Önceki on iki aya göre belirgin bir değişiklik yok.
ward-change-untested = Karşılaştırmak için henüz iki tam yıllık rakam yok.
ward-chart-title = Her ay kaydedilen suçlar
ward-chart-description = Her ay için bir çubuk. { $n } suçtan az olan aylar boş çizilir; tablo her ayı verir.
ward-table-caption = Her ay kaydedilen suçlar
ward-month = Ay
ward-crimes = Suçlar
ward-fewer-than = { $n } suçtan az
ward-kinds-heading = Son on iki aydaki suç türleri
ward-kind = Suç türü
ward-no-data = Bu bölge için henüz suç rakamı yüklenmedi.
ward-map-heading = { $borough } bölgeleri
ward-map-title = Bölgelere göre zarar
ward-map-description = Her bölge, son on iki ayda suçlarının her 1.000 kişiye verdiği zarara göre renklendirilmiştir: daha koyu, daha fazla zarar demektir.
ward-map-label = { $ward }: 1.000 kişi başına { $days } gün zarar
ward-map-no-figure = { $ward }: rakam yok
ward-map-caption = Daha koyu renk, her 1.000 kişi için daha fazla zarar demektir. Bu bölgenin sınırı kırmızıdır. Haritanın çizildiği alanlardan küçük bölgeler gösterilmez.
ward-about-heading = Bu rakamlar hakkında
ward-bias = Rakamlar bildirilen ve kaydedilenleri sayar. Bildirmenin ne kadar kolay olduğu ve insanların nasıl bildirmeyi seçtiği bölgeden bölgeye ve topluluktan topluluğa değişir; bu yüzden daha yüksek bir sayı daha fazla suç kadar daha fazla bildirim de anlamına gelebilir.
ward-suppressed = Kimsenin tanınmaması için 1 ile 4 arasındaki sayılar "{ $n } suçtan az" olarak gösterilir.
ward-sources = Suç: data.police.uk, Open Government Licence altında. Zarar: Cambridge Crime Harm Index. Nüfus: Greater London Authority bölge tahminleri.
