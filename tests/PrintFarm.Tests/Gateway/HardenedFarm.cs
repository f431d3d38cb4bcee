using Microsoft.Extensions.DependencyInjection;
using PrintFarm.Tests.EndToEnd;

namespace PrintFarm.Tests.Gateway;

/// <summary>
/// One farm for the gateway's defences, with limits small enough to reach in a test: 4 KiB
/// bodies, 2 event streams per client, 50 jobs per order, 20 timeline entries, a CORS origin
/// and loopback host names only.
/// </summary>
public sealed class HardenedFarm : IAsyncLifetime
{
    public const string ShopOrigin = "https://shop.example";

    public GrainCallCounter Calls { get; } = new();
    public FarmHost Farm { get; }

    public HardenedFarm()
    {
        Farm = new FarmHost(settings: new Dictionary<string, string?>
        {
            ["AllowedHosts"] = "localhost;127.0.0.1",
            ["Gateway:Limits:MaxRequestBodyBytes"] = "4096",
            ["Gateway:Limits:MaxEventStreamsPerClient"] = "2",
            ["Gateway:Limits:StreamRetryAfterSeconds"] = "7",
            ["Gateway:Cors:AllowedOrigins:0"] = ShopOrigin,
            ["Orders:Limits:MaxJobsPerOrder"] = "50",
            ["Orders:MaxTimelineEntries"] = "20",
            ["Orders:MaxEstimateHistory"] = "5",
        }, siloServices: services => services.AddSingleton<IIncomingGrainCallFilter>(Calls));
    }

    public HttpClient Http => Farm.Http;

    public ValueTask InitializeAsync() => new(Farm.Start());

    public ValueTask DisposeAsync() => Farm.DisposeAsync();
}
