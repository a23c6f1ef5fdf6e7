# الرسائل باللغة العربية. كل مفتاح موجود في ar وfr وen (تتحقق منه tests/locales.rs).

## Frame of every page
service-name = التأمين الإجباري عن المرض للطلبة
skip-to-content = الانتقال إلى المحتوى الرئيسي
language-switcher-label = اللغة
language-ar = العربية
language-fr = Français
language-en = English
footer-about = الخدمة العمومية الإلكترونية للتأمين الإجباري الأساسي عن المرض الخاص بطلبة الجامعات العمومية بالمغرب.
footer-licence = برنامج حر ومجاني. لا حاجة إلى حساب.

## Home
home-title = التأمين الإجباري عن المرض الخاص بالطلبة
home-lead = كل سنة، عند التسجيل أو إعادة التسجيل، يصرح كل طالب(ة) بجامعة عمومية إن كان يستفيد من تغطية صحية أساسية أخرى.
home-who = التغطية مجانية: لا يؤدي الطالب أي اشتراك. ويكفي رقم البطاقة الوطنية للتعريف للاستفادة من العلاجات.
home-journeys-title = ما يمكنك القيام به هنا
journey-declare-title = التصريح
journey-declare-text = للسنة الجامعية الحالية، في حوالي 3 دقائق، برقم بطاقتك الوطنية ورمز مسار.
journey-status-title = تتبع طلبك
journey-status-text = بدون حساب: برقم بطاقتك الوطنية ورمز مسار وتاريخ ازديادك.
journey-offices-title = العثور على مكتب للمكتب الوطني للأعمال الجامعية
journey-offices-text = نقط الاستقبال الـ34 التي تودع فيها ملفات المرض.
journey-universities-title = الجامعات ومنصاتها
journey-universities-text = الجامعات العمومية الـ12 وعنوان منصة التأمين الخاصة بكل واحدة منها.
journey-learn-title = تعرف على التأمين
journey-learn-text = من يجب عليه التصريح، والمراحل الأربع، ومعلومات هامة، وكيفية ملء أوراق المرض.

## Universities
universities-title = الجامعات العمومية
universities-lead = الجامعات العمومية الـ12 وعنوان منصة التصريح الخاصة بكل واحدة منها، كما ورد في المطوية الرسمية.
universities-platform = المنصة:

## Not found
not-found-title = الصفحة غير موجودة
not-found-text = إذا كتبت العنوان بنفسك، فتحقق من صحته. وإذا اتبعت رابطا، فربما يكون قديما.
not-found-home = الذهاب إلى الصفحة الرئيسية

## Loading and errors
loading = جار التحميل…
error-title = حدث خطأ
error-network = الخدمة لا تستجيب. تحقق من اتصالك بالإنترنت، ثم أعد المحاولة.
error-unavailable = الخدمة غير متاحة مؤقتا. أعد المحاولة بعد بضع دقائق.
error-not-found = ما تبحث عنه غير موجود أو لم يعد موجودا.
error-server = واجهت الخدمة خطأ. أعد المحاولة بعد بضع دقائق.
retry = إعادة المحاولة

## Declare: start page and personal data
declare-title = التصريح بتغطيتك الصحية
declare-lead = في كل سنة جامعية، يصرح كل طالب(ة) بجامعة عمومية إن كان يستفيد من نظام آخر للتأمين الأساسي عن المرض. يستغرق ذلك حوالي 3 دقائق.
declare-year = برسم السنة الجامعية { $year }.
declare-need-title = ما تحتاج إليه
declare-need-cin = رقم بطاقتك الوطنية للتعريف
declare-need-massar = رمز مسار الخاص بك
declare-need-email = عنوان بريد إلكتروني: يرسل إليه القرار
declare-renew = صرحت برسم السنة الجامعية { $previous }. يجدد التصريح كل سنة: صرح برسم { $year }.
declare-start = ابدأ الآن
declare-continue = متابعة تصريحك
declare-saved = أجوبتك محفوظة على هذا الجهاز.
declare-clear = مسح كل ما احتفظت به الخدمة على هذا الجهاز
declare-cleared = تم مسح كل ما احتفظت به الخدمة على هذا الجهاز.
privacy-title = معطياتك الشخصية
privacy-controller = تعالج { $controller } المعطيات التي تدلي بها من أجل تدبير التأمين الإجباري عن المرض الخاص بالطلبة.
privacy-recipients = ترسل إلى الصندوق المدبر وإلى الوكالة الوطنية للتأمين الصحي التي تتحقق من عدم استفادتك من تغطية أساسية أخرى.
privacy-mandatory = جميع الأسئلة إجبارية باستثناء رقم الهاتف والمؤسسة.
privacy-rights = طبقا للقانون 09-08، لك حق الولوج والتصحيح والتعرض لدى { $controller }.
privacy-cndp = معالجة مرخص بها من طرف اللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي تحت رقم { $number }.
privacy-device = تبقى أجوبتك على هذا الجهاز إلى حين إرسالها، ساعتين على الأكثر دون تعديل؛ وبعد الإرسال لا يبقى عليه إلا وصل التصريح. ويمكنك مسح كل شيء في أي وقت.

## Declare: common parts
step = المرحلة { $step } من { $total }
back = رجوع
continue = متابعة
error-summary-title = هناك مشكل
error-prefix = خطأ:
change = تغيير
yes = نعم
no = لا

## Declare: coverage
coverage-title = هل تستفيد، بصفتك زوجا أو ابنا، من نظام آخر للتأمين الأساسي عن المرض؟
coverage-hint = مثلا الصندوق الوطني لمنظمات الاحتياط الاجتماعي أو الصندوق الوطني للضمان الاجتماعي أو نظام راميد (أمو تضامن) أو تعاضدية القوات المسلحة الملكية، عن طريق أحد الوالدين أو الزوج.
scheme-title = ما هو النظام الذي يغطيك؟
scheme-cnops = الصندوق الوطني لمنظمات الاحتياط الاجتماعي (القطاع العام)
scheme-cnss = الصندوق الوطني للضمان الاجتماعي (القطاع الخاص)
scheme-ramed = راميد (أمو تضامن)
scheme-far = تعاضدية القوات المسلحة الملكية
scheme-other = نظام آخر
scheme-other-label = اسم النظام
not-eligible-title = لا يمكن أن يغطيك تأمين الطلبة
not-eligible-covered = أنت مستفيد من قبل من نظام أساسي آخر بصفتك زوجا أو ابنا. تبقى مستفيدا منه، ولا ينطبق عليك تأمين الطلبة برسم هذه السنة الجامعية.
not-eligible-over-age = يغطي تأمين الطلبة الطلبة البالغين { $limit } سنة أو أقل. استفسر لدى صندوق والديك أو مشغلك.
not-eligible-next = إذا تغيرت وضعيتك، عد للقيام بالتصريح.
not-eligible-change = تغيير جوابي

## Declare: identity, contact, university
identity-title = هويتك
cin-label = رقم البطاقة الوطنية للتعريف
cin-hint = حرف أو حرفان لاتينيان ثم أرقام، مثلا AB123456
massar-label = رمز مسار
massar-hint = حرف لاتيني و9 أرقام، مثلا R130123456
last-name-label = الاسم العائلي
first-name-label = الاسم الشخصي
birth-date-legend = تاريخ الازدياد
birth-date-hint = مثلا 27 3 2004
day = اليوم
month = الشهر
year = السنة
contact-title = كيف يمكن التواصل معك؟
email-label = عنوان البريد الإلكتروني
email-hint = يرسل الصندوق قراره إلى هذا العنوان.
phone-label = رقم الهاتف (اختياري)
phone-hint = مثلا 06 12 34 56 78
university-title = في أي جامعة أنت مسجل؟
university-filter = ابحث عن جامعتك
university-none = لا توجد جامعة مطابقة.
establishment-label = المؤسسة (اختياري)
establishment-hint = الكلية أو المدرسة، مثلا كلية العلوم

## Declare: check, send, confirmation
check-title = تحقق من أجوبتك قبل إرسال تصريحك
check-coverage = مستفيد من نظام آخر
sworn-title = تصريح بالشرف
sworn-label = أصرح بشرفي أنني لا أستفيد، بصفتي زوجا أو ابنا، من أي نظام آخر للتأمين الأساسي عن المرض، وأن المعلومات المدلى بها صحيحة.
send = الموافقة والإرسال
sending = جار الإرسال…
offline-waiting = تعذر إرسال تصريحك: يبدو أنك غير متصل بالإنترنت. سيبقى محفوظا على هذا الجهاز ويرسل بمجرد عودة الاتصال، أو عند فتحك لهذه الخدمة في المرة القادمة.
send-already-declared = يوجد برسم هذه السنة الجامعية تصريح بنفس رقم البطاقة الوطنية ورمز مسار وتاريخ الازدياد. تم مسح أجوبتك من هذا الجهاز؛ تتبع طلبك في صفحة التتبع.
send-too-many = محاولات كثيرة. أعد المحاولة بعد بضع دقائق.
device-cleared = تم مسح كل ما احتفظت به الخدمة على هذا الجهاز.
device-clear = مسح الوصل وكل ما احتفظت به الخدمة على هذا الجهاز
device-receipt-only = لا يحتفظ هذا الجهاز إلا بوصل تصريحك (المرجع، السنة، الجامعة، الاسم): لا برقم بطاقتك الوطنية ولا برمز مسار ولا بتاريخ ازديادك. امسحه إن كان الحاسوب مشتركًا.
device-title = على هذا الجهاز
portal-token-refused = انتهت صلاحية تأكيد جامعتك لهويتك أو لم يُقبل. أعد تحميل صفحة الفضاء الرقمي لجامعتك، ثم أرسل من جديد.
portal-vouched = تأتي هذه المعلومات من الفضاء الرقمي لجامعتك، التي تضمن صحتها: لا يمكن تغييرها هنا.
send-email-limit = استُعمل عنوان البريد الإلكتروني هذا في عدة تصريحات اليوم. أدخل عنوانك الخاص (رابط «تغيير» الخاص بالبريد الإلكتروني) أو أعد المحاولة غدًا.
send-too-many-declarations = يحمل رقم البطاقة الوطنية هذا عدة تصريحات هذه السنة الجامعية بمعلومات أخرى: حمايةً لصاحبه لا يمكن تقديم تصريح آخر هنا. إن كانت هذه بطاقتك، فصرّح من الفضاء الرقمي لجامعتك أو توجّه إلى مصلحة الشؤون الطلابية بمؤسستك.
confirmation-title = توصلنا بتصريحك
confirmation-reference = مرجعك
confirmation-year = السنة الجامعية { $year }
confirmation-email = يتم إرسال رسالة تأكيد إلى { $email }.
confirmation-next = ما الذي سيحدث بعد ذلك
next-2 = تتحقق الوكالة الوطنية للتأمين الصحي من عدم استفادتك من أي تغطية أساسية أخرى.
next-3 = يرسل إليك الصندوق رسالة إلكترونية يخبرك فيها إن كنت مستفيدا.
next-4 = إذا كنت مستفيدا، يفتح باب الاستفادة من الخدمات فور توصلك بالرسالة. ويكفي رقم بطاقتك الوطنية للاستفادة من العلاجات.
print = طباعة الوصل
receipt-name = الاسم
receipt-university = الجامعة
receipt-date = تاريخ التصريح
receipt-cin = رقم البطاقة الوطنية

## Declare: field errors (error-<code>)
error-covered_missing = حدد إن كنت تستفيد من نظام آخر
error-scheme_missing = اختر النظام الذي يغطيك
error-scheme_other_name_empty = أدخل اسم النظام
error-scheme_other_name_too_long = يجب ألا يتجاوز اسم النظام 100 حرف
error-cin_empty = أدخل رقم بطاقتك الوطنية
error-cin_invalid_characters = يتكون رقم البطاقة الوطنية من حروف لاتينية وأرقام فقط
error-cin_missing_letters = يبدأ رقم البطاقة الوطنية بحرف أو حرفين، مثلا AB123456
error-cin_wrong_shape = يتكون رقم البطاقة الوطنية من حرف أو حرفين تليهما أرقام، مثلا AB123456
error-cin_too_short = رقم البطاقة الوطنية ناقص الأرقام
error-cin_too_long = رقم البطاقة الوطنية يتضمن أرقاما زائدة
error-massar_empty = أدخل رمز مسار
error-massar_invalid_characters = يتكون رمز مسار من حروف لاتينية وأرقام فقط
error-massar_wrong_shape = يتكون رمز مسار من حرف يليه 9 أرقام، مثلا R130123456
error-massar_wrong_length = يتضمن رمز مسار 9 أرقام بعد الحرف
error-last_name-name_empty = أدخل اسمك العائلي
error-last_name-name_too_long = يجب ألا يتجاوز الاسم العائلي 60 حرفا
error-last_name-name_invalid_characters = يتكون الاسم العائلي من حروف ومسافات وشرطات وفواصل عليا فقط
error-first_name-name_empty = أدخل اسمك الشخصي
error-first_name-name_too_long = يجب ألا يتجاوز الاسم الشخصي 60 حرفا
error-first_name-name_invalid_characters = يتكون الاسم الشخصي من حروف ومسافات وشرطات وفواصل عليا فقط
error-birth_date_empty = أدخل تاريخ ازديادك
error-birth_date_missing_day = يجب أن يتضمن تاريخ الازدياد اليوم
error-birth_date_missing_month = يجب أن يتضمن تاريخ الازدياد الشهر
error-birth_date_missing_year = يجب أن يتضمن تاريخ الازدياد السنة
error-birth_date_not_a_number = يكتب تاريخ الازدياد بالأرقام
error-birth_date_year_not_four_digits = يجب أن تتكون السنة من 4 أرقام
error-birth_date_not_a_real_date = يجب أن يكون تاريخ الازدياد تاريخا حقيقيا
error-birth_date_in_future = يجب أن يكون تاريخ الازدياد في الماضي
error-birth_date_too_young = تحقق من سنة الازدياد: إنها حديثة جدا
error-birth_date_too_old = تحقق من سنة الازدياد: إنها قديمة جدا
error-email_empty = أدخل عنوان بريدك الإلكتروني
error-email_too_long = عنوان البريد الإلكتروني طويل جدا
error-email_invalid = أدخل عنوان بريد إلكتروني صحيحا، مثلا name@example.ma
error-phone_invalid_characters = يتكون رقم الهاتف من أرقام ومسافات ونقط وشرطات فقط
error-phone_not_moroccan = أدخل رقم هاتف مغربيا، مثلا 06 12 34 56 78
error-phone_wrong_length = يتكون رقم الهاتف من 10 أرقام، مثلا 06 12 34 56 78
error-university_missing = اختر جامعتك
error-unknown_university = اختر جامعة من اللائحة
error-establishment_too_long = يجب ألا يتجاوز اسم المؤسسة 120 حرفا
error-sworn_missing = ضع علامة على التصريح بالشرف للإرسال

## Dates, written out
month-1 = يناير
month-2 = فبراير
month-3 = مارس
month-4 = أبريل
month-5 = ماي
month-6 = يونيو
month-7 = يوليوز
month-8 = غشت
month-9 = شتنبر
month-10 = أكتوبر
month-11 = نونبر
month-12 = دجنبر
date-long = { $day } { $month } { $year }

## Status: check a declaration without an account
status-title = تتبع تصريحك
status-lead = أدخل المعلومات التي صرحت بها. لا يظهر طلبك إلا إذا تطابقت المعلومات الثلاث.
status-remember = تذكر رقم بطاقتي الوطنية على هذا الجهاز (يبقى عليه إلى أن تمسحه؛ لا تستعمله على حاسوب مشترك)
status-find = عرض تصريحي
status-no-match = لا يوجد تصريح مطابق لهذه المعلومات. تحقق من رقم بطاقتك الوطنية ورمز مسار وتاريخ ازديادك.
status-too-many = محاولات كثيرة لهذه المعلومات. أعد المحاولة بعد ساعة.
status-result-title = تصريحك
status-year = السنة الجامعية { $year }
status-received = تم التوصل به
status-under_verification = قيد التحقق من طرف الوكالة الوطنية للتأمين الصحي
status-covered = مستفيد
status-refused = مرفوض
status-todo-received = سيرسل تصريحك إلى الوكالة الوطنية للتأمين الصحي التي تتحقق من عدم استفادتك من تغطية أساسية أخرى.
status-todo-under_verification = تتحقق الوكالة الوطنية للتأمين الصحي من وضعيتك. سيرسل إليك الصندوق رسالة إلكترونية بالقرار.
status-todo-covered = أنت مستفيد. يكفي رقم بطاقتك الوطنية للاستفادة من العلاجات، وتودع ملفات المرض بأحد مكاتب المكتب الوطني للأعمال الجامعية.
status-todo-refused = إذا كنت تعتقد أن هناك خطأ، اتصل بمصلحة الشؤون الطلابية بمؤسستك.
status-reason = السبب: { $reason }
refusal-covered_elsewhere = أنت مستفيد من قبل من نظام آخر للتغطية الصحية الأساسية.
refusal-over_age = تجاوزت السن المحددة لتغطية الطلبة.
refusal-not_enrolled = لست مسجلا بصفة منتظمة في الجامعة.
refusal-identity_mismatch = هويتك لا تطابق السجلات.
refusal-identity_conflict = يحمل تصريح آخر رقم البطاقة الوطنية نفسه برمز مسار أو تاريخ ازدياد مختلف.
attestation-title = شهادة الاستفادة
attestation-text = { $name } مستفيد من التأمين الإجباري عن المرض الخاص بالطلبة برسم السنة الجامعية { $year }، ابتداء من { $date }.
attestation-print = طباعة الشهادة
refusal-todo-covered_elsewhere = تبقى مستفيدا من نظامك الحالي: استعمله في علاجاتك.
refusal-todo-over_age = استفسر لدى صندوق والديك أو مشغلك عن تغطيتك.
refusal-todo-not_enrolled = تحقق من تسجيلك لدى مصلحة الشؤون الطلابية، ثم صرح من جديد.
refusal-todo-identity_mismatch = تحقق من أن رقم بطاقتك الوطنية ورمز مسار مطابقان لوثائقك، ثم صرح من جديد.
refusal-todo-identity_conflict = قدّم بطاقتك الوطنية وبطاقة الطالب إلى مصلحة الشؤون الطلابية بمؤسستك، لتؤكد هويتك لدى الصندوق.
refusal-todo-other = اتصل بمصلحة الشؤون الطلابية بمؤسستك.

## تعرف على التأمين: المطوية الرسمية في صفحات
learn-caption = التأمين الإجباري عن المرض الخاص بالطلبة
learn-contents = المحتويات
learn-next = ما يمكنك فعله الآن
opens-new-tab = (يفتح في علامة تبويب جديدة)
learn-who-title = من يجب عليه التصريح
learn-who-lead = ينبغي على كل طالب(ة) يستعد للتقييد أو إعادة التقييد بمؤسسات التعليم العالي بالقطاع العام أن يصرح إلكترونيا، في كل سنة جامعية، إن كان يستفيد أو لا يستفيد من أي تغطية صحية أساسية.
learn-who-covered-title = من يشمله تأمين الطلبة
learn-who-covered = الطلبة الذين لا يستفيدون من أي تغطية صحية أساسية أخرى، لا بصفتهم الشخصية ولا بصفتهم من ذوي حقوق مؤمن.
learn-who-not-title = من لا يستفيد
learn-who-not = لا تستفيد إن كنت مغطى بصفتك من ذوي حقوق (زوج أو ابن) مؤمني:
learn-scheme-cnops = الصندوق الوطني لمنظمات الاحتياط الاجتماعي (CNOPS)
learn-scheme-cnss = الصندوق الوطني للضمان الاجتماعي (CNSS)
learn-scheme-ramed = نظام المساعدة الطبية «راميد» (RAMED)
learn-scheme-far = تعاضدية القوات المسلحة الملكية
learn-scheme-other = أي نظام آخر للتغطية الصحية الأساسية
learn-who-still-declare = تقوم بالتصريح مع ذلك: تصرح بأنك مغطى، وينتهي الإجراء عند هذا الحد لهذه السنة الجامعية.
learn-who-where-title = أين تصرح
learn-who-where = على هذه الخدمة، أو على الموقع الإلكتروني الخاص بجامعتك.
learn-steps-title = المراحل الأربع
learn-steps-lead = من تصريحك إلى جواب الصندوق:
learn-step-declare = تصرح إلكترونيا بتغطيتك الصحية الأساسية.
learn-step-check = تتحقق الوكالة الوطنية للتأمين الصحي (ANAM)، عبر مراسلة من الصندوق، من عدم استفادتك من أي تغطية صحية أساسية أخرى.
learn-step-mail = يرسل الصندوق إليك رسالة إلكترونية لإخبارك إن كنت مستفيدا أم لا.
learn-step-outcome = تستفيد من التأمين، أو يرفض طلبك مع تعليل قرار الوكالة الوطنية للتأمين الصحي.
learn-steps-covered-title = إن كنت مستفيدا
learn-steps-covered = يفتح باب الاستفادة من الخدمات فور توصلك بالرسالة الإلكترونية.
learn-steps-refused-title = إن رفض طلبك
learn-steps-refused = تتضمن الرسالة الإلكترونية تعليل قرار الوكالة. وتبين صفحة التتبع ما يمكنك فعله بعد ذلك.
learn-steps-follow-title = تتبع طلبك
learn-steps-follow = يمكنك في أي وقت معرفة مآل طلبك برقم بطاقة تعريفك الوطنية ورقم مسار وتاريخ ميلادك، على صفحة التتبع في هذه الخدمة أو على صفحة الصندوق.
learn-steps-fund-link = صفحة الصندوق لتتبع طلبك
learn-good-title = معلومات هامة
learn-good-renew-title = صرح كل سنة
learn-good-renew = يجدد الطلبة تصريحهم بعدم الاستفادة من أي تغطية صحية أخرى سنويا عند كل دخول جامعي جديد.
learn-good-card-title = لا حاجة لبطاقة
learn-good-card = لا تحتاج إلى بطاقة التسجيل: يكفي رقم بطاقة تعريفك الوطنية للاستفادة من الخدمات.
learn-good-free-title = لا شيء تؤديه
learn-good-free = لا يؤدي طلبة التعليم العالي بالقطاع العام أي اشتراكات.
learn-good-care-title = نفس العلاجات كالقطاع العام
learn-good-care = تستفيد من نفس سلة العلاجات ونسب التعويض التي يقدمها نظام التأمين الإجباري عن المرض في القطاع العام.
learn-good-files-title = أين تودع ملفات المرض
learn-good-files = بنقط الاستقبال التابعة للمكتب الوطني للأعمال الجامعية الاجتماعية والثقافية (ONOUSC) في المدن الجامعية.
learn-claims-title = أوراق المرض
learn-claims-lead = لاسترجاع المصاريف، استعمل نفس أوراق المرض التي يستعملها جميع المؤمنين:
learn-claims-ordinary = العلاجات العادية
learn-claims-dental = علاجات الأسنان
learn-claims-chronic = الأمراض المزمنة والمكلفة
learn-claims-write-title = ما تكتبه عليها
learn-claims-write = اكتب فقط:
learn-claims-name = اسمك
learn-claims-cin = رقم بطاقة تعريفك الوطنية
learn-claims-signature = توقيعك مؤرخا
learn-claims-total = إجمالي المصاريف
learn-claims-nothing-else = لا شيء غير ذلك: لا حاجة لرقم بطاقة التأمين.
learn-claims-where-title = أين تودعها
learn-claims-where = أودع ملف المرض بإحدى نقط الاستقبال التابعة للمكتب الوطني للأعمال الجامعية الاجتماعية والثقافية.

## العثور على مكتب المكتب الوطني للأعمال الجامعية
offices-title = العثور على نقطة استقبال
offices-lead = أودع ملفات المرض بإحدى نقط الاستقبال الـ34 التابعة للمكتب الوطني للأعمال الجامعية الاجتماعية والثقافية (ONOUSC).
offices-search = المدينة أو المكان أو العنوان
offices-search-hint = بأي لغة، مثلا: فاس أو Fès أو أكدال.
offices-university = الجامعة
offices-all-universities = كل الجامعات
offices-count = { $count ->
    [zero] لا توجد أي نقطة استقبال
    [one] نقطة استقبال واحدة
    [two] نقطتا استقبال
    [few] { $count } نقط استقبال
    [many] { $count } نقطة استقبال
   *[other] { $count } نقطة استقبال
}
offices-none = لا توجد نقطة استقبال تطابق بحثك. تحقق من الكتابة، أو اكتب اسم المدينة فقط.
offices-mine = جامعتك
offices-copy = نسخ العنوان
offices-copied = تم نسخ العنوان.
offices-copy-failed = تعذر نسخ العنوان: حدده وانسخه بنفسك.
offices-map = عرض على الخريطة
offices-what-to-bring = ما تكتبه على أوراق المرض

## التحديثات
update-ready = تتوفر نسخة جديدة من هذه الخدمة.
update-reload = أعد تحميل الصفحة

## الوضع المدمج (داخل بوابة الجامعة)
embed-unknown-university = أعدت هذه الصفحة لجامعة لا تعرفها هذه الخدمة:
embed-unknown-university-todo = اختر جامعتك بنفسك عندما يطلب منك ذلك، وأخبر المصلحة المعلوماتية لجامعتك لتصحيح الإعداد.
