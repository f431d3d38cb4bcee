using System.Text.Json;
using System.Text.RegularExpressions;

namespace PrintFarm.Gateway.Api;

/// <summary>Says what was wrong with a JSON body in words a person sending it understands.</summary>
public static partial class JsonProblem
{
    public static string Describe(JsonException ex)
    {
        var message = ex.Message.Split(" Path:")[0];
        var conversion = ConversionFailure().Match(message);
        if (!conversion.Success) return $"The request body is not valid JSON: {message}";
        var type = conversion.Groups["type"].Value;
        var expected = type switch
        {
            _ when type.Contains("Int32") || type.Contains("Int64") => "a whole number",
            _ when type.Contains("Double") || type.Contains("Decimal") => "a number",
            _ when type.Contains("Boolean") => "true or false",
            _ when type.Contains("String") => "a string",
            _ when type.Contains("List") || type.Contains("[]") => "an array",
            _ => "an object",
        };
        return $"Expected {expected} here.";
    }

    [GeneratedRegex(@"could not be converted to (?<type>\S+)")]
    private static partial Regex ConversionFailure();
}
