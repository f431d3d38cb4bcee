namespace PrintFarm.Accounts;

/// <summary>
/// The Data Protection key ring of the gateways: the keys that sign their sign-in cookies and
/// form tokens. Every gateway of a farm reads the same ring from the farm's storage, so a person
/// signed in at one gateway is signed in at all of them, and a form served by one can be posted to
/// another. It is not the silos' ring (<c>Silo/Secrets</c>): a gateway never holds the keys that
/// open the printers' access codes.
/// </summary>
/// <remarks>
/// A stateless worker, so it answers on whichever silo takes the call. Data Protection reads the
/// ring at start and about once a day, and writes to it only when it makes a key (every 90 days).
/// </remarks>
[Alias("PrintFarm.IGatewayKeyRingGrain")]
public interface IGatewayKeyRingGrain : IGrainWithIntegerKey
{
    /// <summary>The largest key the ring takes: Data Protection's own keys are about 1 KB of XML.</summary>
    const int MaxKeyLength = 64 * 1024;

    /// <summary>The most keys the ring holds; the oldest beyond it were expired long ago (one key every 90 days).</summary>
    const int MaxKeys = 100;

    /// <summary>Every key, oldest first, as the XML Data Protection wrote it.</summary>
    [Alias("Keys")]
    Task<IReadOnlyList<string>> Keys();

    /// <summary>Adds a key under its name; a key stored twice under one name is stored once.</summary>
    [Alias("Store")]
    Task Store(string name, string xml);
}
