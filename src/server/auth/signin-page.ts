/** What the sign-in page shows around the form. */
export interface SigninPage {
  mode: 'mailbox' | 'proxy';
  error?: string;
  username?: string;
  /** Where to go after signing in (a path on this server). */
  next?: string;
  /** A line under the form, e.g. the demo accounts. */
  hint?: string;
}

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

// type=text, not email: Exchange also accepts DOMAIN\user, which an email field would refuse.

/**
 * The server-rendered sign-in page: it works before the app is built or cached, and without
 * script (the CSP allows none inline). The standard autocomplete tokens let password managers fill it.
 * @see https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#autofill
 */
export function renderSigninPage(p: SigninPage): string {
  const where =
    p.mode === 'proxy'
      ? 'Use the email address and password of your Exchange account.'
      : 'Sign in to your Tern mailbox.';
  const error = p.error ? `<p class="error" role="alert">${escape(p.error)}</p>` : '';
  const hint = p.hint ? `<p class="hint">${escape(p.hint)}</p>` : '';
  const next = p.next ? `<input type="hidden" name="next" value="${escape(p.next)}">` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Sign in · Tern</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; min-height: 100vh; display: grid; place-items: center; }
  main { width: min(22rem, 100% - 2rem); }
  h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
  label { display: block; margin-top: 1rem; font-weight: 600; }
  input:not([type=hidden]) { box-sizing: border-box; width: 100%; font: inherit; padding: .55rem .65rem; margin-top: .25rem; border: 1px solid #8a8a8a; border-radius: 6px; }
  button { margin-top: 1.5rem; width: 100%; font: inherit; font-weight: 600; padding: .6rem; border: 0; border-radius: 6px; background: #1d5fbf; color: #fff; cursor: pointer; }
  button:focus-visible, input:focus-visible { outline: 3px solid #7fb0ff; outline-offset: 1px; }
  .error { color: #b00020; background: #fde8eb; padding: .5rem .75rem; border-radius: 6px; }
  .hint, .where { color: #666; font-size: .9rem; }
  @media (prefers-color-scheme: dark) { .error { color: #ffb4c0; background: #4a1620; } .hint, .where { color: #aaa; } }
</style>
</head>
<body>
<main>
<h1>Tern</h1>
<p class="where">${where}</p>
${error}
<form method="post" action="/api/session">
${next}
<label for="username">Email address</label>
<input id="username" name="username" type="text" inputmode="email" autocomplete="username" autocapitalize="none" spellcheck="false" required autofocus value="${escape(p.username ?? '')}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>
${hint}
</main>
</body>
</html>
`;
}
