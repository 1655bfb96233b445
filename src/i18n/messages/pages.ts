/**
 * The plain pages the Teams app package and the footer link to: `/` (how to get started), `/privacy`
 * (what is stored and how to delete it) and `/terms`. Params are inserted verbatim: the page escapes.
 */
export const pages = {
  en: {
    'pages.home_intro':
      'Chatwork Invite gives everyone in Slack and Microsoft Teams a Chatwork ID and an invite link. Whoever opens your link can send you a contact request, and you accept it in the chat you already use.',
    'pages.home_start': 'Get started',
    'pages.home_slack':
      'In Slack: type /chatwork-invite in any channel to post your invite card, or /chatwork-invite help to see everything it does.',
    'pages.home_teams':
      'In Microsoft Teams: add the Chatwork Invite app, then send “invite” to the bot (or “help”).',
    'pages.home_web': 'On the web: send “web” to the bot for a one-time sign-in link to your invite page.',
    'pages.home_admin':
      'Not there yet? An administrator of your Slack workspace or Microsoft 365 organization installs the app.',
    'pages.privacy': 'Privacy',
    'pages.terms': 'Terms of use',
    'pages.privacy_intro':
      'Chatwork Invite keeps only what it needs to connect people. It is run by the organization that installed it for you.',
    'pages.privacy_stored': 'What is stored',
    'pages.privacy_account':
      'Your account: your Chatwork ID, display name and language, and the Slack or Teams user and workspace it belongs to. An old Chatwork ID keeps pointing to you for 30 days.',
    'pages.privacy_requests':
      'Your contact requests (with their optional note), your contacts, the people you blocked, and notifications until they are delivered to you.',
    'pages.privacy_platform':
      'What it needs to message you: the Slack workspace’s bot token (encrypted) and your Teams chat with the bot. Your Slack name and language are cached for a short while.',
    'pages.privacy_web':
      'If you sign in on the web: a session cookie that lasts up to {days} days (the server keeps only a keyed hash of it). Sign-in links last 10 minutes and work once.',
    'pages.privacy_not':
      'It does not read your messages, and nothing is sold or shared. Server logs record requests without passwords, tokens or cookies.',
    'pages.privacy_delete': 'How to delete it',
    'pages.privacy_delete_self':
      'At any time: withdraw your requests, remove or block contacts (“withdraw”, “remove”, “block”), leave search results (“find off”), and sign out on the web.',
    'pages.privacy_delete_all':
      'To delete your whole account, send “delete my data” to the bot and confirm; “export my data” gives you a copy of everything stored first. Uninstalling the Slack app deletes that workspace’s token; removing the Teams app deletes your chat reference.',
    'pages.terms_provider':
      'Chatwork Invite is provided by the organization that installed it, to connect people through Slack and Microsoft Teams.',
    'pages.terms_use':
      'Use it only to connect with people who want to hear from you: no spam, no pretending to be someone else, no attempts to get around its limits. Anyone can decline a request or block its sender.',
    'pages.terms_warranty':
      'It is provided as is, without warranty. Your organization’s rules for Slack and Teams apply.',
    'pages.terms_privacy': 'What is stored and how to delete it is on the Privacy page.',
  },
  ja: {
    'pages.home_intro':
      'Chatwork Invite は、Slack と Microsoft Teams のすべての人に Chatwork ID と招待リンクを用意します。あなたのリンクを開いた人はコンタクト追加リクエストを送れて、あなたはいつものチャットで承認できます。',
    'pages.home_start': 'はじめかた',
    'pages.home_slack':
      'Slack: 任意のチャンネルで /chatwork-invite と入力すると招待カードを投稿します。/chatwork-invite help ですべての使い方を表示します。',
    'pages.home_teams':
      'Microsoft Teams: Chatwork Invite アプリを追加し、ボットに「invite」（または「help」）と送信します。',
    'pages.home_web': 'Web: ボットに「web」と送信すると、招待ページ用の1回限りのログインリンクが届きます。',
    'pages.home_admin':
      'まだ使えない場合は、Slack ワークスペースまたは Microsoft 365 組織の管理者がアプリをインストールします。',
    'pages.privacy': 'プライバシー',
    'pages.terms': '利用規約',
    'pages.privacy_intro':
      'Chatwork Invite は、人をつなぐために必要なものだけを保存します。運営するのは、あなたのためにこのアプリをインストールした組織です。',
    'pages.privacy_stored': '保存するもの',
    'pages.privacy_account':
      'アカウント: Chatwork ID、表示名、言語、およびそれが属する Slack または Teams のユーザーとワークスペース。変更前の Chatwork ID は30日間あなたを指し続けます。',
    'pages.privacy_requests':
      'コンタクト追加リクエスト（任意のメッセージを含む）、コンタクト、ブロックした相手、そしてあなたに届くまでの通知。',
    'pages.privacy_platform':
      'あなたにメッセージを送るために必要なもの: Slack ワークスペースのボットトークン（暗号化）と、Teams のボットとのチャット。Slack の名前と言語は短時間キャッシュします。',
    'pages.privacy_web':
      'Web でログインした場合: 最長{days}日間有効なセッション Cookie（サーバーには鍵付きハッシュのみを保存）。ログインリンクの有効期限は10分で、1回だけ使えます。',
    'pages.privacy_not':
      'あなたのメッセージを読むことはなく、販売も共有もしません。サーバーログには、パスワード・トークン・Cookie を除いたリクエストが記録されます。',
    'pages.privacy_delete': '削除のしかた',
    'pages.privacy_delete_self':
      'いつでも: リクエストの取り消し、コンタクトの削除やブロック（「withdraw」「remove」「block」）、検索結果からの除外（「find off」）、Web からのログアウトができます。',
    'pages.privacy_delete_all':
      'アカウントをすべて削除するには、ボットに「delete my data」と送って確認してください。先に「export my data」で保存されているものすべてのコピーを受け取れます。Slack アプリをアンインストールするとそのワークスペースのトークンが、Teams アプリを削除するとチャットの参照が削除されます。',
    'pages.terms_provider':
      'Chatwork Invite は、Slack と Microsoft Teams で人をつなぐために、インストールした組織が提供します。',
    'pages.terms_use':
      'あなたからの連絡を望む人とつながるためだけに使ってください。スパム、なりすまし、制限を回避する行為は禁止です。誰でもリクエストを辞退し、送信者をブロックできます。',
    'pages.terms_warranty':
      '現状のまま提供され、いかなる保証もありません。Slack と Teams に関する組織の規則が適用されます。',
    'pages.terms_privacy': '保存するものと削除のしかたは、プライバシーのページにあります。',
  },
  vi: {
    'pages.home_intro':
      'Chatwork Invite cấp cho mọi người trong Slack và Microsoft Teams một Chatwork ID và một liên kết mời. Ai mở liên kết của bạn đều có thể gửi yêu cầu liên hệ, và bạn chấp nhận ngay trong cuộc trò chuyện quen thuộc.',
    'pages.home_start': 'Bắt đầu',
    'pages.home_slack':
      'Trong Slack: gõ /chatwork-invite ở bất kỳ kênh nào để đăng thẻ mời, hoặc /chatwork-invite help để xem mọi chức năng.',
    'pages.home_teams':
      'Trong Microsoft Teams: thêm ứng dụng Chatwork Invite, rồi gửi “invite” (hoặc “help”) cho bot.',
    'pages.home_web':
      'Trên web: gửi “web” cho bot để nhận liên kết đăng nhập dùng một lần vào trang mời của bạn.',
    'pages.home_admin':
      'Chưa có ứng dụng? Quản trị viên không gian làm việc Slack hoặc tổ chức Microsoft 365 của bạn sẽ cài đặt nó.',
    'pages.privacy': 'Quyền riêng tư',
    'pages.terms': 'Điều khoản sử dụng',
    'pages.privacy_intro':
      'Chatwork Invite chỉ lưu những gì cần để kết nối mọi người. Dịch vụ do tổ chức đã cài đặt ứng dụng cho bạn vận hành.',
    'pages.privacy_stored': 'Những gì được lưu',
    'pages.privacy_account':
      'Tài khoản của bạn: Chatwork ID, tên hiển thị và ngôn ngữ, cùng người dùng và không gian làm việc Slack hoặc Teams mà nó thuộc về. Chatwork ID cũ vẫn trỏ đến bạn trong 30 ngày.',
    'pages.privacy_requests':
      'Các yêu cầu liên hệ của bạn (kèm lời nhắn nếu có), danh bạ, những người bạn đã chặn, và các thông báo cho đến khi được gửi tới bạn.',
    'pages.privacy_platform':
      'Những gì cần để nhắn tin cho bạn: token bot của không gian làm việc Slack (được mã hóa) và cuộc trò chuyện Teams của bạn với bot. Tên và ngôn ngữ Slack của bạn được lưu tạm trong thời gian ngắn.',
    'pages.privacy_web':
      'Nếu bạn đăng nhập trên web: một cookie phiên có hiệu lực tối đa {days} ngày (máy chủ chỉ giữ giá trị băm có khóa của nó). Liên kết đăng nhập có hiệu lực 10 phút và chỉ dùng được một lần.',
    'pages.privacy_not':
      'Dịch vụ không đọc tin nhắn của bạn, không bán hay chia sẻ dữ liệu. Nhật ký máy chủ ghi lại các yêu cầu mà không có mật khẩu, token hay cookie.',
    'pages.privacy_delete': 'Cách xóa',
    'pages.privacy_delete_self':
      'Bất cứ lúc nào: rút lại yêu cầu, xóa hoặc chặn liên hệ (“withdraw”, “remove”, “block”), rời khỏi kết quả tìm kiếm (“find off”) và đăng xuất trên web.',
    'pages.privacy_delete_all':
      'Để xóa toàn bộ tài khoản, hãy gửi “delete my data” cho bot và xác nhận; trước đó, “export my data” cho bạn một bản sao mọi thứ được lưu. Gỡ ứng dụng Slack sẽ xóa token của không gian làm việc đó; gỡ ứng dụng Teams sẽ xóa tham chiếu cuộc trò chuyện của bạn.',
    'pages.terms_provider':
      'Chatwork Invite do tổ chức đã cài đặt nó cung cấp, để kết nối mọi người qua Slack và Microsoft Teams.',
    'pages.terms_use':
      'Chỉ dùng để kết nối với những người muốn nghe từ bạn: không spam, không giả danh người khác, không tìm cách vượt qua các giới hạn. Bất kỳ ai cũng có thể từ chối yêu cầu hoặc chặn người gửi.',
    'pages.terms_warranty':
      'Dịch vụ được cung cấp nguyên trạng, không có bảo đảm. Các quy định của tổ chức bạn về Slack và Teams được áp dụng.',
    'pages.terms_privacy': 'Những gì được lưu và cách xóa có ở trang Quyền riêng tư.',
  },
} as const;
