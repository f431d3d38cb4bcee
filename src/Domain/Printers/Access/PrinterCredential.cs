namespace PrintFarm.Printers.Access;

/// <summary>One printer's broker login as stored: the hash only, never the password.</summary>
public sealed class PrinterCredential
{
    /// <summary>mosquitto's <c>$7$</c> hash (<see cref="MosquittoPasswordHash"/>); null once revoked.</summary>
    public string? Hash { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>Set when revoked: the printer cannot log in until an admin issues new credentials.</summary>
    public DateTimeOffset? RevokedAt { get; set; }

    public bool Active => Hash is not null && RevokedAt is null;
}
