# Le titre du cadre que embed.js insère dans un portail d’université (lu par
# les lecteurs d’écran). Servi par l’API dans /embed.js.
embed-title-declare = Assurance maladie obligatoire des étudiants : faire votre déclaration
embed-title-status = Assurance maladie obligatoire des étudiants : suivre votre déclaration
