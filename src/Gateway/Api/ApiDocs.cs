using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
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

    private const string KeyScheme = "farm-key";

    /// <summary>
    /// What the generated document says besides each endpoint's own metadata: the API's name, the
    /// key it takes (a bearer token, so the reference page can send one), an operation id for every
    /// operation (its tag and handler, e.g. OrdersGet, unless the endpoint is named) and the 401 and
    /// 403 that every keyed endpoint may answer.
    /// </summary>
    public static void Describe(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "PrintFarm API",
                Version = "v1",
                Description = "Orders, designs, printers, jobs and accounts of a PrintFarm. Every endpoint but the tracking stream takes an API key "
                    + "(Authorization: Bearer pf_...; ./farm accounts makes them); a customer's key sees only its own orders and designs, another's answer 404.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[KeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key: Authorization: Bearer pf_...",
            };
            // The farm's own API first; the compatibility endpoints (Sculpteo's order API) after it.
            var compatibility = document.Paths.Where(p => p.Key.StartsWith("/api/store/", StringComparison.Ordinal) || p.Key.StartsWith("/shop/", StringComparison.Ordinal)).ToList();
            foreach (var (path, _) in compatibility) document.Paths.Remove(path);
            foreach (var (path, item) in compatibility) document.Paths.Add(path, item);
            if (document.Tags is { Count: > 0 } tags)
            {
                var ordered = tags.OrderBy(t => t.Name == Sculpteo.SculpteoApi.Tag ? 1 : 0).ToList();
                tags.Clear();
                foreach (var tag in ordered) tags.Add(tag);
            }
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (operation.OperationId is null && metadata.OfType<MethodInfo>().FirstOrDefault() is { } handler && !handler.Name.Contains('<'))
                operation.OperationId = (operation.Tags?.FirstOrDefault()?.Name ?? "") + handler.Name;
            var keyed = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
            if (!keyed) return Task.CompletedTask;
            operation.Responses ??= [];
            operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No valid key: missing, malformed, revoked or expired" });
            operation.Responses.TryAdd("403", new OpenApiResponse { Description = "The key's role may not do this" });
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(KeyScheme, context.Document)] = [] }];
            return Task.CompletedTask;
        });
    }

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
