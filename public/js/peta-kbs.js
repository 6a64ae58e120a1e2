/*
 * The KBS map: kelurahan boundaries from the wilayah GeoJSON API, coloured by the share of their
 * RWs with a KBS status from the sebaran API (the colour class "kelas" is computed on the server;
 * the palette is in balai.css, classes kbs-k-1 .. kbs-k5). No tile layer: no network beyond this
 * site. Reads its URLs and labels from data- attributes of #peta (the CSP allows no inline script).
 *
 * Contract with the browser tests: when drawn, #peta gets data-ready="1"; each kelurahan path has
 * data-kode (the kelurahan code), data-kelas and the class "kelurahan kbs-k<kelas>".
 */
(function () {
  'use strict';

  var el = document.getElementById('peta');
  if (!el || typeof L === 'undefined') return;
  var status = document.getElementById('peta-status');
  var d = el.dataset;

  function load(url, accept) {
    return fetch(url, { headers: { accept: accept }, credentials: 'same-origin' }).then(function (res) {
      if (!res.ok) throw new Error(url + ' answered ' + res.status);
      return res.json();
    });
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) {
      return values[k] === undefined ? '' : String(values[k]);
    });
  }

  var angka = new Intl.NumberFormat(document.documentElement.lang === 'en' ? 'en' : 'id-ID', {
    maximumFractionDigits: 1,
  });

  var map = L.map(el, { zoomSnap: 0.25, scrollWheelZoom: false, attributionControl: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution('Batas wilayah: cahyadsn/wilayah_boundaries (MIT)');
  map.setView([-2.5, 118], 4);

  Promise.all([load(d.kelurahanUrl, 'application/geo+json'), load(d.sebaranUrl, 'application/json')])
    .then(function (res) {
      var fc = res[0];
      var byKode = {};
      res[1].kelurahan.forEach(function (k) {
        byKode[k.kode] = k;
      });
      var layer = L.geoJSON(fc, {
        style: function (f) {
          var k = byKode[f.properties.kode];
          var kelas = k ? k.kelas : -1;
          return { className: 'kelurahan kbs-k' + kelas, color: '#1e4034', weight: 1, fillOpacity: 0.85 };
        },
        onEachFeature: function (f, l) {
          var k = byKode[f.properties.kode];
          var text = k
            ? fill(d.labelRw, {
                kelurahan: f.properties.nama,
                kbs: angka.format(k.jumlahKbs),
                rw: angka.format(k.jumlahRw),
                persen: k.persen === null ? '—' : angka.format(k.persen),
              })
            : f.properties.nama + ': ' + d.labelTanpaRw;
          l.bindTooltip(text, { sticky: true });
          l.on('add', function () {
            var p = l.getElement();
            if (!p) return;
            p.setAttribute('data-kode', f.properties.kode);
            p.setAttribute('data-kelas', String(k ? k.kelas : -1));
          });
        },
      }).addTo(map);
      if (layer.getLayers().length > 0) map.fitBounds(layer.getBounds(), { padding: [8, 8] });
      el.setAttribute('data-ready', '1');
    })
    .catch(function (err) {
      if (status) status.textContent = d.labelError || String(err);
      el.setAttribute('data-error', '1');
    });
})();
