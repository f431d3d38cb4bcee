using PrintFarm.Tests.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using PrintFarm.Jobs;
using PrintFarm.Printers;

namespace PrintFarm.Tests.Cluster;

/// <summary>One in-process Orleans cluster (TestingHost) shared by the cluster tests.</summary>
public sealed class FarmClusterFixture : IAsyncLifetime
{
    public static readonly RecordingCommandSender Commands = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IClusterClient Client => Cluster.Client;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(FarmStorage.Name);
            silo.AddIncomingGrainCallFilter<OutOfReach>();
            silo.UseInMemoryReminderService(); // open jobs hold a keep-alive reminder
            silo.Services.AddFarmDomain(new ConfigurationBuilder().Build());
            silo.Services.AddTestNotifications();
            silo.Services.AddSingleton<IPrinterCommandSender>(Commands);
            silo.Services.Configure<PrinterOptions>(o => o.IdleAnnounceEvery = TimeSpan.FromSeconds(1));
            silo.Services.Configure<PrintFarm.Orders.OrderOptions>(o => o.ReleaseRetry = TimeSpan.FromMilliseconds(200));
            silo.Services.Configure<PrintFarm.Dispatch.DispatchOptions>(o => o.ProjectionInterval = TimeSpan.FromMilliseconds(200));
            silo.Services.Configure<JobOptions>(o =>
            {
                o.MaxAttempts = 2;
                o.PostProcessing = TimeSpan.FromMilliseconds(300);
                o.QualityCheck = TimeSpan.FromMilliseconds(300);
                o.RequeueCheck = TimeSpan.FromMilliseconds(500);
                o.AssignmentCheck = TimeSpan.FromMilliseconds(500);
            });
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class FarmClusterCollection : ICollectionFixture<FarmClusterFixture>
{
    public const string Name = "farm cluster";
}
