namespace PrintFarm.Gateway.Security;

/// <summary>
/// Endpoint metadata: this endpoint takes an HTML form (urlencoded or multipart), as clients
/// written for another shop's API send it (<see cref="JsonRequestsOnly"/> lets it through). Only
/// for endpoints that authenticate by what the form itself carries (a login and password), never
/// by a cookie: a cross-site form then cannot act in a person's name.
/// </summary>
public sealed class TakesFormPost
{
    public static readonly TakesFormPost Instance = new();
}
