# Messages in French. Every key exists in ar, fr and en (checked by tests/locales.rs).

## Frame of every page
service-name = Assurance maladie obligatoire des étudiants (AMOE)
skip-to-content = Aller au contenu principal
language-switcher-label = Langue
language-switch-failed = Cette langue n’a pas pu se charger. Vérifiez votre connexion, puis réessayez.
language-ar = العربية
language-fr = Français
language-en = English
footer-about = Service public en ligne de l’assurance maladie obligatoire des étudiants des universités publiques du Maroc.
footer-licence = Logiciel libre et gratuit. Aucun compte n’est nécessaire.

## Home
home-title = Assurance maladie obligatoire des étudiants
home-page-title = Faire votre déclaration annuelle et suivre votre demande
home-lead = Chaque année, à l’inscription ou à la réinscription, tout étudiant d’une université publique déclare s’il bénéficie déjà d’une autre couverture médicale de base.
home-who = L’AMOE rembourse vos soins aux mêmes taux que l’assurance maladie obligatoire (AMO) du secteur public, et les étudiants ne paient aucune cotisation. Le numéro de votre carte nationale d’identité (CIN) vous identifie : aucune carte d’immatriculation n’est nécessaire.
home-journeys-title = Ce que vous pouvez faire ici
journey-declare-title = Faire votre déclaration
journey-declare-text = Pour l’année universitaire en cours, en 3 minutes environ, avec votre CIN et votre code Massar.
journey-status-title = Suivre votre demande
journey-status-text = Sans compte, avec votre CIN, votre code Massar et votre date de naissance.
journey-offices-title = Trouver un point d’accueil de l’ONOUSC
journey-offices-text = Les 34 points d’accueil où déposer vos dossiers maladie.
journey-universities-title = Les universités et leurs plateformes
journey-universities-text = Les 12 universités publiques et l’adresse de la plateforme AMOE de chacune.
journey-learn-title = Comprendre l’assurance
journey-learn-text = Qui doit déclarer, les quatre étapes, les informations importantes et comment remplir les feuilles de soins.

## Universities
universities-title = Les universités publiques
universities-lead = Les 12 universités publiques et l’adresse de leur propre plateforme de déclaration, telle qu’imprimée dans le dépliant officiel.
universities-platform = Plateforme :

## Not found
not-found-title = Page introuvable
not-found-text = Si vous avez saisi l’adresse, vérifiez qu’elle est correcte. Si vous avez suivi un lien, il est peut-être ancien.
not-found-home = Aller à l’accueil

## Loading and errors
loading = Chargement…
error-title = Un problème est survenu
error-network = Le service ne répond pas. Vérifiez votre connexion internet, puis réessayez.
error-unavailable = Le service est momentanément indisponible. Réessayez dans quelques minutes.
error-not-found = Ce que vous cherchez n’existe pas ou plus.
error-server = Le service a rencontré une erreur. Réessayez dans quelques minutes.
retry = Réessayer

## Declare: start page and personal data
declare-title = Faire votre déclaration pour l’année universitaire
declare-lead = Chaque année universitaire, tout étudiant d’une université publique déclare s’il bénéficie déjà d’une autre couverture médicale de base. Cela prend environ 3 minutes.
declare-year = Pour l’année universitaire { $year }.
declare-need-title = Ce qu’il vous faut
declare-need-cin = le numéro de votre carte nationale d’identité (CIN)
declare-need-massar = votre code Massar (CNE)
declare-need-email = une adresse e-mail : la décision y sera envoyée
declare-renew = Vous avez déclaré pour l’année { $previous }. Chaque année universitaire, vous refaites vous-même votre déclaration : faites celle de { $year }.
declare-start = Commencer
declare-continue = Reprendre votre déclaration
declare-saved = Vos réponses sont gardées sur cet appareil.
declare-clear = Effacer de cet appareil tout ce que le service y a gardé
declare-cleared = Tout ce que le service avait gardé sur cet appareil a été effacé.
privacy-title = Vos données personnelles
privacy-controller = Responsable du traitement : { $controller }. Vos données servent à gérer l’assurance maladie obligatoire des étudiants.
privacy-recipients = Elles sont transmises à la caisse gestionnaire et à l’Agence nationale de l’assurance maladie (ANAM), qui vérifie que vous n’avez pas d’autre couverture de base.
privacy-mandatory = Toutes les questions sont obligatoires, sauf le téléphone et l’établissement.
privacy-rights = Conformément à la loi n° 09-08, vous disposez d’un droit d’accès, de rectification et d’opposition auprès du responsable du traitement ({ $controller }).
privacy-cndp = Traitement autorisé par la CNDP sous le numéro { $number }.
privacy-device = Les réponses en cours de saisie restent sur cet appareil jusqu’à l’envoi, deux heures au plus sans modification ; une déclaration qui attend la connexion y reste 7 jours au plus. Après l’envoi, seul votre récépissé y reste. Vous pouvez tout effacer à tout moment.

## Declare: common parts
step = Page { $step } sur { $total }
back = Retour
continue = Continuer
error-summary-title = Il y a un problème
error-prefix = Erreur :
change = Modifier
yes = Oui
no = Non

## Declare: coverage
coverage-title = Avez-vous une autre couverture médicale de base, à votre nom ou par votre conjoint ou un parent ?
coverage-hint = Par exemple la CNOPS, la CNSS, le RAMED (AMO Tadamon) ou la mutuelle des Forces armées royales, à votre nom ou par votre conjoint ou un parent. Une assurance privée ou complémentaire (contrat d’une compagnie d’assurance, mutuelle complémentaire) ne compte pas : seule la couverture de base compte.
scheme-title = Quel régime vous couvre ?
scheme-cnops = CNOPS (secteur public)
scheme-cnss = CNSS (secteur privé)
scheme-ramed = RAMED (AMO Tadamon)
scheme-far = Mutuelle des Forces armées royales (FAR)
scheme-other = Un autre régime
scheme-other-label = Nom du régime
not-eligible-title = Vous ne pouvez pas bénéficier de l’AMOE
not-eligible-covered = Vous avez indiqué avoir une autre couverture médicale de base : l’AMOE ne s’applique donc pas à vous cette année universitaire. Vérifiez auprès de ce régime que cette couverture est toujours active ; si elle a pris fin, modifiez votre réponse en « Non ».
not-eligible-over-age = Cette assurance ne couvre que les étudiants âgés de { $limit } ans au plus. Cherchez une couverture médicale de base à votre nom (par votre employeur, le régime des travailleurs non salariés ou l’AMO Tadamon) ou par votre conjoint.
not-eligible-next = Rien n’a été envoyé : aucune déclaration n’est enregistrée et il n’y a pas de récépissé. Si l’une de vos réponses est fausse, modifiez-la.
not-eligible-change = Modifier ma réponse

## Declare: identity, contact, university
identity-title = Votre identité
cin-label = Numéro de la carte nationale d’identité (CIN)
cin-hint = 1 ou 2 lettres puis des chiffres, par exemple AB123456
massar-label = Code Massar (CNE)
massar-hint = 1 lettre et 9 chiffres, par exemple R130123456
last-name-label = Nom
first-name-label = Prénom
birth-date-legend = Date de naissance
birth-date-hint = Par exemple 27 3 2004
day = Jour
month = Mois
year = Année
contact-title = Comment vous joindre ?
email-label = Adresse e-mail
email-hint = La caisse y envoie sa décision.
phone-label = Numéro de téléphone (facultatif)
phone-hint = Par exemple 06 12 34 56 78
university-title = Quelle est votre université ?
university-filter = Chercher votre université
university-none = Aucune université ne correspond.
establishment-label = Établissement (facultatif)
establishment-hint = Faculté ou école, par exemple Faculté des sciences

## Declare: check, send, confirmation
check-title = Vérifiez vos réponses avant d’envoyer votre déclaration
check-coverage = Autre couverture médicale de base
sworn-title = Déclaration sur l’honneur
sworn-label = Je déclare sur l’honneur que je n’ai aucune autre couverture médicale de base, ni à mon nom ni par mon conjoint ou un parent, et que les informations données sont exactes.
send = Accepter et envoyer
sending = Envoi…
offline-waiting = Votre déclaration n’est pas encore enregistrée : vous semblez hors connexion. Elle est gardée sur cet appareil 7 jours au plus et partira dès le retour de la connexion, ou à la prochaine ouverture de ce service en ligne.
send-already-declared = Une déclaration avec ce CIN, ce code Massar et cette date de naissance est déjà enregistrée pour cette année universitaire, et elle est conservée. Seule la copie de vos réponses sur cet appareil a été effacée. Suivez votre demande sur la page de suivi.
send-proving = Ce CIN a déjà plusieurs déclarations. Pour protéger son titulaire, votre appareil fait d’abord un court calcul (quelques secondes). Gardez cette page ouverte.
send-too-many = Votre déclaration n’a pas été envoyée : il y a eu trop de tentatives en peu de temps. Vos réponses sont gardées sur cet appareil ; renvoyez-la dans quelques minutes.
device-cleared = Tout ce que le service avait gardé sur cet appareil a été effacé.
device-clear = Effacer le récépissé et tout ce que le service a gardé sur cet appareil
device-receipt-only = Cet appareil ne garde que votre récépissé (référence, année, université, nom) : ni votre CIN, ni votre code Massar, ni votre date de naissance. Sur un ordinateur partagé, effacez-le.
device-title = Sur cet appareil
portal-token-refused = La confirmation de votre identité par votre université a expiré ou n’a pas été acceptée. Rechargez la page de l’espace numérique de votre université, puis envoyez à nouveau.
portal-vouched = Ces informations viennent de l’espace numérique de votre université, qui les garantit : elles ne peuvent pas être modifiées ici.
send-email-limit = Cette adresse e-mail a déjà servi à plusieurs déclarations aujourd’hui. Indiquez votre propre adresse (lien « Modifier » de l’adresse e-mail) ou réessayez demain.
confirmation-title = Déclaration reçue
confirmation-reference = Votre référence
confirmation-year = Année universitaire { $year }
confirmation-email = Un e-mail de confirmation est envoyé à { $email }.
confirmation-next = Prochaines étapes
next-2 = L’Agence nationale de l’assurance maladie (ANAM) vérifie que vous n’avez pas d’autre couverture de base.
next-3 = La caisse vous envoie un e-mail pour vous informer de sa décision.
next-4 = Si votre demande est acceptée, l’accès aux prestations est ouvert dès la réception de l’e-mail. Le numéro de votre CIN suffit pour en bénéficier.
print = Imprimer le récépissé
receipt-name = Nom
receipt-university = Université
receipt-date = Date de la déclaration
receipt-cin = CIN

## Declare: field errors (error-<code>)
error-covered_missing = Indiquez si vous avez une autre couverture médicale de base
error-scheme_missing = Choisissez le régime qui vous couvre
error-scheme_other_name_empty = Indiquez le nom du régime
error-scheme_other_name_too_long = Le nom du régime doit faire 100 caractères au plus
error-cin_empty = Saisissez le numéro de votre CIN
error-cin_invalid_characters = Le CIN ne doit contenir que des lettres latines et des chiffres
error-cin_missing_letters = Le CIN commence par 1 ou 2 lettres, par exemple AB123456
error-cin_wrong_shape = Le CIN est fait de 1 ou 2 lettres suivies de chiffres, par exemple AB123456
error-cin_too_short = Le CIN a trop peu de chiffres
error-cin_too_long = Le CIN a trop de chiffres
error-massar_empty = Saisissez votre code Massar
error-massar_invalid_characters = Le code Massar ne doit contenir que des lettres latines et des chiffres
error-massar_wrong_shape = Le code Massar est fait d’une lettre suivie de 9 chiffres, par exemple R130123456
error-massar_wrong_length = Le code Massar a 9 chiffres après sa lettre
error-last_name-name_empty = Saisissez votre nom
error-last_name-name_too_long = Le nom doit faire 60 caractères au plus
error-last_name-name_invalid_characters = Le nom ne peut contenir que des lettres, des espaces, des tirets et des apostrophes
error-first_name-name_empty = Saisissez votre prénom
error-first_name-name_too_long = Le prénom doit faire 60 caractères au plus
error-first_name-name_invalid_characters = Le prénom ne peut contenir que des lettres, des espaces, des tirets et des apostrophes
error-birth_date_empty = Saisissez votre date de naissance
error-birth_date_missing_day = La date de naissance doit comporter un jour
error-birth_date_missing_month = La date de naissance doit comporter un mois
error-birth_date_missing_year = La date de naissance doit comporter une année
error-birth_date_not_a_number = La date de naissance s’écrit en chiffres
error-birth_date_year_not_four_digits = L’année doit avoir 4 chiffres
error-birth_date_not_a_real_date = La date de naissance doit être une date réelle
error-birth_date_in_future = La date de naissance doit être dans le passé
error-birth_date_too_young = Vérifiez l’année de naissance : elle est trop récente
error-birth_date_too_old = Vérifiez l’année de naissance : elle est trop ancienne
error-email_empty = Saisissez votre adresse e-mail
error-email_too_long = L’adresse e-mail est trop longue
error-email_invalid = Saisissez une adresse e-mail valide, par exemple nom@exemple.ma
error-phone_invalid_characters = Le numéro ne peut contenir que des chiffres, des espaces, des points et des tirets
error-phone_not_moroccan = Saisissez un numéro marocain, par exemple 06 12 34 56 78
error-phone_wrong_length = Le numéro a 10 chiffres, par exemple 06 12 34 56 78
error-university_missing = Choisissez votre université
error-unknown_university = Choisissez une université de la liste
error-establishment_too_long = Le nom de l’établissement doit faire 120 caractères au plus
error-sworn_missing = Cochez la déclaration sur l’honneur pour envoyer

## Dates, written out
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre
date-long = { $day } { $month } { $year }

## Status: check a declaration without an account
status-title = Suivre votre déclaration
status-lead = Saisissez les informations données dans votre déclaration. Votre demande ne s’affiche que si les trois correspondent.
status-remember = Se souvenir de mon CIN sur cet appareil (il y reste jusqu’à ce que vous l’effaciez ; pas sur un ordinateur partagé)
status-find = Afficher ma déclaration
status-no-match = Aucune déclaration ne correspond à ces informations. Vérifiez votre CIN, votre code Massar et votre date de naissance. Si vous avez déclaré sur la plateforme de votre université, suivez votre demande sur celle-ci. Sans récépissé, votre déclaration n’a peut-être jamais été envoyée : regardez sur l’appareil où vous l’avez faite.
status-too-many = Trop de tentatives avec ces informations. Rien n’est perdu et votre déclaration n’est pas touchée : réessayez dans une heure.
status-proving = Des informations erronées ont été saisies pour ce CIN. Pour le protéger, votre appareil fait d’abord un court calcul (quelques secondes). Gardez cette page ouverte.
proof-too-long = Le calcul prend trop de temps sur cet appareil : beaucoup d’informations erronées ont été saisies pour ce CIN depuis ce réseau. Réessayez plus tard, ou depuis une autre connexion (les données mobiles plutôt que le Wi-Fi, par exemple).
status-result-title = Votre déclaration
status-year = Année universitaire { $year }
status-received = Reçue
status-under_verification = En cours de vérification par l’ANAM
status-covered = Acceptée
status-refused = Refusée
status-todo-received = Votre déclaration sera transmise à l’ANAM, qui vérifie que vous n’avez pas d’autre couverture de base.
status-todo-under_verification = L’ANAM vérifie votre situation. La caisse vous enverra un e-mail avec la décision.
status-todo-covered = L’accès aux prestations est ouvert. Le numéro de votre CIN suffit pour en bénéficier ; déposez vos dossiers maladie à un point d’accueil de l’ONOUSC.
status-todo-refused = Si vous pensez que c’est une erreur, demandez un réexamen ci-dessous, ou adressez-vous au service de la scolarité de votre établissement.
status-reason = Motif : { $reason }
refusal-covered_elsewhere = vous avez déjà une autre couverture médicale de base.
refusal-over_age = vous dépassez l’âge limite de l’assurance maladie obligatoire des étudiants.
refusal-not_enrolled = votre inscription régulière à l’université n’est pas établie.
refusal-identity_mismatch = vos informations n’ont pas pu être rapprochées des registres officiels ; il s’agit souvent d’une erreur de saisie.
refusal-identity_conflict = une autre déclaration porte le même numéro de CIN avec un autre code Massar ou une autre date de naissance.
attestation-title = Attestation de couverture
attestation-text = { $name } bénéficie de l’assurance maladie obligatoire des étudiants pour l’année universitaire { $year }, à partir du { $date }.
attestation-print = Imprimer l’attestation
refusal-todo-covered_elsewhere = Vérifiez auprès du régime qui vous couvre que cette couverture est toujours active. Si elle a pris fin, demandez un réexamen ci-dessous. Votre déclaration est conservée.
refusal-todo-over_age = Cherchez une couverture médicale de base à votre nom (par votre employeur, le régime des travailleurs non salariés ou l’AMO Tadamon) ou par votre conjoint. Si votre date de naissance a été mal saisie, demandez un réexamen ci-dessous et corrigez-la.
refusal-todo-not_enrolled = Vérifiez votre inscription auprès du service de la scolarité de votre établissement, puis demandez un réexamen ci-dessous. Votre déclaration est conservée.
refusal-todo-identity_mismatch = Comparez votre CIN, votre code Massar, votre date de naissance et vos nom et prénom avec vos documents, puis demandez un réexamen ci-dessous et corrigez-y l’erreur de saisie. Votre déclaration est conservée.
refusal-todo-identity_conflict = Présentez votre CIN et votre carte d’étudiant au service de la scolarité de votre établissement, qui confirmera votre identité à la caisse, puis demandez un réexamen ci-dessous. Votre déclaration est conservée.
refusal-todo-other = Si vous pensez que cette décision est une erreur, demandez un réexamen ci-dessous en expliquant pourquoi ; le service de la scolarité de votre établissement peut aussi vous aider. Votre déclaration est conservée.

## Re-examination
status-under_reexamination = En cours de réexamen
status-todo-under_reexamination = La caisse réexamine votre déclaration. Sa décision sera indiquée ici et envoyée par e-mail.
reexam-title = Demander un réexamen
reexam-lead = Vous pouvez demander une fois, pour cette décision, que la caisse réexamine votre déclaration. Votre déclaration est conservée. Dites pourquoi et corrigez une erreur de saisie s’il y en a une.
reexam-open = Demander un réexamen
reexam-reason-legend = Pourquoi la caisse devrait-elle réexaminer votre déclaration ?
reexam-reason-enrolled = Mon inscription à cette université est régulière
reexam-reason-typo = J’ai fait une erreur de saisie dans mon code Massar, ma date de naissance ou mon nom
reexam-reason-cover_ended = Mon autre couverture médicale de base a pris fin
reexam-reason-other = Une autre raison
reexam-explain-label = Expliquez en quelques mots (facultatif)
reexam-explain-hint = 500 caractères au plus. N’écrivez pas votre numéro de CIN.
reexam-correct-title = Corriger une erreur de saisie (facultatif)
reexam-correct-hint = Modifiez seulement ce qui est faux ; laissez le reste tel quel. La caisse voit les anciennes et les nouvelles informations, et fait les corrections si elle accepte votre demande.
reexam-send = Envoyer ma demande
reexam-email-hint = Laissez vide pour garder l’adresse donnée avec votre déclaration. La réponse de la caisse à cette demande est envoyée à cette adresse.
reexam-cancel = Annuler
reexam-sent = Votre demande est envoyée. Votre déclaration est maintenant en cours de réexamen : la décision de la caisse arrivera par e-mail et sur cette page. D’ici là, retrouvez-la avec les informations que vous avez déclarées ; vos corrections sont faites si la caisse accepte votre demande.
reexam-already = Vous avez déjà demandé le réexamen de cette décision, et la caisse n’y répond qu’une fois. Prochaine étape : adressez-vous au service de la scolarité de votre établissement avec votre référence.
reexam-not-refused = Cette déclaration n’est pas ou plus refusée : il n’y a rien à réexaminer. Affichez de nouveau sa situation.
error-reexam_reason_missing = Indiquez pourquoi la caisse devrait réexaminer votre déclaration
error-reexam_explanation_too_long = Votre explication doit faire 500 caractères au plus
error-reexam_explanation_invalid_characters = Votre explication contient des caractères qui ne peuvent pas être conservés

## Comprendre : le dépliant officiel en pages
learn-caption = L’assurance maladie obligatoire des étudiants
learn-contents = Sommaire
learn-next = Ce que vous pouvez faire maintenant
opens-new-tab = (s’ouvre dans un nouvel onglet)
learn-who-title = Qui doit déclarer
learn-who-lead = Tout étudiant qui s’inscrit ou se réinscrit dans un établissement public d’enseignement supérieur au Maroc doit déclarer en ligne, chaque année universitaire, s’il bénéficie ou non déjà d’une couverture médicale de base.
learn-who-covered-title = Qui y a droit
learn-who-covered = Les étudiants régulièrement inscrits, âgés de 30 ans au plus, sans autre couverture médicale de base, ni en leur nom propre ni comme ayant droit d’un assuré.
learn-who-law = Le dépliant officiel ne cite que la couverture comme ayant droit (conjoint ou enfant) ; la loi n° 116-12 exclut aussi toute couverture à votre nom, par exemple comme salarié affilié à la CNSS.
learn-who-not-title = Qui n’y a pas droit
learn-who-not = Vous n’y avez pas droit si vous avez déjà une couverture médicale de base, à votre nom ou comme ayant droit (conjoint ou enfant) d’un assuré, relevant :
learn-scheme-cnops = de la CNOPS (Caisse nationale des organismes de prévoyance sociale)
learn-scheme-cnss = de la CNSS (Caisse nationale de sécurité sociale)
learn-scheme-ramed = du RAMED (Régime d’assistance médicale)
learn-scheme-far = de la Mutuelle des Forces Armées Royales
learn-scheme-other = de tout autre régime de couverture médicale de base
learn-who-still-declare = Sur ce service, répondre que vous avez une autre couverture n’envoie rien et ne donne aucun récépissé : aucune déclaration n’est enregistrée pour l’année. Si votre université vous interroge sur votre couverture à l’inscription, répondez sur sa propre plateforme.
learn-who-where-title = Où déclarer
learn-who-where = Sur ce service, ou sur la plateforme de votre université.
learn-steps-title = Les quatre étapes
learn-steps-lead = De votre déclaration à la réponse de la caisse :
learn-step-declare = Vous déclarez en ligne votre couverture médicale de base.
learn-step-check = À la demande de la caisse, l’Agence nationale de l’assurance maladie (ANAM) vérifie que vous n’avez pas d’autre couverture de base.
learn-step-mail = La caisse vous envoie un e-mail pour vous dire si votre demande est acceptée.
learn-step-outcome = Votre demande est acceptée, ou refusée avec les motifs de la décision de l’ANAM.
learn-steps-covered-title = Si votre demande est acceptée
learn-steps-covered = Vous avez accès aux prestations dès la réception de l’e-mail.
learn-steps-refused-title = Si votre demande est refusée
learn-steps-refused = L’e-mail donne les motifs de la décision de l’ANAM. Sur la page de suivi, vous pouvez demander une fois le réexamen de la décision.
learn-steps-follow-title = Suivre votre demande
learn-steps-follow = Vous pouvez voir à tout moment où en est votre demande avec votre numéro de CIN, votre code Massar et votre date de naissance, sur la page de suivi de ce service ou sur la page de la caisse.
learn-steps-fund-link = La page de la caisse pour suivre votre demande
learn-good-title = Informations importantes
learn-good-renew-title = Déclarez chaque année
learn-good-renew = Chaque année universitaire, à votre réinscription, vous refaites vous-même votre déclaration : elle n’est pas reconduite automatiquement.
learn-good-card-title = Aucune carte nécessaire
learn-good-card = Vous n’avez pas besoin de carte d’immatriculation : le numéro de votre carte nationale d’identité (CIN) suffit pour bénéficier des prestations.
learn-good-free-title = Aucune cotisation
learn-good-free = Les étudiants de l’enseignement supérieur public ne paient aucune cotisation.
learn-good-care-title = Les mêmes soins que le secteur public
learn-good-care = Vous bénéficiez du même panier de soins et des mêmes taux de remboursement que l’assurance maladie obligatoire (AMO) du secteur public.
learn-good-files-title = Où déposer les dossiers maladie
learn-good-files = Aux points d’accueil de l’ONOUSC (Office national des œuvres universitaires sociales et culturelles), dans les villes universitaires.
learn-claims-title = Les feuilles de soins
learn-claims-lead = Pour obtenir un remboursement, utilisez les feuilles de soins habituelles, les mêmes que tous les assurés :
learn-claims-ordinary = soins ordinaires
learn-claims-dental = soins dentaires
learn-claims-chronic = maladies chroniques et coûteuses
learn-claims-write-title = Ce qu’il faut y écrire
learn-claims-write = Écrivez seulement :
learn-claims-name = votre nom
learn-claims-cin = votre numéro de CIN
learn-claims-signature = votre signature, datée
learn-claims-total = le total de vos dépenses
learn-claims-nothing-else = N’écrivez rien d’autre dans la partie de la feuille qui vous revient : aucun numéro de carte d’immatriculation n’est demandé. Le reste du dossier maladie est le même que pour tout assuré.
learn-claims-where-title = Où les déposer
learn-claims-where = Déposez votre dossier maladie à un point d’accueil de l’ONOUSC.

## Trouver un point d’accueil de l’ONOUSC
offices-title = Trouver un point d’accueil de l’ONOUSC
offices-lead = Déposez vos dossiers maladie à l’un des 34 points d’accueil de l’ONOUSC (Office national des œuvres universitaires sociales et culturelles).
offices-search = Ville, lieu ou adresse
offices-search-hint = Dans n’importe quelle langue, par exemple Fès, فاس ou Agdal.
offices-university = Université
offices-all-universities = Toutes les universités
offices-count = { $count ->
    [0] Aucun point d’accueil trouvé
    [one] 1 point d’accueil
   *[other] { $count } points d’accueil
}
offices-none = Aucun point d’accueil ne correspond à votre recherche. Vérifiez l’orthographe, ou tapez seulement la ville.
offices-mine = Votre université
offices-copy = Copier l’adresse
offices-copied = Adresse copiée.
offices-copy-failed = L’adresse n’a pas pu être copiée : sélectionnez-la et copiez-la vous-même.
offices-map = Voir sur une carte
offices-what-to-bring = Ce qu’il faut écrire sur vos feuilles de soins

## Mises à jour (service worker)
update-ready = Une nouvelle version de ce service est disponible.
update-reload = Recharger la page

## Mode intégré (dans un portail d’université)
embed-unknown-university = Cette page a été configurée pour une université que ce service ne connaît pas :
embed-unknown-university-todo = Choisissez vous-même votre université quand elle vous est demandée, et prévenez le service informatique de votre université pour qu’il corrige la configuration.

## Le code d’un parcours, chargé quand il commence
journey-loading = Chargement…
journey-failed-title = Cette page n’a pas pu se charger
journey-failed = Vérifiez votre connexion, puis réessayez.
journey-retry = Réessayer
needs-javascript = Cette page ne fonctionne que si JavaScript est activé dans votre navigateur. Les pages pour comprendre l’assurance, la liste des universités et les points d’accueil fonctionnent sans.
