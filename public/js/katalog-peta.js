/*
 * The UMKM map: kelurahan boundaries from the wilayah GeoJSON API as the base (no tile layer: no
 * network beyond this site), and a circle for every verified business with a location from the
 * catalogue's markers API, linking to the business page. Reads its URLs and labels from data-
 * attributes of #peta (the CSP allows no inline script). The list under the map is the same
 * content without JavaScript.
 *
 * Contract with the browser tests: when drawn, #peta gets data-ready="1" and data-penanda-count
 * (markers drawn; they are painted on a canvas, so they are not DOM elements).
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

  function popup(u) {
    var box = document.createElement('div');
    var title = document.createElement('strong');
    title.textContent = u.nama;
    var link = document.createElement('a');
    link.href = d.usahaUrl + encodeURIComponent(u.slug);
    link.textContent = d.labelBuka;
    box.appendChild(title);
    box.appendChild(document.createElement('br'));
    box.appendChild(link);
    return box;
  }

  // Canvas draws thousands of circles without a DOM node each (mid-range phones).
  var map = L.map(el, { zoomSnap: 0.25, scrollWheelZoom: false, preferCanvas: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution('Batas wilayah: cahyadsn/wilayah_boundaries (MIT)');
  map.setView([-2.5, 118], 4);

  Promise.all([load(d.kelurahanUrl, 'application/geo+json'), load(d.penandaUrl, 'application/json')])
    .then(function (res) {
      var batas = L.geoJSON(res[0], {
        style: function () {
          return {
            className: 'kelurahan',
            color: '#2b5f8a',
            weight: 1,
            fillColor: '#e3efe9',
            fillOpacity: 0.5,
          };
        },
        onEachFeature: function (f, layer) {
          layer.bindTooltip(f.properties.nama, { sticky: true });
        },
      }).addTo(map);
      var penanda = L.layerGroup();
      res[1].items.forEach(function (u) {
        L.circleMarker([u.lat, u.lng], {
          radius: 6,
          color: '#ffffff',
          weight: 1.5,
          fillColor: '#0f6b4f',
          fillOpacity: 0.9,
        })
          .bindPopup(popup(u))
          .addTo(penanda);
      });
      penanda.addTo(map);
      if (batas.getLayers().length > 0) map.fitBounds(batas.getBounds(), { padding: [8, 8] });
      if (res[1].terpotong && status) status.textContent = d.labelTerpotong;
      el.setAttribute('data-penanda-count', String(res[1].items.length));
      el.setAttribute('data-ready', '1');
    })
    .catch(function (err) {
      if (status) status.textContent = d.labelError || String(err);
      el.setAttribute('data-error', '1');
    });
})();
