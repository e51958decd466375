/**
 * The onboarding page (/setup), in Chinese: how a tablet trusts the venue server's certificate
 * authority (iPadOS and Android steps), then opens the app over https. Served over plain http
 * too, since a tablet that does not trust the authority yet cannot open the https address.
 */

export interface OnboardingInfo {
  /** The host name the tablet used (from its request), without the port. */
  hostname: string;
  /** null when https is off. */
  httpsPort: number | null;
  /** True when the server made its own authority (so /ca.crt exists). */
  hasLocalAuthority: boolean;
  /** SHA-256 fingerprint of the authority's certificate, to compare on the tablet. */
  caFingerprint: string | null;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const STYLE = `
body{margin:0;font-family:"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;font-size:18px;
line-height:1.7;color:#1a1a1a;background:#fffdf7}
header{background:#b71c1c;color:#fff;border-bottom:4px solid #d4a017;padding:.75rem 1rem;font-weight:700;font-size:1.25rem}
main{max-width:46rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
.button{display:inline-flex;align-items:center;justify-content:center;min-height:48px;min-width:48px;
padding:0 1.25rem;border-radius:12px;background:#b71c1c;color:#fff;font-weight:700;text-decoration:none}
.button:focus-visible,a:focus-visible{outline:3px solid #1a1a1a;outline-offset:3px}
.card{background:#fff;border:1px solid #e4dccb;border-radius:12px;padding:.5rem 1.25rem;margin:1rem 0}
code{word-break:break-all;font-size:.85em}a{color:#b71c1c}
`;

export function onboardingPage(info: OnboardingInfo): string {
  const host = escapeHtml(info.hostname.includes(':') ? `[${info.hostname}]` : info.hostname);
  const httpsUrl = info.httpsPort === null ? null : `https://${host}:${info.httpsPort}/`;
  const openApp = httpsUrl
    ? `<p><a class="button" href="${httpsUrl}">打开评分系统（安全连接）</a></p><p>地址：<code>${httpsUrl}</code></p>`
    : '<p>本场馆服务器未开启 https，平板只能使用在线模式。</p>';

  let body: string;
  if (!info.hasLocalAuthority) {
    body = `<h1>连接场馆服务器</h1>
<p>本场馆服务器使用组织者提供的证书，平板通常无需安装证书，直接打开安全连接即可。</p>
${openApp}`;
  } else {
    body = `<h1>平板设置：安装场馆证书</h1>
<p>评分系统要在断网时也能在平板上使用（离线应用），平板必须通过 https 安全连接访问场馆服务器。场馆服务器使用自己制作的证书，每台平板需要先信任它一次，以后无需再装。</p>
<p><a class="button" href="/ca.crt" download="leitai-ca.crt">下载场馆证书</a></p>
${info.caFingerprint ? `<p>证书指纹（SHA-256，安装时可核对）：<br><code>${escapeHtml(info.caFingerprint)}</code></p>` : ''}
<section class="card" aria-labelledby="ipad">
<h2 id="ipad">iPad（iPadOS）</h2>
<ol>
<li>用 Safari 打开本页，点“下载场馆证书”，在提示中点“允许”，再点“关闭”。</li>
<li>打开“设置”，点左上方的“已下载描述文件”，点右上角“安装”，输入设备密码，再点“安装”，最后点“完成”。</li>
<li>打开“设置 &gt; 通用 &gt; 关于本机 &gt; 证书信任设置”，打开“Leitai Venue CA”旁边的开关，点“继续”。</li>
<li>回到 Safari，点下面的“打开评分系统（安全连接）”，然后点分享按钮，选“添加到主屏幕”。</li>
</ol>
</section>
<section class="card" aria-labelledby="android">
<h2 id="android">安卓平板（Android）</h2>
<ol>
<li>用 Chrome 打开本页，点“下载场馆证书”，文件保存为 leitai-ca.crt。</li>
<li>打开“设置”，搜索“CA 证书”或“加密与凭据”，依次点“安装证书 &gt; CA 证书”，点“仍然安装”，选择刚下载的 leitai-ca.crt。（华为：设置 &gt; 安全 &gt; 更多安全设置 &gt; 加密和凭据 &gt; 从存储设备安装 &gt; CA 证书；小米：设置 &gt; 密码与安全 &gt; 系统安全 &gt; 加密与凭据 &gt; 安装证书 &gt; CA 证书。）</li>
<li>如提示设置锁屏密码，请按提示设置。</li>
<li>回到 Chrome，点下面的“打开评分系统（安全连接）”，然后在菜单中选“添加到主屏幕”。</li>
</ol>
</section>
<h2>安装完成后</h2>
${openApp}
<p>如果浏览器仍提示“不安全”或“证书无效”，请检查上面的步骤是否全部完成，或请工作人员帮忙。</p>`;
  }
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>平板设置 · 擂台评分</title>
<style>${STYLE}</style>
</head>
<body>
<header>擂台评分 · 场馆服务器</header>
<main>
${body}
</main>
</body>
</html>
`;
}
