/**
 * The sentence a voice preview speaks, in the voice's language when there is one here (a German
 * voice reading English sounds wrong and says nothing about how it reads German).
 */
const SAMPLES: Readonly<Record<string, string>> = {
  en: 'The lighthouse keeper climbed the stairs as the storm rolled in from the sea.',
  de: 'Der Leuchtturmwärter stieg die Treppe hinauf, als der Sturm vom Meer heranzog.',
  fr: 'Le gardien du phare monta l’escalier tandis que la tempête arrivait de la mer.',
  es: 'El farero subió las escaleras mientras la tormenta llegaba desde el mar.',
  it: 'Il guardiano del faro salì le scale mentre la tempesta arrivava dal mare.',
  pt: 'O faroleiro subiu as escadas enquanto a tempestade chegava do mar.',
  nl: 'De vuurtorenwachter beklom de trap terwijl de storm vanaf zee naderde.',
  pl: 'Latarnik wszedł po schodach, gdy od morza nadciągała burza.',
  sv: 'Fyrvaktaren gick uppför trappan medan stormen drog in från havet.',
  da: 'Fyrpasseren gik op ad trappen, mens stormen kom ind fra havet.',
  no: 'Fyrvokteren gikk opp trappen mens stormen kom inn fra havet.',
  fi: 'Majakanvartija nousi portaita, kun myrsky saapui mereltä.',
  cs: 'Strážce majáku vystoupal po schodech, když se od moře blížila bouře.',
  ru: 'Смотритель маяка поднялся по лестнице, когда с моря надвигался шторм.',
  uk: 'Доглядач маяка піднявся сходами, коли з моря насувався шторм.',
  tr: 'Deniz feneri bekçisi, fırtına denizden gelirken merdivenleri tırmandı.',
};

/** The preview sentence for a BCP 47 or Piper language code (`de`, `pt-BR`, `en_US`); English otherwise. */
export function sampleSentenceFor(language: string | undefined): string {
  const primary = language?.toLowerCase().split(/[-_]/)[0] ?? 'en';
  const sample = SAMPLES[primary === 'nb' ? 'no' : primary];
  return sample ?? SAMPLES.en ?? '';
}
