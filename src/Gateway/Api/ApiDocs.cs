using NetEscapades.AspNetCore.SecurityHeaders;
using Scalar.AspNetCore;

namespace PrintFarm.Gateway.Api;

/// <summary>
/// The API's description, <c>/openapi/v1.json</c>, and a reference to read it in a browser,
/// <c>/api/docs</c> (Scalar). Both are public: they describe the endpoints and carry no data,
/// and every endpoint they describe still asks for its key. The page works without internet
/// access: Scalar's script comes from its package, served under <c>/api/docs/</c>; its CDN fonts,
/// telemetry, AI agent and MCP links are off. It gets its own security headers
/// (<see cref="Security.GatewaySecurity.DocsHeaders"/>): its one inline script carries the
/// request's nonce, and the styles its script makes are allowed.
/// </summary>
public static class ApiDocs
{
    public const string Path = "/api/docs";
    public const string OpenApiPath = "/openapi/{documentName}.json";
    public const string HeadersPolicy = "api-docs";

    public static WebApplication MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi(OpenApiPath).AllowAnonymous();
        app.MapScalarApiReference(Path, (options, http) =>
            {
                options.WithTitle("PrintFarm API")
                    .WithOpenApiRoutePattern(OpenApiPath)
                    .DisableDefaultFonts()
                    .DisableTelemetry()
                    .DisableAgent()
                    .DisableMcp();
                options.Nonce = http.GetNonce();
            })
            .AllowAnonymous()
            .WithSecurityHeadersPolicy(HeadersPolicy);
        return app;
    }
}
