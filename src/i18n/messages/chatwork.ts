/**
 * The Chatwork bridge: the page the browser lands on after Chatwork's consent screen
 * (`PUBLIC_URL/chatwork/oauth_redirect`). Params are inserted verbatim: the page escapes them.
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
  },
} as const;
