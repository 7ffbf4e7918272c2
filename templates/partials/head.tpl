{{%AUTOESCAPE context="HTML"}}
{{! Document start: <head> and the skip links. Values: PAGE_TITLE, VERSION (template-global). }}
<!DOCTYPE html>
<html lang="fr" data-fr-scheme="system">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="format-detection" content="telephone=no,date=no,address=no,email=no,url=no">
<title>{{PAGE_TITLE}}</title>
<meta name="theme-color" content="#000091">
<link rel="apple-touch-icon" href="/dsfr/favicon/apple-touch-icon.png">
<link rel="icon" href="/dsfr/favicon/favicon.svg" type="image/svg+xml">
<link rel="icon" href="/dsfr/favicon/favicon.ico" sizes="32x32">
<link rel="manifest" href="/dsfr/favicon/manifest.webmanifest" crossorigin="use-credentials">
<link rel="stylesheet" href="/dsfr/dsfr.min.css">
<link rel="stylesheet" href="/dsfr/utility/icons/icons-system/icons-system.min.css">
<link rel="stylesheet" href="/dsfr/utility/icons/icons-device/icons-device.min.css">
<link rel="stylesheet" href="/dsfr/utility/icons/icons-business/icons-business.min.css">
<link rel="stylesheet" href="/static/css/app.css?v={{VERSION}}">
</head>
<body>
<div class="fr-skiplinks">
  <nav class="fr-container" aria-label="Accès rapide">
    <ul class="fr-skiplinks__list">
      <li><a class="fr-link" href="#contenu">Contenu</a></li>
      <li><a class="fr-link" href="#pied-de-page">Pied de page</a></li>
    </ul>
  </nav>
</div>
