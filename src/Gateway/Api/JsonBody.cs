using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace PrintFarm.Gateway.Api;

/// <summary>
/// Reads a JSON body by hand so that malformed JSON, or a value of the wrong type, gets a problem
/// naming the field instead of a bare 400.
/// </summary>
public static class JsonBody
{
    /// <summary>
    /// Exactly <c>application/json</c>, optionally with <c>charset=utf-8</c>. Anything else, the
    /// types an HTML form can send across sites above all (form-urlencoded, multipart, text/plain),
    /// is refused: a browser sends application/json to another site only after a CORS preflight
    /// the gateway does not grant unless configured to.
    /// </summary>
    public static bool IsJson(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media)) return false;
        if (!media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)) return false;
        foreach (var parameter in media.Parameters)
        {
            var isUtf8Charset = parameter.Name.Equals("charset", StringComparison.OrdinalIgnoreCase)
                && (parameter.Value.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || parameter.Value.Equals("\"utf-8\"", StringComparison.OrdinalIgnoreCase));
            if (!isUtf8Charset) return false;
        }
        return true;
    }

    public static ProblemHttpResult NotJson() =>
        TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
            title: "Send JSON", detail: "Use the header Content-Type: application/json (UTF-8). Nothing was changed.");

    public static ProblemHttpResult TooLarge(long? limit) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request body is too large",
            detail: $"A request body may be at most {limit} bytes (Gateway:Limits:MaxRequestBodyBytes). Nothing was changed.",
            extensions: new Dictionary<string, object?> { ["field"] = "$" });

    /// <summary>The body's size limit, Kestrel's for this request (set from Gateway:Limits:MaxRequestBodyBytes).</summary>
    public static long? Limit(HttpRequest request) => request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;

    public static async Task<(T? Value, IResult? Problem)> Read<T>(HttpRequest request, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        if (!IsJson(request.ContentType)) return (default, NotJson());
        var limit = Limit(request);
        if (request.ContentLength > limit) return (default, TooLarge(limit));
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, cancellationToken);
            return value is null
                ? (default, TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["$"] = ["The request body is empty."] }, title: "The request could not be read"))
                : (value, null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (default, TooLarge(limit)); // a chunked body that did not say its length
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "$" : ex.Path.TrimStart('$', '.');
            return (default, TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [field] = [JsonProblem.Describe(ex)] }, title: "The request could not be read"));
        }
    }
}
