namespace PrintFarm.Storage;

/// <summary>
/// The farm could not read or write its database, so the request was not carried out. It
/// crosses the wire in place of the driver's own exception (NpgsqlException, SqliteException),
/// which a gateway could not deserialize; the gateway answers 503 with Retry-After.
/// </summary>
[GenerateSerializer, Alias("PrintFarm.StorageUnavailableException")]
public sealed class StorageUnavailableException(string detail)
    : Exception($"The farm's database is not reachable right now ({detail}).")
{
    [Id(0)] public string Detail { get; } = detail;
}
