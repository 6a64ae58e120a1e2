/*
 * The region map: kecamatan and kelurahan boundaries from the GeoJSON API, drawn
 * with Leaflet without a tile layer (no network beyond this site). Reads its URLs
 * and labels from data- attributes of #peta (the CSP allows no inline script).
 *
 * Contract with the browser tests: once the kecamatan layer is drawn, #peta gets
 * data-kecamatan-count (features drawn) and data-ready="1"; kecamatan paths have
 * the class "kecamatan", kelurahan paths the class "kelurahan".
 */
(function () {
  'use strict';

  var el = document.getElementById('peta');
  if (!el || typeof L === 'undefined') return;
  var status = document.getElementById('peta-status');
  var d = el.dataset;

  function say(text) {
    if (status) status.textContent = text;
  }

  function load(url) {
    return fetch(url, { headers: { accept: 'application/geo+json' }, credentials: 'same-origin' }).then(
      function (res) {
        if (!res.ok) throw new Error(url + ' answered ' + res.status);
        return res.json();
      },
    );
  }

  function popup(kind, f) {
    var box = document.createElement('div');
    var title = document.createElement('strong');
    title.textContent = kind + ' ' + f.properties.nama;
    var link = document.createElement('a');
    link.href = (d.wilayahUrl || '') + encodeURIComponent(f.properties.kode);
    link.textContent = d.labelOpen || f.properties.kode;
    box.appendChild(title);
    box.appendChild(document.createElement('br'));
    box.appendChild(link);
    return box;
  }

  var map = L.map(el, { zoomSnap: 0.25, scrollWheelZoom: false, attributionControl: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution('Batas wilayah: cahyadsn/wilayah_boundaries (MIT)');
  // Until the boundaries arrive: Indonesia, so the map is never blank.
  map.setView([-2.5, 118], 4);

  var kecamatanNames = {};
  var layers = L.control.layers(null, null, { collapsed: window.innerWidth < 600 }).addTo(map);

  load(d.kecamatanUrl)
    .then(function (fc) {
      var kecamatan = L.geoJSON(fc, {
        style: function () {
          return {
            className: 'kecamatan',
            color: '#1e4034',
            weight: 2.5,
            fillColor: '#2f7d5b',
            fillOpacity: 0.12,
          };
        },
        onEachFeature: function (f, layer) {
          kecamatanNames[f.properties.kode] = f.properties.nama;
          layer.bindTooltip(d.labelKecamatan + ' ' + f.properties.nama, { sticky: true });
          layer.bindPopup(popup(d.labelKecamatan, f));
        },
      }).addTo(map);
      var count = kecamatan.getLayers().length;
      layers.addOverlay(kecamatan, d.labelKecamatan);
      if (count > 0) map.fitBounds(kecamatan.getBounds(), { padding: [8, 8] });
      el.setAttribute('data-kecamatan-count', String(count));
      el.setAttribute('data-ready', '1');
      var nojs = document.getElementById('peta-nojs');
      if (nojs) nojs.hidden = true;
      return load(d.kelurahanUrl);
    })
    .then(function (fc) {
      // On top, transparent inside: hovering shows the kelurahan and its kecamatan.
      var kelurahan = L.geoJSON(fc, {
        style: function () {
          return { className: 'kelurahan', color: '#2b5f8a', weight: 1, dashArray: '4 3', fillOpacity: 0 };
        },
        onEachFeature: function (f, layer) {
          var kec = kecamatanNames[f.properties.kode.split('.').slice(0, 3).join('.')];
          layer.bindTooltip(
            d.labelKelurahan + ' ' + f.properties.nama + (kec ? ' · ' + d.labelKecamatan + ' ' + kec : ''),
            { sticky: true },
          );
          layer.bindPopup(popup(d.labelKelurahan, f));
        },
      }).addTo(map);
      el.setAttribute('data-kelurahan-count', String(kelurahan.getLayers().length));
      layers.addOverlay(kelurahan, d.labelKelurahan);
    })
    .catch(function (err) {
      say(d.labelError || String(err));
      el.setAttribute('data-error', '1');
    });
})();
