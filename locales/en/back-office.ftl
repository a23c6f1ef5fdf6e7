# The back office (back-office/): the fund's agents and the universities' staff.

bo-service-name = AMOE back office
bo-skip-to-content = Skip to main content
bo-language-switcher-label = Language
bo-language-ar = العربية
bo-language-fr = Français
bo-language-en = English
bo-loading = Loading…
bo-error-prefix = Error:
bo-error-summary-title = There is a problem
bo-yes = Yes
bo-no = No
bo-choose = Choose
bo-minutes = { $count ->
    [0] less than a minute
    [one] 1 minute
   *[other] { $count } minutes
}

bo-nav-label = Back office
bo-nav-dashboard = Overview
bo-nav-cases = Declarations
bo-nav-import = Import decisions
bo-sign-out = Sign out
bo-role-fund = fund agent
bo-role-university = university staff ({ $university })

bo-sign-in-title = Sign in to the AMOE back office
bo-sign-in-lead = Sign in with the passkey you created when you were invited.
bo-sign-in-help = Your browser will ask you to unlock your passkey: with your fingerprint, your face, your device’s code or your security key.
bo-sign-in-button = Sign in with a passkey
bo-sign-in-no-passkey-title = No passkey on this device?
bo-sign-in-no-passkey = Ask the person who invited you for a new invitation link. Each link works once, for 24 hours.
bo-session-ended = Your session has ended. Sign in again to go on: nothing you recorded is lost.

bo-enrol-title = Welcome, { $name }
bo-enrol-lead = Create the passkey that will let you sign in to the back office.
bo-enrol-help = Your device keeps the passkey, locked by your fingerprint, your face, your code or a security key. No password is needed, and nobody else can use it.
bo-enrol-button = Create my passkey
bo-enrol-invalid-title = This invitation link does not work
bo-enrol-invalid-body = Each link works once, for 24 hours. Ask the person who invited you for a new one.

bo-passkey-unsupported = This browser cannot use passkeys. Use an up-to-date browser.
bo-passkey-cancelled = No passkey was used: the request was cancelled or took too long. Try again.
bo-passkey-failed = Your device could not use its passkey. Try again.

bo-error-network = The service is not answering. Check your connection, then try again.
bo-error-unavailable = The service is unavailable for a moment. Try again in a few minutes.
bo-error-unexpected = The service ran into an error. Try again in a few minutes.
bo-error-not-found = No declaration you can access has this reference.
bo-error-forbidden = You do not have permission to do this.
bo-error-csrf = This page is out of date. Reload it, then try again.
bo-error-invitation-invalid = This invitation link is unknown, already used, expired or revoked.
bo-error-passkey-rejected = This passkey was not accepted. Use the passkey you created for this back office.
bo-error-ceremony-expired = The request took too long. Try again.
bo-error-passkeys-unavailable = Passkeys cannot be used at this web address. Tell the service’s technical team.
bo-error-already-decided = A different decision has already been recorded, by another agent or from a decision file. Nothing was changed and no e-mail was sent. The recorded decision is shown below.
bo-error-changed-meanwhile = This declaration changed while you decided. Nothing was recorded: read it again, then decide.
bo-error-already-declared = With this correction, the declaration would duplicate another declaration by the same student for this academic year: nothing was changed.
bo-error-too-many = Too many attempts. Wait a moment, then try again.
bo-error-invalid-fields = Some values are not valid.

bo-field-other = { $field }: this value is not valid ({ $code })
bo-code-decision-missing = Choose a decision
bo-code-decision-unknown = Choose a decision
bo-code-reason-code-missing = Choose the reason for the refusal
bo-code-reason-code-unknown = Choose a reason from the list
bo-code-reason-text-missing = Explain the reason for the refusal
bo-code-reason-text-too-long = The explanation must be 500 characters or fewer
bo-code-date-invalid = Enter a date in the format 2026-11-30
bo-code-academic-year-invalid = Enter an academic year in the format 2026-2027
bo-code-query-too-long = The search must be 200 characters or fewer
bo-code-unknown-university = Choose a university from the list
bo-code-no-change = Enter the new value
bo-code-correction-field-missing = Choose the field to correct
bo-code-set-aside = This declaration is set aside: put it back before deciding
bo-code-under-verification = This declaration is with the fund’s operators: record their decision first, then set it aside

bo-dashboard-title = Overview
bo-dashboard-lead = { $count ->
    [one] Academic year { $year }: 1 declaration.
   *[other] Academic year { $year }: { $count } declarations.
}
bo-per-day-title = Declarations per day
bo-per-day-none = No declaration yet this academic year.
bo-per-day-summary = Declarations: { $count }, over { $days } days. Busiest day: { $busiest } ({ $most }).
bo-by-status-title = By status
bo-by-university-title = By university
bo-refusals-title = Refusals by reason
bo-refusals-none = No refusal this academic year.
bo-outbox-title = E-mails to students
bo-outbox-unsent = Waiting to be sent
bo-outbox-oldest = The oldest has been waiting for
bo-column-day = Day
bo-column-count = Declarations
bo-column-bar = Share
bo-column-status = Status
bo-column-university = University
bo-column-reason = Reason

bo-search-title = Declarations
bo-search-query = Reference, CIN or name
bo-search-query-hint = For example AMOE-7K4P-Q2X, AB123456 or El Amrani. Accents and the forms of Arabic letters do not matter.
bo-filters = Filters
bo-filter-any = Any
bo-filter-status = Status
bo-filter-university = University
bo-filter-year = Academic year
bo-filter-year-hint = For example 2026-2027
bo-filter-since = Received from
bo-filter-until = Received until
bo-filter-conflict = Identity conflict
bo-filter-vouched = Confirmed by a university’s digital workspace
bo-search-button = Search
bo-export-button = Export to CSV
bo-exported = The file amoe-declarations.csv has been downloaded.
bo-search-none = No declaration matches this search.
bo-search-found = { $count ->
    [one] 1 declaration found.
   *[other] { $count } declarations found.
}
bo-search-newest = Only the newest { $shown } are listed: narrow the search to see the others.
bo-results-caption = Declarations found
bo-column-reference = Reference
bo-column-name = Full name
bo-column-year = Year
bo-column-received = Received
bo-column-flags = Needs checking
bo-flag-conflict = Identity conflict
bo-flag-vouched = Confirmed by university

bo-status-received = Received
bo-status-under-verification = Being checked by ANAM
bo-status-covered = Accepted
bo-status-refused = Refused
bo-status-under-reexamination = Under re-examination

bo-reason-covered-elsewhere = Already has other basic health cover
bo-reason-over-age = Over the age limit
bo-reason-not-enrolled = Not regularly enrolled
bo-reason-identity-mismatch = Identity does not match
bo-reason-identity-conflict = Another declaration uses this CIN
bo-reason-other = Other reason

bo-case-title = Declaration { $reference }
bo-case-missing-title = Declaration not found
bo-back-to-search = Back to the declarations
bo-field-name = Full name
bo-field-last-name = Last name
bo-field-first-name = First name
bo-field-cin = CIN
bo-field-massar = Massar code
bo-field-birth-date = Date of birth
bo-field-email = E-mail address
bo-field-phone = Phone
bo-field-university = University
bo-field-establishment = Faculty or school
bo-field-year = Academic year
bo-field-status = Status
bo-field-decided = Decision
bo-field-received = Received
bo-field-conflict = Identity conflict
bo-field-vouched = Confirmed by
bo-field-lang = Language of the e-mails
bo-conflict-yes = Yes: another declaration uses this CIN with another Massar code or date of birth
bo-decide-title = Decide
bo-decide-legend = The fund’s decision, dated today
bo-decision-covered = Accepted: the student can use the services
bo-decision-refused = Refused
bo-decide-reason = Reason
bo-decide-reason-text = Explanation
bo-decide-reason-text-hint = If you chose ‘Other reason’, write what the student will read. If you chose other cover, name the scheme (for example CNSS). 500 characters at most.
bo-decide-button = Record the decision
bo-decision-recorded = The decision is recorded, and the e-mail to the student is being sent.
bo-decision-unchanged = This decision had already been recorded: nothing was changed, and no second e-mail was sent.
bo-correct-title = Correct a field
bo-correct-hint = Each value is checked as the declaration form checks it. The correction is kept in the audit log, without the old value.
bo-correct-field = Field
bo-correct-value = New value
bo-correct-button = Record the correction
bo-correction-recorded = The correction is recorded.
bo-timeline-title = Timeline
bo-mails-title = E-mails
bo-mails-none = No e-mail.
bo-mail-sent = sent { $at }
bo-mail-waiting = { $attempts ->
    [one] waiting (1 attempt)
   *[other] waiting ({ $attempts } attempts)
}
bo-mail-to = To:
bo-corrections-title = Corrections
bo-audit-title = Audit log
bo-column-when = When
bo-column-who = Who
bo-column-action = Action
bo-action-show = Read
bo-action-decision = Decision
bo-action-import = Decision file
bo-action-export = Export
bo-action-search = Search
bo-action-correct = Correction
bo-action-erase = Erasure
bo-filter-set-aside = Set aside
bo-filter-only = Only those
bo-flag-set-aside = Set aside
bo-field-set-aside = Set aside
bo-set-aside-yes = Yes: it counts towards nothing of its CIN (no identity conflict, not on the status page)
bo-set-aside-title = Set this declaration aside
bo-set-aside-hint = For a declaration made under someone else’s CIN. It stays here, but no longer counts for this CIN: the student’s own declarations lose the identity conflict it caused, and it no longer appears on the status page. You can put it back. This is kept in the audit log.
bo-set-aside-button = Set aside
bo-set-aside-recorded = The declaration is set aside.
bo-put-back-title = Put this declaration back
bo-put-back-hint = It will count again for its CIN: identity conflicts are judged again, and it appears on the status page again. This is kept in the audit log.
bo-put-back-button = Put back
bo-put-back-recorded = The declaration is put back.
bo-action-set-aside = Set aside
bo-action-put-back = Put back
bo-set-aside-others-title = Set aside the other declarations of this CIN this year
bo-set-aside-others-hint = If this declaration is the student’s own, every other declaration made this academic year under this CIN and still received (not yet with the operators nor decided), except those a university confirmed, is set aside at once, as if each were set aside from its page. This is kept in the audit log.
bo-set-aside-others-button = Set the others aside
bo-set-aside-others-recorded = The other declarations of this CIN this year are set aside.
bo-set-aside-others-none = No other declaration of this CIN this year was left to set aside.
bo-action-set-aside-others = Others set aside

bo-import-title = Import decisions
bo-import-lead = Import the fund’s decision file. It is checked first, and nothing is recorded until you confirm.
bo-import-columns = The columns: reference, decision (covered or refused), reason_code, reason_text, decision_date (2026-11-30).
bo-import-file = Decision file
bo-import-file-hint = A CSV file, separated by commas or semicolons, 2 MB at most.
bo-import-check = Check the file
bo-import-choose-first = Choose a decision file
bo-import-unreadable = This file cannot be read. Save it as CSV in UTF-8, then try again.
bo-import-checked-title = The file is valid
bo-import-report = Rows: { $rows }. Decisions to record: { $applied }. Already recorded: { $unchanged }.
bo-import-nothing-yet = Nothing is recorded yet.
bo-import-apply = Record these decisions
bo-import-done-title = Decisions recorded
bo-import-done = Decisions recorded: { $applied }. Already recorded: { $unchanged }. The e-mails to the students are being sent.
bo-import-refused-title = The file has errors
bo-import-refused = Nothing was recorded. Correct these cells, then check the file again.
bo-column-row = Row
bo-column-column = Column
bo-column-problem = Problem
bo-row-other = This cell is not valid ({ $code })
bo-row-unknown-reference = No declaration has this reference
bo-row-not-pending = This declaration has already been decided otherwise
bo-row-changed-meanwhile = This declaration changed while the file was read: send it again
bo-row-set-aside = This declaration is set aside: it cannot be decided
bo-row-decision-missing = The decision is missing
bo-row-decision-unknown = The decision must be covered or refused
bo-row-reason-code-missing = The reason for the refusal is missing
bo-row-reason-code-unknown = This reason code is unknown
bo-row-reason-text-missing = The reason other needs an explanation
bo-row-reason-text-too-long = The explanation must be 500 characters or fewer
bo-row-decision-date-invalid = The date must be written 2026-11-30
bo-row-reference-empty = The reference is missing
bo-row-reference-wrong-length = The reference does not have the right length
bo-row-reference-invalid-characters = The reference has characters it cannot have
bo-row-reference-check-failed = The reference has a typing error
bo-row-column-unknown = This column is unknown
bo-row-header-unreadable = The first row (the columns’ names) cannot be read
bo-row-wrong-number-of-columns = This row does not have as many cells as the first one
bo-row-row-unreadable = This row cannot be read

bo-not-found-title = Page not found
bo-not-found-body = The back office has no page at this address.

## The universities' rosters of enrolled students
bo-nav-roster = Roster
bo-filter-roster = University roster
bo-filter-roster-on = On the roster
bo-filter-roster-off = Not on the roster
bo-filter-roster-final = Not on the complete roster
bo-flag-enrolled = On the roster
bo-flag-not-on-roster = Not on the complete roster
bo-field-roster = University roster
bo-roster-on = On the roster of enrolled students
bo-roster-off-final = Not on the roster, which the university says is complete
bo-roster-not-on = Not on the roster (none given, or not complete yet)
bo-roster-title = Roster of enrolled students
bo-roster-lead-staff = Give the service your university’s list of enrolled students for the academic year. A student on it can always declare, and their declaration wins over any declaration someone else made under their CIN. The service keeps only a code made from each student’s details with a secret key, never the list.
bo-roster-lead-fund = Each university gives its list of enrolled students for the academic year. Once it says the list is complete, its declarations not on it are marked, and you can refuse them in one step.
bo-roster-choose-university = Choose a university
bo-roster-year = Academic year { $year }
bo-roster-given = Roster given
bo-roster-students = { $count ->
    [0] No student
    [one] 1 student
   *[other] { $count } students
}
bo-roster-none = Not given yet
bo-roster-complete = Complete
bo-roster-matched = Declarations on the roster
bo-roster-matched-count = { $enrolled } of { $declarations } ({ $percent }%)
bo-roster-off = Not on the roster, awaiting a decision
bo-roster-off-count = { $count }
bo-roster-give-title = Give the roster
bo-roster-columns = The file needs three columns, in any order and among any others: the CIN, the Massar code (or CNE) and the date of birth. Their names may be in French, Arabic or English, as your student affairs office’s export writes them.
bo-roster-file = Roster file
bo-roster-file-hint = A CSV file, separated by commas, semicolons or tabs, 64 MB at most. It replaces the roster given before, which is then not complete until you say so again.
bo-roster-choose-first = Choose a roster file
bo-roster-report = Rows: { $rows }. Students: { $students }. New on the roster: { $added }. No longer on it: { $removed }.
bo-roster-nothing-yet = Nothing is changed yet.
bo-roster-apply = Replace the roster with this file
bo-roster-given-title = Roster given
bo-roster-refused = Nothing was changed. Correct these cells, then check the file again.
bo-roster-final-title = Say the roster is complete
bo-roster-final-hint = Once it is complete, the declarations of your university not on it are marked for the fund, which may refuse them. Give a new file first if students are missing.
bo-roster-final-button = The roster is complete
bo-roster-reopen-title = Say the roster is not complete any more
bo-roster-reopen-hint = The declarations not on it are no longer marked, until you say it is complete again. Declarations already refused stay refused.
bo-roster-reopen-button = The roster is not complete
bo-roster-refuse-title = { $count ->
    [one] Refuse the declaration not on the roster
   *[other] Refuse the { $count } declarations not on the roster
}
bo-roster-refuse-hint = Each one is refused with the reason ‘Not regularly enrolled’, and each student gets an e-mail in their language, as for any decision. Declarations set aside, or already decided, are left as they are.
bo-roster-refuse-button = Refuse them
bo-roster-refused-done = { $count ->
    [0] No declaration was refused.
    [one] 1 declaration refused. The e-mail to the student is being sent.
   *[other] { $count } declarations refused. The e-mails to the students are being sent.
}
bo-on-rosters-title = Declarations on the universities’ rosters
bo-on-roster-share = { $university } ({ $percent }%)
bo-code-no-roster = Give the roster before saying it is complete
bo-code-roster-not-final = The university has not said its roster is complete
bo-code-academic-year-not-open = A roster can be given for the current academic year, the one before or the next
bo-row-column-missing = This column is missing
bo-row-column-twice = Two columns hold this
bo-row-cin-twice = This CIN is on another row with another Massar code or date of birth
bo-row-not-utf8 = This row is not in UTF-8: save the file as CSV in UTF-8
bo-row-cin-empty = The CIN is missing
bo-row-cin-invalid-characters = The CIN must only contain Latin letters and digits
bo-row-cin-missing-letters = The CIN starts with 1 or 2 letters, for example AB123456
bo-row-cin-wrong-shape = The CIN is 1 or 2 letters followed by digits
bo-row-cin-too-short = The CIN has too few digits
bo-row-cin-too-long = The CIN has too many digits
bo-row-massar-empty = The Massar code is missing
bo-row-massar-invalid-characters = The Massar code must only contain Latin letters and digits
bo-row-massar-wrong-shape = The Massar code is a letter followed by 9 digits
bo-row-massar-wrong-length = The Massar code has 9 digits after its letter
bo-row-birth-date-empty = The date of birth is missing
bo-row-birth-date-missing-day = The date of birth has no day
bo-row-birth-date-missing-month = The date of birth has no month
bo-row-birth-date-missing-year = The date of birth has no year
bo-row-birth-date-not-a-number = The date of birth must be written in numbers
bo-row-birth-date-year-not-four-digits = The year must have 4 digits
bo-row-birth-date-not-a-real-date = This is not a real date: write it 31/12/2004 or 2004-12-31
bo-row-birth-date-in-future = The date of birth is in the future
bo-action-roster-upload = Roster given
bo-action-roster-final = Roster complete
bo-action-roster-reopened = Roster not complete
bo-roster-matching = Matching
bo-roster-matching-now = The declarations are being matched with this roster: the counts will follow in a moment.
bo-roster-refused-remaining = { $count ->
    [one] 1 more is left: refuse it in a next step.
   *[other] { $count } more are left: refuse them in a next step.
}
bo-code-roster-busy = Another upload of this roster is under way: wait for it to finish, then check the page again
bo-code-roster-matching = The declarations are still being matched with the roster: wait a moment, then try again
bo-code-roster-changed = The number of declarations to refuse changed since the page was shown: check it again, then refuse
bo-row-more-errors = More cells are wrong: correct these first, then check the file again
bo-row-no-students = The file has no student
bo-action-refuse-not-enrolled = Refusals off the roster

## Re-examination
bo-reexam-title = The student asks for a re-examination
bo-reexam-requested = Asked on { $at }.
bo-reexam-reason-enrolled = “I am enrolled at this university”
bo-reexam-reason-typo = “I made a typing mistake in my Massar code, date of birth or name”
bo-reexam-reason-cover-ended = “My other basic health cover has ended”
bo-reexam-reason-other = Another reason
bo-reexam-explanation = In the student’s words:
bo-reexam-no-explanation = The student wrote no explanation.
bo-reexam-corrected = Details the student corrected
bo-reexam-no-corrections = The student corrected no detail.
bo-reexam-before = Before
bo-reexam-after = Now
bo-column-field = Detail
bo-column-asked = Asked on
bo-reexam-waiting-title = Re-examinations to decide
bo-reexam-waiting-none = No re-examination is waiting for a decision.
bo-reexam-waiting-count = { $count ->
    [one] One declaration waits for a new decision.
   *[other] { $count } declarations wait for a new decision; the { $shown } oldest requests are listed first.
}
bo-action-reexamination = Re-examination asked
bo-code-correction-duplicate = The student’s corrected details are those of another declaration of theirs this year: open it, then decide
bo-code-before-reexamination = This decision is dated before the student asked for a re-examination: it answers the earlier refusal
bo-reexam-pending = These corrections are made if you accept the request; a refusal leaves the details as they are.
bo-reexam-applied = These corrections were made when the request was accepted.
bo-reexam-not-made = The request was refused: these corrections were not made.
