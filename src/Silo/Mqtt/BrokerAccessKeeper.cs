using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrintFarm.Printers.Access;
using PrintFarm.Protocol;

namespace PrintFarm.Silo.Mqtt;

/// <summary>
/// Keeps the farm's brokers in step with the printers' credentials, once the silo is up: seeds
/// them from the logins file, opens the embedded broker to printers, writes mosquitto's files,
/// and on every change (heard from <see cref="IPrinterCredentialsGrain"/>, and checked again every
/// <see cref="Recheck"/> in case a notice was lost) drops a session whose login no longer holds.
/// </summary>
public sealed partial class BrokerAccessKeeper(
    IGrainFactory grains,
    IPrinterCredentialsLookup lookup,
    IOptions<MqttOptions> mqtt,
    BrokerLogins logins,
    EmbeddedBroker broker,
    MosquittoFiles mosquitto,
    TimeProvider clock,
    ILogger<BrokerAccessKeeper> logger) : BackgroundService, IPrinterCredentialsObserver
{
    /// <summary>Under the grain's two-minute watch lapse, so the watch never ends while the silo runs.</summary>
    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(30);

    private IPrinterCredentialsGrain Book => grains.GetGrain<IPrinterCredentialsGrain>(IPrinterCredentialsGrain.Key);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var me = grains.CreateObjectReference<IPrinterCredentialsObserver>(this);
        var seeded = false;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = Recheck;
            try
            {
                if (!seeded)
                {
                    await Seed();
                    seeded = true;
                    logins.FarmIsUp();
                }
                await Book.Watch(me);
                await CheckAll();
                failures = 0;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                failures++;
                // The silo's broker backoff, without jitter: one loop per silo, nothing to spread out.
                wait = TimeSpan.FromTicks(Math.Min(mqtt.Value.ReconnectMaxDelay.Ticks, mqtt.Value.ReconnectDelay.Ticks << Math.Min(failures, 20)));
                LogCheckFailed(wait.TotalSeconds, ex.Message);
            }
            try { await Task.Delay(wait, clock, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }

    /// <summary>The logins file's passwords become the printers' credentials (hashed here: the grain never sees a password).</summary>
    private async Task Seed()
    {
        var path = mqtt.Value.PrinterLoginsFile;
        if (string.IsNullOrWhiteSpace(path)) return;
        var file = PrinterLoginsFile.Read(path);
        var seeds = new List<SeededPrinterCredential>(file.Printers.Count);
        foreach (var login in file.Printers)
        {
            var stored = await Book.HashOf(login.Id!);
            var same = stored is not null && MosquittoPasswordHash.Verify(login.Password, stored);
            seeds.Add(new SeededPrinterCredential { PrinterId = login.Id!, Hash = same ? stored! : MosquittoPasswordHash.Create(login.Password!), SamePassword = same });
        }
        var changed = await Book.Seed(seeds);
        LogSeeded(file.Printers.Count, changed, path);
    }

    private async Task CheckAll()
    {
        foreach (var (printerId, _) in broker.LoggedInPrinters())
        {
            await broker.CredentialsChanged(printerId, await Book.HashOf(printerId));
        }
        if (mosquitto.Enabled) await mosquitto.Write(await Book.Accounts(), TopicsOf, force: false, CancellationToken.None);
    }

    private Task<PrinterTopics> TopicsOf(string printerId) => lookup.TopicsOf(printerId);

    public async Task CredentialsChanged(string printerId, long version)
    {
        try
        {
            await broker.CredentialsChanged(printerId, await Book.HashOf(printerId), await lookup.TopicsOf(printerId));
            if (mosquitto.Enabled) await mosquitto.Write(await Book.Accounts(), TopicsOf, force: false, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The next check (within Recheck) tries again.
            LogCheckFailed(Recheck.TotalSeconds, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded printer credentials from {Path}: {Printers} printers, {Changed} changed")]
    private partial void LogSeeded(int printers, int changed, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not bring the brokers in step with the printers' credentials; trying again in {Seconds:F1}s ({Error})")]
    private partial void LogCheckFailed(double seconds, string error);
}
