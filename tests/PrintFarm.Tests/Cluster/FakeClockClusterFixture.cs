using PrintFarm.Tests.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using PrintFarm.Jobs;
using PrintFarm.Printers;

namespace PrintFarm.Tests.Cluster;

/// <summary>
/// One in-process cluster whose grains run on a clock the tests hold: a test that checks that
/// nothing happens moves <see cref="Clock"/> past the moment it would have happened, instead of
/// sleeping and hoping the wall clock got there.
/// </summary>
/// <remarks>
/// <para>
/// The <see cref="FakeTimeProvider"/> is the silo's <see cref="TimeProvider"/>: every farm grain and
/// service takes it from DI (AddFarmDomain's <c>TimeProvider.System</c> is registered with
/// <c>AddSingleton</c>, so the registration added after it wins), and Orleans 10 drives grain
/// timers (<c>RegisterGrainTimer</c>) from it, through the keyed area
/// <c>TimeProviderNames.Grains</c>, which resolves the default provider. Nothing moves it but
/// the tests: a timer fires only when a test advances the clock past its due time, and then at
/// once, inside <see cref="FakeTimeProvider.Advance(TimeSpan)"/>, which queues the tick on its grain.
/// </para>
/// <para>
/// Orleans' own loops (membership, silo health, the grain directory, activation collection,
/// message timeouts, the in-memory reminder service) stay on the wall clock:
/// <c>UseTimeProviderForBackgroundAreas(TimeProvider.System)</c> pins every other keyed area to
/// it. A silo with no area pinned starts and serves here too (tried), but its loops then run
/// only when a test moves the clock, inline on the test's thread, and a jump of minutes reaches
/// them as minutes gone by at once. One exception remains: Orleans retries a placement after a
/// delay on the default clock (see <see cref="DisposeAsync"/>).
/// </para>
/// <para>
/// Tests in one collection run one at a time, so a test that advances the clock is alone in it.
/// Whatever a test tells a grain happened "now" it stamps with <see cref="Now"/>, not the wall
/// clock, which this clock soon leaves behind.
/// </para>
/// </remarks>
public sealed class FakeClockClusterFixture : IAsyncLifetime
{
    public static readonly RecordingCommandSender Commands = new();

    public static readonly JobOptions Jobs = new()
    {
        MaxAttempts = 2,
        PostProcessing = TimeSpan.FromMinutes(1),
        QualityCheck = TimeSpan.FromMinutes(1),
        RequeueCheck = TimeSpan.FromMinutes(1),
        AssignmentCheck = TimeSpan.FromMinutes(1),
    };

    /// <summary>
    /// A printer checks on itself (silence, the idle re-offer to its pools) every OfflineAfter / 3,
    /// here every 5 minutes; a printer a test has stopped reporting for stays online for 15.
    /// </summary>
    public static readonly PrinterOptions Printers = new()
    {
        IdleAnnounceEvery = TimeSpan.FromMinutes(1),
        OfflineAfter = TimeSpan.FromMinutes(15),
    };

    /// <summary>How often a printer checks on itself (see <see cref="Printers"/>).</summary>
    public static TimeSpan PrinterWatch => Printers.OfflineAfter / 3;

    /// <summary>Starts at the wall clock's now (tests compare it with nothing else), and moves only when a test moves it.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public DateTimeOffset Now => Clock.GetUtcNow();

    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IClusterClient Client => Cluster.Client;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(FarmStorage.Name);
            silo.AddIncomingGrainCallFilter<OutOfReachOnFakeClock>();
            silo.UseInMemoryReminderService(); // open jobs hold a keep-alive reminder
            silo.Services.AddFarmDomain(new ConfigurationBuilder().Build());
            silo.Services.AddTestNotifications();
            silo.Services.AddSingleton<TimeProvider>(Clock);
            silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            silo.Services.AddSingleton<IPrinterCommandSender>(Commands);
            silo.Services.Configure<PrinterOptions>(o =>
            {
                o.IdleAnnounceEvery = Printers.IdleAnnounceEvery;
                o.OfflineAfter = Printers.OfflineAfter;
            });
            silo.Services.Configure<JobOptions>(o =>
            {
                o.MaxAttempts = Jobs.MaxAttempts;
                o.PostProcessing = Jobs.PostProcessing;
                o.QualityCheck = Jobs.QualityCheck;
                o.RequeueCheck = Jobs.RequeueCheck;
                o.AssignmentCheck = Jobs.AssignmentCheck;
            });
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>
    /// Moves the clock on in steps of <paramref name="step"/> until <paramref name="probe"/>
    /// gives what <paramref name="done"/> wants: for what the farm does on its timers once the
    /// test has stopped looking at the clock (a job going back to the queue, a printer offering
    /// itself again). The wall clock only bounds a broken run.
    /// </summary>
    public async Task<T> AdvanceUntil<T>(TimeSpan step, Func<Task<T>> probe, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var moved = TimeSpan.Zero;
        var last = await probe();
        while (!done(last))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Waited in vain for {what}, with the clock moved on {moved}. Last seen: {System.Text.Json.JsonSerializer.Serialize(last)}");
            Clock.Advance(step);
            moved += step;
            await Task.Delay(20);
            last = await probe();
        }
        return last;
    }

    /// <summary>
    /// The clock runs again while the silo stops: what a grain does on its way out may wait on it
    /// (Orleans retries a placement after a delay on the default clock, e.g. for a dispatcher
    /// storing its queue once the storage grains are gone), and on a frozen clock the shutdown
    /// would wait out its whole timeout.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        using var stopped = new CancellationTokenSource();
        var running = Task.Run(async () =>
        {
            while (!stopped.IsCancellationRequested)
            {
                Clock.Advance(TimeSpan.FromMilliseconds(100));
                await Task.Delay(10);
            }
        });
        try
        {
            await Cluster.DisposeAsync();
        }
        finally
        {
            await stopped.CancelAsync();
            await running;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class FakeClockClusterCollection : ICollectionFixture<FakeClockClusterFixture>
{
    public const string Name = "farm cluster on a fake clock";
}
