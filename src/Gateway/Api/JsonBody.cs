using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PrintFarm.Gateway.Api;

/// <summary>
/// Reads a JSON body by hand so that malformed JSON, or a value of the wrong type, gets a problem
/// naming the field instead of a bare 400.
/// </summary>
public static class JsonBody
{
    public static async Task<(T? Value, IResult? Problem)> Read<T>(HttpRequest request, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        if (request.ContentType is null || !request.ContentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return (default, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Send JSON", detail: "Use the header Content-Type: application/json."));
        }
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, cancellationToken);
            return value is null
                ? (default, TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["$"] = ["The request body is empty."] }, title: "The request could not be read"))
                : (value, null);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "$" : ex.Path.TrimStart('$', '.');
            return (default, TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [field] = [JsonProblem.Describe(ex)] }, title: "The request could not be read"));
        }
    }
}
