// Swagger UI over the app's own OpenAPI schema; assets come from the installed swagger-ui-bundle package.
window.ui = SwaggerUIBundle({ url: "/docs-openapi.json", dom_id: "#swagger-ui", deepLinking: true });
