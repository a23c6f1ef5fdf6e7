# فضاء التدبير (back-office/): أعوان الصندوق ومصالح الجامعات.

bo-service-name = فضاء تدبير { "\u2066" }AMOE{ "\u2069" }
bo-skip-to-content = الانتقال إلى المحتوى الرئيسي
bo-language-switcher-label = اللغة
bo-language-ar = العربية
bo-language-fr = Français
bo-language-en = English
bo-loading = جار التحميل…
bo-error-prefix = خطأ:
bo-error-summary-title = هناك مشكل
bo-yes = نعم
bo-no = لا
bo-choose = اختر
bo-minutes = { $count ->
    [0] أقل من دقيقة
    [one] دقيقة واحدة
    [two] دقيقتان
    [few] { $count } دقائق
   *[other] { $count } دقيقة
}

bo-nav-label = فضاء التدبير
bo-nav-dashboard = نظرة عامة
bo-nav-cases = التصريحات
bo-nav-import = استيراد القرارات
bo-sign-out = تسجيل الخروج
bo-role-fund = عون(ة) الصندوق
bo-role-university = مصلحة الجامعة ({ $university })

bo-sign-in-title = تسجيل الدخول إلى فضاء تدبير { "\u2066" }AMOE{ "\u2069" }
bo-sign-in-lead = سجّل دخولك بمفتاح المرور الذي أنشأته عندما تلقيت الدعوة.
bo-sign-in-help = سيطلب منك متصفحك إلغاء قفل مفتاح المرور: ببصمتك أو بالتعرف على الوجه أو برمز جهازك أو بمفتاح الأمان.
bo-sign-in-button = تسجيل الدخول بمفتاح المرور
bo-sign-in-no-passkey-title = لا يوجد مفتاح مرور على هذا الجهاز؟
bo-sign-in-no-passkey = اطلب رابط دعوة جديدا من الشخص الذي أرسل إليك الدعوة. كل رابط صالح لاستعمال واحد خلال 24 ساعة.
bo-session-ended = انتهت جلستك. سجل دخولك من جديد للمتابعة: لم يضع شيء مما سجلته.

bo-enrol-title = مرحبا، { $name }
bo-enrol-lead = أنشئ مفتاح المرور الذي سيمكنك من تسجيل الدخول إلى فضاء التدبير.
bo-enrol-help = يحتفظ جهازك بمفتاح المرور، محميا ببصمتك أو بوجهك أو برمزك أو بمفتاح أمان. لا حاجة إلى كلمة سر، ولا يمكن لأحد غيرك استعماله.
bo-enrol-button = إنشاء مفتاح المرور الخاص بي
bo-enrol-invalid-title = رابط الدعوة هذا لا يعمل
bo-enrol-invalid-body = كل رابط صالح لاستعمال واحد خلال 24 ساعة. اطلب رابطا جديدا من الشخص الذي أرسل إليك الدعوة.

bo-passkey-unsupported = لا يستطيع هذا المتصفح استعمال مفاتيح المرور. استعمل متصفحا محدثا.
bo-passkey-cancelled = لم يستعمل أي مفتاح مرور: ألغي الطلب أو استغرق وقتا طويلا. أعد المحاولة.
bo-passkey-failed = تعذر على جهازك استعمال مفتاح المرور. أعد المحاولة.

bo-error-network = الخدمة لا تستجيب. تحقق من اتصالك، ثم أعد المحاولة.
bo-error-unavailable = الخدمة غير متاحة مؤقتا. أعد المحاولة بعد بضع دقائق.
bo-error-unexpected = واجهت الخدمة خطأ. أعد المحاولة بعد بضع دقائق.
bo-error-not-found = لا يوجد تصريح بهذا المرجع يمكنك الاطلاع عليه.
bo-error-forbidden = لا تسمح لك صلاحياتك بهذه العملية.
bo-error-csrf = هذه الصفحة لم تعد محدثة. أعد تحميلها، ثم أعد المحاولة.
bo-error-invitation-invalid = رابط الدعوة هذا غير معروف أو سبق استعماله أو انتهت صلاحيته أو ألغي.
bo-error-passkey-rejected = لم يقبل مفتاح المرور هذا. استعمل المفتاح الذي أنشأته لفضاء التدبير هذا.
bo-error-ceremony-expired = استغرق الطلب وقتا طويلا. أعد المحاولة.
bo-error-passkeys-unavailable = لا يمكن استعمال مفاتيح المرور على عنوان هذه الخدمة. أخبر الفريق التقني للخدمة.
bo-error-already-decided = سبق أن صدر في هذا التصريح قرار آخر، من عون آخر أو من ملف: لم يتغير شيء ولم ترسل أي رسالة. قراره معروض أدناه.
bo-error-changed-meanwhile = تغير هذا التصريح أثناء اتخاذك القرار. لم يسجل شيء: اطلع عليه من جديد، ثم قرر.
bo-error-already-declared = بهذا التصحيح يصبح التصريح تكرارا لتصريح آخر للطالب(ة) نفسه(ا) برسم هذه السنة الجامعية: لم يُغيَّر أي شيء.
bo-error-too-many = محاولات كثيرة. انتظر قليلا، ثم أعد المحاولة.
bo-error-invalid-fields = بعض القيم غير صحيحة.

bo-field-other = { $field }: هذه القيمة غير صحيحة ({ $code })
bo-code-decision-missing = اختر قرارا
bo-code-decision-unknown = اختر قرارا
bo-code-reason-code-missing = اختر سبب الرفض
bo-code-reason-code-unknown = اختر سببا من القائمة
bo-code-reason-text-missing = اشرح سبب الرفض
bo-code-reason-text-too-long = يجب ألا يتجاوز الشرح 500 حرف
bo-code-date-invalid = أدخل تاريخا بالصيغة { "\u2066" }2026-11-30{ "\u2069" }
bo-code-academic-year-invalid = أدخل سنة جامعية بالصيغة { "\u2066" }2026-2027{ "\u2069" }
bo-code-query-too-long = يجب ألا يتجاوز البحث 200 حرف
bo-code-unknown-university = اختر جامعة من القائمة
bo-code-no-change = أدخل القيمة الجديدة
bo-code-correction-field-missing = اختر الخانة المراد تصحيحها
bo-code-set-aside = هذا التصريح مستبعد: أرجعه قبل اتخاذ القرار
bo-code-under-verification = هذا التصريح لدى مشغلي الصندوق: سجّل قرارهم أولا، ثم استبعده

bo-dashboard-title = نظرة عامة
bo-dashboard-lead = السنة الجامعية { $year }: عدد التصريحات { $count }.
bo-per-day-title = التصريحات في اليوم
bo-per-day-none = لا يوجد أي تصريح بعد في هذه السنة الجامعية.
bo-per-day-summary = عدد التصريحات: { $count } خلال { $days } (أيام)؛ اليوم الأكثر تصريحات: { $busiest } ({ $most }).
bo-by-status-title = حسب الوضعية
bo-by-university-title = حسب الجامعة
bo-refusals-title = حالات الرفض حسب السبب
bo-refusals-none = لا توجد أي حالة رفض في هذه السنة الجامعية.
bo-outbox-title = الرسائل الموجهة إلى الطلبة
bo-outbox-unsent = في انتظار الإرسال
bo-outbox-oldest = أقدمها ينتظر منذ
bo-column-day = اليوم
bo-column-count = التصريحات
bo-column-bar = النسبة
bo-column-status = الوضعية
bo-column-university = الجامعة
bo-column-reason = السبب

bo-search-title = التصريحات
bo-search-query = المرجع أو رقم بطاقة التعريف الوطنية أو الاسم
bo-search-query-hint = مثلا { "\u2066" }AMOE-7K4P-Q2X{ "\u2069" } أو { "\u2066" }AB123456{ "\u2069" } أو العمراني. لا يُعتدّ بالنبرات ولا بالتشكيل ولا بصيغ الحروف العربية (أ/ا، ة/ه، ى/ي).
bo-filters = عوامل التصفية
bo-filter-any = الكل
bo-filter-status = الوضعية
bo-filter-university = الجامعة
bo-filter-year = السنة الجامعية
bo-filter-year-hint = مثلا { "\u2066" }2026-2027{ "\u2069" }
bo-filter-since = تم التوصل بها ابتداء من
bo-filter-until = تم التوصل بها إلى غاية
bo-filter-conflict = تعارض في الهوية
bo-filter-vouched = هوية مؤكدة من الفضاء الرقمي لجامعة
bo-search-button = بحث
bo-export-button = تصدير بصيغة { "\u2066" }CSV{ "\u2069" }
bo-exported = تم تنزيل الملف { "\u2066" }amoe-declarations.csv{ "\u2069" }.
bo-search-none = لا يوجد أي تصريح يطابق هذا البحث.
bo-search-found = { $count ->
    [0] لم يتم العثور على أي تصريح.
    [one] تم العثور على تصريح واحد.
    [two] تم العثور على تصريحين.
    [few] تم العثور على { $count } تصريحات.
   *[other] تم العثور على { $count } تصريحا.
}
bo-search-newest = تُعرض أحدث التصريحات فقط ({ $shown }): دقّق البحث لعرض الباقي.
bo-results-caption = التصريحات التي تم العثور عليها
bo-column-reference = المرجع
bo-column-name = الاسم
bo-column-year = السنة
bo-column-received = تاريخ التوصل
bo-column-flags = للتحقق
bo-flag-conflict = تعارض في الهوية
bo-flag-vouched = مؤكد من الجامعة

bo-status-received = تم التوصل به
bo-status-under-verification = قيد التحقق من طرف الوكالة الوطنية للتأمين الصحي
bo-status-covered = مقبول
bo-status-refused = مرفوض
bo-status-under-reexamination = قيد إعادة النظر

bo-reason-covered-elsewhere = يستفيد من تغطية صحية أساسية أخرى
bo-reason-over-age = تجاوز السن المحددة
bo-reason-not-enrolled = عدم ثبوت التقييد بصفة منتظمة
bo-reason-identity-mismatch = الهوية غير مطابقة للسجلات
bo-reason-identity-conflict = تصريح آخر يستعمل رقم بطاقة التعريف الوطنية هذا
bo-reason-other = سبب آخر

bo-case-title = التصريح { $reference }
bo-case-missing-title = التصريح غير موجود
bo-back-to-search = الرجوع إلى التصريحات
bo-field-name = الاسم
bo-field-last-name = الاسم العائلي
bo-field-first-name = الاسم الشخصي
bo-field-cin = رقم بطاقة التعريف الوطنية
bo-field-massar = رقم مسار
bo-field-birth-date = تاريخ الميلاد
bo-field-email = عنوان البريد الإلكتروني
bo-field-phone = رقم الهاتف
bo-field-university = الجامعة
bo-field-establishment = المؤسسة
bo-field-year = السنة الجامعية
bo-field-status = الوضعية
bo-field-decided = القرار
bo-field-received = تاريخ التوصل
bo-field-conflict = تعارض في الهوية
bo-field-vouched = أكدته
bo-field-lang = لغة الرسائل
bo-conflict-yes = نعم: تصريح آخر يستعمل رقم بطاقة التعريف الوطنية هذا برقم مسار آخر أو بتاريخ ميلاد آخر
bo-decide-title = اتخاذ القرار
bo-decide-legend = قرار الصندوق، مؤرخ باليوم
bo-decision-covered = مقبول: فتح باب الاستفادة من الخدمات
bo-decision-refused = مرفوض
bo-decide-reason = السبب
bo-decide-reason-text = الشرح
bo-decide-reason-text-hint = إذا اخترت «سبب آخر»، فاكتب ما سيقرؤه الطالب(ة). إذا اخترت التغطية الأخرى، فاذكر نظامها (مثلا الصندوق الوطني للضمان الاجتماعي). 500 حرف على الأكثر.
bo-decide-button = تسجيل القرار
bo-decision-recorded = تم تسجيل القرار، والرسالة في طريقها إلى الطالب(ة).
bo-decision-unchanged = سبق تسجيل هذا القرار: لم يتغير شيء ولم ترسل رسالة ثانية.
bo-correct-title = تصحيح خانة
bo-correct-hint = يتم التحقق من كل قيمة كما تتحقق منها استمارة التصريح. يحفظ التصحيح في سجل التدقيق، دون القيمة القديمة.
bo-correct-field = الخانة
bo-correct-value = القيمة الجديدة
bo-correct-button = تسجيل التصحيح
bo-correction-recorded = تم تسجيل التصحيح.
bo-timeline-title = السجل الزمني للتصريح
bo-mails-title = الرسائل
bo-mails-none = لا توجد أي رسالة.
bo-mail-sent = أرسلت في { $at }
bo-mail-waiting = { $attempts ->
    [0] في الانتظار (لم تتم أي محاولة)
    [one] في الانتظار (محاولة واحدة)
    [two] في الانتظار (محاولتان)
    [few] في الانتظار ({ $attempts } محاولات)
   *[other] في الانتظار ({ $attempts } محاولة)
}
bo-mail-to = إلى:
bo-corrections-title = التصحيحات
bo-audit-title = سجل التدقيق
bo-column-when = متى
bo-column-who = من
bo-column-action = العملية
bo-action-show = اطلاع
bo-action-decision = قرار
bo-action-import = ملف قرارات
bo-action-export = تصدير
bo-action-search = بحث
bo-action-correct = تصحيح
bo-action-erase = محو
bo-filter-set-aside = التصريحات المستبعدة
bo-filter-only = هذه فقط
bo-flag-set-aside = مستبعد
bo-field-set-aside = مستبعد
bo-set-aside-yes = نعم: لم يعد يُحتسب لرقم بطاقة التعريف الوطنية هذا (لا تعارض في الهوية، ولا يظهر في صفحة التتبع)
bo-set-aside-title = استبعاد هذا التصريح
bo-set-aside-hint = لتصريح قُدّم برقم بطاقة التعريف الوطنية لشخص آخر. يبقى هنا، لكنه لم يعد يُحتسب لهذا الرقم: تفقد تصريحات الطالب تعارض الهوية الذي تسبب فيه، ولم يعد يظهر في صفحة التتبع. يمكنك إرجاعه. تُحفظ العملية في سجل التدقيق.
bo-set-aside-button = استبعاد
bo-set-aside-recorded = تم استبعاد التصريح.
bo-put-back-title = إرجاع هذا التصريح
bo-put-back-hint = سيُحتسب من جديد لرقم بطاقته: يُعاد فحص تعارضات الهوية، ويظهر من جديد في صفحة التتبع. تُحفظ العملية في سجل التدقيق.
bo-put-back-button = إرجاع
bo-put-back-recorded = تم إرجاع التصريح.
bo-action-set-aside = استبعاد
bo-action-put-back = إرجاع
bo-set-aside-others-title = استبعاد التصريحات الأخرى برقم البطاقة هذا هذه السنة
bo-set-aside-others-hint = إذا كان هذا التصريح تصريح الطالب نفسه، تُستبعد دفعة واحدة كل التصريحات الأخرى المقدمة هذه السنة الجامعية برقم بطاقة التعريف الوطنية هذا والتي ما تزال في حالة «تم التوصل به» (لا لدى المشغلين ولا مقررا بشأنها)، باستثناء ما أكدته جامعة، كأن كل واحد منها استُبعد من صفحته. تُحفظ العملية في سجل التدقيق.
bo-set-aside-others-button = استبعاد التصريحات الأخرى
bo-set-aside-others-recorded = تم استبعاد التصريحات الأخرى برقم البطاقة هذا هذه السنة.
bo-set-aside-others-none = لم يبق أي تصريح آخر برقم البطاقة هذا هذه السنة لاستبعاده.
bo-action-set-aside-others = استبعاد التصريحات الأخرى

bo-import-title = استيراد القرارات
bo-import-lead = استورد ملف قرارات الصندوق. يتم التحقق منه أولا، ولا يسجل أي شيء قبل تأكيدك.
bo-import-columns = الأعمدة: { "\u2066" }reference, decision (covered / refused), reason_code, reason_text, decision_date (2026-11-30){ "\u2069" }.
bo-import-file = ملف القرارات
bo-import-file-hint = ملف { "\u2066" }CSV{ "\u2069" }، مفصول بفواصل أو بفواصل منقوطة، لا يتجاوز 2 ميغابايت.
bo-import-check = التحقق من الملف
bo-import-choose-first = اختر ملف قرارات
bo-import-unreadable = تتعذر قراءة هذا الملف. احفظه بصيغة { "\u2066" }CSV UTF-8{ "\u2069" }، ثم أعد المحاولة.
bo-import-checked-title = الملف صحيح
bo-import-report = عدد الأسطر: { $rows }. قرارات ستُسجَّل: { $applied }. قرارات مسجلة من قبل: { $unchanged }.
bo-import-nothing-yet = لم يسجل أي شيء بعد.
bo-import-apply = تسجيل هذه القرارات
bo-import-done-title = تم تسجيل القرارات
bo-import-done = قرارات مسجلة: { $applied }. قرارات كانت مسجلة من قبل: { $unchanged }. الرسائل في طريقها إلى الطلبة.
bo-import-refused-title = الملف يتضمن أخطاء
bo-import-refused = لم يسجل أي شيء. صحح هذه الخانات، ثم تحقق من الملف من جديد.
bo-column-row = السطر
bo-column-column = العمود
bo-column-problem = المشكل
bo-row-other = هذه الخانة غير صحيحة ({ $code })
bo-row-unknown-reference = لا يوجد أي تصريح بهذا المرجع
bo-row-not-pending = سبق أن صدر في هذا التصريح قرار آخر
bo-row-changed-meanwhile = تغير هذا التصريح أثناء قراءة الملف: أرسله من جديد
bo-row-set-aside = هذا التصريح مستبعد: لا يمكن اتخاذ قرار بشأنه
bo-row-decision-missing = القرار غير موجود
bo-row-decision-unknown = يجب أن يكون القرار { "\u2066" }covered{ "\u2069" } أو { "\u2066" }refused{ "\u2069" }
bo-row-reason-code-missing = سبب الرفض غير موجود
bo-row-reason-code-unknown = رمز السبب هذا غير معروف
bo-row-reason-text-missing = السبب { "\u2066" }other{ "\u2069" } يتطلب شرحا
bo-row-reason-text-too-long = يجب ألا يتجاوز الشرح 500 حرف
bo-row-decision-date-invalid = يجب أن يكتب التاريخ هكذا: { "\u2066" }2026-11-30{ "\u2069" }
bo-row-reference-empty = المرجع غير موجود
bo-row-reference-wrong-length = طول المرجع غير صحيح
bo-row-reference-invalid-characters = المرجع يتضمن حروفا غير مقبولة
bo-row-reference-check-failed = المرجع يتضمن خطأ في الكتابة
bo-row-column-unknown = هذا العمود غير معروف
bo-row-header-unreadable = تتعذر قراءة السطر الأول (أسماء الأعمدة)
bo-row-wrong-number-of-columns = لا يتضمن هذا السطر عدد خانات السطر الأول نفسه
bo-row-row-unreadable = تتعذر قراءة هذا السطر

bo-not-found-title = الصفحة غير موجودة
bo-not-found-body = لا توجد في فضاء التدبير صفحة بهذا العنوان.

## لوائح الطلبة المقيدين في الجامعات
bo-nav-roster = لائحة المقيدين
bo-filter-roster = لائحة الطلبة المقيدين
bo-filter-roster-on = في اللائحة
bo-filter-roster-off = خارج اللائحة
bo-filter-roster-final = خارج اللائحة النهائية
bo-flag-enrolled = في اللائحة
bo-flag-not-on-roster = خارج اللائحة النهائية
bo-field-roster = لائحة الطلبة المقيدين
bo-roster-on = في لائحة الطلبة المقيدين بالجامعة
bo-roster-off-final = خارج اللائحة التي أعلنت الجامعة أنها نهائية
bo-roster-not-on = خارج اللائحة (لم تُقدَّم لائحة، أو ليست نهائية بعد)
bo-roster-title = لائحة الطلبة المقيدين
bo-roster-lead-staff = قدّم للخدمة لائحة الطلبة المقيدين بجامعتك برسم السنة الجامعية. يمكن دائما لكل طالب(ة) وارد(ة) فيها أن يصرح، ويُقدَّم تصريحه على أي تصريح قدّمه شخص آخر برقم بطاقة تعريفه الوطنية. لا تحتفظ الخدمة إلا برمز رقمي محسوب بمفتاح سري لكل طالب(ة)، ولا تحتفظ باللائحة أبدا.
bo-roster-lead-fund = تقدم كل جامعة لائحة طلبتها المقيدين برسم السنة الجامعية. وحين تعلن أنها نهائية، يُؤشَّر على تصريحاتها غير الواردة فيها، ويمكنك رفضها دفعة واحدة.
bo-roster-choose-university = اختر جامعة
bo-roster-year = السنة الجامعية { $year }
bo-roster-given = تاريخ تقديم اللائحة
bo-roster-students = { $count ->
    [0] 0 طالب
    [one] طالب(ة) واحد(ة)
    [two] طالبان
    [few] { $count } طلبة
    [many] { $count } طالبا
   *[other] { $count } طالب
}
bo-roster-none = لم تُقدَّم بعد
bo-roster-complete = نهائية
bo-roster-matched = التصريحات الواردة في اللائحة
bo-roster-matched-count = { $enrolled } من أصل { $declarations } ({ $percent }%)
bo-roster-off = خارج اللائحة وفي انتظار القرار
bo-roster-off-count = { $count }
bo-roster-give-title = تقديم اللائحة
bo-roster-columns = يجب أن يتضمن الملف ثلاثة أعمدة، بأي ترتيب وبين أعمدة أخرى: رقم بطاقة التعريف الوطنية، ورقم مسار (أو { "\u2066" }CNE{ "\u2069" })، وتاريخ الميلاد. يمكن أن تكون أسماؤها بالعربية أو الفرنسية أو الإنجليزية، كما يكتبها ملف مصلحة الشؤون الطلابية.
bo-roster-file = ملف اللائحة
bo-roster-file-hint = ملف { "\u2066" }CSV{ "\u2069" }، مفصول بفواصل أو بفواصل منقوطة أو بعلامات جدولة، لا يتجاوز 64 ميغابايت. يحل محل اللائحة المقدمة من قبل، ولا تعود نهائية إلى أن تعلن ذلك من جديد.
bo-roster-choose-first = اختر ملف اللائحة
bo-roster-report = عدد الأسطر: { $rows }. عدد الطلبة: { $students }. أُضيف إلى اللائحة: { $added }. حُذف منها: { $removed }.
bo-roster-nothing-yet = لم يتغير أي شيء بعد.
bo-roster-apply = استبدال اللائحة بهذا الملف
bo-roster-given-title = قُدِّمت اللائحة
bo-roster-refused = لم يتغير أي شيء. صحح هذه الخانات، ثم تحقق من الملف من جديد.
bo-roster-final-title = الإعلان عن أن اللائحة نهائية
bo-roster-final-hint = حين تصبح اللائحة نهائية، يُؤشَّر لدى الصندوق على تصريحات جامعتك غير الواردة فيها، ويمكنه رفضها. قدّم ملفا جديدا أولا إن كانت اللائحة لا تتضمن بعض الطلبة.
bo-roster-final-button = اللائحة نهائية
bo-roster-reopen-title = الإعلان عن أن اللائحة لم تعد نهائية
bo-roster-reopen-hint = لن يُؤشَّر بعد ذلك على التصريحات غير الواردة فيها، إلى أن تعلن من جديد أنها نهائية. وتبقى التصريحات المرفوضة مرفوضة.
bo-roster-reopen-button = اللائحة ليست نهائية
bo-roster-refuse-title = { $count ->
    [one] رفض التصريح غير الوارد في اللائحة
    [two] رفض التصريحين غير الواردين في اللائحة
   *[other] رفض التصريحات غير الواردة في اللائحة ({ $count })
}
bo-roster-refuse-hint = يُرفض كل تصريح بسبب «عدم ثبوت التقييد بصفة منتظمة»، ويتلقى كل طالب(ة) رسالة إلكترونية بلغته، كما في أي قرار. تبقى التصريحات المستبعدة أو التي صدر فيها قرار على حالها.
bo-roster-refuse-button = رفضها
bo-roster-refused-done = { $count ->
    [0] لم يُرفض أي تصريح.
    [one] رُفض تصريح واحد، والرسالة في طريقها إلى الطالب(ة).
   *[other] عدد التصريحات المرفوضة: { $count }. الرسائل في طريقها إلى الطلبة.
}
bo-on-rosters-title = التصريحات الواردة في لوائح الجامعات
bo-on-roster-share = { $university } ({ $percent }%)
bo-code-no-roster = قدّم اللائحة قبل الإعلان عن أنها نهائية
bo-code-roster-not-final = لم تعلن الجامعة بعد أن لائحتها نهائية
bo-code-academic-year-not-open = يمكن تقديم لائحة للسنة الجامعية الجارية أو السابقة أو الموالية
bo-row-column-missing = هذا العمود غير موجود
bo-row-column-twice = عمودان يتضمنان هذه المعلومة
bo-row-cin-twice = رقم بطاقة التعريف الوطنية هذا وارد في سطر آخر برقم مسار آخر أو بتاريخ ميلاد آخر
bo-row-not-utf8 = هذا السطر ليس بترميز { "\u2066" }UTF-8{ "\u2069" }: احفظ الملف بصيغة { "\u2066" }CSV UTF-8{ "\u2069" }
bo-row-cin-empty = رقم بطاقة التعريف الوطنية غير موجود
bo-row-cin-invalid-characters = يتكون رقم بطاقة التعريف الوطنية من حروف لاتينية وأرقام فقط
bo-row-cin-missing-letters = يبدأ رقم بطاقة التعريف الوطنية بحرف أو حرفين، مثلا { "\u2066" }AB123456{ "\u2069" }
bo-row-cin-wrong-shape = يتكون رقم بطاقة التعريف الوطنية من حرف أو حرفين لاتينيين ثم أرقام
bo-row-cin-too-short = عدد أرقام رقم بطاقة التعريف الوطنية أقل من اللازم
bo-row-cin-too-long = رقم بطاقة التعريف الوطنية يتضمن أرقاما زائدة
bo-row-massar-empty = رقم مسار غير موجود
bo-row-massar-invalid-characters = يتكون رقم مسار من حروف لاتينية وأرقام فقط
bo-row-massar-wrong-shape = يتكون رقم مسار من حرف يليه 9 أرقام
bo-row-massar-wrong-length = يتضمن رقم مسار 9 أرقام بعد الحرف
bo-row-birth-date-empty = تاريخ الميلاد غير موجود
bo-row-birth-date-missing-day = تاريخ الميلاد لا يتضمن اليوم
bo-row-birth-date-missing-month = تاريخ الميلاد لا يتضمن الشهر
bo-row-birth-date-missing-year = تاريخ الميلاد لا يتضمن السنة
bo-row-birth-date-not-a-number = يكتب تاريخ الميلاد بالأرقام
bo-row-birth-date-year-not-four-digits = يجب أن تتكون السنة من 4 أرقام
bo-row-birth-date-not-a-real-date = هذا ليس تاريخا صحيحا: اكتبه { "\u2066" }31/12/2004{ "\u2069" } أو { "\u2066" }2004-12-31{ "\u2069" }
bo-row-birth-date-in-future = تاريخ الميلاد في المستقبل
bo-action-roster-upload = تقديم اللائحة
bo-action-roster-final = لائحة نهائية
bo-action-roster-reopened = لائحة غير نهائية
bo-roster-matching = المطابقة
bo-roster-matching-now = تجري مطابقة التصريحات مع هذه اللائحة: ستظهر الأرقام بعد لحظات.
bo-roster-refused-remaining = { $count ->
    [one] بقي تصريح واحد: ارفضه في خطوة موالية.
    [two] بقي تصريحان: ارفضهما في خطوة موالية.
   *[other] عدد التصريحات المتبقية: { $count }. ارفضها في خطوة موالية.
}
bo-code-roster-busy = يجري تقديم آخر لهذه اللائحة: انتظر انتهاءه، ثم اطلع على الصفحة من جديد
bo-code-roster-matching = لا تزال مطابقة التصريحات مع اللائحة جارية: انتظر لحظة، ثم أعد المحاولة
bo-code-roster-changed = تغير عدد التصريحات المراد رفضها منذ عرض الصفحة: تحقق منه، ثم ارفضها
bo-row-more-errors = توجد خانات أخرى غير صحيحة: صحح هذه أولا، ثم تحقق من الملف من جديد
bo-row-no-students = لا يتضمن الملف أي طالب(ة)
bo-action-refuse-not-enrolled = رفض التصريحات خارج اللائحة

## Re-examination
bo-reexam-title = يطلب الطالب(ة) إعادة النظر
bo-reexam-requested = قُدّم الطلب في { $at }.
bo-reexam-reason-enrolled = «تقييدي بهذه الجامعة منتظم»
bo-reexam-reason-typo = «ارتكبت خطأ في كتابة رقم مسار أو تاريخ الميلاد أو الاسم»
bo-reexam-reason-cover-ended = «انتهت تغطيتي الصحية الأساسية الأخرى»
bo-reexam-reason-other = سبب آخر
bo-reexam-explanation = بكلمات الطالب(ة):
bo-reexam-no-explanation = لم يكتب الطالب(ة) أي توضيح.
bo-reexam-corrected = المعطيات التي صححها الطالب(ة)
bo-reexam-no-corrections = لم يصحح الطالب(ة) أي معطى.
bo-reexam-before = قبل
bo-reexam-after = الآن
bo-column-field = المعطى
bo-column-asked = تاريخ الطلب
bo-reexam-waiting-title = طلبات إعادة النظر في انتظار القرار
bo-reexam-waiting-none = لا يوجد أي طلب لإعادة النظر في انتظار القرار.
bo-reexam-waiting-count = { $count ->
    [one] ينتظر تصريح واحد قرارا جديدا.
   *[other] تنتظر { $count } تصريحات قرارا جديدا؛ تُعرض أولا أقدم { $shown } طلبات.
}
bo-action-reexamination = طلب إعادة النظر
bo-code-correction-duplicate = المعطيات التي صححها الطالب(ة) هي معطيات تصريح آخر له(ا) برسم هذه السنة: افتحه ثم اتخذ القرار
bo-code-before-reexamination = هذا القرار مؤرخ بما قبل طلب الطالب(ة) إعادة النظر: فهو يجيب عن الرفض السابق
bo-reexam-pending = تُجرى هذه التصحيحات إذا قبلت الطلب؛ أما الرفض فيترك المعطيات كما هي.
bo-reexam-applied = أُجريت هذه التصحيحات عند قبول الطلب.
bo-reexam-not-made = رُفض الطلب: لم تُجر هذه التصحيحات.
