# Messages in French. Every key exists in ar, fr and en (checked by tests/locales.rs).

## Frame of every page
service-name = Assurance maladie des étudiants (AMOE)
skip-to-content = Aller au contenu principal
language-switcher-label = Langue
language-ar = العربية
language-fr = Français
language-en = English
footer-about = Service public en ligne de l’assurance maladie obligatoire des étudiants des universités publiques du Maroc.
footer-licence = Logiciel libre et gratuit. Aucun compte n’est nécessaire.

## Home
home-title = Assurance maladie obligatoire des étudiants
home-lead = Chaque année, à l’inscription ou à la réinscription, tout étudiant d’une université publique déclare s’il est déjà couvert par un autre régime d’assurance maladie de base.
home-who = La couverture est gratuite : aucune cotisation n’est à payer. Le numéro de la carte nationale (CIN) suffit pour se faire soigner.
home-journeys-title = Ce que vous pouvez faire ici
journey-declare-title = Faire votre déclaration
journey-declare-text = Pour l’année universitaire en cours, en 3 minutes environ, avec votre CIN et votre code Massar.
journey-status-title = Suivre votre demande
journey-status-text = Sans compte, avec votre CIN, votre code Massar et votre date de naissance.
journey-offices-title = Trouver un bureau de l’ONOUSC
journey-offices-text = Les 34 points d’accueil où déposer vos dossiers de maladie.
journey-universities-title = Les universités et leurs plateformes
journey-universities-text = Les 12 universités publiques et l’adresse de la plateforme AMOE de chacune.
journey-coming-soon = Bientôt disponible

## Universities
universities-title = Les universités publiques
universities-lead = Les 12 universités publiques et l’adresse de leur propre plateforme de déclaration, telle qu’imprimée dans le dépliant officiel.
universities-platform = Plateforme :

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
