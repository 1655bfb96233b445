/**
 * An organisation's admins (`admin …`, the admin section of Slack App Home and of the Teams personal
 * chat, the audit download): its policy for requests with other organisations, same-organisation
 * auto-connect, audit retention and export. Plain text with `{placeholders}`; params are escaped by the renderer.
 */
export const admin = {
  en: {
    'admin.refused':
      'Only an admin of your organisation can do this: a workspace admin or owner in Slack; in Teams, the person who first added the app in your organisation or an admin your operator listed. Nothing was changed.',
    'admin.private_only':
      'Admin commands are answered only where no one else sees them: write them in your personal chat with the bot.',
    'admin.title': 'Chatwork Invite policy of your organisation',
    'admin.org.slack_team': 'Slack workspace',
    'admin.org.slack_enterprise': 'Slack Enterprise Grid organisation',
    'admin.org.teams_tenant': 'Teams tenant',
    'admin.line.requests.all': 'Requests with other organisations: allowed with everyone.',
    'admin.line.requests.listed': 'Requests with other organisations: only with the allow-list.',
    'admin.line.requests.none': 'Requests with other organisations: not allowed.',
    'admin.line.auto_connect.on': 'Requests inside the organisation connect at once: on.',
    'admin.line.auto_connect.off': 'Requests inside the organisation connect at once: off.',
    'admin.line.retention': 'Audit records are kept for {days} days.',
    'admin.allow.label': 'Allow-list',
    'admin.allow.empty': 'The allow-list is empty.',
    'admin.entry.workspace': 'Slack workspace or organisation',
    'admin.entry.tenant': 'Teams tenant',
    'admin.entry.domain': 'E-mail domain',
    'admin.usage':
      'Change it with: admin requests all | listed | none · admin allow add | remove (workspace ID, tenant ID or e-mail domain) · admin auto-connect on | off · admin retention (days) · admin export YYYY-MM-DD YYYY-MM-DD [csv | jsonl]',
    'admin.saved.requests.all': 'People of your organisation can now exchange requests with everyone.',
    'admin.saved.requests.listed':
      'People of your organisation can now exchange requests only with the organisations and e-mail domains on the allow-list.',
    'admin.saved.requests.none':
      'People of your organisation can no longer exchange requests with other organisations.',
    'admin.saved.allow_added': '{entry} is on the allow-list now.',
    'admin.saved.allow_removed': '{entry} is no longer on the allow-list.',
    'admin.allow.already': '{entry} is on the allow-list already. Nothing changed.',
    'admin.allow.not_listed': '{entry} is not on the allow-list. Nothing changed.',
    'admin.allow.full': 'The allow-list is full ({max} entries). Remove one first. Nothing changed.',
    'admin.saved.auto_connect.on':
      'Auto-connect is on: a request between two people of your organisation connects them at once.',
    'admin.saved.auto_connect.off':
      'Auto-connect is off: requests inside your organisation wait for an answer again.',
    'admin.saved.retention': 'Audit records are now kept for {days} days.',
    'admin.export.title':
      'The audit records of {from} to {to} (UTC), as {format}. The link works once, for 10 minutes, and only for you: do not share it.',
    'admin.export.button': 'Download audit records',
    'admin.export.too_long':
      'An export covers at most 366 days, and its first day comes before its last. Nothing was exported.',
    'admin.export.expired_title': 'This download link has expired',
    'admin.export.expired_body':
      'An audit download link works once, for 10 minutes. Ask the bot again with "admin export".',
    'teams.help.admin':
      '"admin": for admins of the organisation (who installed the app, or listed by the operator): its policy for requests with other organisations, auto-connect and audit export',
    'slack.usage.admin':
      'Admin commands (workspace admins and owners): `/chatwork-invite admin` shows the policy; `admin requests all|listed|none`; `admin allow add|remove <workspace ID, tenant ID or e-mail domain>`; `admin auto-connect on|off`; `admin retention <days>` (1 to 3650); `admin export <YYYY-MM-DD> <YYYY-MM-DD> [csv|jsonl]`.',
  },
  ja: {
    'admin.refused':
      'この操作は組織の管理者だけが行えます（Slackではワークスペースの管理者またはオーナー、Teamsでは組織で最初にアプリを追加した人か運用者が指定した管理者）。何も変更していません。',
    'admin.private_only':
      '管理者コマンドは、ほかの人に見えない場所でだけ応答します。ボットとの個人チャットで入力してください。',
    'admin.title': '組織の Chatwork Invite ポリシー',
    'admin.org.slack_team': 'Slackワークスペース',
    'admin.org.slack_enterprise': 'Slack Enterprise Grid 組織',
    'admin.org.teams_tenant': 'Teamsテナント',
    'admin.line.requests.all': 'ほかの組織とのコンタクト申請: すべて許可。',
    'admin.line.requests.listed': 'ほかの組織とのコンタクト申請: 許可リストの相手のみ。',
    'admin.line.requests.none': 'ほかの組織とのコンタクト申請: 許可しない。',
    'admin.line.auto_connect.on': '同じ組織内の申請をすぐにつなげる: オン。',
    'admin.line.auto_connect.off': '同じ組織内の申請をすぐにつなげる: オフ。',
    'admin.line.retention': '監査ログは{days}日間保存されます。',
    'admin.allow.label': '許可リスト',
    'admin.allow.empty': '許可リストは空です。',
    'admin.entry.workspace': 'Slackワークスペース・組織',
    'admin.entry.tenant': 'Teamsテナント',
    'admin.entry.domain': 'メールドメイン',
    'admin.usage':
      '変更するには: admin requests all | listed | none ・ admin allow add | remove（ワークスペースID、テナントID、メールドメイン） ・ admin auto-connect on | off ・ admin retention（日数） ・ admin export YYYY-MM-DD YYYY-MM-DD [csv | jsonl]',
    'admin.saved.requests.all':
      '組織のメンバーは、すべての相手とコンタクト申請をやり取りできるようになりました。',
    'admin.saved.requests.listed':
      '組織のメンバーは、許可リストにある組織とメールドメインの相手とだけコンタクト申請をやり取りできるようになりました。',
    'admin.saved.requests.none': '組織のメンバーは、ほかの組織とコンタクト申請をやり取りできなくなりました。',
    'admin.saved.allow_added': '{entry} を許可リストに追加しました。',
    'admin.saved.allow_removed': '{entry} を許可リストから削除しました。',
    'admin.allow.already': '{entry} はすでに許可リストにあります。何も変更していません。',
    'admin.allow.not_listed': '{entry} は許可リストにありません。何も変更していません。',
    'admin.allow.full':
      '許可リストがいっぱいです（{max}件）。先にどれかを削除してください。何も変更していません。',
    'admin.saved.auto_connect.on':
      '自動接続をオンにしました。同じ組織の2人の間の申請は、すぐにコンタクトになります。',
    'admin.saved.auto_connect.off': '自動接続をオフにしました。組織内の申請も、再び承認を待ちます。',
    'admin.saved.retention': '監査ログの保存期間を{days}日にしました。',
    'admin.export.title':
      '{from}〜{to}（UTC）の監査ログ（{format}）です。リンクは10分間、1回だけ、あなただけが使えます。共有しないでください。',
    'admin.export.button': '監査ログをダウンロード',
    'admin.export.too_long':
      '書き出せるのは最長366日分で、開始日は終了日より前である必要があります。何も書き出していません。',
    'admin.export.expired_title': 'このダウンロードリンクは期限切れです',
    'admin.export.expired_body':
      '監査ログのダウンロードリンクは10分間、1回だけ使えます。もう一度「admin export」でボットに依頼してください。',
    'teams.help.admin':
      '「admin」: 組織の管理者（アプリをインストールした人、または運用者が指定した人）向け、ほかの組織との申請、自動接続、監査ログの書き出しのポリシー',
    'slack.usage.admin':
      '管理者コマンド（ワークスペースの管理者・オーナー）: `/chatwork-invite admin` でポリシーを表示、`admin requests all|listed|none`、`admin allow add|remove <ワークスペースID・テナントID・メールドメイン>`、`admin auto-connect on|off`、`admin retention <日数>`（1〜3650）、`admin export <YYYY-MM-DD> <YYYY-MM-DD> [csv|jsonl]`。',
  },
  vi: {
    'admin.refused':
      'Chỉ quản trị viên của tổ chức bạn mới làm được việc này: quản trị viên hoặc chủ sở hữu workspace trong Slack; trong Teams, người đầu tiên thêm ứng dụng trong tổ chức của bạn hoặc quản trị viên do đơn vị vận hành chỉ định. Không có gì thay đổi.',
    'admin.private_only':
      'Lệnh quản trị chỉ được trả lời ở nơi không ai khác thấy: hãy viết trong cuộc trò chuyện riêng với bot.',
    'admin.title': 'Chính sách Chatwork Invite của tổ chức bạn',
    'admin.org.slack_team': 'Workspace Slack',
    'admin.org.slack_enterprise': 'Tổ chức Slack Enterprise Grid',
    'admin.org.teams_tenant': 'Tenant Teams',
    'admin.line.requests.all': 'Yêu cầu kết nối với tổ chức khác: cho phép với mọi người.',
    'admin.line.requests.listed': 'Yêu cầu kết nối với tổ chức khác: chỉ với danh sách cho phép.',
    'admin.line.requests.none': 'Yêu cầu kết nối với tổ chức khác: không cho phép.',
    'admin.line.auto_connect.on': 'Yêu cầu trong cùng tổ chức được kết nối ngay: bật.',
    'admin.line.auto_connect.off': 'Yêu cầu trong cùng tổ chức được kết nối ngay: tắt.',
    'admin.line.retention': 'Nhật ký kiểm tra được lưu {days} ngày.',
    'admin.allow.label': 'Danh sách cho phép',
    'admin.allow.empty': 'Danh sách cho phép đang trống.',
    'admin.entry.workspace': 'Workspace hoặc tổ chức Slack',
    'admin.entry.tenant': 'Tenant Teams',
    'admin.entry.domain': 'Tên miền e-mail',
    'admin.usage':
      'Thay đổi bằng: admin requests all | listed | none · admin allow add | remove (ID workspace, ID tenant hoặc tên miền e-mail) · admin auto-connect on | off · admin retention (số ngày) · admin export YYYY-MM-DD YYYY-MM-DD [csv | jsonl]',
    'admin.saved.requests.all':
      'Thành viên tổ chức của bạn giờ có thể trao đổi yêu cầu kết nối với mọi người.',
    'admin.saved.requests.listed':
      'Thành viên tổ chức của bạn giờ chỉ có thể trao đổi yêu cầu kết nối với các tổ chức và tên miền e-mail trong danh sách cho phép.',
    'admin.saved.requests.none':
      'Thành viên tổ chức của bạn không còn có thể trao đổi yêu cầu kết nối với tổ chức khác.',
    'admin.saved.allow_added': 'Đã thêm {entry} vào danh sách cho phép.',
    'admin.saved.allow_removed': 'Đã xóa {entry} khỏi danh sách cho phép.',
    'admin.allow.already': '{entry} đã có trong danh sách cho phép. Không có gì thay đổi.',
    'admin.allow.not_listed': '{entry} không có trong danh sách cho phép. Không có gì thay đổi.',
    'admin.allow.full': 'Danh sách cho phép đã đầy ({max} mục). Hãy xóa bớt trước. Không có gì thay đổi.',
    'admin.saved.auto_connect.on':
      'Đã bật tự động kết nối: yêu cầu giữa hai người trong tổ chức của bạn sẽ kết nối họ ngay.',
    'admin.saved.auto_connect.off': 'Đã tắt tự động kết nối: yêu cầu trong tổ chức của bạn lại chờ xác nhận.',
    'admin.saved.retention': 'Nhật ký kiểm tra giờ được lưu {days} ngày.',
    'admin.export.title':
      'Nhật ký kiểm tra từ {from} đến {to} (UTC), dạng {format}. Liên kết chỉ dùng được một lần, trong 10 phút, và chỉ cho bạn: đừng chia sẻ.',
    'admin.export.button': 'Tải nhật ký kiểm tra',
    'admin.export.too_long':
      'Một lần xuất chỉ gồm tối đa 366 ngày, và ngày đầu phải trước ngày cuối. Chưa xuất gì.',
    'admin.export.expired_title': 'Liên kết tải xuống này đã hết hạn',
    'admin.export.expired_body':
      'Liên kết tải nhật ký kiểm tra chỉ dùng được một lần, trong 10 phút. Hãy hỏi lại bot bằng "admin export".',
    'teams.help.admin':
      '"admin": dành cho quản trị viên của tổ chức (người đã cài ứng dụng, hoặc do đơn vị vận hành chỉ định): chính sách về yêu cầu với tổ chức khác, tự động kết nối và xuất nhật ký kiểm tra',
    'slack.usage.admin':
      'Lệnh quản trị (quản trị viên và chủ sở hữu workspace): `/chatwork-invite admin` xem chính sách; `admin requests all|listed|none`; `admin allow add|remove <ID workspace, ID tenant hoặc tên miền e-mail>`; `admin auto-connect on|off`; `admin retention <số ngày>` (1 đến 3650); `admin export <YYYY-MM-DD> <YYYY-MM-DD> [csv|jsonl]`.',
  },
} as const;
