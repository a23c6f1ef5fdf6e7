// AMOE embed: shows the declaration or the status page inside a university
// portal. Include it where the service should appear (see docs/embedding.md):
//   <script src="https://amoe.example.ma/embed.js" data-university="um5"
//           data-lang="ar" data-journey="declare" async></script>
// A portal that vouches for its logged-in student adds data-token, a JWT it
// signed; it is handed to the frame by message, never in an address.
// It defines one global, window.AMOE, and needs nothing else.
(function () {
  "use strict";
  var TITLES = __TITLES__;
  var script = document.currentScript;
  if (!script || !script.src) return;
  var origin = new URL(script.src).origin;
  var data = script.dataset;
  var journey = data.journey === "status" ? "status" : "declare";
  var lang = TITLES[data.lang] ? data.lang : (document.documentElement.lang || "").slice(0, 2);
  if (!TITLES[lang]) lang = "fr";
  var query = new URLSearchParams({ lang: lang });
  if (data.university) query.set("university", data.university);

  var frame = document.createElement("iframe");
  frame.src = origin + "/embed/" + journey + "?" + query;
  frame.title = TITLES[lang][journey];
  frame.loading = "lazy";
  frame.setAttribute("allow", "clipboard-write");
  frame.style.cssText = "display:block;width:100%;border:0;height:" + (data.height || "600") + "px";
  frame.className = "amoe-embed";
  script.parentNode.insertBefore(frame, script.nextSibling);

  // The app posts its height, and that it is ready for the portal's token;
  // only messages from the app's own origin and from this frame are heard,
  // and the token goes to that origin only.
  window.addEventListener("message", function (event) {
    if (event.origin !== origin || event.source !== frame.contentWindow) return;
    var message = event.data;
    if (message && message.type === "amoe:height" && isFinite(message.height) && message.height > 0) {
      frame.style.height = Math.ceil(message.height) + "px";
    }
    if (message && message.type === "amoe:ready" && data.token) {
      frame.contentWindow.postMessage({ type: "amoe:token", token: data.token }, origin);
    }
  });

  var api = (window.AMOE = window.AMOE || { version: 1, frames: [] });
  api.frames.push(frame);
})();
