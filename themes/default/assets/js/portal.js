// Progressive enhancement only: every page works without this file.
(() => {
  // Move focus to the error summary so screen-reader and keyboard users hear what went wrong.
  const summary = document.getElementById('error-summary');
  if (summary) summary.focus();

  // Error-summary links: focus the field itself, not just scroll to it.
  document.querySelectorAll('.error-summary-list a[href^="#"]').forEach((a) => {
    a.addEventListener('click', (ev) => {
      const target = document.getElementById(a.getAttribute('href').slice(1));
      if (!target) return;
      ev.preventDefault();
      target.focus();
      target.scrollIntoView({ block: 'center' });
    });
  });

  // Password fields get a show/hide button.
  document.querySelectorAll('input[type="password"]').forEach((input) => {
    const btn = document.createElement('button');
    btn.type = 'button';
    btn.className = 'password-toggle';
    btn.textContent = '显示密码';
    btn.setAttribute('aria-controls', input.id);
    btn.setAttribute('aria-pressed', 'false');
    btn.addEventListener('click', () => {
      const show = input.type === 'password';
      input.type = show ? 'text' : 'password';
      btn.textContent = show ? '隐藏密码' : '显示密码';
      btn.setAttribute('aria-pressed', String(show));
    });
    input.insertAdjacentElement('afterend', btn);
  });

  // Stop double submissions (slow networks, impatient clicks) without blocking the first one.
  document.querySelectorAll('form[method="post"]').forEach((form) => {
    form.addEventListener('submit', () => {
      window.setTimeout(() => {
        form.querySelectorAll('button[type="submit"]').forEach((b) => {
          b.disabled = true;
        });
      }, 0);
    });
  });
  // Coming back with the Back button restores the page as it was: enable the buttons again.
  window.addEventListener('pageshow', () => {
    document.querySelectorAll('form[method="post"] button[type="submit"]').forEach((b) => {
      b.disabled = false;
    });
  });
})();
