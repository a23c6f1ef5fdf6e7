# L’espace de gestion (back-office/) : les agents de la caisse et les services des universités.

bo-service-name = Espace de gestion AMOE
bo-skip-to-content = Aller au contenu principal
bo-language-switcher-label = Langue
bo-language-ar = العربية
bo-language-fr = Français
bo-language-en = English
bo-loading = Chargement…
bo-error-prefix = Erreur :
bo-error-summary-title = Il y a un problème
bo-yes = Oui
bo-no = Non
bo-choose = Choisir
bo-minutes = { $count ->
    [0] moins d’une minute
    [one] 1 minute
   *[other] { $count } minutes
}

bo-nav-label = Espace de gestion
bo-nav-dashboard = Vue d’ensemble
bo-nav-cases = Déclarations
bo-nav-import = Importer des décisions
bo-sign-out = Se déconnecter
bo-role-fund = agent de la caisse
bo-role-university = service de l’université ({ $university })

bo-sign-in-title = Se connecter à l’espace de gestion AMOE
bo-sign-in-lead = Connectez-vous avec la clé d’accès créée lors de votre invitation.
bo-sign-in-help = Votre navigateur vous demandera de déverrouiller votre clé d’accès : avec votre empreinte, votre visage, le code de votre appareil ou votre clé de sécurité.
bo-sign-in-button = Se connecter avec une clé d’accès
bo-sign-in-no-passkey-title = Pas de clé d’accès sur cet appareil ?
bo-sign-in-no-passkey = Demandez un nouveau lien d’invitation à la personne qui vous a invité. Chaque lien sert une fois, pendant 24 heures.
bo-session-ended = Votre session a pris fin. Reconnectez-vous pour continuer : rien de ce que vous avez enregistré n’est perdu.

bo-enrol-title = Bienvenue, { $name }
bo-enrol-lead = Créez la clé d’accès qui vous permettra de vous connecter à l’espace de gestion.
bo-enrol-help = Votre appareil garde la clé d’accès, protégée par votre empreinte, votre visage, votre code ou une clé de sécurité. Aucun mot de passe n’est nécessaire, et personne d’autre ne peut l’utiliser.
bo-enrol-button = Créer ma clé d’accès
bo-enrol-invalid-title = Ce lien d’invitation ne fonctionne pas
bo-enrol-invalid-body = Chaque lien sert une fois, pendant 24 heures. Demandez-en un nouveau à la personne qui vous a invité.

bo-passkey-unsupported = Ce navigateur ne prend pas en charge les clés d’accès. Utilisez un navigateur à jour.
bo-passkey-cancelled = Aucune clé d’accès n’a été utilisée : la demande a été annulée ou a pris trop de temps. Réessayez.
bo-passkey-failed = Votre appareil n’a pas pu utiliser sa clé d’accès. Réessayez.

bo-error-network = Le service ne répond pas. Vérifiez votre connexion, puis réessayez.
bo-error-unavailable = Le service est momentanément indisponible. Réessayez dans quelques minutes.
bo-error-unexpected = Le service a rencontré une erreur. Réessayez dans quelques minutes.
bo-error-not-found = Aucune déclaration que vous puissiez consulter ne porte cette référence.
bo-error-forbidden = Vos droits ne permettent pas cette opération.
bo-error-csrf = Cette page n’est plus à jour. Rechargez-la, puis réessayez.
bo-error-invitation-invalid = Ce lien d’invitation est inconnu, déjà utilisé, expiré ou révoqué.
bo-error-passkey-rejected = Cette clé d’accès n’a pas été acceptée. Utilisez la clé créée pour cet espace de gestion.
bo-error-ceremony-expired = La demande a pris trop de temps. Réessayez.
bo-error-passkeys-unavailable = Les clés d’accès ne peuvent pas être utilisées à cette adresse. Prévenez l’équipe technique du service.
bo-error-already-decided = Une autre décision a déjà été enregistrée pour cette déclaration, par un autre agent ou par un fichier de décisions : rien n’a été modifié et aucun e-mail n’a été envoyé. La décision enregistrée est affichée ci-dessous.
bo-error-changed-meanwhile = Cette déclaration a changé pendant que vous décidiez. Rien n’a été enregistré : relisez-la, puis décidez.
bo-error-already-declared = Avec cette correction, la déclaration ferait double emploi avec une autre du même étudiant pour cette année universitaire : rien n’a été modifié.
bo-error-too-many = Trop de tentatives. Patientez un moment, puis réessayez.
bo-error-invalid-fields = Certaines valeurs ne sont pas valides.

bo-field-other = { $field } : cette valeur n’est pas valide ({ $code })
bo-code-decision-missing = Choisissez une décision
bo-code-decision-unknown = Choisissez une décision
bo-code-reason-code-missing = Choisissez le motif du refus
bo-code-reason-code-unknown = Choisissez un motif dans la liste
bo-code-reason-text-missing = Expliquez le motif du refus
bo-code-reason-text-too-long = L’explication doit faire 500 caractères au plus
bo-code-date-invalid = Saisissez une date au format 2026-11-30
bo-code-academic-year-invalid = Saisissez une année universitaire au format 2026-2027
bo-code-query-too-long = La recherche doit faire 200 caractères au plus
bo-code-unknown-university = Choisissez une université dans la liste
bo-code-no-change = Saisissez la nouvelle valeur
bo-code-correction-field-missing = Choisissez le champ à corriger
bo-code-set-aside = Cette déclaration est mise de côté : remettez-la avant de décider
bo-code-under-verification = Cette déclaration est chez les opérateurs de la caisse : enregistrez d’abord leur décision, puis mettez-la de côté

bo-dashboard-title = Vue d’ensemble
bo-dashboard-lead = { $count ->
    [one] Année universitaire { $year } : 1 déclaration.
   *[other] Année universitaire { $year } : { $count } déclarations.
}
bo-per-day-title = Déclarations par jour
bo-per-day-none = Aucune déclaration cette année universitaire.
bo-per-day-summary = Déclarations : { $count }, sur { $days } jours. Jour le plus chargé : { $busiest } ({ $most }).
bo-by-status-title = Par statut
bo-by-university-title = Par université
bo-refusals-title = Refus par motif
bo-refusals-none = Aucun refus cette année universitaire.
bo-outbox-title = E-mails aux étudiants
bo-outbox-unsent = En attente d’envoi
bo-outbox-oldest = Le plus ancien attend depuis
bo-column-day = Jour
bo-column-count = Déclarations
bo-column-bar = Part
bo-column-status = Statut
bo-column-university = Université
bo-column-reason = Motif

bo-search-title = Déclarations
bo-search-query = Référence, CIN ou nom
bo-search-query-hint = Par exemple AMOE-7K4P-Q2X, AB123456 ou El Amrani. Les accents et les formes des lettres arabes sont sans importance.
bo-filters = Filtres
bo-filter-any = Indifférent
bo-filter-status = Statut
bo-filter-university = Université
bo-filter-year = Année universitaire
bo-filter-year-hint = Par exemple 2026-2027
bo-filter-since = Reçues à partir du
bo-filter-until = Reçues jusqu’au
bo-filter-conflict = Conflit d’identité
bo-filter-vouched = Confirmée par l’espace numérique d’une université
bo-search-button = Rechercher
bo-export-button = Exporter en CSV
bo-exported = Le fichier amoe-declarations.csv a été téléchargé.
bo-search-none = Aucune déclaration ne correspond à cette recherche.
bo-search-found = { $count ->
    [one] 1 déclaration trouvée.
   *[other] { $count } déclarations trouvées.
}
bo-search-newest = Seules les { $shown } plus récentes sont affichées : affinez la recherche pour voir les autres.
bo-results-caption = Déclarations trouvées
bo-column-reference = Référence
bo-column-name = Nom et prénom
bo-column-year = Année
bo-column-received = Reçue le
bo-column-flags = À vérifier
bo-flag-conflict = Conflit d’identité
bo-flag-vouched = Confirmée par l’université

bo-status-received = Reçue
bo-status-under-verification = En cours de vérification par l’ANAM
bo-status-covered = Acceptée
bo-status-refused = Refusée
bo-status-under-reexamination = En cours de réexamen

bo-reason-covered-elsewhere = Autre couverture médicale de base
bo-reason-over-age = Âge limite dépassé
bo-reason-not-enrolled = Inscription régulière non établie
bo-reason-identity-mismatch = L’identité ne correspond pas
bo-reason-identity-conflict = Une autre déclaration utilise ce CIN
bo-reason-other = Autre motif

bo-case-title = Déclaration { $reference }
bo-case-missing-title = Déclaration introuvable
bo-back-to-search = Retour aux déclarations
bo-field-name = Nom et prénom
bo-field-last-name = Nom de famille
bo-field-first-name = Prénom
bo-field-cin = CIN
bo-field-massar = Code Massar
bo-field-birth-date = Date de naissance
bo-field-email = Adresse e-mail
bo-field-phone = Téléphone
bo-field-university = Université
bo-field-establishment = Établissement
bo-field-year = Année universitaire
bo-field-status = Statut
bo-field-decided = Décision
bo-field-received = Reçue le
bo-field-conflict = Conflit d’identité
bo-field-vouched = Confirmée par
bo-field-lang = Langue des e-mails
bo-conflict-yes = Oui : une autre déclaration utilise ce CIN avec un autre code Massar ou une autre date de naissance
bo-decide-title = Décider
bo-decide-legend = La décision de la caisse, datée d’aujourd’hui
bo-decision-covered = Acceptée : l’accès aux prestations est ouvert
bo-decision-refused = Refusée
bo-decide-reason = Motif
bo-decide-reason-text = Explication
bo-decide-reason-text-hint = Si vous avez choisi « Autre motif », écrivez ce que l’étudiant lira. Si vous avez choisi une autre couverture, nommez son régime (par exemple la CNSS). 500 caractères au plus.
bo-decide-button = Enregistrer la décision
bo-decision-recorded = La décision est enregistrée, et l’e-mail à l’étudiant est en cours d’envoi.
bo-decision-unchanged = Cette décision était déjà enregistrée : rien n’a été modifié et aucun second e-mail n’a été envoyé.
bo-correct-title = Corriger un champ
bo-correct-hint = Chaque valeur est vérifiée comme le formulaire de déclaration la vérifie. La correction est gardée dans le journal d’audit, sans l’ancienne valeur.
bo-correct-field = Champ
bo-correct-value = Nouvelle valeur
bo-correct-button = Enregistrer la correction
bo-correction-recorded = La correction est enregistrée.
bo-timeline-title = Historique
bo-mails-title = E-mails
bo-mails-none = Aucun e-mail.
bo-mail-sent = envoyé le { $at }
bo-mail-waiting = { $attempts ->
    [one] en attente (1 tentative)
   *[other] en attente ({ $attempts } tentatives)
}
bo-mail-to = À :
bo-corrections-title = Corrections
bo-audit-title = Journal d’audit
bo-column-when = Quand
bo-column-who = Qui
bo-column-action = Action
bo-action-show = Consultation
bo-action-decision = Décision
bo-action-import = Fichier de décisions
bo-action-export = Export
bo-action-search = Recherche
bo-action-correct = Correction
bo-action-erase = Effacement
bo-filter-set-aside = Mises de côté
bo-filter-only = Seulement celles-ci
bo-flag-set-aside = Mise de côté
bo-field-set-aside = Mise de côté
bo-set-aside-yes = Oui : elle ne compte plus pour ce CIN (ni conflit d’identité, ni page de suivi)
bo-set-aside-title = Mettre cette déclaration de côté
bo-set-aside-hint = Pour une déclaration faite sous le CIN d’une autre personne. Elle reste ici, mais ne compte plus pour ce CIN : les déclarations de l’étudiant perdent le conflit d’identité qu’elle causait, et elle n’apparaît plus sur la page de suivi. Vous pourrez la remettre. L’opération est gardée dans le journal d’audit.
bo-set-aside-button = Mettre de côté
bo-set-aside-recorded = La déclaration est mise de côté.
bo-put-back-title = Remettre cette déclaration
bo-put-back-hint = Elle comptera de nouveau pour son CIN : les conflits d’identité sont réexaminés, et elle réapparaît sur la page de suivi. L’opération est gardée dans le journal d’audit.
bo-put-back-button = Remettre
bo-put-back-recorded = La déclaration est remise.
bo-action-set-aside = Mise de côté
bo-action-put-back = Remise
bo-set-aside-others-title = Mettre de côté les autres déclarations de ce CIN cette année
bo-set-aside-others-hint = Si cette déclaration est celle de l’étudiant, toutes les autres déclarations faites cette année universitaire sous ce CIN et encore reçues (ni chez les opérateurs ni décidées), sauf celles qu’une université a confirmées, sont mises de côté d’un coup, comme si chacune l’était depuis sa page. L’opération est gardée dans le journal d’audit.
bo-set-aside-others-button = Mettre les autres de côté
bo-set-aside-others-recorded = Les autres déclarations de ce CIN cette année sont mises de côté.
bo-set-aside-others-none = Aucune autre déclaration de ce CIN cette année ne restait à mettre de côté.
bo-action-set-aside-others = Autres mises de côté

bo-import-title = Importer des décisions
bo-import-lead = Importez le fichier des décisions de la caisse. Il est d’abord vérifié, et rien n’est enregistré avant votre confirmation.
bo-import-columns = Les colonnes : reference, decision (covered ou refused), reason_code, reason_text, decision_date (2026-11-30).
bo-import-file = Fichier de décisions
bo-import-file-hint = Un fichier CSV, séparé par des virgules ou des points-virgules, de 2 Mo au plus.
bo-import-check = Vérifier le fichier
bo-import-choose-first = Choisissez un fichier de décisions
bo-import-unreadable = Ce fichier ne peut pas être lu. Enregistrez-le en CSV UTF-8, puis réessayez.
bo-import-checked-title = Le fichier est valide
bo-import-report = Lignes : { $rows }. Décisions à enregistrer : { $applied }. Déjà enregistrées : { $unchanged }.
bo-import-nothing-yet = Rien n’est encore enregistré.
bo-import-apply = Enregistrer ces décisions
bo-import-done-title = Décisions enregistrées
bo-import-done = Décisions enregistrées : { $applied }. Déjà enregistrées : { $unchanged }. Les e-mails aux étudiants sont en cours d’envoi.
bo-import-refused-title = Le fichier contient des erreurs
bo-import-refused = Rien n’a été enregistré. Corrigez ces cellules, puis vérifiez de nouveau le fichier.
bo-column-row = Ligne
bo-column-column = Colonne
bo-column-problem = Problème
bo-row-other = Cette cellule n’est pas valide ({ $code })
bo-row-unknown-reference = Aucune déclaration n’a cette référence
bo-row-not-pending = Cette déclaration a déjà fait l’objet d’une autre décision
bo-row-changed-meanwhile = Cette déclaration a changé pendant la lecture du fichier : envoyez-le de nouveau
bo-row-set-aside = Cette déclaration est mise de côté : elle ne peut pas être décidée
bo-row-decision-missing = La décision manque
bo-row-decision-unknown = La décision doit être covered ou refused
bo-row-reason-code-missing = Le motif du refus manque
bo-row-reason-code-unknown = Ce code de motif est inconnu
bo-row-reason-text-missing = Le motif other demande une explication
bo-row-reason-text-too-long = L’explication doit faire 500 caractères au plus
bo-row-decision-date-invalid = La date doit s’écrire 2026-11-30
bo-row-reference-empty = La référence manque
bo-row-reference-wrong-length = La référence n’a pas la bonne longueur
bo-row-reference-invalid-characters = La référence contient des caractères impossibles
bo-row-reference-check-failed = La référence contient une faute de frappe
bo-row-column-unknown = Cette colonne est inconnue
bo-row-header-unreadable = La première ligne (les noms des colonnes) ne peut pas être lue
bo-row-wrong-number-of-columns = Cette ligne n’a pas autant de cellules que la première
bo-row-row-unreadable = Cette ligne ne peut pas être lue

bo-not-found-title = Page introuvable
bo-not-found-body = L’espace de gestion n’a pas de page à cette adresse.

## Les listes des inscrits des universités
bo-nav-roster = Liste des inscrits
bo-filter-roster = Liste des inscrits
bo-filter-roster-on = Sur la liste
bo-filter-roster-off = Absentes de la liste
bo-filter-roster-final = Absentes de la liste complète
bo-flag-enrolled = Sur la liste
bo-flag-not-on-roster = Absente de la liste complète
bo-field-roster = Liste des inscrits
bo-roster-on = Sur la liste des inscrits de l’université
bo-roster-off-final = Absente de la liste, que l’université a indiquée comme complète
bo-roster-not-on = Absente de la liste (aucune liste transmise, ou pas encore complète)
bo-roster-title = Liste des inscrits
bo-roster-lead-staff = Transmettez au service la liste des inscrits de votre université pour l’année universitaire. Tout étudiant qui y figure peut toujours déclarer, et sa déclaration l’emporte sur toute déclaration faite par une autre personne sous son CIN. Le service ne garde, pour chaque étudiant, qu’une empreinte numérique calculée avec une clé secrète, jamais la liste.
bo-roster-lead-fund = Chaque université transmet la liste de ses inscrits pour l’année universitaire. Lorsqu’elle indique que la liste est complète, ses déclarations absentes de la liste sont signalées, et vous pouvez les refuser en une seule opération.
bo-roster-choose-university = Choisissez une université
bo-roster-year = Année universitaire { $year }
bo-roster-given = Liste transmise
bo-roster-students = { $count ->
    [0] Aucun étudiant
    [one] 1 étudiant
   *[other] { $count } étudiants
}
bo-roster-none = Pas encore transmise
bo-roster-complete = Complète
bo-roster-matched = Déclarations sur la liste
bo-roster-matched-count = { $enrolled } sur { $declarations } ({ $percent } %)
bo-roster-off = Absentes de la liste, en attente de décision
bo-roster-off-count = { $count }
bo-roster-give-title = Transmettre la liste
bo-roster-columns = Le fichier doit avoir trois colonnes, dans n’importe quel ordre et parmi d’autres : le CIN, le code Massar (ou CNE) et la date de naissance. Leurs noms peuvent être en français, en arabe ou en anglais, tels que l’export de votre service de la scolarité les écrit.
bo-roster-file = Fichier de la liste
bo-roster-file-hint = Un fichier CSV, séparé par des virgules, des points-virgules ou des tabulations, de 64 Mo au plus. Il remplace la liste transmise précédemment, qui n’est plus complète tant que vous ne l’indiquez pas de nouveau.
bo-roster-choose-first = Choisissez le fichier de la liste
bo-roster-report = Lignes : { $rows }. Étudiants : { $students }. Nouveaux sur la liste : { $added }. Retirés de la liste : { $removed }.
bo-roster-nothing-yet = Rien n’a encore été modifié.
bo-roster-apply = Remplacer la liste par ce fichier
bo-roster-given-title = Liste transmise
bo-roster-refused = Rien n’a été modifié. Corrigez ces cellules, puis vérifiez de nouveau le fichier.
bo-roster-final-title = Indiquer que la liste est complète
bo-roster-final-hint = Une fois la liste complète, les déclarations de votre université qui n’y figurent pas sont signalées à la caisse, qui peut les refuser. Transmettez d’abord un nouveau fichier s’il manque des étudiants.
bo-roster-final-button = La liste est complète
bo-roster-reopen-title = Indiquer que la liste n’est plus complète
bo-roster-reopen-hint = Les déclarations absentes de la liste ne sont plus signalées, jusqu’à ce que vous indiquiez de nouveau qu’elle est complète. Les déclarations déjà refusées le restent.
bo-roster-reopen-button = La liste n’est pas complète
bo-roster-refuse-title = { $count ->
    [one] Refuser la déclaration absente de la liste
   *[other] Refuser les { $count } déclarations absentes de la liste
}
bo-roster-refuse-hint = Chacune est refusée pour le motif « Inscription régulière non établie », et chaque étudiant reçoit un e-mail dans sa langue, comme pour toute décision. Les déclarations mises de côté ou déjà décidées restent telles quelles.
bo-roster-refuse-button = Les refuser
bo-roster-refused-done = { $count ->
    [0] Aucune déclaration n’a été refusée.
    [one] 1 déclaration refusée. L’e-mail à l’étudiant est en cours d’envoi.
   *[other] { $count } déclarations refusées. Les e-mails aux étudiants sont en cours d’envoi.
}
bo-on-rosters-title = Déclarations sur les listes des inscrits
bo-on-roster-share = { $university } ({ $percent } %)
bo-code-no-roster = Transmettez la liste avant d’indiquer qu’elle est complète
bo-code-roster-not-final = L’université n’a pas indiqué que sa liste est complète
bo-code-academic-year-not-open = Une liste peut être transmise pour l’année universitaire en cours, la précédente ou la suivante
bo-row-column-missing = Cette colonne manque
bo-row-column-twice = Deux colonnes contiennent cette donnée
bo-row-cin-twice = Ce CIN figure sur une autre ligne avec un autre code Massar ou une autre date de naissance
bo-row-not-utf8 = Cette ligne n’est pas en UTF-8 : enregistrez le fichier en CSV UTF-8
bo-row-cin-empty = Le CIN manque
bo-row-cin-invalid-characters = Le CIN ne doit contenir que des lettres latines et des chiffres
bo-row-cin-missing-letters = Le CIN commence par 1 ou 2 lettres, par exemple AB123456
bo-row-cin-wrong-shape = Le CIN est fait de 1 ou 2 lettres suivies de chiffres
bo-row-cin-too-short = Le CIN a trop peu de chiffres
bo-row-cin-too-long = Le CIN a trop de chiffres
bo-row-massar-empty = Le code Massar manque
bo-row-massar-invalid-characters = Le code Massar ne doit contenir que des lettres latines et des chiffres
bo-row-massar-wrong-shape = Le code Massar est fait d’une lettre suivie de 9 chiffres
bo-row-massar-wrong-length = Le code Massar a 9 chiffres après sa lettre
bo-row-birth-date-empty = La date de naissance manque
bo-row-birth-date-missing-day = La date de naissance n’a pas de jour
bo-row-birth-date-missing-month = La date de naissance n’a pas de mois
bo-row-birth-date-missing-year = La date de naissance n’a pas d’année
bo-row-birth-date-not-a-number = La date de naissance s’écrit en chiffres
bo-row-birth-date-year-not-four-digits = L’année doit avoir 4 chiffres
bo-row-birth-date-not-a-real-date = Ce n’est pas une date réelle : écrivez-la 31/12/2004 ou 2004-12-31
bo-row-birth-date-in-future = La date de naissance est dans le futur
bo-action-roster-upload = Liste transmise
bo-action-roster-final = Liste complète
bo-action-roster-reopened = Liste non complète
bo-roster-matching = Rapprochement
bo-roster-matching-now = Les déclarations sont en cours de rapprochement avec cette liste : les chiffres suivront dans un instant.
bo-roster-refused-remaining = { $count ->
    [one] Il en reste 1 : refusez-la dans une étape suivante.
   *[other] Il en reste { $count } : refusez-les dans une étape suivante.
}
bo-code-roster-busy = Une autre transmission de cette liste est en cours : attendez qu’elle se termine, puis consultez de nouveau la page
bo-code-roster-matching = Les déclarations sont encore en cours de rapprochement avec la liste : attendez un instant, puis réessayez
bo-code-roster-changed = Le nombre de déclarations à refuser a changé depuis l’affichage de la page : vérifiez-le, puis refusez
bo-row-more-errors = D’autres cellules sont erronées : corrigez d’abord celles-ci, puis vérifiez de nouveau le fichier
bo-row-no-students = Le fichier ne contient aucun étudiant
bo-action-refuse-not-enrolled = Refus hors liste

## Re-examination
bo-reexam-title = L’étudiant demande un réexamen
bo-reexam-requested = Demandé le { $at }.
bo-reexam-reason-enrolled = « Mon inscription à cette université est régulière »
bo-reexam-reason-typo = « J’ai fait une faute de frappe dans mon code Massar, ma date de naissance ou mon nom »
bo-reexam-reason-cover-ended = « Mon autre couverture médicale de base a pris fin »
bo-reexam-reason-other = Autre raison
bo-reexam-explanation = Dans les mots de l’étudiant :
bo-reexam-no-explanation = L’étudiant n’a pas écrit d’explication.
bo-reexam-corrected = Données corrigées par l’étudiant
bo-reexam-no-corrections = L’étudiant n’a corrigé aucune donnée.
bo-reexam-before = Avant
bo-reexam-after = Maintenant
bo-column-field = Donnée
bo-column-asked = Demandé le
bo-reexam-waiting-title = Réexamens à décider
bo-reexam-waiting-none = Aucun réexamen n’attend de décision.
bo-reexam-waiting-count = { $count ->
    [one] Une déclaration attend une nouvelle décision.
   *[other] { $count } déclarations attendent une nouvelle décision ; les { $shown } demandes les plus anciennes sont listées d’abord.
}
bo-action-reexamination = Réexamen demandé
bo-code-correction-duplicate = Les données corrigées par l’étudiant sont celles d’une autre de ses déclarations cette année : ouvrez-la, puis décidez
bo-code-before-reexamination = Cette décision est datée d’avant la demande de réexamen de l’étudiant : elle répond au refus précédent
bo-reexam-pending = Ces corrections sont faites si vous acceptez la demande ; un refus laisse les données telles quelles.
bo-reexam-applied = Ces corrections ont été faites quand la demande a été acceptée.
bo-reexam-not-made = La demande a été refusée : ces corrections n’ont pas été faites.
