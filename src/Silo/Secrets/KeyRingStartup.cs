using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PrintFarm.Silo.Secrets;

/// <summary>
/// Makes sure the shared key ring has a key before Orleans starts (registered ahead of it, after
/// the schema). Silos starting together on an empty database would otherwise each make their own
/// first key, and one would not know the other's until its key ring is next read (up to a day
/// later): on PostgreSQL the check and the making happen under an advisory lock.
/// </summary>
public sealed partial class KeyRingStartup(IKeyManager keys, FarmKeyRing? ring, TimeProvider clock, ILogger<KeyRingStartup> logger) : IHostedService
{
    /// <summary>Key of the session advisory lock that serializes making the first key ("PFKEYRNG").</summary>
    private const long LockKey = 0x5046_4B45_5952_4E47;

    /// <summary>As Data Protection's own default.</summary>
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromDays(90);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (ring is not { IsPostgres: true })
        {
            EnsureKey();
            return;
        }
        await using var connection = ring.Open();
        await Execute(connection, $"SELECT pg_advisory_lock({LockKey})", cancellationToken);
        try
        {
            EnsureKey();
        }
        finally
        {
            await Execute(connection, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void EnsureKey()
    {
        var now = clock.GetUtcNow();
        var usable = keys.GetAllKeys().Count(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now);
        if (usable > 0)
        {
            LogFound(usable);
            return;
        }
        var key = keys.CreateNewKey(now, now + KeyLifetime);
        LogCreated(key.KeyId, key.ExpirationDate);
    }

    private static async Task Execute(System.Data.Common.DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Key ring: {Count} usable key(s) in the farm's database")]
    private partial void LogFound(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Key ring: made the first key {KeyId}, valid until {Expires}")]
    private partial void LogCreated(Guid keyId, DateTimeOffset expires);
}
