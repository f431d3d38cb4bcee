namespace PrintFarm.Storage;

/// <summary>
/// The farm turned new work away because its database is behind with what it has already
/// accepted (<c>Storage:MostOperationsInFlight</c>). Nothing of the request was stored; the
/// gateway answers 503 with Retry-After, and the same request sent again later is placed.
/// </summary>
[GenerateSerializer, Alias("PrintFarm.FarmBusyException")]
public sealed class FarmBusyException()
    : Exception("The farm is busy storing what it has already accepted, so this was not carried out. Send it again in a moment.");
