/** The one stylesheet of the web pages, inlined under the CSP nonce: small, mobile first. */
export const PAGE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;min-height:100vh;display:flex;flex-direction:column;align-items:center;
  font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Hiragino Sans","Noto Sans JP","Noto Sans",sans-serif;
  color:#1f2430;background:#f3f4f7}
a{color:#c42d22}
.top{width:100%;max-width:480px;display:flex;justify-content:space-between;align-items:center;gap:6px 8px;padding:16px 12px 8px;flex-wrap:wrap}
.brand{display:flex;align-items:center;gap:8px;font-weight:700;letter-spacing:.01em;white-space:nowrap}
.brand-mark{display:inline-grid;place-items:center;width:26px;height:26px;border-radius:8px;background:#e8452c;color:#fff;font-size:15px}
.langs{display:flex;gap:2px;font-size:13px;margin-left:auto}
.langs a{padding:3px 6px;white-space:nowrap;border-radius:999px;text-decoration:none;color:#4a5263}
.langs a[aria-current]{background:#1f2430;color:#fff}
.session{width:100%;max-width:480px;display:flex;gap:8px;align-items:center;justify-content:flex-end;padding:0 16px;font-size:14px;color:#4a5263;margin:0}
main{width:100%;max-width:480px;padding:8px 16px 24px;flex:1}
.card{background:#fff;border-radius:18px;box-shadow:0 1px 2px rgba(20,25,40,.06),0 8px 24px rgba(20,25,40,.06);padding:28px 24px;text-align:center}
.avatar{width:88px;height:88px;border-radius:50%;display:grid;place-items:center;margin:0 auto 12px;color:#fff;font-size:34px;font-weight:600}
.av-0{background:#e8452c}.av-1{background:#2f7de1}.av-2{background:#16a085}.av-3{background:#8e44ad}
.av-4{background:#d35400}.av-5{background:#2c3e50}.av-6{background:#c0392b}.av-7{background:#0f8b8d}
h1{font-size:24px;line-height:1.25;margin:0 0 4px;overflow-wrap:anywhere}
h2{font-size:18px;margin:0 0 12px}
.handle{color:#5d6576;margin:0 0 20px;font-size:15px;overflow-wrap:anywhere}
.handle b{color:#1f2430;font-weight:600}
.state{margin:0 0 20px}
.chatwork{margin:0 0 20px}
.chatwork .handle{margin:0 0 8px}
.state p{margin:8px 0 0;color:#4a5263}
.lead{font-weight:600;color:#1f2430!important;font-size:17px}
.pill{display:inline-flex;align-items:center;gap:6px;padding:6px 14px;border-radius:999px;font-weight:600;font-size:15px}
.pill.ok{background:#e3f5ea;color:#17713f}
.pill.wait{background:#fff3d6;color:#8a5a00}
button,.button{font:inherit;cursor:pointer;border:0;border-radius:10px;padding:11px 18px;font-weight:600;text-decoration:none;display:inline-block}
.primary{background:#e8452c;color:#fff;width:100%;font-size:17px;padding:14px 18px}
.primary:hover{background:#cf3a22}
.secondary{background:#eef0f4;color:#1f2430;white-space:nowrap}
.secondary:hover{background:#e1e4ea}
.link-button{background:none;padding:0;color:#c42d22;font-weight:600;text-decoration:underline}
button:focus-visible,a:focus-visible,input:focus-visible{outline:3px solid #2f7de1;outline-offset:2px}
.copy{display:flex;gap:8px;margin:8px 0 0}
.copy input{flex:1;min-width:0;font:inherit;font-size:15px;padding:10px 12px;border:1px solid #d5d9e1;border-radius:10px;background:#fafbfc;color:#1f2430}
.label{display:block;text-align:left;font-size:13px;color:#5d6576;margin-top:16px}
.qr{margin:24px 0 0;padding-top:20px;border-top:1px solid #eceef2}
.qr img{width:184px;height:184px;image-rendering:pixelated}
.qr p{margin:4px 0 0;font-size:13px;color:#5d6576}
.notice{border-radius:12px;padding:12px 14px;margin:0 0 16px;text-align:left;font-size:15px}
.notice.ok{background:#e3f5ea;color:#17713f}
.notice.error{background:#fdeaea;color:#9b1c1c}
.join{margin-top:16px;background:#fff;border-radius:18px;padding:22px 24px;box-shadow:0 1px 2px rgba(20,25,40,.06)}
.join:target{outline:3px solid #f5b8ad}
.join ol{padding-left:20px;margin:0}
.join li{margin:0 0 14px}
.join .hint{font-size:14px;color:#5d6576;margin:12px 0 0}
.message{text-align:center}
.message p{color:#4a5263}
footer{padding:8px 16px 24px;font-size:13px;color:#7a8191;text-align:center;max-width:480px}
@media (max-width:380px){.card{padding:22px 16px}.copy{flex-direction:column}}
`;
