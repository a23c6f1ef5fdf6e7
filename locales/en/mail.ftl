# E-mails to students (rendered by the API). Never a CIN or a birth date.

mail-received-subject = Received: your AMOE declaration { $reference }
mail-received-body =
    We have received your declaration for the students’ mandatory health insurance for the { $year } academic year.

    Your reference: { $reference }

    Next steps: the National Health Insurance Agency (ANAM) checks that you have no other basic cover, then you will receive an e-mail with the decision.

    You can check your request at any time: { $link }
mail-covered-subject = Accepted: your AMOE request { $reference }
mail-covered-body =
    Your request has been accepted: you are covered by the students’ mandatory health insurance for the { $year } academic year, from { $date }.

    Your reference: { $reference }

    You can use the services from now on. Your CIN number is all you need; you pay no contributions.

    Your certificate of cover: { $link }
mail-refused-subject = Refused: your AMOE request { $reference }
mail-refused-body =
    Your request for the students’ mandatory health insurance for the { $year } academic year was not accepted.

    Your reference: { $reference }
    Reason: { $reason }

    For the details, what you can do and how to ask for a re-examination: { $link }
mail-reason-covered_elsewhere = you already have other basic health cover.
mail-reason-over_age = you are over the age limit of the students’ mandatory health insurance.
mail-reason-not_enrolled = your regular enrolment at the university could not be confirmed.
mail-reason-identity_mismatch = your details could not be matched with the official records; it is often a typing mistake.
mail-reason-identity_conflict = another declaration carries the same CIN number with a different Massar code or date of birth.
mail-reason-other = { $text }
mail-reexamination-subject = Re-examination requested: your AMOE declaration { $reference }
mail-reexamination-body =
    We have received your request for a re-examination of your declaration for the students’ mandatory health insurance for the { $year } academic year.

    Your reference: { $reference }

    The fund is looking at your declaration again. You will receive its decision by e-mail.

    You can follow your request at any time: { $link }
mail-signature = This message is sent automatically; please do not reply to it.
