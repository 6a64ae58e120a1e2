/*
 * Bank sampah operator pages: small enhancements over forms that work without JavaScript.
 *  - deposit and sale forms: running value per line and total (same rounding as the server),
 *    unit next to the quantity, more lines without a round trip, Enter moves to the next field;
 *  - member picker: results while typing, and "Pindai kartu" (the member card's QR code read
 *    with the camera through BarcodeDetector, where the browser has it);
 *  - receipts: the print button;
 *  - every form is sent once (the server also refuses a second posting of the same form).
 * Labels come from data- attributes (the CSP allows no inline script).
 */
(function () {
  'use strict';

  var rupiah = new Intl.NumberFormat('id-ID', {
    style: 'currency',
    currency: 'IDR',
    maximumFractionDigits: 0,
  });

  /** "2,5" or "2.5" -> thousandths (2500), or NaN. */
  function milli(text) {
    var s = String(text || '').replace(/\s+/g, '');
    if (!/^\d{1,6}([.,]\d{1,3})?$/.test(s)) return NaN;
    var parts = s.replace(',', '.').split('.');
    return Number(parts[0]) * 1000 + Number((parts[1] || '').padEnd(3, '0'));
  }

  /** "10.000", "Rp 10.000" -> 10000, or NaN. */
  function whole(text) {
    var s = String(text || '')
      .trim()
      .replace(/^rp\.?/i, '')
      .replace(/[\s\u00a0]+/g, '');
    if (!/^(\d{1,3}(\.\d{3})+|\d+)(,0{1,2})?$/.test(s)) return NaN;
    return Number(s.replace(/,0+$/, '').replace(/\./g, ''));
  }

  function setText(el, text) {
    if (el) el.textContent = text;
  }

  // ---- Line forms (deposit, sale) ----

  function priceOf(form, row, option) {
    if (!option || !option.value) return NaN;
    if (form.dataset.bsForm === 'setoran') {
      var kondisi = row.querySelector('[data-bs-kondisi]');
      var p = option.dataset[kondisi && kondisi.value === 'kotor' ? 'kotor' : 'bersih'];
      return p === '' || p === undefined ? NaN : Number(p);
    }
    var buyer = form.querySelector('[data-bs-pembeli]:checked');
    if (buyer && buyer.value === 'induk') {
      var induk = form.querySelector('[name="indukId"]');
      if (!induk || induk.value !== form.dataset.indukHarga || option.dataset.induk === '') return NaN;
      return Number(option.dataset.induk);
    }
    var harga = row.querySelector('[data-bs-harga]');
    return harga ? whole(harga.value) : NaN;
  }

  function recompute(form) {
    var total = 0;
    var rows = form.querySelectorAll('[data-bs-baris]');
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var select = row.querySelector('[data-bs-jenis]');
      var option = select && select.selectedOptions ? select.selectedOptions[0] : null;
      setText(
        row.querySelector('[data-bs-satuan]'),
        option && option.value ? option.dataset.satuan || '' : '',
      );
      var q = milli((row.querySelector('[data-bs-kuantitas]') || {}).value);
      var price = priceOf(form, row, option);
      var value = isNaN(q) || isNaN(price) ? NaN : Math.round((q * price) / 1000);
      setText(row.querySelector('[data-bs-nilai]'), isNaN(value) ? '—' : rupiah.format(value));
      if (!isNaN(value)) total += value;
    }
    var basis = Math.round(Number(form.dataset.bagiHasil || 0) * 100);
    var fee = Math.round((total * basis) / 10000);
    setText(form.querySelector('[data-bs-total]'), rupiah.format(total));
    setText(form.querySelector('[data-bs-bagi]'), rupiah.format(fee));
    var net = form.querySelector('[data-bs-bersih]');
    if (net) {
      net.textContent = '';
      var strong = document.createElement('strong');
      strong.textContent = rupiah.format(total - fee);
      net.appendChild(strong);
    }
  }

  /** Shows the buyer's fields of a sale: the induk select, or the collector's name and prices. */
  function buyerFields(form) {
    var buyer = form.querySelector('[data-bs-pembeli]:checked');
    if (!buyer) return;
    var toInduk = buyer.value === 'induk';
    var induk = form.querySelector('[name="indukId"]');
    var nama = form.querySelector('[name="pembeliNama"]');
    if (induk) induk.closest('.field').hidden = !toInduk;
    if (nama) nama.closest('.field').hidden = toInduk;
    var prices = form.querySelectorAll('[data-bs-harga]');
    for (var i = 0; i < prices.length; i++) prices[i].closest('.field').hidden = toInduk;
  }

  function renumber(row, index, label) {
    var legend = row.querySelector('legend');
    if (legend && label) legend.textContent = label.replace('{n}', String(index + 1));
    var nodes = row.querySelectorAll('[id], [for], [aria-describedby]');
    for (var i = 0; i < nodes.length; i++) {
      var el = nodes[i];
      ['id', 'for', 'aria-describedby'].forEach(function (attr) {
        var v = el.getAttribute(attr);
        if (v) el.setAttribute(attr, v.replace(/baris\.\d+\./g, 'baris.' + index + '.'));
      });
    }
  }

  function addRow(form) {
    var list = form.querySelector('[data-bs-daftar]');
    var rows = list ? list.querySelectorAll('[data-bs-baris]') : [];
    if (!rows.length || rows.length >= 50) return;
    var row = rows[rows.length - 1].cloneNode(true);
    var fields = row.querySelectorAll('input, select');
    for (var i = 0; i < fields.length; i++) {
      var f = fields[i];
      if (f.tagName === 'SELECT') f.selectedIndex = 0;
      else f.value = '';
      f.removeAttribute('aria-invalid');
    }
    var errs = row.querySelectorAll('.error');
    for (var j = 0; j < errs.length; j++) errs[j].remove();
    var framed = row.querySelectorAll('.has-error');
    for (var k = 0; k < framed.length; k++) framed[k].classList.remove('has-error');
    var described = row.querySelectorAll('[aria-describedby]');
    for (var m = 0; m < described.length; m++) described[m].removeAttribute('aria-describedby');
    renumber(row, rows.length, form.dataset.labelBaris);
    list.appendChild(row);
    recompute(form);
    var first = row.querySelector('select, input');
    if (first) first.focus();
  }

  /** Enter in a field moves to the next one instead of sending a half-filled form. */
  function enterMovesOn(form, event) {
    var el = event.target;
    if (event.key !== 'Enter' || el.tagName !== 'INPUT' || el.type === 'checkbox' || el.type === 'radio')
      return;
    event.preventDefault();
    var fields = Array.prototype.filter.call(
      form.querySelectorAll('input:not([type="hidden"]), select, textarea, button[type="submit"]'),
      function (f) {
        return !f.disabled && !f.closest('[hidden]') && f.offsetParent !== null;
      },
    );
    var next = fields[fields.indexOf(el) + 1];
    if (next) next.focus();
  }

  var forms = document.querySelectorAll('form[data-bs-form]');
  for (var f = 0; f < forms.length; f++) {
    (function (form) {
      var lines = !!form.querySelector('[data-bs-baris]');
      if (lines) {
        var hitung = form.querySelector('[data-bs-hitung]');
        if (hitung) hitung.remove();
        form.addEventListener('input', function () {
          recompute(form);
        });
        form.addEventListener('change', function (e) {
          if (e.target.matches('[data-bs-pembeli]')) buyerFields(form);
          recompute(form);
        });
        form.addEventListener('click', function (e) {
          var add = e.target.closest('[data-bs-tambah]');
          if (!add) return;
          e.preventDefault();
          addRow(form);
        });
        form.addEventListener('keydown', function (e) {
          enterMovesOn(form, e);
        });
        buyerFields(form);
        recompute(form);
      }
    })(forms[f]);
  }

  // ---- Every form of these pages is sent once ----

  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (form.method.toLowerCase() !== 'post') return;
    if (form.dataset.bsTerkirim) {
      e.preventDefault();
      return;
    }
    form.dataset.bsTerkirim = '1';
    form.setAttribute('aria-busy', 'true');
  });
  // Back to a page from the browser's cache: its forms may be sent again (the key stays the same).
  window.addEventListener('pageshow', function () {
    var sent = document.querySelectorAll('form[data-bs-terkirim]');
    for (var i = 0; i < sent.length; i++) {
      delete sent[i].dataset.bsTerkirim;
      sent[i].removeAttribute('aria-busy');
    }
  });

  // ---- Member search while typing ----

  var search = document.querySelector('form[data-bs-cari]');
  var results = document.querySelector('[data-bs-hasil]');
  if (search && results && window.fetch) {
    var input = search.querySelector('input[name="q"]');
    var timer = null;
    var pending = null;
    input.addEventListener('input', function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2 || q.indexOf('/') !== -1) return;
      timer = setTimeout(function () {
        if (pending) pending.abort();
        pending = new AbortController();
        fetch(search.action + '?bagian=nasabah&q=' + encodeURIComponent(q), {
          credentials: 'same-origin',
          signal: pending.signal,
        })
          .then(function (res) {
            if (!res.ok) throw new Error(String(res.status));
            return res.text();
          })
          .then(function (markup) {
            results.innerHTML = markup;
          })
          .catch(function () {
            /* the search button still works */
          });
      }, 300);
    });
  }

  // ---- Scanning the member card ----

  var scan = document.querySelector('[data-bs-pindai]');
  if (scan) {
    var start = scan.querySelector('[data-bs-pindai-mulai]');
    var box = scan.querySelector('[data-bs-kamera]');
    var video = box.querySelector('video');
    var stop = scan.querySelector('[data-bs-pindai-batal]');
    var status = scan.querySelector('[data-bs-pindai-status]');
    var d = scan.dataset;
    var stream = null;
    var running = false;
    var cardRe =
      /\/([a-z][a-z0-9-]{1,39})\/bank-sampah\/([0-9a-f-]{36})\/nasabah\/([0-9a-f-]{36})\/?(?:[?#].*)?$/i;

    var finish = function () {
      running = false;
      if (stream)
        stream.getTracks().forEach(function (track) {
          track.stop();
        });
      stream = null;
      video.srcObject = null;
      box.hidden = true;
      start.hidden = false;
    };

    var look = function (detector) {
      if (!running) return;
      detector
        .detect(video)
        .then(function (codes) {
          for (var i = 0; i < codes.length; i++) {
            var m = cardRe.exec(String(codes[i].rawValue || '').trim());
            if (!m) continue;
            if (m[1] === d.city && m[2].toLowerCase() === d.bank.toLowerCase()) {
              finish();
              window.location.href = d.action + '?nasabah=' + m[3].toLowerCase();
              return;
            }
            setText(status, d.labelBankLain);
          }
          setTimeout(function () {
            look(detector);
          }, 250);
        })
        .catch(function () {
          setTimeout(function () {
            look(detector);
          }, 500);
        });
    };

    var supported =
      'BarcodeDetector' in window && navigator.mediaDevices && navigator.mediaDevices.getUserMedia
        ? window.BarcodeDetector.getSupportedFormats().then(function (formats) {
            return formats.indexOf('qr_code') !== -1;
          })
        : Promise.resolve(false);

    supported
      .catch(function () {
        return false;
      })
      .then(function (ok) {
        if (!ok) {
          setText(status, d.labelTidakDidukung);
          return;
        }
        start.hidden = false;
        start.addEventListener('click', function () {
          navigator.mediaDevices
            .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
            .then(function (s) {
              stream = s;
              video.srcObject = s;
              box.hidden = false;
              start.hidden = true;
              running = true;
              setText(status, d.labelArahkan);
              return video.play();
            })
            .then(function () {
              look(new window.BarcodeDetector({ formats: ['qr_code'] }));
            })
            .catch(function () {
              finish();
              setText(status, d.labelGagal);
            });
        });
        stop.addEventListener('click', function () {
          finish();
          setText(status, '');
          start.focus();
        });
      });
  }

  // ---- Receipts ----

  var print = document.querySelector('[data-bs-cetak]');
  if (print) {
    print.hidden = false;
    print.addEventListener('click', function () {
      window.print();
    });
  }
})();
