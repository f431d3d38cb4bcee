using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PrintFarm.Tests.Gateway;

/// <summary>
/// The API's description (/openapi/v1.json) lists the endpoints with their summaries, and its
/// reference page (/api/docs, Scalar) loads only files the gateway serves itself, under a CSP
/// that lets its one inline script run by nonce.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed partial class ApiDocsTests(ExportFarm farm) : IClassFixture<ExportFarm>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_openapi_document_lists_the_order_design_and_export_endpoints_with_summaries_without_a_key()
    {
        using var anonymous = farm.Farm.Client(null);
        var answer = await anonymous.GetAsync("/openapi/v1.json", Ct);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var text = await answer.Content.ReadAsStringAsync(Ct);
        var document = JsonDocument.Parse(text).RootElement;
        Assert.Equal("PrintFarm API", document.GetProperty("info").GetProperty("title").GetString());
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("farm-key").GetProperty("scheme").GetString());
        var paths = document.GetProperty("paths");

        string[] expected =
        [
            "/api/orders", "/api/orders/{reference}", "/api/orders/{reference}/events", "/api/orders/{reference}/cancel",
            "/api/orders/export.csv", "/api/orders/{reference}/export.csv",
            "/api/designs", "/api/designs/{id}",
            // The operator console's moves.
            "/api/printers/{printerId}/pause", "/api/printers/{printerId}/resume", "/api/printers/{printerId}/cancel", "/api/printers/{printerId}/service",
            "/api/jobs/{jobId}/express", "/api/jobs/{jobId}/hold", "/api/jobs/{jobId}/release", "/api/jobs/{jobId}/retry",
        ];
        var listed = paths.EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in expected) Assert.True(listed.Contains(path), $"{path} is not in the document: {string.Join(", ", listed)}");
        // Every operation says what it does.
        foreach (var path in paths.EnumerateObject())
        foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "delete"))
        {
            Assert.True(operation.Value.TryGetProperty("summary", out var summary) && summary.GetString() is { Length: > 0 }, $"{operation.Name} {path.Name} has no summary");
            Assert.True(operation.Value.TryGetProperty("operationId", out var id) && id.GetString() is { Length: > 0 }, $"{operation.Name} {path.Name} has no operation id");
        }

        var many = paths.GetProperty("/api/orders/export.csv").GetProperty("get");
        Assert.True(many.TryGetProperty("operationId", out _), many.ToString());
        Assert.Equal("ExportOrders", many.GetProperty("operationId").GetString());
        Assert.True(many.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/csv", out _));
        var parameters = many.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Contains("status", parameters);
        Assert.Contains("from", parameters);
        Assert.Contains("to", parameters);
        var one = paths.GetProperty("/api/orders/{reference}/export.csv").GetProperty("get");
        Assert.Equal("ExportOrder", one.GetProperty("operationId").GetString());
        Assert.True(one.GetProperty("responses").TryGetProperty("404", out _));
        Assert.True(one.GetProperty("responses").TryGetProperty("401", out _));
        Assert.Equal("OrdersGet", paths.GetProperty("/api/orders/{reference}").GetProperty("get").GetProperty("operationId").GetString());
        var service = paths.GetProperty("/api/printers/{printerId}/service").GetProperty("post");
        Assert.Equal("PrintersSetInService", service.GetProperty("operationId").GetString());
        Assert.True(service.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        foreach (var status in new[] { "200", "400", "404", "401", "403" }) Assert.True(service.GetProperty("responses").TryGetProperty(status, out _), $"service answers {status}");
        var express = paths.GetProperty("/api/jobs/{jobId}/express").GetProperty("post");
        Assert.Equal("JobsExpediteJob", express.GetProperty("operationId").GetString());
        Assert.True(express.GetProperty("responses").TryGetProperty("409", out _));
        // The public stream takes no key, so it answers no 401.
        Assert.False(paths.GetProperty("/api/orders/{reference}/events").GetProperty("get").GetProperty("responses").TryGetProperty("401", out _));
    }

    [Fact]
    public async Task The_reference_page_answers_html_whose_scripts_and_styles_are_all_served_by_the_gateway()
    {
        using var anonymous = farm.Farm.Client(null);
        var answer = await anonymous.GetAsync("/api/docs", Ct);
        var html = await answer.Content.ReadAsStringAsync(Ct);
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{(int)answer.StatusCode}: {html}");
        Assert.Equal("text/html", answer.Content.Headers.ContentType?.MediaType);
        // Its files are named relative to the page: /api/docs sends the browser on to /api/docs/.
        Assert.EndsWith("/api/docs/", answer.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.True(html.Contains("\"openapi/v1.json\""), html);

        var references = Reference().Matches(html).Select(m => m.Groups["url"].Value).ToList();
        Assert.NotEmpty(references);
        foreach (var url in references)
        {
            Assert.False(url.StartsWith("//", StringComparison.Ordinal) || Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Host != farm.Farm.BaseAddress.Host,
                $"the page loads {url} from another site");
            var asset = await anonymous.GetAsync(new Uri(answer.RequestMessage!.RequestUri!, url), Ct);
            Assert.True(asset.StatusCode == HttpStatusCode.OK, $"{url}: {(int)asset.StatusCode}");
        }
        Assert.DoesNotContain("cdn.", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("fonts.", html, StringComparison.OrdinalIgnoreCase);

        // Its inline script runs by the nonce that the CSP names; nothing else is let in from elsewhere.
        var csp = string.Join(";", answer.Headers.GetValues("Content-Security-Policy"));
        var nonce = Regex.Match(csp, "'nonce-(?<n>[^']+)'").Groups["n"].Value;
        Assert.NotEmpty(nonce);
        foreach (Match script in Regex.Matches(html, "<script(?<attributes>[^>]*)>"))
            Assert.Contains($"nonce=\"{nonce}\"", WebUtility.HtmlDecode(script.Groups["attributes"].Value));
        Assert.Contains("default-src 'none'", csp);
        Assert.DoesNotContain("http", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        // Every other page keeps the strict policy: no nonce, no inline style.
        var other = string.Join(";", (await anonymous.GetAsync("/openapi/v1.json", Ct)).Headers.GetValues("Content-Security-Policy"));
        Assert.DoesNotContain("nonce-", other);
        Assert.DoesNotContain("unsafe-inline", other);
    }

    [GeneratedRegex("""<(?:script|link)\b[^>]*?\b(?:src|href)="(?<url>[^"]+)"[^>]*>""")]
    private static partial Regex Reference();
}
