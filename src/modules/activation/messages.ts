export const zhActivation = {
  'activate.title': '激活登录',
  'activate.intro': '社工站或您的组织为您开通了登录。请输入手机号（或用户名）、激活码，并设置登录密码。',
  'activate.login': '手机号或用户名',
  'activate.code': '激活码',
  'activate.codeHint': '12 位数字，见激活单或短信',
  'activate.password': '设置登录密码',
  'activate.passwordConfirm': '再次输入密码',
  'activate.submit': '激活并登录',
  'activate.refused': '手机号或激活码不正确，或激活码已用过、已过期。请核对后重试，或请社工站重新发放激活码。',
  'activate.done': '登录已激活。以后请用手机号和新密码登录。',
  'activate.link': '收到激活码？激活登录',
  'activate.notice.subject': '守望志愿者登录激活码',
  'activate.notice.body':
    '您的守望志愿者登录已开通。激活码：{code}（{expires}前有效，仅可使用一次）。请打开 {url} ，输入手机号、激活码并设置密码。',
} as const;

export const enActivation: { readonly [K in keyof typeof zhActivation]: string } = {
  'activate.title': 'Activate your login',
  'activate.intro':
    'Your station or organisation has created a login for you. Enter your mobile number (or username), the activation code, and choose a password.',
  'activate.login': 'Mobile number or username',
  'activate.code': 'Activation code',
  'activate.codeHint': '12 digits, on your slip or in the text message',
  'activate.password': 'Choose a password',
  'activate.passwordConfirm': 'Type the password again',
  'activate.submit': 'Activate and log in',
  'activate.refused':
    'The mobile number or the code is wrong, or the code was already used or has expired. Check them and try again, or ask your station for a new code.',
  'activate.done': 'Your login is active. From now on, log in with your mobile number and your new password.',
  'activate.link': 'Got an activation code? Activate your login',
  'activate.notice.subject': 'Your Shouwang volunteer login code',
  'activate.notice.body':
    'A Shouwang volunteer login has been created for you. Activation code: {code} (valid until {expires}, once only). Open {url}, enter your mobile number and the code, and choose a password.',
};
