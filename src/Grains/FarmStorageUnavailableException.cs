namespace PrintFarm;

/// <summary>
/// The farm's database did not take a write (or a read): the request was not carried out and
/// nothing of it was kept. Thrown in place of the provider's own exception (Npgsql's or SQLite's),
/// which Orleans cannot carry to a client; the gateway answers 503 with Retry-After.
/// </summary>
[GenerateSerializer, Alias("PrintFarm.FarmStorageUnavailableException")]
public sealed class FarmStorageUnavailableException : Exception
{
    public FarmStorageUnavailableException() { }

    public FarmStorageUnavailableException(string message) : base(message) { }

    public FarmStorageUnavailableException(string message, Exception inner) : base(message, inner) { }
}
