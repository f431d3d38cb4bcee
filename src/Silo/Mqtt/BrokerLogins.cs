using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PrintFarm.Printers.Access;

namespace PrintFarm.Silo.Mqtt;

/// <summary>
/// Who may log in to the embedded broker: the farm's own account (from <see cref="MqttOptions"/>),
/// or a printer whose password matches the hash the farm stores (<see cref="IPrinterCredentialsGrain"/>).
/// Printers are told "server unavailable" until the silo has joined its cluster.
/// </summary>
public sealed class BrokerLogins(IOptions<MqttOptions> options, IPrinterCredentialsLookup lookup)
{
    private volatile bool _farmIsUp;

    /// <summary>The silo is up: grain calls work from here on.</summary>
    public void FarmIsUp() => _farmIsUp = true;

    public bool Ready => _farmIsUp;

    public string FarmUsername => options.Value.Username ?? "";

    /// <summary>The farm's account, compared in constant time.</summary>
    public bool IsFarm(string? username, string? password)
    {
        var o = options.Value;
        if (o.Username is null || o.Password is null || username is null || password is null) return false;
        return username == o.Username
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(o.Password));
    }

    /// <summary>The printer's topics and the hash it logged in with, or null for a wrong or unknown login.</summary>
    public async Task<PrinterLoginCheck?> CheckPrinter(string username, string password)
    {
        if (BrokerAccess.WhyNoCredentials(username, options.Value.Username) is not null) return null;
        if (password.Length is < PrinterPassword.MinLength or > PrinterPassword.MaxLength) return null;
        var hash = await lookup.HashOf(username);
        if (hash is null || !MosquittoPasswordHash.Verify(password, hash)) return null;
        return new PrinterLoginCheck(await lookup.TopicsOf(username), hash);
    }
}
