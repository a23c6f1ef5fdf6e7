# E-mails to students (rendered by the API). Never a CIN or a birth date.

mail-received-subject = Reçue : votre déclaration AMOE { $reference }
mail-received-body =
    Nous accusons réception de votre déclaration à l’assurance maladie obligatoire des étudiants pour l’année universitaire { $year }.

    Votre référence : { $reference }

    Prochaines étapes : l’Agence nationale de l’assurance maladie (ANAM) vérifie que vous n’avez pas d’autre couverture médicale de base, puis vous recevrez un e-mail avec la décision.

    Vous pouvez suivre votre demande à tout moment : { $link }
mail-covered-subject = Acceptée : votre demande AMOE { $reference }
mail-covered-body =
    Votre demande est acceptée : vous bénéficiez de l’assurance maladie obligatoire des étudiants pour l’année universitaire { $year }, à partir du { $date }.

    Votre référence : { $reference }

    L’accès aux prestations est ouvert dès maintenant. Le numéro de votre CIN suffit pour en bénéficier ; vous ne payez aucune cotisation.

    Votre attestation de couverture : { $link }
mail-refused-subject = Refusée : votre demande AMOE { $reference }
mail-refused-body =
    Votre demande d’assurance maladie obligatoire des étudiants pour l’année universitaire { $year } n’a pas été acceptée.

    Votre référence : { $reference }
    Motif : { $reason }

    Pour le détail, ce que vous pouvez faire et la demande de réexamen : { $link }
mail-reason-covered_elsewhere = vous avez déjà une autre couverture médicale de base.
mail-reason-over_age = vous dépassez l’âge limite de l’assurance maladie obligatoire des étudiants.
mail-reason-not_enrolled = votre inscription régulière à l’université n’est pas établie.
mail-reason-identity_mismatch = vos informations n’ont pas pu être rapprochées des registres officiels ; il s’agit souvent d’une erreur de saisie.
mail-reason-identity_conflict = une autre déclaration porte le même numéro de CIN avec un autre code Massar ou une autre date de naissance.
mail-reason-other = { $text }
mail-reexamination-subject = Demande de réexamen reçue : votre déclaration AMOE { $reference }
mail-reexamination-body =
    Nous avons reçu votre demande de réexamen de votre déclaration à l’assurance maladie obligatoire des étudiants pour l’année universitaire { $year }.

    Votre référence : { $reference }

    La caisse réexamine votre déclaration. Vous recevrez sa décision par e-mail.

    Vous pouvez suivre votre demande à tout moment : { $link }
mail-signature = Ce message est envoyé automatiquement ; merci de ne pas y répondre.
