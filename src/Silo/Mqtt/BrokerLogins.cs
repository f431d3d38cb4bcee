using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PrintFarm.Printers.Access;
using PrintFarm.Printers.Registry;

namespace PrintFarm.Silo.Mqtt;

/// <summary>
/// Who may log in to the embedded broker: the farm's own account (from <see cref="MqttOptions"/>),
/// or a printer whose password matches the hash the farm stores (<see cref="IPrinterCredentialsGrain"/>).
/// Printers are told "server unavailable" until the silo has joined its cluster.
/// </summary>
public sealed class BrokerLogins(IOptions<MqttOptions> options, IServiceProvider services)
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
        var grains = services.GetRequiredService<IGrainFactory>();
        var hash = await grains.GetGrain<IPrinterCredentialsGrain>(IPrinterCredentialsGrain.Key).HashOf(username);
        if (hash is null || !MosquittoPasswordHash.Verify(password, hash)) return null;
        return new PrinterLoginCheck(await TopicsOf(grains, username), hash);
    }

    /// <summary>What the printer owns: its base topic or instance when it is registered as OctoPrint or Moonraker, its farm topics otherwise.</summary>
    public static async Task<PrinterTopics> TopicsOf(IGrainFactory grains, string printerId)
    {
        var registration = await grains.GetGrain<IPrinterRegistryGrain>(IPrinterRegistryGrain.Key).Get(printerId);
        return registration switch
        {
            { Dialect: PrinterDialect.OctoPrint, OctoPrintBaseTopic: { } baseTopic } => PrinterTopics.OctoPrint(printerId, baseTopic),
            { Dialect: PrinterDialect.Moonraker, MoonrakerInstance: { } instance } => PrinterTopics.Moonraker(printerId, instance),
            _ => PrinterTopics.Native(printerId),
        };
    }
}
