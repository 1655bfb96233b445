/**
 * The Chatwork bridge: the page the browser lands on after Chatwork's consent screen
 * (`PUBLIC_URL/chatwork/oauth_redirect`), and the `chatwork …` commands' answers (`chatwork.cmd.*`,
 * shown in Slack and Teams). Params are inserted verbatim: the page and the renderers escape them.
 */
export const chatwork = {
  en: {
    'chatwork.linked_title': 'Chatwork account linked',
    'chatwork.linked':
      'Your Chatwork account {name} is linked. New contact requests to it will reach you as a message from the bot. You can close this page.',
    'chatwork.link_failed_title': 'Chatwork account not linked',
    'chatwork.state_invalid':
      'This link has expired or was already used. Run “chatwork connect” again to get a new one.',
    'chatwork.denied':
      'You chose not to allow access, so nothing was linked. Run “chatwork connect” again whenever you like.',
    'chatwork.token_refused':
      'Chatwork did not accept the sign-in. Run “chatwork connect” again to get a new link.',
    'chatwork.unavailable':
      'Chatwork could not be reached. Please try “chatwork connect” again in a few minutes.',
    'chatwork.not_configured': 'Linking through Chatwork sign-in is not set up on this server.',
    'chatwork.cmd.off': 'The Chatwork bridge is not available on this server.',
    'chatwork.cmd.token_dm_only':
      'For your safety, an API token is only taken in a direct message with the bot. Nothing was kept. If others could see the token, issue a new one in Chatwork’s API settings.',
    'chatwork.cmd.use_token':
      'Chatwork sign-in is not set up on this server. Link with your personal API token instead (Chatwork: Service integration → API token): send “chatwork token <API token>” in a direct message with the bot.',
    'chatwork.cmd.token_refused':
      'Chatwork did not accept this API token, so nothing was linked. Copy it again from Chatwork’s API settings (Service integration → API token).',
    'chatwork.cmd.unavailable':
      'Chatwork could not be reached, so nothing changed. Please try again in a few minutes.',
    'chatwork.cmd.linked':
      'Your Chatwork account {name} is linked. Your Chatwork ID here is now your real one, {handle} (the old one still works), and your invite card opens {url}. New contact requests to you in Chatwork will reach you here.',
    'chatwork.cmd.linked_kept':
      'Your Chatwork account {name} is linked. Its Chatwork ID {chatworkId} is already taken here, so you keep {handle} here; your card shows both, with {url}. New contact requests to you in Chatwork will reach you here.',
    'chatwork.cmd.linked_no_id':
      'Your Chatwork account {name} is linked, but it has no Chatwork ID yet, so there is no chatwork.com link to share. Set one in Chatwork: your name (top right) → Profile → Edit profile → Chatwork ID → Save. New contact requests to you in Chatwork will reach you here.',
    'chatwork.cmd.disconnected': 'Your Chatwork account is no longer linked, and its token was deleted here.',
    'chatwork.cmd.not_linked': 'No Chatwork account is linked. To link one: “chatwork connect”.',
    'chatwork.connect.title':
      'Link your Chatwork account: sign in to Chatwork and press Allow. The link works once, for 10 minutes; do not share it.',
    'chatwork.connect.button': 'Sign in to Chatwork',
    'chatwork.already_contacts': 'You and {name} are already contacts in Chatwork. Nothing was sent.',
    'chatwork.card.open': 'Open in Chatwork',
    'chatwork.req.title': 'Contact request in Chatwork',
    'chatwork.req.from': '{name} wants to add you to their contacts in Chatwork.',
    'chatwork.req.accept': 'Accept',
    'chatwork.req.decline': 'Not now',
    'chatwork.req.accepted': 'Accepted: {name} is now one of your contacts in Chatwork.',
    'chatwork.req.open_chat': 'Open the chat in Chatwork',
    'chatwork.req.declined': 'Not now: the request from {name} was declined in Chatwork.',
    'chatwork.req.already_handled':
      'The request from {name} was already handled in Chatwork. Nothing changed.',
    'chatwork.req.broken':
      'Chatwork no longer accepts the token of your linked account, so its contact requests stop arriving here. To link it again: “chatwork connect” (or “chatwork token <API token>” in a direct message with the bot).',
  },
  ja: {
    'chatwork.linked_title': 'Chatworkアカウントを連携しました',
    'chatwork.linked':
      'Chatworkアカウント {name} を連携しました。このアカウントへの新しいコンタクト承認依頼は、ボットからのメッセージで届きます。このページは閉じてかまいません。',
    'chatwork.link_failed_title': 'Chatworkアカウントを連携できませんでした',
    'chatwork.state_invalid':
      'このリンクは有効期限が切れているか、すでに使われています。もう一度「chatwork connect」を実行して新しいリンクを取得してください。',
    'chatwork.denied':
      'アクセスを許可しなかったため、何も連携していません。いつでも「chatwork connect」をもう一度実行できます。',
    'chatwork.token_refused':
      'Chatworkがサインインを受け付けませんでした。もう一度「chatwork connect」を実行して新しいリンクを取得してください。',
    'chatwork.unavailable':
      'Chatworkに接続できませんでした。数分後にもう一度「chatwork connect」をお試しください。',
    'chatwork.not_configured': 'このサーバーではChatworkのサインインによる連携が設定されていません。',
    'chatwork.cmd.off': 'このサーバーではChatwork連携を利用できません。',
    'chatwork.cmd.token_dm_only':
      '安全のため、APIトークンはボットとのダイレクトメッセージでのみ受け付けます。何も保存していません。トークンを他の人に見られた可能性がある場合は、ChatworkのAPI設定で新しいトークンを発行してください。',
    'chatwork.cmd.use_token':
      'このサーバーではChatworkのサインインによる連携が設定されていません。代わりに個人のAPIトークン（Chatwork：サービス連携 → APIトークン）で連携できます。ボットとのダイレクトメッセージで「chatwork token <APIトークン>」を送ってください。',
    'chatwork.cmd.token_refused':
      'ChatworkがこのAPIトークンを受け付けなかったため、連携していません。ChatworkのAPI設定（サービス連携 → APIトークン）からもう一度コピーしてください。',
    'chatwork.cmd.unavailable':
      'Chatworkに接続できなかったため、何も変更していません。数分後にもう一度お試しください。',
    'chatwork.cmd.linked':
      'Chatworkアカウント {name} を連携しました。ここでのChatwork IDは本物の {handle} になりました（以前のIDも引き続き使えます）。招待カードは {url} を開きます。Chatworkで届く新しいコンタクト承認依頼はここに届きます。',
    'chatwork.cmd.linked_kept':
      'Chatworkアカウント {name} を連携しました。Chatwork ID {chatworkId} はここではすでに使われているため、ここでは {handle} のままです。カードには両方と {url} を表示します。Chatworkで届く新しいコンタクト承認依頼はここに届きます。',
    'chatwork.cmd.linked_no_id':
      'Chatworkアカウント {name} を連携しましたが、Chatwork IDが未設定のため、共有できるchatwork.comのリンクがありません。Chatworkで設定してください：右上の名前 → [プロフィール] → [プロフィールを編集] → [Chatwork ID] → [保存する]。Chatworkで届く新しいコンタクト承認依頼はここに届きます。',
    'chatwork.cmd.disconnected':
      'Chatworkアカウントの連携を解除し、ここに保存していたトークンを削除しました。',
    'chatwork.cmd.not_linked':
      '連携しているChatworkアカウントはありません。連携するには「chatwork connect」。',
    'chatwork.connect.title':
      'Chatworkアカウントを連携：Chatworkにサインインして[許可]を押してください。このリンクは10分間、1回だけ使えます。他の人に共有しないでください。',
    'chatwork.connect.button': 'Chatworkにサインイン',
    'chatwork.already_contacts': '{name}さんとはすでにChatworkのコンタクトです。申請は送っていません。',
    'chatwork.card.open': 'Chatworkで開く',
    'chatwork.req.title': 'Chatworkのコンタクト承認依頼',
    'chatwork.req.from': '{name}さんからChatworkでコンタクト承認依頼が届いています。',
    'chatwork.req.accept': '承認する',
    'chatwork.req.decline': '拒否する',
    'chatwork.req.accepted': '承認しました：{name}さんがChatworkのコンタクトに追加されました。',
    'chatwork.req.open_chat': 'Chatworkでチャットを開く',
    'chatwork.req.declined': '拒否しました：{name}さんからの依頼をChatworkで拒否しました。',
    'chatwork.req.already_handled':
      '{name}さんからの依頼はChatworkですでに処理されています。何も変更していません。',
    'chatwork.req.broken':
      '連携しているChatworkアカウントのトークンが使えなくなったため、コンタクト承認依頼はここに届かなくなりました。もう一度連携するには「chatwork connect」（またはボットとのダイレクトメッセージで「chatwork token <APIトークン>」）。',
  },
  vi: {
    'chatwork.linked_title': 'Đã liên kết tài khoản Chatwork',
    'chatwork.linked':
      'Tài khoản Chatwork {name} của bạn đã được liên kết. Các yêu cầu liên lạc mới gửi đến tài khoản này sẽ đến với bạn dưới dạng tin nhắn của bot. Bạn có thể đóng trang này.',
    'chatwork.link_failed_title': 'Chưa liên kết tài khoản Chatwork',
    'chatwork.state_invalid':
      'Liên kết này đã hết hạn hoặc đã được sử dụng. Hãy chạy lại “chatwork connect” để nhận liên kết mới.',
    'chatwork.denied':
      'Bạn đã chọn không cho phép truy cập nên chưa có gì được liên kết. Bạn có thể chạy lại “chatwork connect” bất cứ lúc nào.',
    'chatwork.token_refused':
      'Chatwork không chấp nhận lần đăng nhập này. Hãy chạy lại “chatwork connect” để nhận liên kết mới.',
    'chatwork.unavailable':
      'Không thể kết nối với Chatwork. Vui lòng thử lại “chatwork connect” sau vài phút.',
    'chatwork.not_configured': 'Máy chủ này chưa thiết lập liên kết qua đăng nhập Chatwork.',
    'chatwork.cmd.off': 'Máy chủ này không có cầu nối Chatwork.',
    'chatwork.cmd.token_dm_only':
      'Để bảo mật, API token chỉ được nhận trong tin nhắn riêng với bot. Không có gì được lưu. Nếu người khác có thể đã thấy token, hãy tạo token mới trong phần cài đặt API của Chatwork.',
    'chatwork.cmd.use_token':
      'Máy chủ này chưa thiết lập đăng nhập Chatwork. Hãy liên kết bằng API token cá nhân (Chatwork: Tích hợp dịch vụ → API token): gửi “chatwork token <API token>” trong tin nhắn riêng với bot.',
    'chatwork.cmd.token_refused':
      'Chatwork không chấp nhận API token này nên chưa có gì được liên kết. Hãy sao chép lại từ cài đặt API của Chatwork (Tích hợp dịch vụ → API token).',
    'chatwork.cmd.unavailable':
      'Không thể kết nối với Chatwork nên không có gì thay đổi. Vui lòng thử lại sau vài phút.',
    'chatwork.cmd.linked':
      'Đã liên kết tài khoản Chatwork {name}. Chatwork ID của bạn ở đây giờ là ID thật, {handle} (ID cũ vẫn dùng được), và thẻ mời của bạn mở {url}. Các yêu cầu liên lạc mới gửi đến bạn trong Chatwork sẽ đến đây.',
    'chatwork.cmd.linked_kept':
      'Đã liên kết tài khoản Chatwork {name}. Chatwork ID {chatworkId} đã có người dùng ở đây nên bạn giữ {handle} ở đây; thẻ của bạn hiển thị cả hai, cùng {url}. Các yêu cầu liên lạc mới gửi đến bạn trong Chatwork sẽ đến đây.',
    'chatwork.cmd.linked_no_id':
      'Đã liên kết tài khoản Chatwork {name}, nhưng tài khoản chưa có Chatwork ID nên chưa có liên kết chatwork.com để chia sẻ. Hãy đặt ID trong Chatwork: tên của bạn (góc trên bên phải) → Hồ sơ → Chỉnh sửa hồ sơ → Chatwork ID → Lưu. Các yêu cầu liên lạc mới gửi đến bạn trong Chatwork sẽ đến đây.',
    'chatwork.cmd.disconnected': 'Tài khoản Chatwork của bạn đã được hủy liên kết và token đã bị xóa ở đây.',
    'chatwork.cmd.not_linked': 'Chưa liên kết tài khoản Chatwork nào. Để liên kết: “chatwork connect”.',
    'chatwork.connect.title':
      'Liên kết tài khoản Chatwork: đăng nhập Chatwork và nhấn Cho phép. Liên kết chỉ dùng được một lần, trong 10 phút; đừng chia sẻ nó.',
    'chatwork.connect.button': 'Đăng nhập Chatwork',
    'chatwork.already_contacts':
      'Bạn và {name} đã là liên lạc của nhau trong Chatwork. Không có gì được gửi.',
    'chatwork.card.open': 'Mở trong Chatwork',
    'chatwork.req.title': 'Yêu cầu liên lạc trong Chatwork',
    'chatwork.req.from': '{name} muốn thêm bạn vào danh bạ trong Chatwork.',
    'chatwork.req.accept': 'Xác nhận',
    'chatwork.req.decline': 'Từ chối',
    'chatwork.req.accepted': 'Đã xác nhận: {name} giờ là liên lạc của bạn trong Chatwork.',
    'chatwork.req.open_chat': 'Mở cuộc trò chuyện trong Chatwork',
    'chatwork.req.declined': 'Đã từ chối yêu cầu của {name} trong Chatwork.',
    'chatwork.req.already_handled': 'Yêu cầu của {name} đã được xử lý trong Chatwork. Không có gì thay đổi.',
    'chatwork.req.broken':
      'Chatwork không còn chấp nhận token của tài khoản đã liên kết nên các yêu cầu liên lạc sẽ không đến đây nữa. Để liên kết lại: “chatwork connect” (hoặc “chatwork token <API token>” trong tin nhắn riêng với bot).',
  },
} as const;
