// 网上办事大厅: progressive enhancement of application forms. Without this file the server shows and
// hides conditional fields when the form is re-sent ("按所选内容更新表单"); with it they follow the
// applicant's choices at once.
(() => {
  const form = document.querySelector('form.hall-form');

  /** Current values of the input(s) called `name`: checked boxes/radios, or the field's value. */
  const valuesOf = (name) => {
    const inputs = Array.from(form.elements).filter((el) => el.name === name);
    const out = [];
    for (const el of inputs) {
      if (el.type === 'checkbox' || el.type === 'radio') {
        if (el.checked) out.push(el.value);
      } else if (el.value !== '') {
        out.push(el.value);
      }
    }
    return out;
  };

  const conditional = form ? Array.from(form.querySelectorAll('[data-when-name]')) : [];
  const update = () => {
    for (const wrap of conditional) {
      let wanted = [];
      try {
        wanted = JSON.parse(wrap.getAttribute('data-when-equals') || '[]');
      } catch {
        wanted = [];
      }
      const current = valuesOf(wrap.getAttribute('data-when-name'));
      const show = current.some((v) => wanted.includes(v));
      wrap.hidden = !show;
    }
  };

  if (form && conditional.length > 0) {
    form.addEventListener('change', update);
    update();
  }
  // The server round-trip buttons are not needed when the page updates itself.
  for (const b of document.querySelectorAll('.hall-refresh')) b.hidden = true;

  // File inputs: show the chosen file's name and size before uploading.
  for (const input of document.querySelectorAll('input[type="file"][data-limit]')) {
    input.addEventListener('change', () => {
      const limit = Number(input.getAttribute('data-limit'));
      const f = input.files?.[0];
      const note = document.getElementById(`${input.id}-chosen`);
      if (!note) return;
      if (!f) {
        note.textContent = '';
        return;
      }
      const mb = (f.size / 1048576).toFixed(2);
      note.textContent =
        f.size > limit
          ? `所选文件 ${f.name}（${mb} MB）超过大小上限，请压缩后再上传`
          : `已选择 ${f.name}（${mb} MB）`;
    });
  }
})();
