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
journey-coming-soon = قريبا

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
