# status: machine draft
# Arabic (Modern Standard) translation of en.ftl. A fluent speaker has not yet checked it.

## Every page

layout-skip = الانتقال إلى المحتوى الرئيسي
layout-quick-exit = مغادرة هذا الموقع بسرعة
layout-quick-exit-hint = لوحة المفاتيح: مفتاح الوصول X.
layout-staying-safe = الأمان على الإنترنت
layout-languages = اختيار اللغة
layout-main-nav = القائمة الرئيسية
layout-account = حسابك ({ $name })
layout-concerns = بلاغات المخاوف التي أرسلتها
layout-sign-out = تسجيل الخروج
layout-sign-in = تسجيل الدخول
layout-footer = Peel برنامج مفتوح المصدر لسلامة المجتمع. إذا كنت في خطر الآن، فيُرجى الاتصال بالرقم 999. وللإبلاغ عن أمر غير طارئ، يُرجى الاتصال بالرقم 101.
error-summary-title = توجد مشكلة
error-prefix = خطأ:
optional = (اختياري)
continue = متابعة
nothing-saved = لم يُحفظ أي شيء مما أخبرتنا به.

## The start page

start-title = الإبلاغ عن جريمة أو حادث
start-heading = الإبلاغ عن جريمة أو عن أمر يقلقك
start-intro = استخدم هذه الخدمة لإبلاغ الشرطة في لندن عن جريمة أو حادث. يستغرق ذلك نحو 5 دقائق. ويمكنك عدم الكشف عن هويتك.
start-danger-warning = إذا كنت في خطر الآن، أو كانت هناك جريمة تقع الآن، فيُرجى الاتصال بالرقم 999.
start-silent-999 = إذا لم تستطع الكلام، فاتصل بالرقم 999 واضغط 55 عندما يُطلب منك ذلك.
start-danger-question = هل يوجد أحد في خطر الآن؟
start-danger-yes = نعم، يوجد شخص في خطر الآن
start-danger-no = لا
start-danger-missing = يُرجى اختيار "نعم" إذا كان أحد في خطر الآن
start-already = هل أبلغت عن أمر من قبل؟
start-check-progress = متابعة سير بلاغ
start-worried = هل تخشى أن يرى أحد ما تفعله على هذا الهاتف أو الحاسوب؟

## The 999 page

emergency-title = اتصل بالرقم 999 الآن
emergency-call-now = إذا كان أحد في خطر، فاتصل بالرقم 999 فورًا.
emergency-not-form = لا تستخدم هذا النموذج: فقد لا يقرؤه أحد لبعض الوقت.
emergency-silent = إذا لم تستطع الكلام عبر الهاتف، فاتصل بالرقم 999، واستمع إلى الأسئلة، واضغط 55. وسيُحوَّل اتصالك إلى الشرطة.
emergency-text = إذا كنت أصمّ أو ضعيف السمع، فأرسل رسالة نصية إلى الرقم 999 (يجب عليك التسجيل أولًا بإرسال كلمة "register" في رسالة نصية إلى الرقم 999).
emergency-continue = اتصلت بالرقم 999، أو لا يوجد أحد في خطر الآن: متابعة البلاغ

## Asked again: words of present danger

danger-title = هل أنت في أمان الآن؟
danger-call-999 = إذا كنت أنت أو أي شخص آخر في خطر الآن، فاتصل بالرقم 999.
danger-not-saved = لم يُحفظ بعدُ أي شيء مما أخبرتنا به.
danger-you-said = ذكرت أنه لا يوجد أحد في خطر الآن، لكن ما كتبته يشير إلى أن شخصًا ما قد يكون في خطر:
danger-reason-in-progress = قد يكون ما حدث لا يزال مستمرًا
danger-reason-danger-to-life = قد تكون حياة شخص ما في خطر
danger-reason-self-harm = قد يكون شخص ما معرّضًا لخطر إيذاء نفسه
danger-goes-straight = إذا أرسلت بلاغك، فسيصل مباشرة إلى الأشخاص الذين يردّون على الاتصالات الواردة إلى الشرطة في أي ساعة، وكذلك إلى الفريق المحلي في منطقتك.
danger-send = لا يوجد أحد في خطر الآن: إرسال بلاغي
danger-change = الرجوع وتغيير إجاباتي

## Staying safe online

safe-intro = إذا كان أحد قد يرى ما تفعله على هذا الهاتف أو الحاسوب، فهذه الخطوات تساعدك على إبقاء زيارتك سرية.
safe-leave-heading = المغادرة بسرعة
safe-leave = في أعلى كل صفحة من صفحات هذه الخدمة رابط أحمر بعنوان "مغادرة هذا الموقع بسرعة". وهو يفتح صفحة عن الطقس. ومفتاح الوصول X في لوحة المفاتيح يؤدي الأمر نفسه: في معظم الحواسيب اضغط مع الاستمرار على Alt (وفي أجهزة Mac على Control و Option) ثم اضغط X.
safe-private-heading = استخدام نافذة خاصة
safe-private = النافذة الخاصة أو نافذة التصفح المتخفي لا تحفظ الصفحات التي تزورها في سجل التصفح. افتح نافذة منها من قائمة المتصفح قبل أن تعود إلى هذه الخدمة.
safe-history-heading = مسح سجل التصفح
safe-history = إذا لم تستخدم نافذة خاصة، فاحذف هذه الخدمة من سجل المتصفح: افتح السجل من قائمة المتصفح، واحذف صفحات هذا الموقع. حذف بعض الصفحات فقط يلفت الانتباه أقل من مسح السجل كله.
safe-shared-heading = إذا كان شخص آخر قد يرى هاتفك أو رسائلك
safe-shared = عند الإبلاغ، ضع علامة على "قد يرى شخص آخر هاتفي أو رسائلي". وعندئذ لن نرسل إليك سوى رسالة قصيرة لا تذكر الشرطة ولا بلاغك، من عنوان أو رقم لا يذكرهما كذلك، وبالطرق التي ذكرت أنها آمنة فقط. ولا تحتاج إلى الاحتفاظ بأي شيء نعرضه عليك.

## The home page and the error page

home-intro = يساعد Peel شرطة لندن وشركاءها على منع الأذى، والاستجابة بسرعة، وتبادل المعلومات بأمان.
home-danger = إذا كنت في خطر الآن، فاتصل بالرقم 999.
home-staff = الموظفون والضباط والمتطوعون والشركاء الموثوقون:
error-start-page = الذهاب إلى صفحة البداية

## The report form

form-title = أخبرنا بما حدث
form-intro = يمكن ترك الأسئلة المكتوب بجانبها "اختياري" دون إجابة. أما باقي الأسئلة فمطلوبة. ويمكنك مراجعة إجاباتك قبل إرسالها.
form-description = ماذا حدث؟
form-description-hint = اذكر ما رأيته أو سمعته، وأي شيء تعرفه عن الأشخاص المعنيين. حتى 4000 حرف.
form-category = ما نوع ما حدث؟
form-when = متى حدث ذلك؟
form-when-hint = مثال: 25 11 2026. إذا لم تكن متأكدًا، فاكتب أقرب تقدير لديك.
form-day = اليوم
form-month = الشهر
form-year = السنة
form-time = الوقت (اختياري)
form-time-hint = الوقت بنظام 24 ساعة، مثال: 21:30.
form-where = أين حدث ذلك؟
form-where-postcode = في مكان له رمز بريدي
form-postcode = الرمز البريدي
form-where-address = أعرف الشارع أو المكان، لكني لا أعرف الرمز البريدي
form-address = الشارع أو المكان
form-where-online = حدث على الإنترنت (مثل موقع إلكتروني أو وسائل التواصل الاجتماعي أو رسالة)
form-role = ما صلتك بما حدث؟
form-targeted-before = حدث لي هذا من قبل (اختياري)
form-anonymous = هل تريد عدم الكشف عن هويتك؟
form-anonymous-hint = إذا اخترت عدم الكشف عن هويتك، فلن نحفظ اسمك أو بيانات الاتصال بك، ولن نتمكن من التواصل معك. ويظل بإمكانك متابعة سير البلاغ باستخدام رقمك المرجعي.
form-anonymous-no = لا، يمكنكم التواصل معي
form-anonymous-yes = نعم، أريد عدم الكشف عن هويتي
form-anonymous-missing = يُرجى اختيار ما إذا كنت تريد عدم الكشف عن هويتك
form-contact-heading = طريقة التواصل معك
form-contact-intro = اترك هذا الجزء فارغًا إذا اخترت عدم الكشف عن هويتك.
form-name = اسمك (اختياري)
form-email = عنوان البريد الإلكتروني
form-phone = رقم الهاتف
form-safe = ما الطريقة الآمنة للتواصل معك؟ (اختياري)
form-safe-hint = لن نستخدم إلا الطرق التي تختارها. وإذا لم تختر أيًّا منها، فلن نرسل إليك شيئًا حتى يسألك أحد الضباط عن الطريقة الآمنة للتواصل معك.
form-safe-email = البريد الإلكتروني
form-safe-phone = مكالمة هاتفية
form-safe-text = رسالة نصية
form-no-voicemail = يُرجى عدم ترك رسالة صوتية
form-shared-device = قد يرى شخص آخر هاتفي أو رسائلي
form-safe-times = متى يكون التواصل معك آمنًا؟ (اختياري)
form-safe-times-hint = مثال: أيام العمل بين الساعة 9 صباحًا والساعة 3 عصرًا.
form-language = ما اللغة التي تفضّل أن نستخدمها؟
form-language-hint = سنكتب إليك بها متى أمكننا ذلك، وسنوفر لك مترجمًا إذا احتجت إليه.
form-language-other = إذا لم تكن لغتك في القائمة، فاكتبها هنا (اختياري)
form-community = كيف تصف مجتمعك؟ (اختياري)
form-community-hint = مثل مجموعتك العرقية، أو دينك، أو أي مجتمع آخر تنتمي إليه. نستخدم هذه المعلومة فقط لنعرف مدى جودة خدمتنا لكل مجتمع، ولا نستخدمها أبدًا لتقرير ما يحدث لبلاغك. يمكنك ترك الحقل فارغًا، أو كتابة "أفضّل عدم الإجابة".
form-date-not-real = أدخل تاريخًا صحيحًا، على أن يكون اليوم والشهر والسنة أرقامًا، والوقت إن وُجد بالساعات والدقائق
role-victim = حدث ذلك لي
role-witness = رأيت ما حدث
role-third-party = أبلغ نيابة عن شخص آخر

## Categories

category-anti-social-behaviour = سلوك معادٍ للمجتمع
category-bicycle-theft = سرقة دراجة هوائية
category-burglary = سطو على منزل أو مبنى
category-criminal-damage-arson = إتلاف متعمد للممتلكات أو إشعال حريق متعمد
category-drugs = مخدرات
category-other-theft = سرقة أخرى
category-possession-of-weapons = شخص يحمل سلاحًا
category-public-order = جريمة إخلال بالنظام العام
category-robbery = سرقة بالإكراه
category-shoplifting = سرقة من متجر
category-theft-from-the-person = سرقة من شخص (مثل النشل)
category-vehicle-crime = جريمة متعلقة بمركبة
category-violent-crime = عنف أو جريمة جنسية
category-other-crime = جريمة أخرى
category-fraud = احتيال أو نصب
category-online-abuse = إساءة أو تحرش عبر الإنترنت
category-domestic-abuse = عنف أسري
category-hate-incident = جريمة كراهية أو حادثة كراهية
category-not-sure = لست متأكدًا

## Problems with answers (one per code in peel_core::submission::PROBLEM_CODES and
## peel_app::concerns::PROBLEM_CODES)

problem-too-long = يجب ألا يزيد طول هذه الإجابة على { $max } حرف
problem-bad-characters = تحتوي هذه الإجابة على رموز لا يمكن حفظها
problem-description-missing = أخبرنا بما حدث
problem-category-missing = اختر نوع ما حدث، أو اختر "لست متأكدًا"
problem-occurred-missing = أدخل وقت حدوث ذلك
problem-occurred-future = يجب أن يكون تاريخ ووقت ما حدث في الماضي
problem-occurred-too-old = يجب أن يكون تاريخ ما حدث خلال آخر 20 سنة
problem-role-missing = اختر ما إذا كان ذلك قد حدث لك، أو رأيته، أو كنت تبلغ نيابة عن شخص آخر
problem-email-format = أدخل عنوان بريد إلكتروني بالصيغة الصحيحة، مثل name@example.com
problem-phone-format = أدخل رقم هاتف، مثل 07700 900 982 أو +44 7700 900 982
problem-anonymous-with-details = اخترت عدم الكشف عن هويتك، لذا اترك اسمك وبيانات الاتصال فارغة، أو اختر الكشف عن هويتك
problem-contact-missing = أدخل عنوان بريد إلكتروني أو رقم هاتف حتى نتمكن من التواصل معك، أو اختر عدم الكشف عن هويتك
problem-safe-channel-unknown = هذه ليست طريقة يمكننا التواصل معك بها
problem-safe-channel-needs-email = ذكرت أن البريد الإلكتروني آمن: أدخل عنوان بريد إلكتروني، أو أزل العلامة
problem-safe-channel-needs-phone = ذكرت أن المكالمة الهاتفية أو الرسالة النصية آمنة: أدخل رقم هاتف، أو أزل العلامة
problem-location-several = اذكر مكانًا واحدًا: رمزًا بريديًا، أو عنوانًا، أو أن ذلك حدث على الإنترنت
problem-location-point = النقطة على الخريطة ليست مكانًا حقيقيًا
problem-postcode-invalid = أدخل رمزًا بريديًا صحيحًا، مثل SW1A 2AA
problem-location-missing = أخبرنا أين حدث ذلك: رمزًا بريديًا، أو عنوانًا، أو أن ذلك حدث على الإنترنت
problem-codeword-unknown = اختر كلمة رمزية من القائمة، أو اختر "لا توجد كلمة رمزية"
problem-person-present-missing = اذكر ما إذا كان الشخص معك الآن
problem-called-999-missing = اذكر ما إذا كان قد تم الاتصال بالرقم 999
problem-consent-missing = اذكر ما إذا كان الشخص قد وافق على نقل هذا
problem-what-happened-missing = اذكر ما رأيته أو ما قيل لك
problem-sent-by-missing = أدخل اسم المستخدم الخاص بالموظف المدرَّب الذي صدر عنه هذا البلاغ عن المخاوف
problem-sent-by-unknown = هذا ليس من حسابات الوسطاء التابعة لمؤسستك

## The progress page

status-report = البلاغ { $reference }
status-where = المرحلة الحالية
status-team = الفريق
status-received = تاريخ الاستلام
status-next-update = موعد التحديث القادم
status-when-news = عند وجود أخبار جديدة
status-outcome = النتيجة:
status-updates = التحديثات
status-no-updates = لا توجد تحديثات بعد.
status-tell-heading = أخبرنا بالمزيد، أو رُدّ علينا، أو اطلب أن نتصل بك
status-tell-intro = ما ترسله يصل إلى الضابط المسؤول عن بلاغك. ولن نتواصل معك إلا بالطرق التي ذكرت أنها آمنة.
status-kind = ماذا تريد أن تفعل؟
status-kind-information = إضافة معلومات
status-kind-reply = الرد على تحديث
status-kind-call-back = طلب معاودة الاتصال بك
status-message = رسالتك
status-call-back-when = إذا كنت تريد أن نعاود الاتصال بك: متى يكون الاتصال بك آمنًا؟
status-call-back-hint = مثال: أيام العمل بين الساعة 10 صباحًا والساعة 2 ظهرًا.
status-send = إرسال
status-reference = الرقم المرجعي
status-reference-hint = مثال: 7KQM-3X9P-D
status-code = رمز الحالة
status-code-hint = أربع مجموعات من الحروف والأرقام، مثال: ABCD-EFGH-JKMN-P7. بحروف كبيرة أو صغيرة، مع الشرطات أو بدونها.
status-check = متابعة سير البلاغ
stage-new = تم الاستلام: في انتظار أن يتواصل معك أحد
stage-contacted = تواصلنا معك
stage-in_progress = قيد النظر
stage-closed = مغلق
stage-case-open = تولّى أحد الضباط بلاغك
stage-case-investigating = قيد التحقيق
stage-case-safeguarding = نعمل على الحفاظ على سلامتك
stage-case-closed = مغلق
stage-case-merged = يُنظر فيه مع بلاغ مرتبط به

## The satisfaction survey

survey-title = ما تقييمك لخدمتنا؟
survey-thanks = شكرًا لك
survey-thanks-text = تساعدنا إجاباتك على معرفة مدى جودة خدمتنا لكل منطقة في لندن. ولا تُحسب إلا مجتمعةً مع إجابات الآخرين.
survey-intro = أربعة أسئلة عن طريقة تعاملنا مع ما أبلغت عنه. لا تحتاج إلى تسجيل الدخول. ولا تُحسب إجاباتك إلا مجتمعةً مع إجابات الآخرين، ولا تُعرض أبدًا مع اسمك أو بلاغك.
survey-ease = ما مدى رضاك عن سهولة التواصل معنا؟
survey-kept_informed = ما مدى رضاك عن إطلاعنا لك على المستجدات؟
survey-treatment = ما مدى رضاك عن طريقة معاملتك؟
survey-whole_experience = بالنظر إلى التجربة كلها، ما مدى رضاك عن الخدمة التي قدمناها لك؟
scale-5 = راضٍ جدًا
scale-4 = راضٍ إلى حد ما
scale-3 = لا راضٍ ولا غير راضٍ
scale-2 = غير راضٍ إلى حد ما
scale-1 = غير راضٍ على الإطلاق
survey-comment = هل هناك أي شيء آخر تود إخبارنا به؟ (اختياري)
survey-send = إرسال إجاباتي
status-sent = أُرسلت إلى الضابط المسؤول عن بلاغك.
status-sent-call-back = تم الإرسال. سنعاود الاتصال بك في الوقت الذي حددته، وبالطرق التي ذكرت أنها آمنة.
status-not-found = لم نعثر على بلاغ بهذا الرقم المرجعي ورمز الحالة. يُرجى التحقق منهما والمحاولة مرة أخرى
status-kind-missing = اختر ما تريد أن تفعله

## Check your answers

answers-title = راجع إجاباتك قبل إرسال بلاغك
answers-intro = لم يُرسل أي شيء بعد. غيّر أي شيء غير صحيح، ثم أرسل بلاغك.
answers-change = تغيير
answers-yes = نعم
answers-no = لا
answers-none = لم يُذكر
answers-online = على الإنترنت
answers-send = إرسال البلاغ
answers-declaration = عندما ترسل هذا البلاغ، يصل إلى الشرطة في لندن. ونحن نحفظه بأمان ولا نستخدمه إلا للتعامل مع ما أبلغت عنه.
answers-ways = الطرق الآمنة للتواصل معك

## After sending

done-title = تم إرسال البلاغ
done-reference = رقمك المرجعي هو
done-shared-heading = ذكرت أن شخصًا آخر قد يرى هاتفك أو رسائلك
done-shared = لذلك لن نذكر أبدًا الشرطة أو بلاغك في أي رسالة إليك: بل سنرسل تنبيهًا محايدًا فقط، وبالطرق التي ذكرت أنها آمنة فقط. لا تحتاج إلى الاحتفاظ بأي شيء من هذه الصفحة. وسيتواصل معك أحد الضباط بطريقة آمنة.
done-shared-code = إذا كان الاحتفاظ به آمنًا لك، فيمكنك استخدام رمز الحالة هذا مع رقمك المرجعي لمتابعة سير البلاغ، أو إضافة معلومات، أو طلب معاودة الاتصال بك. ولا يمكننا عرضه مرة أخرى.
done-show-code = عرض رمز الحالة الخاص بي
done-status-code = رمز الحالة:
done-keep-heading = احتفظ بهذه المعلومات في مكان آمن
done-keep = لمتابعة سير البلاغ، أو إضافة معلومات، أو طلب معاودة الاتصال بك، تحتاج إلى رقمك المرجعي ورمز الحالة هذا. يمكنك قراءته بصوت عالٍ أو كتابته. ولا يمكننا عرضه مرة أخرى.
done-next-heading = ماذا يحدث بعد ذلك
done-team = أُرسل بلاغك إلى الفريق: { $team }.
done-update-by = سنوافيك بتحديث في موعد أقصاه { $due }.
done-danger = إذا كان أحد في خطر، فاتصل بالرقم 999.
done-see-progress = متابعة سير هذا البلاغ
done-support-heading = دعم يمكنك الحصول عليه الآن
done-support-intro = هذه الخدمات مجانية وسرية. ويمكنك التواصل معها سواء حدث شيء بشأن بلاغك أم لا.
support-victim-support = دعم مجاني وسري لكل من تأثر بجريمة، متاح كل يوم ليلًا ونهارًا.
support-domestic-abuse = دعم مجاني وسري لكل من يتعرض للعنف الأسري، في أي ساعة. يمكنك طلب معاودة الاتصال بك في وقت آمن.
support-nspcc = نصائح إذا كنت قلقًا على طفل، بما في ذلك الإساءة عبر الإنترنت.
support-action-fraud = المركز الوطني للإبلاغ عن الاحتيال والجرائم الإلكترونية.
support-stop-scams = اتصل بالرقم 159 للوصول إلى مصرفك بأمان إذا كنت تظن أن مكالمة أو رسالة بشأن أموالك هي عملية احتيال.
support-samaritans = شخص تتحدث إليه، في أي ساعة، أيًّا كان ما تمر به.

## Trusted intermediaries: the concern form

concern-title = الإبلاغ عن مخاوف
concern-intro = مخصص للموظفين المدرَّبين في صيدلية، أو صالون، أو مدرسة، أو عيادة، أو جماعة دينية، أو مكتب إسكان، أو منشأة مرخّصة، أو نادٍ للشباب، بشرط أن تكون الجهة مسجَّلة. يستغرق ذلك نحو دقيقتين. لا تسأل إلا عما تحتاج إليه: لست مضطرًا إلى معرفة المزيد.
concern-999 = إذا كان أحد في خطر الآن، فاتصل بالرقم 999 أولًا.
concern-cannot-send = لا يمكنك إرسال بلاغ عن مخاوف بعد.
concern-urgent = إذا كان أحد في خطر الآن، فاتصل بالرقم 999. وإلا فاتصل بالرقم 101 وقل إنك وسيط موثوق.
concern-present = هل الشخص معك الآن؟
concern-codeword = هل استخدم الشخص كلمة رمزية؟
concern-codeword-hint = مثال: طلب "ANI" في صيدلية، أو سأل عن "Angela" في حانة.
concern-codeword-none = لا توجد كلمة رمزية
concern-called-999 = هل تم الاتصال بالرقم 999؟
concern-consent = هل وافق الشخص على أن تنقل هذا إلى الشرطة؟
concern-what = ماذا رأيت، أو ماذا قيل لك؟
concern-what-hint = بكلمات الشخص نفسه إن أمكن. حتى 4000 حرف.
concern-about = عمّن يتعلق الأمر؟ (اختياري)
concern-where = أين حدث ذلك، أو أين أنت الآن؟
concern-where-hint = رمز بريدي، أو الشارع أو المكان.
concern-contact-heading = هل التواصل مع الشخص آمن، وكيف؟
concern-contact-intro = لا تذكر إلا ما قال الشخص إنه آمن. وإذا لم يكن التواصل معه مباشرة آمنًا، فاترك هذا الجزء فارغًا: وسنعاود الاتصال بك أنت بدلًا من ذلك.
concern-their-name = اسم الشخص (اختياري)
concern-safe = ما الطرق الآمنة؟ (اختياري)
concern-shared-device = قد يرى شخص آخر هاتف هذا الشخص أو رسائله
concern-send = إرسال البلاغ عن المخاوف
concern-sent-title = تم إرسال البلاغ عن المخاوف
concern-call-back = سيعاود أحد موظفي تلقي الاتصالات الاتصال بك على الرقم { $phone } خلال { $minutes } دقيقة. ابقَ مع الشخص إن استطعت.
concern-procedure = ما يجب فعله الآن ({ $codeword })
concern-what-you-see = سترى أن البلاغ قد استُلم، ومتى اتُّخذ إجراء بشأنه. ولحماية الشخص، لن ترى ما يحدث بعد ذلك.
concern-another = الإبلاغ عن مخاوف أخرى
concerns-intro = بلاغات المخاوف التي أرسلتها، الأحدث أولًا.
concerns-none = لم ترسل أي بلاغ عن مخاوف بعد.
concerns-caption = بلاغات المخاوف التي أرسلتها
concerns-state = المرحلة الحالية
concerns-received = تم الاستلام
concerns-acted-on = اتُّخذ إجراء

## الرسائل الموجهة إلى المبلِّغين (صندوق الصادر): عناوين رسائل البريد الإلكتروني ونصوصها، والرسائل النصية

outbox-ack-subject = بلاغك { $reference }
outbox-ack-body = شكرًا لك. وصل بلاغك { $reference } إلى الفريق: { $team }.
outbox-ack-update = سنوافيك بتحديث في موعد أقصاه { $due }.
outbox-ack-status = يمكنك متابعة سير البلاغ، أو إضافة معلومات، أو طلب معاودة الاتصال بك، على { $status } باستخدام رقمك المرجعي ورمز الحالة الذي حصلت عليه.
outbox-update-subject = تحديث بشأن بلاغك { $reference }
outbox-update-footer = يمكنك الرد، أو إضافة معلومات، أو طلب معاودة الاتصال بك، على { $status }.
outbox-evidence-subject = صور أو فيديو لبلاغك { $reference }
outbox-evidence-body = يمكنك إرسالها من هنا، من هاتفك أو حاسوبك: { $link } يعمل الرابط مرة واحدة حتى { $until }. احتفظ بالنسخ الأصلية على جهازك.
outbox-neutral-subject = رسالة لك
outbox-neutral-body = مرحبًا. لديك رسالة جديدة. يُرجى الاطلاع عليها بالطريقة المعتادة عندما يكون ذلك آمنًا.
outbox-closed = أُغلقت قضيتك الآن. النتيجة: { $outcome }.
outbox-survey-body = أُغلقت قضيتك. يُرجى إخبارنا بتقييمك لأدائنا: أربعة أسئلة، دون تسجيل دخول. لا تُحتسب إجاباتك إلا مع إجابات الآخرين، ولا تُعرض أبدًا مع اسمك.

## التطوع: الصفحة العامة، وطلب التطوع ومتابعة سيره

vol-title = تطوَّع مع الشرطة في لندن
vol-intro = يساعد أبناء المجتمع المحلي ممن لديهم مهارات يقدّمونها الشرطةَ على منع الأذى ودعم الضحايا: كتأمين حسابات شخص وقع ضحية احتيال، وزيارة من تعرّض منزله للسطو، والترجمة الشفهية، والعمل مع الشباب. وبعض المتطوعين ضباط شرطة متطوعون يتمتعون بصلاحيات ضابط الشرطة.
vol-wanted-heading = من نبحث عنهم
vol-wanted-languages = أشخاص يتحدثون اللغات المستخدمة في لندن
vol-involves-heading = ما الذي يتضمنه التطوع
vol-involves-vetting = نتحقق من مهاراتك لدى الهيئة المهنية التي تنتمي إليها، ونجري لك تدقيقًا أمنيًا للتحقق من نزاهتك، ونراجع الأمرين بانتظام.
vol-involves-training = تُكمل التدريب الخاص بالعمل الذي تؤديه، ويجري جزء منه تحت الإشراف أثناء العمل.
vol-involves-tasks = تختار المهام التي تقبلها، بالقرب منك وفي الأوقات التي تكون فيها متاحًا، ويُطلعك أحد المشرفين على التفاصيل قبل كل مهمة.
vol-involves-special = يجب ألا يقل عمر ضباط الشرطة المتطوعين عن 18 عامًا، ولا يمكن الجمع بين هذا الدور وبعض الوظائف والأعمال التجارية: ونتحقق من ذلك عند تقديم طلبك.
vol-apply = تقديم طلب التطوع
vol-already = هل قدّمت طلبًا من قبل؟
vol-check-status = متابعة طلبك
vol-apply-intro = يستغرق ذلك نحو 10 دقائق. لا نستخدم ما تخبرنا به إلا للنظر في طلبك، وإذا انضممت إلينا، لإسناد المهام المناسبة إليك.
vol-name = اسمك الكامل
vol-email = عنوان البريد الإلكتروني
vol-phone = رقم الهاتف (اختياري)
vol-postcode = الرمز البريدي لمنزلك
vol-applying-as = كيف تودّ أن تساعد؟
vol-as-volunteer = بصفة متطوع
vol-as-special = بصفة ضابط شرطة متطوع (special constable)
vol-skills = ما المهارات التي يمكنك تقديمها؟
vol-skills-hint = إذا كنت عضوًا في هيئة مهنية خاصة بإحدى المهارات (مثل BCS أو NMC أو HCPC)، فاذكر اسمها ورقم عضويتك: وسنتحقق منه لديها.
vol-body = الهيئة المهنية (اختياري)
vol-number = رقم العضوية أو التسجيل (اختياري)
vol-languages = اللغات التي تتحدثها إلى جانب الإنجليزية (اختياري)
vol-days = في أي الأيام يمكنك المساعدة؟
vol-hours = في أي الأوقات في تلك الأيام؟
vol-hours-hint = على شكل فترة بنظام 24 ساعة، مثال: 09:00-17:00.
vol-associations = المنظمات أو جهات العمل أو المدارس أو المجمعات السكنية التي تربطك بها صلة (اختياري)
vol-associations-hint = واحدة في كل سطر. لن نكلّفك أبدًا بمهمة تتعلق بأي منها.
vol-special-heading = فقط إذا كنت تتقدم بطلب بصفة ضابط شرطة متطوع
vol-special-intro = نتحقق من هذه المعلومات وفق قواعد الأهلية الوطنية.
vol-born = تاريخ الميلاد، مثال: 1990-04-21
vol-occupation = مهنتك
vol-interests = أي مصالح تجارية لديك، واحدة في كل سطر (اختياري)
vol-consent = أوافق على إخضاعي للتدقيق الأمني، وعلى التحقق من مهاراتي لدى الهيئة المهنية التي أنتمي إليها
vol-send = إرسال طلبي
vol-done-title = تم إرسال الطلب
vol-done-code = لمعرفة ما وصل إليه طلبك، تحتاج إلى رقمك المرجعي ورمز الحالة هذا. اكتبهما: لا يمكننا عرض الرمز مرة أخرى.
vol-done-next = ستتحقق وحدة التدقيق الأمني من مهاراتك وتُجري لك التدقيق الأمني. وسنتواصل معك عبر البريد الإلكتروني.
vol-status-note = ملاحظة من وحدة التدقيق الأمني
app-status-received = تم الاستلام: لدى وحدة التدقيق الأمني
app-status-approved = تمت الموافقة: مرحبًا بك في فريقنا
app-status-declined = لن يُمضى في الطلب قدمًا
skill-cyber_help = المساعدة في الأمن الإلكتروني والمسائل الرقمية
skill-digital_forensics = التحليل الجنائي الرقمي
skill-fraud_recovery = التعافي من الاحتيال
skill-mental_health = الصحة النفسية
skill-medical = الرعاية الطبية
skill-youth_work = العمل مع الشباب
skill-schools_liaison = التواصل مع المدارس
skill-victim_support = دعم الضحايا
skill-business_support = دعم الأعمال التجارية
day-mon = الاثنين
day-tue = الثلاثاء
day-wed = الأربعاء
day-thu = الخميس
day-fri = الجمعة
day-sat = السبت
day-sun = الأحد
problem-volunteer-name-missing = أدخل اسمك
problem-volunteer-email-format = أدخل عنوان بريد إلكتروني بالصيغة الصحيحة، مثل name@example.com
problem-volunteer-phone-format = أدخل رقم هاتف، مثل 07700 900 982
problem-volunteer-postcode-invalid = أدخل الرمز البريدي لمنزلك، مثل E8 1DY
problem-volunteer-kind-missing = اختر ما إذا كنت تتقدم بطلب بصفة متطوع أو بصفة ضابط شرطة متطوع
problem-volunteer-skill-unknown = اختر المهارات من القائمة
problem-volunteer-skill-missing = اختر مهارة واحدة على الأقل يمكنك تقديمها
problem-volunteer-days-missing = اختر الأيام التي يمكنك المساعدة فيها
problem-volunteer-hours-format = أدخل الساعات على شكل فترة بنظام 24 ساعة، مثل 09:00-17:00
problem-volunteer-born-format = أدخل تاريخ ميلادك بالسنة والشهر واليوم، مثل 1990-04-21
problem-volunteer-occupation-missing = أدخل مهنتك
problem-volunteer-consent-missing = يجب أن توافق على التدقيق الأمني قبل أن نتمكن من النظر في طلبك
problem-volunteer-too-long = إحدى الإجابات طويلة جدًا: يجب ألا تزيد كل إجابة على 200 حرف، والقوائم على 2000 حرف
vol-not-found = لم نعثر على طلب بهذا الرقم المرجعي ورمز الحالة. يُرجى التحقق منهما والمحاولة مرة أخرى

## إضافة الملفات من صفحة المتابعة

status-evidence-heading = أرسل صورًا أو مقاطع فيديو أو مستندات
status-evidence-intro = إذا كانت لديك صورة أو مقطع فيديو (من هاتف أو كاميرا باب أو كاميرا سيارة) أو تسجيل صوتي أو مستند يُظهر ما حدث، فأرسله هنا. احتفظ بالأصل على جهازك.
status-evidence-file = اختر الملفات
status-evidence-hint = يمكنك اختيار عدة ملفات. لا يمكننا قبول البرامج أو الملفات المضغوطة (مثل ملفات .zip).
status-evidence-send = أرسل الملفات
status-evidence-sent = شكرًا لك: وصلت ملفاتك وأُضيفت إلى بلاغك.
status-evidence-none = اختر ملفًا واحدًا على الأقل لإرساله
done-files-lost = تم إرسال بلاغك، لكن تعذّر حفظ بعض ملفاتك. يُرجى إرسالها مرة أخرى أدناه.
evreq-title = أرسل صورك أو الفيديو
evreq-asked = طلب الضابط المسؤول عن بلاغك:
evreq-unknown = هذا الرابط ليس من إرسالنا. تأكد من نسخه كاملاً، أو استخدم صفحة المتابعة برقم البلاغ والرمز.
evreq-used = أُرسلت ملفات عبر هذا الرابط من قبل، فلم يعد يعمل. لا يزال بإمكانك إضافة ملفات من صفحة المتابعة برقم البلاغ والرمز.
evreq-expired = انتهت صلاحية هذا الرابط. لا يزال بإمكانك إضافة ملفات من صفحة المتابعة برقم البلاغ والرمز.

# Files on concerns and evidence requests to witnesses (issue 17)
concern-files-title = أضف صوراً أو ملفات إلى بلاغ مخاوف
concern-files-intro = أضف صورة أو فيديو أو مستنداً يساعد، مثل ورقة سُلّمت عند المنضدة أو لقطة من كاميرا المراقبة. يمكنك إضافة ملفات خلال 7 أيام من إرسال البلاغ.
concern-files-added = أُضيفت الملفات إلى البلاغ.
concern-files-link = أضف صوراً أو ملفات
concern-files-column = الملفات
evreq-asked-witness = طلب منك ضابط شرطة:
evreq-witness-sent = شكراً لك: وصلت ملفاتك وسُلّمت إلى الضابط الذي طلبها.
evreq-used-witness = أُرسلت ملفات عبر هذا الرابط من قبل، فلم يعد يعمل. إن كان لديك المزيد، اتصل بالرقم 101 وقل إنك تلقيت طلباً.
evreq-expired-witness = انتهت صلاحية هذا الرابط. إن كان لا يزال لديك ما ترسله، اتصل بالرقم 101 وقل إنك تلقيت طلباً.
outbox-evidence-witness-subject = طلب من الشرطة للحصول على صور أو فيديو

## The public ward page (issue 19)
ward-title = { $ward }، { $borough }: حيّك
ward-intro = ما تقوله أرقام الشرطة المنشورة عن الجريمة هنا، ومن يمكنك التحدث إليه.
ward-team-heading = فريق الحيّ
ward-team = يتولى { $team } هذه الدائرة.
ward-team-contact = لإبلاغ الشرطة بأمر غير طارئ، أبلغ عبر الإنترنت أو اتصل بالرقم 101. في حالة الطوارئ اتصل بالرقم 999.
ward-report-link = أبلغ عبر الإنترنت
ward-priorities-heading = أولويات هذه الدائرة
ward-priorities-none = لم تسجّل لجنة الدائرة أولوياتها لهذا الربع بعد.
ward-priorities-intro = في كل ربع سنة تختار لجنة الدائرة، وهي سكان يعملون مع فريق الحيّ، ما يصل إلى ثلاث أولويات بعد سؤال من يعيشون ويعملون هنا. وفيما يلي ما اختاروه، وما أُنجز منذ ذلك الحين، وما طلبه السكان على هذه الصفحة، وأين يقع الضرر.
ward-priorities-quarter = هذا الربع ({ $quarter })
ward-priorities-previous = الربع الماضي ({ $quarter })
ward-priority-theme = الموضوع: { $theme }
ward-priority-consulted = كيف سُئل السكان: { $how }
ward-priority-done-heading = ما أُنجز
ward-priority-done-none = لم يُسجَّل شيء بعد.
ward-priority-done-line = { $date }: { $text }
ward-priorities-compare-heading = اختيار اللجنة وأصوات السكان والضرر
ward-priorities-compare-caption = كل موضوع: هل اختارته اللجنة هذا الربع، وكم من السكان طلبوه على هذه الصفحة، وجرائمه وضرره في الاثني عشر شهرًا الأخيرة
ward-priorities-col-theme = الموضوع
ward-priorities-col-panel = اختارته اللجنة
ward-priorities-col-voices = أصوات السكان
ward-priorities-col-crimes = الجرائم، آخر 12 شهرًا
ward-priorities-col-harm = أيام الضرر، آخر 12 شهرًا
ward-priorities-yes = نعم
ward-priorities-no = لا
ward-priorities-not-counted = غير موجود في الملفات المنشورة
ward-priorities-withheld = محجوب، حتى لا يمكن استنتاج أي عدد أقل من { $n }
ward-voices-share = { $n } ({ $share }%، والأرجح بين { $low }% و{ $high }%)
ward-voices-total = عدد السكان الذين أدلوا بأصواتهم هذا الربع: { $n }.
ward-residents-differ = طلب معظم السكان الذين أدلوا بأصواتهم «{ $theme }»، ولم تختره اللجنة.
ward-harm-differs = جاء معظم الضرر في الاثني عشر شهرًا الأخيرة من «{ $theme }»، ولم تختره اللجنة.
ward-voices-few = لا يُذكر الموضوع الأول لدى السكان إلا عندما يبلغ عدد الأصوات { $n } على الأقل ويتقدّم موضوع واحد على غيره. يُحسب الضرر من الجرائم الواقعة في فئات كل موضوع؛ وبعض المواضيع لا تُحسب منفصلة في الملفات المنشورة.
ward-voice-heading = أدلِ بصوتك
ward-voice-intro = أخبر اللجنة بالأمر الوحيد الذي تريد أكثر من غيره أن يعمل عليه فريق الحيّ هذا الربع. لا تحتاج إلى حساب.
ward-voice-theme = على ماذا يجب أن يعمل الفريق؟
ward-voice-words = أي شيء تريد أن تعرفه اللجنة (اختياري)
ward-voice-words-hint = من المفيد أن تذكر أين ومتى يحدث ذلك. لا يقرأ هذا إلا فريق الدائرة ولجنتها، ولا يُنشر أبدًا. لا تذكر اسم أحد. للإبلاغ عن جريمة استخدم نموذج البلاغ؛ وفي حالة الطوارئ اتصل بالرقم 999.
ward-voice-email = عنوان بريدك الإلكتروني
ward-voice-email-hint = نرسل إليك رابطًا لتأكيد صوتك. لكل عنوان بريد إلكتروني صوت واحد في هذه الدائرة كل ربع: الصوت الجديد يحل محل السابق. نحذف عنوانك بمجرد إرسال الرسالة.
ward-voice-send = أرسل صوتي
voice-error-theme = اختر ما يجب أن يعمل عليه الفريق
voice-error-email = أدخل عنوان بريد إلكتروني، مثل name@example.com
voice-error-words = اكتب ما لا يزيد على { $max } حرف، دون رموز خاصة
voice-sent-title = تحقّق من بريدك الإلكتروني
voice-sent-body = أرسلنا رابطًا إلى { $email }. يُحتسب صوتك عندما تفتحه وتؤكده خلال سبعة أيام.
voice-back = العودة إلى { $ward }
voice-confirm-title = أكّد صوتك
voice-confirm-body = أكّد صوتك بشأن أولويات { $ward }.
voice-confirm-button = أؤكد صوتي
voice-confirmed-title = احتُسب صوتك
voice-confirmed-body = شكرًا لك. يُحتسب هذا الربع صوتك لموضوع «{ $theme }» في { $ward }.
voice-confirmed-replaced = وهو يحل محل الصوت الذي أدليت به في وقت سابق من هذا الربع.
voice-confirm-unknown = هذا الرابط استُخدم من قبل، أو انتهت صلاحيته، أو غير صحيح. كل رابط يعمل مرة واحدة، لمدة سبعة أيام. يمكنك الإدلاء بصوتك مرة أخرى على صفحة الدائرة.
voice-email-subject = أكّد صوتك بشأن أولويات { $ward }
voice-email-body = طلبت أن يكون «{ $theme }» من أولويات فريق الحيّ في { $ward }. افتح هذا الرابط لتأكيد صوتك:
voice-email-ignore = إذا لم تطلب ذلك، فتجاهل هذه الرسالة: لن يُحتسب شيء.
theme-anti-social-behaviour = السلوك المعادي للمجتمع والإخلال بالنظام العام
theme-burglary = السطو على المنازل والمباني
theme-drugs = ترويج المخدرات وتعاطيها
theme-violence = العنف والأسلحة، ومنها جرائم السكاكين
theme-robbery = السرقة بالإكراه وخطف الهواتف
theme-vehicle-crime = جرائم المركبات والدراجات الهوائية
theme-theft = السرقة والسرقة من المتاجر
theme-criminal-damage = الإتلاف المتعمد للممتلكات والحريق المتعمد
theme-fraud = الاحتيال والنصب
theme-hate = جرائم الكراهية
theme-womens-safety = سلامة النساء والفتيات في الأماكن العامة
theme-online-harm = الأذى عبر الإنترنت، ولا سيما للأطفال
theme-road-safety = السلامة على الطرق: السرعة الزائدة والقيادة الخطرة
ward-trust-heading = ما يقوله السكان هنا عن الشرطة
ward-trust-line = { $measure }: وافق { $share }% من { $respondents } شخصًا سُئلوا في { $area } ({ $quarter })، والأرجح بين { $low }% و{ $high }%.
ward-trust-none = لم يُحمَّل بعد أي استطلاع لآراء السكان في الشرطة لهذه المنطقة.
ward-trust-source = من استطلاع Public Attitude Survey الذي يسأل سكان لندن عن الشرطة في أحيائهم. تُعرض الأسئلة كما ينشرها الاستطلاع، بالإنجليزية.
ward-trend-heading = الجرائم شهرًا بشهر
ward-summary = في الاثني عشر شهرًا حتى { $month } سُجّلت { $crimes } جريمة في هذه الدائرة.
ward-rate = أي نحو { $rate } لكل 1000 من السكان هنا (على الأرجح بين { $low } و{ $high }).
ward-change-up = هذا أكثر مما كان في الاثني عشر شهرًا السابقة، بفارق لا تفسره الصدفة.
ward-change-down = هذا أقل مما كان في الاثني عشر شهرًا السابقة، بفارق لا تفسره الصدفة.
ward-change-none = لا يوجد تغيّر واضح عن الاثني عشر شهرًا السابقة.
ward-change-untested = لا توجد بعد أرقام سنتين كاملتين للمقارنة.
ward-chart-title = الجرائم المسجلة كل شهر
ward-chart-description = عمود لكل شهر. الأشهر التي فيها أقل من { $n } جرائم تظهر فارغة؛ الجدول يعطي كل شهر.
ward-table-caption = الجرائم المسجلة كل شهر
ward-month = الشهر
ward-crimes = الجرائم
ward-fewer-than = أقل من { $n }
ward-kinds-heading = أنواع الجرائم في الاثني عشر شهرًا الأخيرة
ward-kind = نوع الجريمة
ward-no-data = لم تُحمَّل بعد أرقام الجرائم لهذه الدائرة.
ward-map-heading = دوائر { $borough }
ward-map-title = الضرر حسب الدائرة
ward-map-description = كل دائرة ملوّنة حسب الضرر الذي أحدثته جرائمها لكل 1000 من السكان في الاثني عشر شهرًا الأخيرة: الأغمق يعني ضررًا أكبر.
ward-map-label = { $ward }: { $days } يومًا من الضرر لكل 1000 من السكان
ward-map-no-figure = { $ward }: لا يوجد رقم
ward-map-caption = الأغمق يعني ضررًا أكبر لكل 1000 من السكان. حدود هذه الدائرة باللون الأحمر. الدوائر الأصغر من المناطق التي رُسمت منها الخريطة لا تظهر.
ward-about-heading = عن هذه الأرقام
ward-bias = تعدّ الأرقام ما أُبلغ عنه وسُجّل. تختلف سهولة الإبلاغ وطريقة اختيار الناس له بين المناطق والمجتمعات، لذا قد يعني الرقم الأعلى بلاغات أكثر وليس جرائم أكثر فقط.
ward-suppressed = تظهر الأعداد من 1 إلى 4 على أنها "أقل من { $n }" حتى لا يمكن التعرف على أحد.
ward-sources = الجرائم: data.police.uk بموجب Open Government Licence. الضرر: Cambridge Crime Harm Index. السكان: تقديرات Greater London Authority للدوائر.
