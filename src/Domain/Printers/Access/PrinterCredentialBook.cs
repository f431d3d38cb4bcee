namespace PrintFarm.Printers.Access;

/// <summary>The rules over every printer's broker login. Pure: the grain stores the state and tells the brokers.</summary>
public sealed class PrinterCredentialBook(PrinterCredentialBookState state)
{
    public PrinterCredentialBookState State { get; } = state;

    /// <summary>New credentials for a printer (first ones or a rotation, which also lifts a revocation): the old password stops working.</summary>
    public CredentialChange Issue(string printerId, string hash, DateTimeOffset now)
    {
        Check(hash);
        var rotated = State.Printers.ContainsKey(printerId);
        State.Printers[printerId] = new PrinterCredential { Hash = hash, IssuedAt = now };
        State.Version++;
        return rotated ? CredentialChange.Rotated : CredentialChange.Issued;
    }

    /// <summary>
    /// A password from the operator's seed file (the demo's, the tests'), hashed by the caller:
    /// it replaces what is stored unless an admin revoked the printer, so the file stays the
    /// truth for the printers it lists. <paramref name="samePassword"/> says whether the stored
    /// hash already verifies the seed's password (then nothing is written).
    /// </summary>
    public CredentialChange Seed(string printerId, string hash, bool samePassword, DateTimeOffset now)
    {
        Check(hash);
        if (State.Printers.TryGetValue(printerId, out var existing))
        {
            if (existing.RevokedAt is not null) return CredentialChange.KeptRevoked;
            if (samePassword && existing.Active) return CredentialChange.Unchanged;
        }
        return Issue(printerId, hash, now);
    }

    /// <summary>The printer's login stops working at once; its record stays, so a seed cannot bring it back.</summary>
    public CredentialChange Revoke(string printerId, DateTimeOffset now)
    {
        if (!State.Printers.TryGetValue(printerId, out var existing) || existing.RevokedAt is not null) return CredentialChange.Unchanged;
        existing.Hash = null;
        existing.RevokedAt = now;
        State.Version++;
        return CredentialChange.Revoked;
    }

    /// <summary>Issued credentials at some time, whether or not they are still active.</summary>
    public bool Knows(string printerId) => State.Printers.ContainsKey(printerId);

    public string? HashOf(string printerId) => State.Printers.TryGetValue(printerId, out var c) && c.Active ? c.Hash : null;

    /// <summary>The printers that can log in, by id: what the mosquitto password file lists.</summary>
    public IEnumerable<(string PrinterId, string Hash)> Active() =>
        State.Printers.Where(p => p.Value.Active).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value.Hash!));

    private static void Check(string hash)
    {
        if (!MosquittoPasswordHash.IsValid(hash)) throw new ArgumentException("Not a mosquitto $7$ hash.", nameof(hash));
    }
}
