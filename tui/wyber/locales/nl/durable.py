"""Nederlandse teksten: wat op schijf staat en wat niet (de schrijver, afsluiten, reddingsbestanden)."""

MESSAGES: dict[str, str] = {
    "durable.rail.broken": "{pending} NIET OPGESLAGEN: de schrijver is gestopt",
    "durable.broken": "De schrijver van wyber is gestopt door een interne fout ({error}), niet door de schijf. Records niet op schijf: {pending}; ze blijven in het geheugen. Stop wyber (Ctrl+Q) om ze in een reddingsbestand te bewaren, en meld dit alsjeblieft: de details staan in het logboek.",
    "durable.leave.title": "Nog niet op schijf — wachtende records: {count}.",
    "durable.leave.ideas": "Ideeën: {texts}",
    "durable.leave.other": "Andere wijzigingen (clusters, stemmen, afspraken, de klok): {count}",
    "durable.leave.retry": "Blijf het proberen en blijf hier (maak ruimte vrij en probeer het dan opnieuw)",
    "durable.leave.rescue": "Laat ze achter in een reddingsbestand naast de sessie, om later terug te zetten",
    "durable.leave.retrying": "wyber blijft het proberen; de records blijven in het geheugen tot ze op schijf staan.",
    "durable.leave.rescued": "Bewaard in {path} — records: {count}. De volgende keer dat deze sessie opengaat (wyber run {session}) biedt wyber aan ze terug te zetten.",
    "durable.leave.rescue_failed": "Ook het reddingsbestand kon niet worden geschreven: {reason}. Er is niets achtergelaten; wyber blijft het proberen.",
    "durable.restore.title": "Achtergebleven in een reddingsbestand toen de schijf ze weigerde ({path}) — records: {count}.",
    "durable.restore.add": "Zet ze terug (opnieuw vastgelegd, op volgorde, na wat op schijf staat)",
    "durable.restore.aside": "Leg ze opzij (naar set-aside/, niet toegevoegd)",
    "durable.restore.added": "Teruggezet uit het reddingsbestand — records: {count}.",
    "durable.restore.moved": "Het reddingsbestand is verplaatst naar {path}.",
    "durable.restore.later": "Het reddingsbestand blijft waar het is; het wordt de volgende keer weer aangeboden.",
    "durable.rescue.damaged": "Het reddingsbestand {path} is niet te lezen: {reason}. Het blijft waar het is.",
}
