/** Line icons on a 24×24 grid, drawn for Tern; decorative (the button or link carries the name). */
const PATHS = {
  inbox: 'M3 13h5l2 3h4l2-3h5M5 5h14l2 8v6H3v-6z',
  drafts: 'M4 20h4L19 9l-4-4L4 16zM13 7l4 4',
  sent: 'M3 11l18-8-8 18-2-8z M11 13l10-10',
  archive: 'M3 4h18v4H3zM5 8v12h14V8M10 12h4',
  trash: 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13M10 11v6M14 11v6',
  junk: 'M12 3a9 9 0 100 18 9 9 0 000-18zM5.6 5.6l12.8 12.8',
  outbox: 'M12 15V3M7 8l5-5 5 5M4 13v7h16v-7',
  folder: 'M3 6h6l2 2h10v11H3z',
  flag: 'M5 21V4M5 4h11l-2 4 2 4H5',
  tag: 'M3 3h8l10 10-8 8L3 11zM7.5 7.5v.01',
  link: 'M10 14a4 4 0 005.7 0l3-3a4 4 0 00-5.7-5.7l-1 1M14 10a4 4 0 00-5.7 0l-3 3a4 4 0 005.7 5.7l1-1',
  clip: 'M20 11l-8.5 8.5a5 5 0 01-7-7L13 4a3.5 3.5 0 015 5l-8.5 8.5a2 2 0 01-3-3L14 7',
  reply: 'M10 8L4 13l6 5M4 13h10a6 6 0 016 6',
  replyAll: 'M8 8l-5 5 5 5M13 8l-5 5 5 5M8 13h7a6 6 0 016 6',
  forward: 'M14 8l6 5-6 5M20 13H10a6 6 0 00-6 6',
  read: 'M3 10l9-6 9 6v10H3zM3 10l9 6 9-6',
  unread: 'M3 6h18v12H3zM3 6l9 7 9-7',
  search: 'M11 4a7 7 0 100 14 7 7 0 000-14zM16 16l5 5',
  menu: 'M4 7h16M4 12h16M4 17h16',
  back: 'M15 5l-7 7 7 7',
  more: 'M12 5v.01M12 12v.01M12 19v.01',
  sync: 'M20 12a8 8 0 01-14 5M4 12a8 8 0 0114-5M18 3v4h-4M6 21v-4h4',
  compose: 'M12 5v14M5 12h14',
  move: 'M3 6h6l2 2h10v11H3zM12 13h6M15 10l3 3-3 3',
  chevronRight: 'M9 6l6 6-6 6',
  chevronDown: 'M6 9l6 6 6-6',
  close: 'M6 6l12 12M18 6L6 18',
  print: 'M6 9V3h12v6M6 18H4v-8h16v8h-2M6 14h12v7H6z',
  download: 'M12 4v11M7 10l5 5 5-5M5 20h14',
  settings:
    'M12 9a3 3 0 100 6 3 3 0 000-6zM12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9l2.1 2.1M17 17l2.1 2.1M4.9 19.1L7 17M17 7l2.1-2.1',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, class: className }: { name: IconName; class?: string }) {
  return (
    <svg
      class={className ? `icon ${className}` : 'icon'}
      viewBox="0 0 24 24"
      width="18"
      height="18"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
