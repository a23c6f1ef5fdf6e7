# Messages in English. Every key exists in ar, fr and en (checked by tests/locales.rs).

## Frame of every page
service-name = Students’ mandatory health insurance (AMOE)
skip-to-content = Skip to main content
language-switcher-label = Language
language-switch-failed = This language could not be loaded. Check your connection, then try again.
language-ar = العربية
language-fr = Français
language-en = English
footer-about = The online public service for the mandatory health insurance of students at Morocco’s public universities.
footer-licence = Free and open-source software. No account needed.

## Home
home-title = Students’ mandatory health insurance
home-page-title = Make your yearly declaration and follow your request
home-lead = Every year, when enrolling or re-enrolling, every public-university student declares whether they already have other basic health cover.
home-who = This insurance reimburses your care at the same rates as the public sector’s mandatory health insurance (AMO), and students pay no contributions. Your national identity card (CIN) number identifies you: no registration card is needed.
home-journeys-title = What you can do here
journey-declare-title = Make your declaration
journey-declare-text = For the current academic year, in about 3 minutes, with your CIN and your Massar code.
journey-status-title = Check your request
journey-status-text = No account needed: your CIN, your Massar code and your date of birth.
journey-offices-title = Find an ONOUSC reception point
journey-offices-text = The 34 reception points where you hand in your sickness claim files.
journey-universities-title = Universities and their platforms
journey-universities-text = The 12 public universities and the address of each one’s AMOE platform.
journey-learn-title = Understand the insurance
journey-learn-text = Who must declare, the four steps, important information and how to fill in claim forms.

## Universities
universities-title = Public universities
universities-lead = The 12 public universities and the address of their own declaration platform, as printed in the official leaflet.
universities-platform = Platform:

## Not found
not-found-title = Page not found
not-found-text = If you typed the address, check it is correct. If you followed a link, it may be out of date.
not-found-home = Go to the home page

## Loading and errors
loading = Loading…
error-title = There is a problem
error-network = The service is not answering. Check your internet connection, then try again.
error-unavailable = The service is unavailable for a moment. Try again in a few minutes.
error-not-found = What you are looking for does not exist, or no longer does.
error-server = The service ran into an error. Try again in a few minutes.
retry = Try again

## Declare: start page and personal data
declare-title = Make your declaration for the academic year
declare-lead = Every academic year, every public-university student declares whether they already have other basic health cover. It takes about 3 minutes.
declare-year = For the { $year } academic year.
declare-need-title = What you need
declare-need-cin = your national identity card (CIN) number
declare-need-massar = your Massar code (CNE)
declare-need-email = an e-mail address: the decision is sent there
declare-renew = You declared for { $previous }. Each academic year you make a new declaration yourself: make the one for { $year }.
declare-start = Start now
declare-continue = Continue your declaration
declare-saved = Your answers are saved on this device.
declare-clear = Clear everything this service kept on this device
declare-cleared = Everything this service kept on this device was removed.
privacy-title = Your personal data
privacy-controller = Data controller: { $controller }. Your data are used to manage the students’ mandatory health insurance.
privacy-recipients = They are sent to the managing fund and to the National Health Insurance Agency (ANAM), which checks that you have no other basic cover.
privacy-mandatory = Every question must be answered, except your phone number and your faculty or school.
privacy-rights = Under law 09-08, you have the right to access, correct and object to the processing of your data, with the data controller ({ $controller }).
privacy-cndp = Processing authorised by the CNDP under number { $number }.
privacy-device = Answers you are typing stay on this device until you send them, for two hours at most without a change. A declaration waiting for the connection stays up to 7 days. Once sent, only your receipt stays. You can clear everything at any time.

## Declare: common parts
step = Page { $step } of { $total }
back = Back
continue = Continue
error-summary-title = There is a problem
error-prefix = Error:
change = Change
yes = Yes
no = No

## Declare: coverage
coverage-title = Do you have any other basic health cover, in your own name or through your spouse or a parent?
coverage-hint = For example CNOPS, CNSS, RAMED (AMO Tadamon) or the Royal Armed Forces mutual, in your own name or through your spouse or a parent. Private or complementary insurance (a private insurer’s contract, a complementary mutual) does not count: only basic cover does.
scheme-title = Which scheme covers you?
scheme-cnops = CNOPS (public sector)
scheme-cnss = CNSS (private sector)
scheme-ramed = RAMED (AMO Tadamon)
scheme-far = Royal Armed Forces mutual (FAR)
scheme-other = Another scheme
scheme-other-label = Name of the scheme
not-eligible-title = You are not eligible for the students’ mandatory health insurance
not-eligible-covered = You answered that you have other basic health cover, so this insurance does not apply to you this academic year. Check with that scheme that your cover is still active: if it has ended, change your answer to “No”.
not-eligible-over-age = This insurance covers only students aged { $limit } or under. Look for basic health cover in your own name (through your employer, the scheme for the self-employed or AMO Tadamon) or through your spouse.
not-eligible-next = Nothing was sent: no declaration is recorded and there is no receipt. If one of your answers is wrong, change it.
not-eligible-change = Change my answer

## Declare: identity, contact, university
identity-title = Your identity
cin-label = National identity card (CIN) number
cin-hint = 1 or 2 letters then digits, for example AB123456
massar-label = Massar code (CNE)
massar-hint = 1 letter and 9 digits, for example R130123456
last-name-label = Last name
first-name-label = First name
birth-date-legend = Date of birth
birth-date-hint = For example, 27 3 2004
day = Day
month = Month
year = Year
contact-title = How can we contact you?
email-label = E-mail address
email-hint = The fund sends its decision to this address.
phone-label = Phone number (optional)
phone-hint = For example 06 12 34 56 78
university-title = Which university are you enrolled at?
university-filter = Search for your university
university-none = No university matches.
establishment-label = Faculty or school (optional)
establishment-hint = For example, Faculty of Sciences

## Declare: check, send, confirmation
check-title = Check your answers before sending your declaration
check-coverage = Other basic health cover
sworn-title = Declaration on your honour
sworn-label = I declare on my honour that I have no other basic health cover, neither in my own name nor through my spouse or a parent, and that the information given is correct.
send = Accept and send
sending = Sending…
offline-waiting = Your declaration is not recorded yet: you seem to be offline. It is kept on this device for up to 7 days and will be sent as soon as the connection returns, or the next time you open this service online.
send-already-declared = A declaration with this CIN, Massar code and date of birth is already recorded for this academic year, and it is kept. Only the copy of your answers on this device was cleared. Follow your request on the status page.
send-proving = This CIN already has several declarations. To protect its holder, your device does a short calculation first (a few seconds). Keep this page open.
send-too-many = Your declaration has not been sent: there were too many attempts in a short time. Your answers are kept on this device; send again in a few minutes.
device-cleared = Everything this service kept on this device was removed.
device-clear = Clear the receipt and everything this service kept on this device
device-receipt-only = This device keeps only your receipt (reference, year, university, name): not your CIN, Massar code or date of birth. On a shared computer, clear it.
device-title = On this device
portal-token-refused = Your university's confirmation of your identity has expired or was not accepted. Reload your university's workspace page, then send again.
portal-vouched = These details come from your university's digital workspace, which vouches for them: they cannot be changed here.
send-email-limit = This e-mail address has already been used for several declarations today. Give your own address (the “Change” link of the e-mail address) or try again tomorrow.
confirmation-title = Declaration received
confirmation-reference = Your reference
confirmation-year = { $year } academic year
confirmation-email = A confirmation e-mail is being sent to { $email }.
confirmation-next = Next steps
next-2 = The National Health Insurance Agency (ANAM) checks that you have no other basic cover.
next-3 = The fund e-mails you to say whether your request is accepted.
next-4 = If your request is accepted, you can use the services as soon as you receive the e-mail. Your CIN number is all you need.
print = Print your receipt
receipt-name = Name
receipt-university = University
receipt-date = Date of declaration
receipt-cin = CIN

## Declare: field errors (error-<code>)
error-covered_missing = Select whether you have other basic health cover
error-scheme_missing = Select the scheme that covers you
error-scheme_other_name_empty = Enter the name of the scheme
error-scheme_other_name_too_long = The name of the scheme must be 100 characters or fewer
error-cin_empty = Enter your CIN number
error-cin_invalid_characters = The CIN must only contain Latin letters and digits
error-cin_missing_letters = The CIN starts with 1 or 2 letters, for example AB123456
error-cin_wrong_shape = The CIN is 1 or 2 letters followed by digits, for example AB123456
error-cin_too_short = The CIN has too few digits
error-cin_too_long = The CIN has too many digits
error-massar_empty = Enter your Massar code
error-massar_invalid_characters = The Massar code must only contain Latin letters and digits
error-massar_wrong_shape = The Massar code is a letter followed by 9 digits, for example R130123456
error-massar_wrong_length = The Massar code has 9 digits after its letter
error-last_name-name_empty = Enter your last name
error-last_name-name_too_long = Last name must be 60 characters or fewer
error-last_name-name_invalid_characters = Last name must only include letters, spaces, hyphens and apostrophes
error-first_name-name_empty = Enter your first name
error-first_name-name_too_long = First name must be 60 characters or fewer
error-first_name-name_invalid_characters = First name must only include letters, spaces, hyphens and apostrophes
error-birth_date_empty = Enter your date of birth
error-birth_date_missing_day = Date of birth must include a day
error-birth_date_missing_month = Date of birth must include a month
error-birth_date_missing_year = Date of birth must include a year
error-birth_date_not_a_number = Date of birth must be written in numbers
error-birth_date_year_not_four_digits = Year must include 4 numbers
error-birth_date_not_a_real_date = Date of birth must be a real date
error-birth_date_in_future = Date of birth must be in the past
error-birth_date_too_young = Check the year of birth: it is too recent
error-birth_date_too_old = Check the year of birth: it is too long ago
error-email_empty = Enter your e-mail address
error-email_too_long = The e-mail address is too long
error-email_invalid = Enter an e-mail address in the correct format, like name@example.ma
error-phone_invalid_characters = The phone number must only include digits, spaces, dots and hyphens
error-phone_not_moroccan = Enter a Moroccan phone number, like 06 12 34 56 78
error-phone_wrong_length = The phone number has 10 digits, like 06 12 34 56 78
error-university_missing = Select your university
error-unknown_university = Select a university from the list
error-establishment_too_long = The faculty or school name must be 120 characters or fewer
error-sworn_missing = Tick the declaration on your honour to send

## Dates, written out
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
date-long = { $day } { $month } { $year }

## Status: check a declaration without an account
status-title = Check your declaration
status-lead = Enter the details you gave in your declaration. Your request shows only if all three match.
status-remember = Remember my CIN on this device (it stays until you clear it; not on a shared computer)
status-find = Show my declaration
status-no-match = No declaration matches these details. Check your CIN, your Massar code and your date of birth. If you declared on your university’s own platform, follow your request there. Without a receipt, your declaration may never have been sent: look at the device you declared on.
status-too-many = Too many attempts with these details. Nothing is lost and your declaration is not affected: try again in an hour.
status-proving = Someone has typed wrong details for this CIN. To protect it, your device does a short calculation first (a few seconds). Keep this page open.
proof-too-long = This is taking too long on this device: many wrong details were typed for this CIN from this network. Try again later, or from another connection (mobile data instead of Wi-Fi, say).
status-result-title = Your declaration
status-year = { $year } academic year
status-received = Received
status-under_verification = Being checked by ANAM
status-covered = Accepted
status-refused = Refused
status-todo-received = Your declaration will be sent to ANAM, which checks that you have no other basic cover.
status-todo-under_verification = ANAM is checking your situation. The fund will e-mail you its decision.
status-todo-covered = You can use the services: your CIN number is all you need. Hand in your sickness claim files at an ONOUSC reception point.
status-todo-refused = If you think this is a mistake, ask for a re-examination below, or contact the student affairs office of your institution.
status-reason = Reason: { $reason }
refusal-covered_elsewhere = you already have other basic health cover.
refusal-over_age = you are over the age limit of the students’ mandatory health insurance.
refusal-not_enrolled = your regular enrolment at the university could not be confirmed.
refusal-identity_mismatch = your details could not be matched with the official records; it is often a typing mistake.
refusal-identity_conflict = another declaration carries the same CIN number with a different Massar code or date of birth.
attestation-title = Certificate of cover
attestation-text = { $name } is covered by the students’ mandatory health insurance for the { $year } academic year, from { $date }.
attestation-print = Print the certificate
refusal-todo-covered_elsewhere = Check with the scheme that covers you that this cover is still active. If it has ended, ask for a re-examination below. Your declaration is kept.
refusal-todo-over_age = Look for basic health cover in your own name (through your employer, the scheme for the self-employed or AMO Tadamon) or through your spouse. If your date of birth was mistyped, ask for a re-examination below and correct it there.
refusal-todo-not_enrolled = Check your enrolment with the student affairs office of your institution, then ask for a re-examination below. Your declaration is kept.
refusal-todo-identity_mismatch = Compare your CIN, Massar code, date of birth and names with your documents, then ask for a re-examination below and correct the typing mistake there. Your declaration is kept.
refusal-todo-identity_conflict = Show your CIN and student card to the student affairs office of your institution, which will confirm your identity to the fund, then ask for a re-examination below. Your declaration is kept.
refusal-todo-other = If you think this decision is a mistake, ask for a re-examination below and explain why; the student affairs office of your institution can also help. Your declaration is kept.

## Re-examination
status-under_reexamination = Under re-examination
status-todo-under_reexamination = The fund is looking at your declaration again. Its decision will come here and by e-mail.
reexam-title = Ask for a re-examination
reexam-lead = You can ask once, for this decision, that the fund look at your declaration again. Your declaration is kept. Say why, and correct a typing mistake if there is one.
reexam-open = Ask for a re-examination
reexam-reason-legend = Why should the fund look at your declaration again?
reexam-reason-enrolled = I am enrolled at this university
reexam-reason-typo = I made a typing mistake in my Massar code, date of birth or name
reexam-reason-cover_ended = My other basic health cover has ended
reexam-reason-other = Another reason
reexam-explain-label = Explain in a few words (optional)
reexam-explain-hint = 500 characters at most. Do not write your CIN number.
reexam-correct-title = Correct a typing mistake (optional)
reexam-correct-hint = Change only what is wrong; leave the rest as it is. The fund sees the old and the new details, and makes the corrections if it accepts your request.
reexam-send = Send my request
reexam-email-hint = Leave it empty to keep the address you gave with your declaration. The fund’s answer to this request goes to that address.
reexam-cancel = Cancel
reexam-sent = Your request is sent. Your declaration is now under re-examination: the fund’s decision will come by e-mail and on this page. Until then, find it with the details you declared; your corrections are made if the fund accepts your request.
reexam-already = You have already asked for a re-examination of this decision, and the fund answers only once. Next step: go to the student affairs office of your institution with your reference.
reexam-not-refused = This declaration is not refused, or no longer is: there is nothing to re-examine. Look up its status again.
error-reexam_reason_missing = Select why the fund should look again
error-reexam_explanation_too_long = Your explanation must be 500 characters or fewer
error-reexam_explanation_invalid_characters = Your explanation contains characters that cannot be kept

## Learn: the official leaflet as pages
learn-caption = About the students’ mandatory health insurance
learn-contents = Contents
learn-next = What you can do now
opens-new-tab = (opens in a new tab)
learn-who-title = Who must declare
learn-who-lead = Every student enrolling or re-enrolling at a public higher-education institution in Morocco must declare online, every academic year, whether or not they already have basic health cover.
learn-who-covered-title = Who is eligible
learn-who-covered = Regularly enrolled students aged 30 or under with no other basic health cover, neither in their own name nor as someone’s dependant.
learn-who-law = The official leaflet mentions only cover as a dependant (spouse or child); law 116-12 also excludes any cover in your own name, for example as an employee insured with the CNSS.
learn-who-not-title = Who is not eligible
learn-who-not = You are not eligible if you already have basic health cover, in your own name or as a dependant (spouse or child) of someone insured, with:
learn-scheme-cnops = CNOPS (Caisse nationale des organismes de prévoyance sociale)
learn-scheme-cnss = CNSS (Caisse nationale de sécurité sociale)
learn-scheme-ramed = RAMED (Régime d’assistance médicale)
learn-scheme-far = the Royal Armed Forces mutual (Mutuelle des Forces Armées Royales)
learn-scheme-other = any other basic health cover scheme
learn-who-still-declare = On this service, answering that you have other cover sends nothing and gives no receipt: no declaration is recorded for the year. If your university asks about your cover when you enrol, answer on its own platform.
learn-who-where-title = Where to declare
learn-who-where = On this service, or on your university’s own platform.
learn-steps-title = The four steps
learn-steps-lead = From your declaration to the fund’s answer:
learn-step-declare = You declare your basic health cover online.
learn-step-check = At the fund’s request, the National Health Insurance Agency (ANAM) checks that you have no other basic cover.
learn-step-mail = The fund e-mails you to say whether your request is accepted.
learn-step-outcome = Your request is accepted, or refused with the reasons for ANAM’s decision.
learn-steps-covered-title = If your request is accepted
learn-steps-covered = You can use the services as soon as you receive the e-mail.
learn-steps-refused-title = If your request is refused
learn-steps-refused = The e-mail gives the reasons for ANAM’s decision. On the status page, you can ask once for a re-examination of the decision.
learn-steps-follow-title = Follow your request
learn-steps-follow = You can check where your request is at any time with your CIN number, your Massar code and your date of birth, on this service’s status page or on the fund’s own page.
learn-steps-fund-link = The fund’s page for following your request
learn-good-title = Important information
learn-good-renew-title = Declare again every year
learn-good-renew = Each academic year, when you re-enrol, you make your declaration again yourself: it does not carry over automatically.
learn-good-card-title = No card needed
learn-good-card = You do not need a registration card: your national identity card (CIN) number is enough to use the services.
learn-good-free-title = No contributions
learn-good-free = Public higher-education students pay no contributions.
learn-good-care-title = The same care as the public sector
learn-good-care = You get the same basket of care and the same reimbursement rates as the public sector’s mandatory health insurance (AMO).
learn-good-files-title = Where to hand in sickness claim files
learn-good-files = At the reception points of ONOUSC (Office national des œuvres universitaires sociales et culturelles), in university cities.
learn-claims-title = Claim forms
learn-claims-lead = To be reimbursed, use the standard sickness claim forms, the same as everyone insured:
learn-claims-ordinary = ordinary care
learn-claims-dental = dental care
learn-claims-chronic = chronic and costly illnesses
learn-claims-write-title = What to write on them
learn-claims-write = Write only:
learn-claims-name = your name
learn-claims-cin = your CIN number
learn-claims-signature = your signature, with the date
learn-claims-total = the total of your expenses
learn-claims-nothing-else = Write nothing else in your part of the form: no registration card number is needed. The rest of the sickness file is the same as for anyone insured.
learn-claims-where-title = Where to hand them in
learn-claims-where = Hand in your sickness file at an ONOUSC reception point.

## Find an ONOUSC office
offices-title = Find an ONOUSC reception point
offices-lead = Hand in your sickness claim files at one of the 34 reception points of ONOUSC (Office national des œuvres universitaires sociales et culturelles).
offices-search = City, place or address
offices-search-hint = In any language, for example Fès, فاس or Agdal.
offices-university = University
offices-all-universities = All universities
offices-count = { $count ->
    [0] No reception point found
    [one] 1 reception point
   *[other] { $count } reception points
}
offices-none = No reception point matches your search. Check the spelling, or type only the city.
offices-mine = Your university
offices-copy = Copy the address
offices-copied = Address copied.
offices-copy-failed = The address could not be copied: select it and copy it yourself.
offices-map = Open in a map
offices-what-to-bring = What to write on your claim forms

## Updates (service worker)
update-ready = A new version of this service is available.
update-reload = Reload the page

## Embed mode (inside a university portal)
embed-unknown-university = This page was set up for a university that this service does not know:
embed-unknown-university-todo = Choose your university yourself when asked, and tell your university’s IT team so they can correct it.

## A journey's code, fetched when the journey starts
journey-loading = Loading…
journey-failed-title = This page could not load
journey-failed = Check your connection, then try again.
journey-retry = Try again
needs-javascript = This page works only with JavaScript turned on in your browser. The pages that explain the insurance, the list of universities and the reception points work without it.
