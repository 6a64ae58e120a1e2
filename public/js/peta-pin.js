/*
 * The map pin of the business form: a progressive enhancement of the latitude and longitude
 * inputs (#f-lat, #f-lng), which work on their own without JavaScript. Shows the city's kecamatan
 * boundaries (no tile layer: no network beyond this site); a click on the map puts the pin there
 * and fills both inputs, the pin can be dragged, and typing in the inputs moves it. Reads its URL
 * and labels from data- attributes of #peta-pin (the CSP allows no inline script).
 *
 * Contract with the browser tests: when drawn, #peta-pin gets data-ready="1".
 */
(function () {
  'use strict';

  var el = document.getElementById('peta-pin');
  var lat = document.getElementById('f-lat');
  var lng = document.getElementById('f-lng');
  if (!el || !lat || !lng || typeof L === 'undefined') return;
  var status = document.getElementById('peta-pin-status');
  var d = el.dataset;
  el.hidden = false;
  if (status) status.hidden = false;

  function angka(input) {
    var s = input.value.replace(/\s/g, '');
    if (s.indexOf('.') < 0) s = s.replace(',', '.');
    var n = Number(s);
    return s !== '' && isFinite(n) ? n : null;
  }

  var map = L.map(el, { zoomSnap: 0.25, scrollWheelZoom: false });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution('Batas wilayah: cahyadsn/wilayah_boundaries (MIT)');
  map.setView([-2.5, 118], 4);
  var pin = null;

  function taruh(latlng, pan) {
    if (!pin) {
      pin = L.marker(latlng, { draggable: true, keyboard: true }).addTo(map);
      pin.on('dragend', function () {
        tulis(pin.getLatLng());
      });
    } else pin.setLatLng(latlng);
    if (pan) map.panTo(latlng);
  }

  function tulis(latlng) {
    lat.value = latlng.lat.toFixed(6);
    lng.value = latlng.lng.toFixed(6);
  }

  function dariInput() {
    var a = angka(lat);
    var b = angka(lng);
    if (a !== null && b !== null && Math.abs(a) <= 90 && Math.abs(b) <= 180) taruh([a, b], true);
  }

  map.on('click', function (e) {
    taruh(e.latlng, false);
    tulis(e.latlng);
  });
  lat.addEventListener('change', dariInput);
  lng.addEventListener('change', dariInput);

  fetch(d.kecamatanUrl, { headers: { accept: 'application/geo+json' }, credentials: 'same-origin' })
    .then(function (res) {
      if (!res.ok) throw new Error(d.kecamatanUrl + ' answered ' + res.status);
      return res.json();
    })
    .then(function (fc) {
      var batas = L.geoJSON(fc, {
        style: function () {
          return { color: '#2b5f8a', weight: 1, fillColor: '#e3efe9', fillOpacity: 0.5 };
        },
        onEachFeature: function (f, layer) {
          layer.bindTooltip(f.properties.nama, { sticky: true });
          layer.on('click', function (e) {
            taruh(e.latlng, false);
            tulis(e.latlng);
          });
        },
      }).addTo(map);
      if (batas.getLayers().length > 0) map.fitBounds(batas.getBounds(), { padding: [8, 8] });
      dariInput();
      el.setAttribute('data-ready', '1');
    })
    .catch(function (err) {
      if (status) status.textContent = d.labelError || String(err);
      el.setAttribute('data-error', '1');
    });
})();
