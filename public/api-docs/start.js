// Start-up of the API reference page (Swagger UI from npm's swagger-ui-dist), in a file of its
// own so the page's Content-Security-Policy needs no inline script. It renders the committed
// OpenAPI document beside it (the same one the server serves at /api/v1/openapi.json).
/* global SwaggerUIBundle */
(function () {
  'use strict';
  SwaggerUIBundle({
    url: new URL('openapi.json', document.baseURI).href,
    dom_id: '#api',
    deepLinking: true,
    defaultModelsExpandDepth: 0,
    // Calls go to this server only; nothing is tried from the page unless asked.
    tryItOutEnabled: false,
    validatorUrl: null
  });
})();
