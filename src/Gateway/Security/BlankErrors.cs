namespace PrintFarm.Gateway.Security;

/// <summary>
/// Endpoint metadata: an error is its status code alone, with an empty body, because the API it
/// reproduces promised its clients that (Sculpteo: "a corresponding HTTP status code is returned
/// along with a blank response"). The JSON API keeps its problem details.
/// </summary>
public sealed class BlankErrors
{
    public static readonly BlankErrors Instance = new();
}
