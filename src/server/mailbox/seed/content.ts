import type { Addr } from '../store/rows.js';

/** People who write to the demo user. Reserved domains only (RFC 2606 / RFC 6761). */
export const PEOPLE: readonly Addr[] = [
  { name: 'Claire Dubois', email: 'claire.dubois@example.fr' },
  { name: 'Marc Lefèvre', email: 'marc.lefevre@example.fr' },
  { name: 'Sofia Rossi', email: 'sofia.rossi@example.com' },
  { name: "James O'Neill", email: 'james.oneill@example.com' },
  { name: 'Priya Natarajan', email: 'priya@example.org' },
  { name: 'Tomás García', email: 'tomas.garcia@example.net' },
  { name: 'Hannah Becker', email: 'h.becker@example.de' },
  { name: 'Élodie Martin', email: 'elodie.martin@example.fr' },
  { name: 'Kenji Watanabe', email: 'kenji@example.jp' },
  { name: 'Amara Okafor', email: 'amara.okafor@example.com' },
  { name: 'Lucas Moreau', email: 'lucas.moreau@example.fr' },
  { name: 'Grace Hopper', email: 'grace@example.org' },
  { name: 'Noah Schmidt', email: 'noah.schmidt@example.net' },
  { name: 'Inès Benali', email: 'ines.benali@example.fr' },
  { name: 'Oliver Brown', email: 'oliver.brown@example.co.uk' },
  { name: 'Maya Cohen', email: 'maya.cohen@example.com' },
  { name: 'Julien Petit', email: 'julien.petit@example.fr' },
  { name: 'Zoë Visser', email: 'zoe.visser@example.nl' },
];

export const SHOPS = [
  'Papeterie Lumière',
  'Northwind Traders',
  'Contoso Books',
  'Café Marguerite',
  'Fabrikam Hardware',
];
export const CITIES = ['Lyon', 'Lisbon', 'Montréal', 'Berlin', 'Edinburgh', 'Marseille', 'Kyoto', 'Bordeaux'];
export const BRANDS = ['The Weekly Byte', 'La Lettre du Design', 'Open Source Digest', 'Carnets de voyage'];

export type Lang = 'en' | 'fr';

export interface Topic {
  name: string;
  /** Where mail of this topic is filed when it is not left in the Inbox. */
  folder?: string;
  subjects: Record<Lang, readonly string[]>;
  sentences: Record<Lang, readonly string[]>;
}

export const TOPICS: readonly Topic[] = [
  {
    name: 'alpha',
    folder: 'Alpha',
    subjects: {
      en: [
        'Alpha sprint review',
        'Alpha: API schema v{n}',
        'Alpha launch checklist',
        'Alpha design notes',
        'Alpha staging is down',
      ],
      fr: [
        'Alpha — revue de sprint',
        'Alpha : schéma de l’API v{n}',
        'Alpha : liste de lancement',
        'Alpha : notes de conception',
      ],
    },
    sentences: {
      en: [
        'The sync endpoint now pages 512 changes at a time and the client keeps up.',
        'I moved the launch to the second week of the month so QA has room.',
        'Could you review the schema change before Thursday?',
        'We still see a few duplicate rows after an interrupted sync.',
        'The offline queue survived a browser restart in every run this morning.',
        'Let us keep the old endpoint until the last client has moved.',
        'Staging is back up; the certificate had expired overnight.',
      ],
      fr: [
        'Le point de synchronisation renvoie maintenant 512 changements par page.',
        'J’ai décalé le lancement à la deuxième semaine du mois pour laisser du temps aux tests.',
        'Peux-tu relire la modification du schéma avant jeudi ?',
        'On voit encore quelques doublons après une synchronisation interrompue.',
        'La file hors ligne a tenu après un redémarrage du navigateur.',
        'Gardons l’ancien point d’accès jusqu’à la migration du dernier client.',
      ],
    },
  },
  {
    name: 'beta',
    folder: 'Beta',
    subjects: {
      en: ['Beta: customer feedback', 'Beta onboarding flow', 'Beta metrics for week {n}', 'Beta pricing draft'],
      fr: [
        'Beta : retours clients',
        'Beta : parcours d’accueil',
        'Beta : chiffres de la semaine {n}',
        'Beta : proposition tarifaire',
      ],
    },
    sentences: {
      en: [
        'Three customers asked for an export to CSV.',
        'Activation is up eight percent since the new onboarding screens.',
        'The pricing page needs one more pass from legal.',
        'Support tickets dropped after we fixed the login loop.',
        'Can we meet on Tuesday to go through the numbers?',
      ],
      fr: [
        'Trois clients ont demandé un export CSV.',
        'L’activation a progressé de huit pour cent depuis les nouveaux écrans.',
        'La page des tarifs doit encore passer par le service juridique.',
        'Les tickets de support ont baissé depuis la correction de la boucle de connexion.',
        'On se voit mardi pour passer les chiffres en revue ?',
      ],
    },
  },
  {
    name: 'receipt',
    folder: 'Receipts',
    subjects: {
      en: ['Your receipt from {shop}', 'Order #{n} confirmed', 'Payment received — thank you'],
      fr: ['Votre reçu {shop}', 'Commande n° {n} confirmée', 'Paiement reçu — merci'],
    },
    sentences: {
      en: [
        'Thank you for your order. Your receipt is attached as a PDF.',
        'Total charged: {amount} EUR. Items will ship within two working days.',
        'Keep this email for your records.',
      ],
      fr: [
        'Merci pour votre commande. Votre reçu est joint au format PDF.',
        'Montant débité : {amount} EUR. Expédition sous deux jours ouvrés.',
        'Conservez cet e-mail pour vos archives.',
      ],
    },
  },
  {
    name: 'travel',
    folder: 'Travel',
    subjects: {
      en: ['Your flight to {city}', 'Booking confirmation — Hotel {city}', 'Train tickets: Paris → {city}'],
      fr: ['Votre vol pour {city}', 'Confirmation de réservation — Hôtel {city}', 'Billets de train : Paris → {city}'],
    },
    sentences: {
      en: [
        'Your booking is confirmed. Check-in opens 24 hours before departure.',
        'Please bring a photo ID matching the name on the booking.',
        'Breakfast is served from 7:00 to 10:30.',
        'Your e-ticket is attached.',
      ],
      fr: [
        'Votre réservation est confirmée. L’enregistrement ouvre 24 heures avant le départ.',
        'Munissez-vous d’une pièce d’identité au nom de la réservation.',
        'Le petit-déjeuner est servi de 7 h à 10 h 30.',
        'Votre billet électronique est joint.',
      ],
    },
  },
  {
    name: 'newsletter',
    folder: 'Newsletters',
    subjects: {
      en: ['{brand} #{n}: what we read this week', '{brand} — issue {n}'],
      fr: ['{brand} n° {n} : nos lectures de la semaine', '{brand} — numéro {n}'],
    },
    sentences: {
      en: [
        'This week: offline-first apps, the return of the service worker, and a long read on IndexedDB.',
        'Our pick: a short essay on why sync is a state machine.',
        'Unsubscribe at any time from the link at the bottom of this email.',
      ],
      fr: [
        'Cette semaine : les applications hors ligne, le retour du service worker et un long format sur IndexedDB.',
        'Notre sélection : un court essai sur la synchronisation comme machine à états.',
        'Désabonnez-vous à tout moment via le lien en bas de cet e-mail.',
      ],
    },
  },
  {
    name: 'work',
    subjects: {
      en: [
        'Quick question',
        'Notes from today’s meeting',
        'Quarterly plan',
        'Can you take a look?',
        'Re-org announcement',
        'Hiring update',
      ],
      fr: [
        'Petite question',
        'Compte rendu de la réunion',
        'Plan du trimestre',
        'Tu peux jeter un œil ?',
        'Point recrutement',
      ],
    },
    sentences: {
      en: [
        'Thanks for the quick turnaround on this.',
        'I have added my comments to the shared document.',
        'Let me know if Friday works for you.',
        'The budget is approved for the next quarter.',
        'I will be out of office next week; Sofia is covering.',
        'Attached are the slides from this morning.',
        'We agreed to revisit this after the release.',
      ],
      fr: [
        'Merci pour ta réactivité.',
        'J’ai ajouté mes commentaires dans le document partagé.',
        'Dis-moi si vendredi te convient.',
        'Le budget est validé pour le prochain trimestre.',
        'Je serai absent la semaine prochaine ; Claire assure l’intérim.',
        'Ci-joint les diapositives de ce matin.',
      ],
    },
  },
  {
    name: 'social',
    subjects: {
      en: ['Dinner on Friday?', 'Photos from the weekend', 'Happy birthday!', 'Book recommendation'],
      fr: ['Dîner vendredi ?', 'Les photos du week-end', 'Joyeux anniversaire !', 'Un livre à te conseiller'],
    },
    sentences: {
      en: [
        'We found a lovely place near the river.',
        'The kids still talk about the boat trip.',
        'I just finished it and thought of you immediately.',
        'Bring a jacket, it gets cold after sunset.',
      ],
      fr: [
        'On a trouvé un endroit charmant au bord de la rivière.',
        'Les enfants parlent encore de la balade en bateau.',
        'Je viens de le terminer et j’ai tout de suite pensé à toi.',
        'Prends une veste, il fait frais après le coucher du soleil.',
      ],
    },
  },
  {
    name: 'junk',
    folder: 'junkemail',
    subjects: {
      en: ['You have WON a prize!!!', 'Urgent: verify your account now', 'Limited offer — 90% off'],
      fr: ['Vous avez GAGNÉ !!!', 'Urgent : vérifiez votre compte', 'Offre limitée — 90 % de remise'],
    },
    sentences: {
      en: ['Click the link below to claim your reward.', 'Act now, this offer expires today.'],
      fr: ['Cliquez sur le lien ci-dessous pour réclamer votre gain.', 'Agissez vite, l’offre expire aujourd’hui.'],
    },
  },
];

export const GREETING: Record<Lang, readonly string[]> = {
  en: ['Hi {first},', 'Hello {first},', 'Dear {first},', '{first},'],
  fr: ['Bonjour {first},', 'Salut {first},', 'Chère {first},', '{first},'],
};

export const SIGN_OFF: Record<Lang, readonly string[]> = {
  en: ['Best,', 'Thanks,', 'Cheers,', 'Kind regards,'],
  fr: ['Bien à toi,', 'Merci,', 'À bientôt,', 'Cordialement,'],
};

export const CATEGORIES = ['Red category', 'Blue category', 'Project Alpha', 'Travel', 'Follow up'];

// A 1×1 PNG (the logo in newsletters and signatures) and a one-page PDF: real files, tiny.
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkaPhfDwAEhAHzmKqJ8wAAAABJRU5ErkJggg==',
  'base64',
);

export function pdf(title: string): Buffer {
  const text = title.replace(/[()\\]/g, '');
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
